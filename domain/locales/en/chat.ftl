
# A chat: its header, the 24-hour window, day separators, bubbles and the composer.

window-open = Replies allowed for { $hours } h { $minutes } min
window-closed = Replies need a template
day-today = Today
day-yesterday = Yesterday

## The chat's header and messages
chat-missing = This chat is not in the inbox (yet).
chat-missing-help = It appears here as soon as its first message arrives.
chat-typing = { $name } is typing…
chat-viewing = { $name } is viewing
chat-older = Older messages appear as you scroll up.
chat-waiting = 🕓 waiting
chat-waiting-help = Waiting to send: goes out when the relay is reachable
chat-not-sent = ⚠ Not sent: { $reason }
chat-discard = Discard

## Assignment, resolving and tags
chat-assigned-to = Assigned to
chat-unassigned = Unassigned
chat-assign-to-me = Assign to me
chat-resolve = Resolve
chat-reopen = Reopen
chat-tag-remove = Remove this tag
chat-tag-add = Add a tag
chat-tag-colour = Colour of a new tag

## The composer
chat-window-closed-notice = Outside the 24-hour window — the customer has not written in the last 24 hours: send an approved template.
chat-files-need-connection = Files need a connection to the relay: send it again once Switchboard is back online.
chat-replying-to = Replying to
chat-cancel-reply = Cancel the reply
chat-file-becomes-caption = the text below becomes its caption
chat-remove-file = Remove the file
chat-uploading = Uploading { $name }…
chat-note-mode = Note
chat-note-mode-help = Write a private note for the team
chat-insert-emoji = Insert an emoji
chat-attach = Attach a file
chat-attach-help = Attach a photo, video, audio or document
chat-placeholder = Type a message, or / for quick replies
chat-placeholder-note = Private note: the customer never sees it (@username notifies)
chat-placeholder-closed = Replies are closed for this chat
chat-send = Send

## Templates, when the window is closed
chat-templates-none = This line has no approved templates yet: create one in WhatsApp Manager; it appears here once Meta approves it.
chat-template-choose = Choose a template…
chat-template-category = { $category ->
    [marketing] marketing
    [utility] utility
    [authentication] authentication
   *[other] { $category }
}
chat-template-header-field = Header { $placeholder }
chat-template-button-field = Button { $number } link ending
chat-template-media-field = { $kind ->
    [image] Header image: https link or uploaded media id
    [video] Header video: https link or uploaded media id
   *[document] Header document: https link or uploaded media id
}
chat-template-send = Send template

## A message bubble
chat-note-by = Private note · { $name }
chat-author-outside = Outside Switchboard
chat-quote-you = You
chat-quote-gone = A message no longer in this chat
chat-quote-show = Show the message
chat-reply = Reply
chat-reply-help = Reply to this message
chat-more = More actions
chat-forwarded = Forwarded
chat-forwarded-many = Forwarded many times
chat-deleted = deleted by the customer
chat-edited = edited
chat-send-again = Send again
chat-tick-queued = Waiting to be sent
chat-tick-sent = Sent
chat-tick-delivered = Delivered
chat-tick-read = Read
chat-tick-played = Played
chat-tick-failed = Not sent
chat-tick-unconfirmed = May not have been sent
chat-unconfirmed-advice = Switchboard stopped while handing this message to WhatsApp, and WhatsApp has not confirmed it: it may or may not have reached the customer. Send it again if it matters.

## What a message holds
chat-tapped-button = Tapped a button
chat-picked-from-list = Picked from the list
chat-sent-form = Sent the form
chat-unsupported = The customer sent a kind of message WhatsApp does not pass on to businesses (a poll, a view-once photo…): ask them to send it another way.
chat-unsupported-details = WhatsApp says: { $details }
chat-other-kind = A “{ $kind }” message, which this version of Switchboard cannot show yet. It is kept whole in the log.
chat-open-photo = Open the photo
chat-download = Download
chat-close = Close
chat-unnamed-file = { $kind ->
    [image] Image file
    [video] Video file
    [audio] Audio file
    [sticker] Sticker file
   *[document] Document file
}
chat-location = Location
chat-open-map = Open the map
chat-template-chip = Template · { $name }
chat-order = 🛒 Order
chat-order-total = Total { $total }

## One line about a message: the chat list, a quote, a reply, a notification
chat-preview-photo = 📷 Photo
chat-preview-video = 🎥 Video
chat-preview-audio = 🎵 Audio
chat-preview-voice = 🎤 Voice message
chat-preview-document = 📄 Document
chat-preview-sticker = Sticker
chat-preview-captioned = { $kind }: { $caption }
chat-preview-location = 📍 { $name }
chat-preview-contacts = { $count ->
    [one] 👤 { $count } contact
   *[other] 👤 { $count } contacts
}
chat-preview-reacted = Reacted { $emoji }
chat-preview-reaction-removed = Removed a reaction
chat-preview-order = { $count ->
    [one] 🛒 Order: { $count } item
   *[other] 🛒 Order: { $count } items
}
chat-preview-unsupported = Message type not supported by WhatsApp's API
chat-preview-deleted = 🚫 Message deleted
# Read to screen readers when a message arrives in the open chat.
chat-announce = { $name }: { $text }

## Groups, other ids, message info and opt-outs
chat-group-untitled = WhatsApp group
chat-group = Group
chat-user-id = WhatsApp user id
chat-info = Message info
chat-info-help = When WhatsApp delivered it and when it was read
chat-receipt = { $status ->
    [delivered] Delivered
    [read] Read
    [played] Played
    [failed] Not sent
   *[sent] Sent
}
chat-marketing-stopped = This customer asked WhatsApp on { $date } to stop marketing messages from this line: send them utility templates only.
chat-system-changed-number = The customer changed their phone number to +{ $number }: replies go to the new number.
chat-system-changed-user-id = The customer's WhatsApp user id changed: replies go to the new one.
chat-templates-unavailable = Templates that cannot be sent now
chat-template-status = { $status ->
    [pending] in review
    [rejected] rejected
    [paused] paused
    [disabled] disabled
    [in_appeal] in appeal
    [flagged] flagged
   *[other] { $status }
}
chat-template-reason = reason: { $reason }
chat-template-quality = { $quality ->
    [green] quality: high
    [yellow] quality: medium
    [red] quality: low
   *[other] quality: not rated yet
}
