# /quick-replies: as respostas salvas da equipe, mantidas pelos supervisores e pelos
# administradores.

quick-replies-title = Respostas rápidas
quick-replies-help = Os agentes digitam / no editor para escolher uma; o texto vai para o editor, onde pode ser alterado antes do envio. As variáveis colocam o nome do contato ou o seu.
quick-replies-shortcut = Atalho
# Um atalho de exemplo: só letras minúsculas sem acento, dígitos, hífens e sublinhados.
quick-replies-shortcut-example = horario
quick-replies-text = Texto
# Uma resposta de exemplo; a variável first_name entre chaves duplas não se traduz.
quick-replies-text-example = Olá {"{{"}contact.first_name{"}}"}, atendemos de segunda a sexta, das 9h às 18h.
quick-replies-save = Salvar resposta rápida
quick-replies-edit = Editar
quick-replies-delete = Excluir
quick-replies-saved = /{ $shortcut } salva.
quick-replies-deleted = /{ $shortcut } excluída.

