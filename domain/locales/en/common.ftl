# What every page shares: the header, the menu, the language picker, connection and
# offline notices, and counts.

product = Switchboard
nav-inbox = Inbox
nav-quick-replies = Quick replies
nav-simulator = Simulator
nav-admin = Admin
nav-account = Your account
nav-menu = Menu
nav-back = Back
log-out = Log out
logging-out = Logging out…
offline-copy = offline copy
offline-banner = Offline — showing the copy saved in this browser. Switchboard reconnects by itself.
language = Language
unread-count = { $count ->
    [one] { $count } unread message
   *[other] { $count } unread messages
}
