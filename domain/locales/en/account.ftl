# /account: the member's language, password, two-factor, alerts and devices.

account-title = Your account
account-language = Language
account-language-help = Switchboard speaks this language on every device you sign in on.
