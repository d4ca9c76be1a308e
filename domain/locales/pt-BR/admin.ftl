# /admin: as pessoas, as equipes, qual equipe cuida de cada linha, o acesso, os arquivos dos
# clientes e o registro de auditoria.

admin-title = Administração
admin-loading = Carregando…
admin-role-agent = Agente
admin-role-supervisor = Supervisor
admin-role-admin = Administrador

admin-people = Pessoas
admin-member = Membro
admin-role = Função
admin-status = Status
admin-status-invited = Convidado
admin-status-active = Ativo
admin-status-deactivated = Desativado
admin-status-two-factor = verificação em duas etapas
admin-deactivate = Desativar
admin-reactivate = Reativar
admin-reset-password = Redefinir senha
admin-new-invite = Novo link de convite
admin-remove-two-factor = Remover a verificação em duas etapas
admin-two-factor-removed = A verificação em duas etapas de { $username } foi removida e a sessão foi encerrada.
# $until: a data e a hora em que o link deixa de funcionar.
admin-issued-invite-link = Envie para { $username } este link de convite. Ele funciona uma única vez, até { $until }:
admin-issued-reset-link = Envie para { $username } este link de redefinição de senha. Ele funciona uma única vez, até { $until }:
admin-add-member = Adicionar alguém
admin-username = Usuário
admin-username-rule = De 2 a 32 letras minúsculas, dígitos, pontos, hífens ou sublinhados
admin-name = Nome
admin-password = Senha (vazia: envia um link de convite)
admin-add = Adicionar
admin-member-added = { $username } foi adicionado.

admin-teams = Equipes
admin-delete-team = Excluir equipe
admin-team-id = Identificador da equipe
admin-team-id-rule = De 2 a 32 letras minúsculas, dígitos, pontos, hífens ou sublinhados; não pode ser alterado depois
admin-team-id-example = vendas
admin-team-name-example = Vendas
admin-create-team = Criar equipe
admin-lines = Linhas
admin-lines-help = A equipe de uma linha cuida das conversas sem atribuição. Com o rodízio ativado, cada conversa nova vai, por vez, para o próximo membro da equipe que estiver online; sem ninguém online, ela aguarda a equipe sem atribuição.
admin-no-team = Sem equipe
admin-round-robin = Distribuir as conversas novas em rodízio

admin-access = Acesso
admin-restrict-to-teams = Os agentes veem só as conversas das suas equipes e as atribuídas a eles
admin-require-two-factor = Todos devem usar a verificação em duas etapas

admin-media = Arquivos dos clientes
# $used e $quota são tamanhos como "1,2 MB".
admin-media-usage = { $used } de { $quota } em uso; os arquivos ficam guardados por { $days ->
    [one] { $days } dia
   *[other] { $days } dias
} e, quando o espaço acaba, os mais antigos são removidos primeiro.
admin-media-removed = Removidos
admin-media-none-removed = Nenhum arquivo foi removido.
admin-media-reason-retention = com mais de { $days ->
    [one] { $days } dia
   *[other] { $days } dias
}
admin-media-reason-quota = acima da cota de disco
admin-media-failed = Não puderam ser baixados
admin-media-none-failed = Nenhum.

admin-audit = Registro de auditoria
admin-audit-action = Ação
admin-audit-everything = Tudo
admin-audit-who = Quem
admin-audit-who-placeholder = usuário
admin-audit-filter = Filtrar
admin-audit-when = Quando
admin-audit-what = O quê
admin-audit-target = Alvo
admin-audit-from = Origem
admin-audit-details = Detalhes
admin-audit-older = Entradas anteriores

# O que a auditoria registra, como o filtro e o registro o nomeiam.
admin-action-login-succeeded = entrada
admin-action-login-failed = falha ao entrar
admin-action-logout = saída
admin-action-logout-everywhere = saída de todos os dispositivos
admin-action-password-changed = senha alterada
admin-action-password-set = senha definida
admin-action-totp-enabled = verificação em duas etapas ativada
admin-action-totp-disabled = verificação em duas etapas desativada
admin-action-totp-reset = verificação em duas etapas removida por um administrador
admin-action-member-created = membro adicionado
admin-action-member-invited = membro convidado
admin-action-password-reset-issued = link de redefinição de senha emitido
admin-action-member-changed = membro alterado
admin-action-team-saved = equipe salva
admin-action-team-deleted = equipe excluída
admin-action-line-changed = linha alterada
admin-action-settings-changed = configurações alteradas
admin-action-quick-reply-saved = resposta rápida salva
admin-action-quick-reply-deleted = resposta rápida excluída
admin-action-unknown = outra ação
admin-action-templates-synced = modelos sincronizados
admin-action-export = exportação
admin-action-deletion = exclusão
admin-action-record-set-aside = registro separado
