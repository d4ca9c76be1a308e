# /account: o idioma do membro, a senha, a verificação em duas etapas, os alertas e os
# dispositivos.

account-title = Sua conta
account-language = Idioma
account-language-help = O Switchboard usa este idioma em todos os dispositivos em que você entrar.
