# /quick-replies: as respostas salvas da equipe, mantidas pelos supervisores e pelos
# administradores.

quick-replies-title = Respostas rápidas
quick-replies-help = Os agentes digitam / na caixa de mensagem para escolher uma; o texto vai para a caixa, onde pode ser alterado antes do envio. Estas variáveis são preenchidas automaticamente:
quick-replies-variable-name = o nome do contato como o WhatsApp mostra
quick-replies-variable-first-name = a primeira palavra do nome do contato
quick-replies-variable-agent = o seu próprio nome
quick-replies-shortcut = Atalho
# Um atalho de exemplo: só letras minúsculas sem acento, dígitos, hífens e sublinhados.
quick-replies-shortcut-example = horario
quick-replies-text = Texto
# Uma resposta de exemplo; a variável first_name entre chaves duplas não se traduz.
quick-replies-text-example = Olá {"{{"}first_name{"}}"}, atendemos de segunda a sexta, das 9h às 18h.
quick-replies-save = Salvar resposta rápida
quick-replies-edit = Editar
quick-replies-delete = Excluir
quick-replies-saved = /{ $shortcut } salva.
quick-replies-deleted = /{ $shortcut } excluída.

# Por que uma resposta rápida não pode ser salva ($max: a resposta mais longa, em
# caracteres; $variable: o que foi digitado entre as chaves).
quick-replies-bad-shortcut = Um atalho tem de 1 a 32 caracteres: letras minúsculas, dígitos, hífens e sublinhados (por exemplo `{ quick-replies-shortcut-example }`).
quick-replies-empty-body = A resposta está vazia: escreva o texto que o agente vai enviar.
quick-replies-body-too-long = A resposta é mais longa que uma mensagem do WhatsApp ({ $max } caracteres).
quick-replies-unknown-variable = { $variable } não é uma variável que o Switchboard conhece: use {"{{"}name{"}}"}, {"{{"}first_name{"}}"} ou {"{{"}agent{"}}"}.
