# O que todas as páginas compartilham: o cabeçalho, o menu, o seletor de idioma, os avisos
# de conexão e offline, e as contagens.

product = Switchboard
nav-inbox = Caixa de entrada
nav-quick-replies = Respostas rápidas
nav-simulator = Simulador
nav-admin = Administração
nav-account = Sua conta
nav-menu = Menu
nav-back = Voltar
log-out = Sair
logging-out = Saindo…
offline-copy = cópia offline
offline-banner = Sem conexão: mostrando a cópia salva neste navegador. O Switchboard se reconecta sozinho.
language = Idioma
unread-count = { $count ->
    [one] { $count } mensagem não lida
   *[other] { $count } mensagens não lidas
}
