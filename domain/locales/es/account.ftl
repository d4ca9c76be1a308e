# /account: el idioma del miembro, su contraseña, la verificación en dos pasos, los avisos
# y los dispositivos.

account-title = Tu cuenta
account-language = Idioma
account-language-help = Switchboard usa este idioma en todos los dispositivos en los que inicies sesión.
