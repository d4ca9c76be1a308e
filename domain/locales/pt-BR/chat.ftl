
# Uma conversa: o cabeçalho, a janela de 24 horas, os separadores de dia, as mensagens e o
# editor.

window-open = Respostas permitidas por { $hours } h { $minutes } min
window-closed = Para responder é preciso um modelo
day-today = Hoje
day-yesterday = Ontem

## O cabeçalho da conversa e as mensagens
chat-missing = Esta conversa (ainda) não está na caixa de entrada.
chat-missing-help = Ela aparece aqui assim que chegar a primeira mensagem.
chat-typing = { $name } está digitando…
chat-viewing = { $name } está vendo esta conversa
chat-older = As mensagens anteriores aparecem quando você rola para cima.
chat-waiting = 🕓 aguardando
chat-waiting-help = Aguardando: será enviada assim que houver conexão com o servidor
chat-not-sent = ⚠ Não enviada: { $reason }
chat-discard = Descartar

## Atribuição, resolução e etiquetas
chat-assigned-to = Atribuída a
chat-unassigned = Sem atribuição
chat-assign-to-me = Atribuir a mim
chat-resolve = Resolver
chat-reopen = Reabrir
chat-tag-remove = Remover esta etiqueta
chat-tag-add = Adicionar uma etiqueta
chat-tag-colour = Cor de uma etiqueta nova

## O editor
chat-window-closed-notice = Fora da janela de 24 horas: o cliente não escreveu nas últimas 24 horas. Envie um modelo aprovado.
chat-files-need-connection = Para enviar arquivos é preciso conexão com o servidor: envie de novo quando o Switchboard voltar a ficar on-line.
chat-replying-to = Respondendo a
chat-cancel-reply = Cancelar a resposta
chat-file-becomes-caption = o texto abaixo vira a legenda
chat-remove-file = Remover o arquivo
chat-uploading = Enviando { $name }…
chat-note-mode = Nota
chat-note-mode-help = Escrever uma nota privada para a equipe
chat-insert-emoji = Inserir um emoji
chat-attach = Anexar um arquivo
chat-attach-help = Anexar uma foto, um vídeo, um áudio ou um documento
chat-placeholder = Digite uma mensagem, ou / para respostas rápidas
chat-placeholder-note = Nota privada: o cliente nunca a vê (com @usuário você avisa essa pessoa)
chat-placeholder-closed = Não é mais possível responder nesta conversa
chat-send = Enviar

## Modelos, quando a janela está fechada
chat-templates-none = Esta linha ainda não tem modelos aprovados: crie um no Gerenciador do WhatsApp; ele aparece aqui assim que a Meta o aprovar.
chat-template-choose = Escolha um modelo…
chat-template-category = { $category ->
    [marketing] marketing
    [utility] utilidade
    [authentication] autenticação
   *[other] { $category }
}
chat-template-header-field = Cabeçalho { $placeholder }
chat-template-button-field = Final do link do botão { $number }
chat-template-media-field = { $kind ->
    [image] Imagem do cabeçalho: link https ou id de uma mídia enviada
    [video] Vídeo do cabeçalho: link https ou id de uma mídia enviada
   *[document] Documento do cabeçalho: link https ou id de uma mídia enviada
}
chat-template-send = Enviar modelo

## Uma mensagem
chat-note-by = Nota privada · { $name }
chat-author-outside = Fora do Switchboard
chat-quote-you = Você
chat-quote-gone = Uma mensagem que não está mais nesta conversa
chat-quote-show = Mostrar a mensagem
chat-reply = Responder
chat-reply-help = Responder a esta mensagem
chat-more = Mais ações
chat-forwarded = Encaminhada
chat-forwarded-many = Encaminhada com frequência
chat-deleted = apagada pelo cliente
chat-edited = editada
chat-send-again = Enviar de novo
chat-tick-queued = Aguardando envio
chat-tick-sent = Enviada
chat-tick-delivered = Entregue
chat-tick-read = Lida
chat-tick-played = Reproduzida
chat-tick-failed = Não enviada
chat-tick-unconfirmed = Pode não ter sido enviada
chat-unconfirmed-advice = O Switchboard parou enquanto entregava esta mensagem ao WhatsApp, e o WhatsApp não a confirmou: ela pode ou não ter chegado ao cliente. Envie de novo se for importante.

## O que uma mensagem contém
chat-tapped-button = Tocou em um botão
chat-picked-from-list = Escolheu na lista
chat-sent-form = Enviou o formulário
chat-unsupported = O cliente enviou um tipo de mensagem que o WhatsApp não repassa para empresas (uma enquete, uma foto de visualização única…): peça que ele envie de outra forma.
chat-unsupported-details = O WhatsApp diz: { $details }
chat-other-kind = Uma mensagem do tipo “{ $kind }”, que esta versão do Switchboard ainda não consegue mostrar. Ela fica guardada por inteiro no registro.
chat-open-photo = Abrir a foto
chat-download = Baixar
chat-close = Fechar
chat-unnamed-file = { $kind ->
    [image] Arquivo de imagem
    [video] Arquivo de vídeo
    [audio] Arquivo de áudio
    [sticker] Arquivo de figurinha
   *[document] Documento
}
chat-location = Localização
chat-open-map = Abrir o mapa
chat-template-chip = Modelo · { $name }
chat-order = 🛒 Pedido
chat-order-total = Total { $total }

## Uma linha sobre uma mensagem: a lista de conversas, uma citação, uma resposta, uma notificação
chat-preview-photo = 📷 Foto
chat-preview-video = 🎥 Vídeo
chat-preview-audio = 🎵 Áudio
chat-preview-voice = 🎤 Mensagem de voz
chat-preview-document = 📄 Documento
chat-preview-sticker = Figurinha
chat-preview-captioned = { $kind }: { $caption }
chat-preview-location = 📍 { $name }
chat-preview-contacts = { $count ->
    [one] 👤 { $count } contato
   *[other] 👤 { $count } contatos
}
chat-preview-reacted = Reagiu com { $emoji }
chat-preview-reaction-removed = Removeu uma reação
chat-preview-order = { $count ->
    [one] 🛒 Pedido: { $count } item
   *[other] 🛒 Pedido: { $count } itens
}
chat-preview-unsupported = Tipo de mensagem não suportado pela API do WhatsApp
chat-preview-deleted = 🚫 Mensagem apagada
chat-announce = { $name }: { $text }

## Grupos, outros identificadores, dados da mensagem e descadastros
chat-group-untitled = Grupo do WhatsApp
chat-group = Grupo
chat-user-id = Identificador de usuário do WhatsApp
chat-info = Dados da mensagem
chat-info-help = Quando o WhatsApp entregou e quando foi lida
chat-receipt = { $status ->
    [delivered] Entregue
    [read] Lida
    [played] Reproduzida
    [failed] Não enviada
   *[sent] Enviada
}
chat-marketing-stopped = Este cliente pediu ao WhatsApp em { $date } para não receber mensagens de marketing desta linha: envie apenas modelos de utilidade.
chat-system-changed-number = O cliente mudou o número de telefone para +{ $number }: as respostas vão para o número novo.
chat-system-changed-user-id = O identificador de usuário do WhatsApp do cliente mudou: as respostas vão para o novo.
chat-templates-unavailable = Modelos que não podem ser enviados agora
chat-template-status = { $status ->
    [pending] em análise
    [rejected] rejeitado
    [paused] pausado
    [disabled] desativado
    [in_appeal] em recurso
    [flagged] sinalizado
   *[other] { $status }
}
chat-template-reason = motivo: { $reason }
chat-template-quality = { $quality ->
    [green] qualidade: alta
    [yellow] qualidade: média
    [red] qualidade: baixa
   *[other] qualidade: ainda sem classificação
}
