# /login e /link: entrar, os links de convite e de redefinição de senha, e a página de um
# endereço que não existe.

login-tagline = A caixa de entrada de WhatsApp compartilhada da sua equipe
login-offline = Sem conexão: não é possível conectar ao servidor. Você poderá entrar quando ele voltar.
login-username = Usuário
login-password = Senha
login-code = Código do seu app autenticador
login-submit = Entrar
login-signing-in = Entrando…

# /link/…: $name é o nome completo do membro, $username o que ele usa para entrar (em
# negrito), $until a data e a hora em que o link deixa de funcionar.
link-checking = Verificando o link…
link-broken = Este link não funciona
link-go-to-sign-in = Ir para a tela de entrada
link-reset-title = Escolha uma nova senha
link-invite-title = Boas-vindas ao Switchboard
link-intro = { $name }: entre como { $username }. Este link funciona até { $until }.
link-new-password = Nova senha (pelo menos 10 caracteres)
link-repeat-password = Repita a senha
link-totp-code = Código de 6 dígitos do seu app autenticador
link-passwords-differ = As duas senhas são diferentes: digite a mesma duas vezes.
link-submit = Definir senha e entrar

# Qualquer endereço que o Switchboard não tem.
not-found-title = Página não encontrada
not-found-body = Este endereço não existe no Switchboard.
not-found-open-inbox = Abrir a caixa de entrada
