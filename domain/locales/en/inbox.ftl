# The inbox: the chat list with its filters and search, the keyboard shortcuts, the tab
# title and notifications, the admins' alerts, the connection badge, and the page shown
# while the session is checked or to a role the page is not for.

inbox-pick-chat = Pick a chat on the left to read and reply.
inbox-chats = Chats
inbox-no-match = No chats match these filters.
inbox-empty = No chats yet.
inbox-empty-help = When a customer writes to one of your lines, the chat appears here.
inbox-empty-try-simulator = Try the Simulator.

## Filters above the list
inbox-filter-scope = Whose chats
inbox-filter-all = All chats
inbox-filter-mine = Mine
inbox-filter-unassigned = Unassigned
inbox-team = Team { $name }
inbox-filter-status = Open or resolved
inbox-filter-open = Open
inbox-filter-resolved = Resolved
inbox-filter-open-and-resolved = Open and resolved
inbox-filter-line = Line
inbox-filter-all-lines = All lines
inbox-filter-tag = Tag
inbox-filter-any-tag = Any tag

## Search
inbox-search = Search contacts and messages
inbox-search-results = Search results
inbox-search-nothing = Nothing found in this device's copy of the chats.

## The tab title and browser notifications
inbox-tab-title = ({ $count }) Switchboard
inbox-tab-title-none = Switchboard
inbox-mentioned-you = { $agent } mentioned you · { $chat }

## Keyboard shortcuts (`?`)
inbox-shortcuts = Keyboard shortcuts
inbox-shortcut-either = { $first }  or  { $second }
inbox-shortcut-next = Next chat
inbox-shortcut-previous = Previous chat
inbox-shortcut-assign = Assign the open chat to me
inbox-shortcut-resolve = Resolve or reopen the open chat
inbox-shortcut-write = Write in the open chat
inbox-shortcut-search = Search
inbox-shortcut-help = Show or hide these shortcuts
inbox-shortcuts-close = Esc closes this.

## Alerts for admins
inbox-unreadable-webhooks = { $count ->
    [one] { $count } webhook from Meta could not be read; it is kept whole in the event log (type webhook_unreadable).
   *[other] { $count } webhooks from Meta could not be read; they are kept whole in the event log (type webhook_unreadable).
}

## The link to the relay, in the header
inbox-connection = Link to the relay
inbox-connection-connecting = Connecting…
inbox-connection-online = Online
inbox-connection-offline = Offline

## Before a page shows
inbox-opening = Opening the inbox…
inbox-not-for-role = Not for your role
inbox-role-needed = { $role ->
    [agent] This page is for agents and above. Ask an admin if you need it.
    [supervisor] This page is for supervisors and admins. Ask an admin if you need it.
   *[admin] This page is for admins. Ask an admin if you need it.
}
inbox-back-to-inbox = Back to the inbox
inbox-line-alert-token = Meta rejected the access token of line { $line } ({ $code }): an admin must update it in the configuration and restart the relay.

## What Meta reports about a line (admins see these until a newer report replaces them)
line-report-banned = Meta disabled the WhatsApp Business account of line { $line }: it can no longer send messages. Appeal in WhatsApp Manager (Account quality).
line-report-ban-scheduled = Meta will disable the WhatsApp Business account of line { $line }: appeal in WhatsApp Manager (Account quality) before the date shown.
line-report-reinstated = Meta reinstated the WhatsApp Business account of line { $line }: it can send again.
line-report-restricted = Meta restricted what line { $line } may send: see Account quality in WhatsApp Manager for what is limited and until when.
line-report-violation = Meta warned line { $line } about a policy violation: review it in WhatsApp Manager (Account quality) to avoid a restriction.
line-report-account = Meta updated the account of line { $line }.
line-report-flagged = Meta flagged the quality of line { $line }'s number as low: customers are blocking or reporting its messages; its sending limit may be lowered.
line-report-downgraded = Meta lowered the sending limit of line { $line }'s number after low-quality messages.
line-report-upgraded = Meta raised the sending limit of line { $line }'s number.
line-report-unflagged = The quality of line { $line }'s number is no longer flagged.
line-report-quality = Meta updated the quality rating of line { $line }'s number.
line-report-meta-says = Meta says: { $detail }
