# /account: o idioma do membro, a senha, a verificação em duas etapas, os alertas e os
# dispositivos.

account-title = Sua conta
account-language = Idioma
account-language-help = O Switchboard usa este idioma em todos os dispositivos em que você entrar.

account-password = Senha
account-password-choose = Escolha uma nova senha
account-password-must-change = Você entrou com a senha de uso único exibida pelo servidor ao ser iniciado pela primeira vez: escolha sua própria senha para continuar.
account-current-password = Senha atual
account-new-password = Nova senha (pelo menos 10 caracteres)
account-change-password = Alterar senha
account-password-changed = Senha alterada. Seus outros dispositivos foram desconectados.

account-two-factor = Verificação em duas etapas
account-two-factor-required = Seu administrador exige a verificação em duas etapas: ative-a para continuar.
account-two-factor-on = Ativada: ao entrar, é pedido um código do seu app autenticador.
account-two-factor-off = Proteja sua conta com um código de um app autenticador (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…).
account-two-factor-set-up = Configurar
account-two-factor-scan = Escaneie este código com seu app autenticador e digite o código de 6 dígitos que ele mostra.
account-two-factor-key = Não consegue escanear? Digite esta chave:
account-code = Código de 6 dígitos
account-two-factor-turn-on = Ativar
account-two-factor-turn-off = Desativar
account-two-factor-turned-on = A verificação em duas etapas está ativada.
account-two-factor-turned-off = A verificação em duas etapas está desativada.

account-alerts = Mensagens novas
account-alerts-help = Para conversas atribuídas a você ou a ninguém, e notas que mencionam você. O título da aba sempre conta as mensagens não lidas. Essas escolhas ficam salvas neste navegador.
account-alerts-notification = Mostrar uma notificação quando o Switchboard estiver em segundo plano
account-alerts-sound = Tocar um som

account-devices = Dispositivos
account-devices-help = Perdeu um celular ou usou um computador compartilhado? Encerre todas as sessões, incluindo esta. Cada dispositivo apaga sua cópia das conversas.
account-log-out-everywhere = Sair de todos os dispositivos
