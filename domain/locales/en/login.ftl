# /login and /link: signing in, invite and password-reset links, and the page for an
# address that does not exist.

login-tagline = Your team's shared WhatsApp inbox
login-offline = Offline — the relay cannot be reached. You can sign in once it is back.
login-username = Username
login-password = Password
login-code = Code from your authenticator app
login-submit = Sign in
login-signing-in = Signing in…

# /link/…: $name is the member's full name, $username what they sign in with (shown in
# bold), $until the date and time the link stops working.
link-checking = Checking the link…
link-broken = This link does not work
link-go-to-sign-in = Go to sign in
link-reset-title = Choose a new password
link-invite-title = Welcome to Switchboard
link-intro = { $name } — sign in as { $username }. This link works until { $until }.
link-new-password = New password (at least 10 characters)
link-repeat-password = The same password again
link-totp-code = 6-digit code from your authenticator app
link-passwords-differ = The two passwords differ: type the same one twice.
link-submit = Set password and sign in

# Any address Switchboard does not have.
not-found-title = Page not found
not-found-body = This address does not exist in Switchboard.
not-found-open-inbox = Open the inbox
