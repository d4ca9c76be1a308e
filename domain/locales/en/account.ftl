# /account: the member's language, password, two-factor, alerts and devices.

account-title = Your account
account-language = Language
account-language-help = Switchboard speaks this language on every device you sign in on.

account-password = Password
account-password-choose = Choose a new password
account-password-must-change = You signed in with the one-time password printed at first start: choose your own password to continue.
account-current-password = Current password
account-new-password = New password (at least 10 characters)
account-change-password = Change password
account-password-changed = Password changed. Your other devices were signed out.

account-two-factor = Two-factor authentication
account-two-factor-required = Your admin requires two-factor authentication: set it up to continue.
account-two-factor-on = On: signing in asks for a code from your authenticator app.
account-two-factor-off = Protect your account with a code from an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…).
account-two-factor-set-up = Set up
account-two-factor-scan = Scan this code with your authenticator app, then type the 6-digit code it shows.
account-two-factor-key = Cannot scan? Type this key instead:
account-code = 6-digit code
account-two-factor-turn-on = Turn on
account-two-factor-turn-off = Turn off
account-two-factor-turned-on = Two-factor authentication is on.
account-two-factor-turned-off = Two-factor authentication is off.

account-alerts = New messages
account-alerts-help = For chats assigned to you or to nobody, and notes that mention you. The tab's title always counts unread messages. These choices are kept in this browser.
account-alerts-notification = Show a notification while Switchboard is in the background
account-alerts-sound = Play a sound

account-devices = Devices
account-devices-help = Lost a phone or used a shared computer? End every session, this one included. Each device deletes its copy of the chats.
account-log-out-everywhere = Log out everywhere
