# Sentences for people when something fails.

# The sentences the domain's rules and the relay give when they refuse something. The
# stable codes (`window_closed`, `weak_password` …) stay in English in the answers; these
# are what a person reads.

## The domain's rules (the app checks them too, before anything is sent)

error-empty-message = The message is empty: type something to send.
error-message-too-long = The message is longer than WhatsApp allows ({ $max } characters): shorten it or split it.
error-unknown-chat = This chat does not exist (any more): reload the inbox.
error-window-closed = Outside the 24-hour window — the customer has not written in the last 24 hours: send a template instead.
error-caption-too-long = The caption is longer than WhatsApp allows ({ $max } characters).
error-unknown-message = That message is not in this chat (or was not delivered yet), so it cannot be reacted to.
error-nothing-to-read = The customer has not written in this chat yet: there is nothing to mark as read.
error-chat-not-visible = This chat belongs to a team you are not in: ask a supervisor to assign it to you.
error-unknown-active-member = There is no active member named { $name }: pick someone from the list.
error-unknown-team-pick = There is no team named { $name }: pick a team from the list.
error-bad-tag = A tag is 1 to 32 characters, and its colour is written #rrggbb.
error-cannot-retry = Only a failed message can be sent again, and not when WhatsApp said retrying cannot help.
error-field-too-long = The { $field ->
    [message_id] message id
    [media] media
    [file_type] file type
    [file_name] file name
    [template_name] template name
    [template_language] template language
    [header_media] header media
    [reaction] reaction
    [colour] colour
   *[other] field
} is longer than { $max } characters: shorten it.
error-bad-command-id = This command id is empty, longer than { $max } characters or already names another message: send it with a new id.
error-media-type = WhatsApp does not accept { $type } files: send a JPEG or PNG image, an MP4 video, an MP3/OGG/AAC audio or a PDF/Office document.
error-media-too-large = The file is { $size }; WhatsApp accepts { $kind ->
    [image] images
    [video] videos
    [audio] audio files
    [sticker] stickers
   *[document] documents
} up to { $limit }. Send a smaller file.
error-media-empty = The file is empty.
error-template-unknown = No template { $name } ({ $language }) on this line: sync templates, or pick another one.
error-template-not-approved = The template { $name } is { $status }, not approved: only approved templates can be sent.
error-template-missing = Fill in {"{{"}{ $placeholder }{"}}"} in the template's { $part ->
    [header] header
    [body] body
   *[other] { $part }
}.
error-template-bad-value = The value for {"{{"}{ $placeholder }{"}}"} cannot contain new lines, tabs or more than 4 spaces in a row (WhatsApp refuses them).
error-template-too-long = The value for {"{{"}{ $placeholder }{"}}"} is longer than { $max } characters.
error-template-media = This template has a media header: attach an image, video or document for it.
error-interactive-empty = Write the message the buttons or the list go with.
error-interactive-too-long = The message is longer than { $max } characters.
error-interactive-header = Headers and footers are at most { $max } characters.
error-interactive-buttons = Reply buttons: between 1 and { $max }.
error-interactive-rows = A list has 1 to { $max } rows in all.
error-interactive-title = "{ $title }" is too long: buttons take { $button } characters, list rows { $row }, descriptions { $description }.
error-interactive-choice = Every button and row needs a title and an id.
error-interactive-duplicate = Two buttons or rows share the id "{ $id }": ids must be unique.
error-quick-reply-shortcut = A shortcut is 1 to 32 characters: lowercase letters, digits, dashes and underscores (for example `horario`).
error-quick-reply-empty = The answer is empty: write the text the agent will send.
error-quick-reply-too-long = The answer is longer than one WhatsApp message ({ $max } characters).
error-unknown-variable = { $variable } is not a variable Switchboard knows: pick one from the list of variables.

## What WhatsApp's error codes mean for the person who sent the message

advice-token = Meta rejected the line's access token: an admin must update it in the configuration.
advice-window = More than 24 hours since the customer last wrote: send an approved template instead.
advice-undeliverable = The number cannot receive this message (not on WhatsApp, or an old app). Reach the customer another way.
advice-opted-out = The customer stopped marketing messages from this business. Do not retry.
advice-marketing-limit = Meta held back this marketing message to limit what the customer receives. Try again another day.
advice-too-fast = Sending too fast; Switchboard slows down and retries by itself.
advice-temporary = WhatsApp had a temporary problem; retry in a few minutes.
advice-blocked = The WhatsApp account is blocked or locked by Meta: check the account's status in WhatsApp Manager.
advice-template = The template or its parameters were refused: check the template in Templates.
advice-media = Meta could not use the attached file: check its type and size.
advice-other = The message was not sent. Check the details, then retry or contact an admin.

## The relay's answers

error-unauthenticated = You are not logged in, or your session ended: log in again.
error-invalid-credentials = Wrong username or password.
error-credentials-too-long = A username is at most { $username } characters, a password at most { $password } and a code at most { $code }: check what you typed.
error-code-needed = Type the 6-digit code from your authenticator app.
error-forbidden = Your role cannot do this: it needs { $role ->
    [admin] an admin
    [supervisor] a supervisor or above
   *[agent] an agent or above
}. Ask an admin.
error-totp-enrolment-required = Two-factor authentication is required: set it up under Account before you continue.
error-password-change-required = You logged in with the one-time password: choose a new password under Account before you continue.
error-unknown-quick-reply = There is no quick reply /{ $shortcut }.
error-too-many-attempts = Too many failed attempts: wait { $seconds } seconds, then try again.
error-busy = The relay is busy right now: try again in { $seconds } seconds.
error-forbidden-origin = This request came from another site and was refused.
error-bad-signature = The webhook signature is missing or wrong: check the app secret of the line.
error-verification-failed = The verify token does not match the line's.
error-payload-too-large = The request body is larger than { $limit } bytes.
error-bad-request = The request body is not valid: { $detail }
error-team-id = A team id is 2 to 32 characters: lowercase letters, digits, dots, dashes and underscores.
error-team-name = A team's name is 1 to 80 characters.
error-round-robin-team = Round-robin shares chats among a team's members: choose the line's team first.
error-sandbox-phone = The customer's phone must be a number with country code, 7 to 15 digits.
error-upload-interrupted = The upload was interrupted: try again.
error-unknown-line = No line named { $line } is configured.
error-upstream = WhatsApp did not accept this: { $detail }
error-bad-media-id = This is not a WhatsApp media id: use the id given in the message.
error-no-media-on-sandbox = The Sandbox line has no media to download: media comes only from WhatsApp lines.
error-media-gone = The media is no longer available from WhatsApp (media is kept 7 days).
error-media-evicted = This file was removed from the relay on { $at } { $reason ->
    [retention] because files are kept { $days } days
   *[quota] to stay within the disk space set for media
}: ask the customer to send it again if you need it.
error-media-download-too-large = This { $kind ->
    [image] image
    [video] video
    [audio] audio file
    [sticker] sticker
   *[document] document
} is larger than WhatsApp's limit of { $limit }, so it was not downloaded: ask the customer to send a smaller file.
error-media-corrupt = The media downloaded from WhatsApp was damaged (wrong size or checksum) and was discarded: try again.
error-whatsapp-token-rejected = WhatsApp rejected the line's access token (190): update the token in the relay's configuration and restart the relay.
error-whatsapp-unavailable = WhatsApp could not be reached or refused the media request: try again in a moment, and check the line's settings if it repeats.
error-range = The requested range starts after the end of the file ({ $length } bytes).
error-internal = Something went wrong on the relay; it was logged. Try again.
error-invalid-username = A username is 2 to 32 characters: lowercase letters, digits, dots, dashes and underscores.
error-invalid-name = The name cannot be empty or longer than 80 characters.
error-username-taken = That username is taken: choose another.
error-unknown-member = There is no member named { $name }.
error-weak-password = A password must be { $min } to { $max } characters and not the username.
error-wrong-password = The current password is wrong.
error-same-password = The new password is the same as the current one: choose a different one.
error-wrong-code = The code is wrong or was already used: type the current code from the app.
error-totp-not-started = Start the two-factor set-up first: scan the QR code, then type a code.
error-totp-required = Two-factor authentication is required for everyone: it cannot be turned off.
error-reset-code-needed = This member has two-factor on: type the current code from the authenticator app too.
error-link-invalid = This link is unknown, already used or expired: ask an admin for a new one.
error-last-admin = The workspace needs at least one active admin: make someone else admin first.

# The app's own sentences for failed calls
app-error-network = The relay cannot be reached: check the connection; Switchboard keeps retrying.
app-error-decode = The relay sent an answer this app cannot read: reload the page to update the app.
app-error-wrong-credentials = Wrong username or password: check both and try again.
app-error-session-ended = Your session has ended: sign in again.
app-error-relay-problem = The relay had a problem ({ $status }): try again in a moment.
app-error-refused = The relay refused the request ({ $status }): reload the page and try again.

# The app's own sentences when the browser cannot keep the inbox's copy ($cause: the
# browser's words, in English)
app-error-storage-open = The browser refused the local copy of the inbox ({ $cause }): allow site storage, or use a normal (not private) window.
app-error-storage-blocked = Another Switchboard tab keeps an older copy of the inbox open: close the other Switchboard tabs, then reload this one.
app-error-storage-io = The local copy of the inbox could not be read or written ({ $cause }): reload the page.
app-error-storage-corrupt = The local copy of the inbox holds an event this app cannot read ({ $cause }): log out and in again to rebuild it.
