# A caixa de entrada: a lista de conversas com os filtros e a busca, os atalhos de
# teclado, o título da aba e as notificações, os alertas para administradores, o
# indicador de conexão e a página exibida enquanto a sessão é verificada ou quando a
# página não é para o seu perfil.

inbox-pick-chat = Escolha uma conversa à esquerda para ler e responder.
inbox-chats = Conversas
inbox-no-match = Nenhuma conversa corresponde a estes filtros.
inbox-empty = Ainda não há conversas.
inbox-empty-help = Quando um cliente escrever para uma das suas linhas, a conversa aparecerá aqui.
inbox-empty-try-simulator = Experimente o Simulador.

## Filtros acima da lista
inbox-filter-scope = De quem são as conversas
inbox-filter-all = Todas as conversas
inbox-filter-mine = Minhas
inbox-filter-unassigned = Não atribuídas
inbox-team = Equipe { $name }
inbox-filter-status = Abertas ou resolvidas
inbox-filter-open = Abertas
inbox-filter-resolved = Resolvidas
inbox-filter-open-and-resolved = Abertas e resolvidas
inbox-filter-line = Linha
inbox-filter-all-lines = Todas as linhas
inbox-filter-tag = Etiqueta
inbox-filter-any-tag = Qualquer etiqueta

## Busca
inbox-search = Buscar contatos e mensagens
inbox-search-results = Resultados da busca
inbox-search-nothing = Nada encontrado na cópia das conversas deste dispositivo.

## O título da aba e as notificações do navegador
inbox-tab-title = ({ $count }) Switchboard
inbox-tab-title-none = Switchboard
inbox-mentioned-you = { $agent } mencionou você · { $chat }

## Atalhos de teclado (`?`)
inbox-shortcuts = Atalhos de teclado
inbox-shortcut-either = { $first }  ou  { $second }
inbox-shortcut-next = Próxima conversa
inbox-shortcut-previous = Conversa anterior
inbox-shortcut-assign = Atribuir a conversa aberta a mim
inbox-shortcut-resolve = Resolver ou reabrir a conversa aberta
inbox-shortcut-write = Escrever na conversa aberta
inbox-shortcut-search = Buscar
inbox-shortcut-help = Mostrar ou ocultar estes atalhos
inbox-shortcuts-close = Esc fecha esta janela.

## Alertas para administradores
inbox-unreadable-webhooks = { $count ->
    [one] Não foi possível ler { $count } webhook da Meta; ele fica guardado por inteiro no registro de eventos (tipo webhook_unreadable).
   *[other] Não foi possível ler { $count } webhooks da Meta; eles ficam guardados por inteiro no registro de eventos (tipo webhook_unreadable).
}

## A conexão com o relay, no cabeçalho
inbox-connection = Conexão com o servidor
inbox-connection-connecting = Conectando…
inbox-connection-online = On-line
inbox-connection-offline = Off-line

## Antes de uma página aparecer
inbox-opening = Abrindo a caixa de entrada…
inbox-not-for-role = Não disponível para o seu perfil
inbox-role-needed = { $role ->
    [agent] Esta página é para agentes e perfis acima. Se precisar dela, peça a um administrador.
    [supervisor] Esta página é para supervisores e administradores. Se precisar dela, peça a um administrador.
   *[admin] Esta página é só para administradores. Se precisar dela, peça a um administrador.
}
inbox-back-to-inbox = Voltar para a caixa de entrada
inbox-line-alert-token = A Meta recusou o token de acesso da linha { $line } ({ $code }): um administrador precisa atualizá-lo na configuração e reiniciar o servidor.

## O que a Meta informa sobre uma linha (os administradores veem até que outro informe o substitua)
line-report-banned = A Meta desativou a conta do WhatsApp Business da linha { $line }: ela não pode mais enviar mensagens. Recorra no WhatsApp Manager (Qualidade da conta).
line-report-ban-scheduled = A Meta vai desativar a conta do WhatsApp Business da linha { $line }: recorra no WhatsApp Manager (Qualidade da conta) antes da data indicada.
line-report-reinstated = A Meta restabeleceu a conta do WhatsApp Business da linha { $line }: ela pode enviar de novo.
line-report-restricted = A Meta restringiu o que a linha { $line } pode enviar: veja Qualidade da conta no WhatsApp Manager para saber o que está limitado e até quando.
line-report-violation = A Meta advertiu a linha { $line } por uma violação das políticas: revise no WhatsApp Manager (Qualidade da conta) para evitar uma restrição.
line-report-account = A Meta atualizou a conta da linha { $line }.
line-report-flagged = A Meta marcou como baixa a qualidade do número da linha { $line }: clientes estão bloqueando ou denunciando as mensagens; o limite de envio pode diminuir.
line-report-downgraded = A Meta reduziu o limite de envio do número da linha { $line } após mensagens de baixa qualidade.
line-report-upgraded = A Meta aumentou o limite de envio do número da linha { $line }.
line-report-unflagged = A qualidade do número da linha { $line } não está mais marcada como baixa.
line-report-quality = A Meta atualizou a classificação de qualidade do número da linha { $line }.
line-report-meta-says = A Meta diz: { $detail }
