# Frases para as pessoas quando algo falha.

# As frases que as regras do domínio e o relay dão quando recusam algo. Os códigos estáveis
# (`window_closed`, `weak_password` …) continuam em inglês nas respostas; isto é o que uma
# pessoa lê.

## As regras do domínio (o app também as verifica antes de enviar qualquer coisa)

error-empty-message = A mensagem está vazia: digite algo para enviar.
error-message-too-long = A mensagem passa do que o WhatsApp permite ({ $max } caracteres): encurte ou divida.
error-unknown-chat = Esta conversa não existe (mais): recarregue a caixa de entrada.
error-window-closed = Fora da janela de 24 horas: o cliente não escreveu nas últimas 24 horas. Envie um modelo.
error-caption-too-long = A legenda passa do que o WhatsApp permite ({ $max } caracteres).
error-unknown-message = Essa mensagem não está nesta conversa (ou ainda não foi entregue), então não dá para reagir a ela.
error-nothing-to-read = O cliente ainda não escreveu nesta conversa: não há nada para marcar como lido.
error-chat-not-visible = Esta conversa pertence a uma equipe da qual você não faz parte: peça a um supervisor para atribuí-la a você.
error-unknown-active-member = Não há nenhum membro ativo chamado { $name }: escolha alguém da lista.
error-unknown-team-pick = Não há nenhuma equipe chamada { $name }: escolha uma equipe da lista.
error-bad-tag = Uma etiqueta tem de 1 a 32 caracteres, e a cor se escreve #rrggbb.
error-cannot-retry = Só uma mensagem que falhou pode ser reenviada, e não quando o WhatsApp disse que tentar de novo não adianta.
error-field-too-long = { $field ->
    [message_id] O id da mensagem
    [media] O arquivo
    [file_type] O tipo de arquivo
    [file_name] O nome do arquivo
    [template_name] O nome do modelo
    [template_language] O idioma do modelo
    [header_media] O arquivo do cabeçalho
    [reaction] A reação
    [colour] A cor
   *[other] O campo
} passa de { $max } caracteres: encurte.
error-bad-command-id = Este id de comando está vazio, passa de { $max } caracteres ou já identifica outra mensagem: envie com um id novo.
error-media-type = O WhatsApp não aceita arquivos { $type }: envie uma imagem JPEG ou PNG, um vídeo MP4, um áudio MP3/OGG/AAC ou um documento PDF/Office.
error-media-too-large = O arquivo tem { $size }; o WhatsApp aceita { $kind ->
    [image] imagens
    [video] vídeos
    [audio] áudios
    [sticker] figurinhas
   *[document] documentos
} de até { $limit }. Envie um arquivo menor.
error-media-empty = O arquivo está vazio.
error-template-unknown = Não há nenhum modelo { $name } ({ $language }) nesta linha: sincronize os modelos ou escolha outro.
error-template-not-approved = O modelo { $name } está { $status }, não aprovado: só modelos aprovados podem ser enviados.
error-template-missing = Preencha {"{{"}{ $placeholder }{"}}"} { $part ->
    [header] no cabeçalho
    [body] no corpo
   *[other] em { $part }
} do modelo.
error-template-bad-value = O valor de {"{{"}{ $placeholder }{"}}"} não pode ter quebras de linha, tabulações nem mais de 4 espaços seguidos (o WhatsApp recusa).
error-template-too-long = O valor de {"{{"}{ $placeholder }{"}}"} passa de { $max } caracteres.
error-template-media = Este modelo tem um cabeçalho de mídia: anexe uma imagem, um vídeo ou um documento.
error-interactive-empty = Escreva a mensagem que acompanha os botões ou a lista.
error-interactive-too-long = A mensagem passa de { $max } caracteres.
error-interactive-header = Cabeçalhos e rodapés têm no máximo { $max } caracteres.
error-interactive-buttons = Botões de resposta: entre 1 e { $max }.
error-interactive-rows = Uma lista tem de 1 a { $max } linhas no total.
error-interactive-title = "{ $title }" é longo demais: botões aceitam { $button } caracteres, linhas da lista { $row } e descrições { $description }.
error-interactive-choice = Cada botão e cada linha precisam de um título e de um id.
error-interactive-duplicate = Dois botões ou linhas usam o mesmo id "{ $id }": os ids devem ser únicos.
error-quick-reply-shortcut = Um atalho tem de 1 a 32 caracteres: letras minúsculas, dígitos, hífens e sublinhados (por exemplo `horario`).
error-quick-reply-empty = A resposta está vazia: escreva o texto que o agente vai enviar.
error-quick-reply-too-long = A resposta passa de uma mensagem do WhatsApp ({ $max } caracteres).
error-unknown-variable = { $variable } não é uma variável que o Switchboard conheça: escolha uma da lista de variáveis.

## O que os códigos de erro do WhatsApp significam para quem enviou a mensagem

advice-token = A Meta recusou o token de acesso da linha: um administrador precisa atualizá-lo na configuração.
advice-window = Passaram mais de 24 horas desde a última mensagem do cliente: envie um modelo aprovado.
advice-undeliverable = O número não pode receber esta mensagem (não está no WhatsApp ou usa um app antigo). Fale com o cliente por outro meio.
advice-opted-out = O cliente deixou de receber mensagens de marketing desta empresa. Não tente de novo.
advice-marketing-limit = A Meta segurou esta mensagem de marketing para limitar o que o cliente recebe. Tente outro dia.
advice-too-fast = Envio rápido demais; o Switchboard diminui o ritmo e tenta de novo sozinho.
advice-temporary = O WhatsApp teve um problema temporário; tente de novo em alguns minutos.
advice-blocked = A conta do WhatsApp foi bloqueada pela Meta: verifique o status da conta no Gerenciador do WhatsApp.
advice-template = O modelo ou seus parâmetros foram recusados: verifique o modelo em Modelos.
advice-media = A Meta não conseguiu usar o arquivo anexado: verifique o tipo e o tamanho.
advice-other = A mensagem não foi enviada. Veja os detalhes e tente de novo ou fale com um administrador.

## As respostas do relay

error-unauthenticated = Você não está conectado ou sua sessão terminou: entre novamente.
error-invalid-credentials = Usuário ou senha incorretos.
error-credentials-too-long = Um usuário tem no máximo { $username } caracteres, uma senha { $password } e um código { $code }: confira o que você digitou.
error-code-needed = Digite o código de 6 dígitos do seu app autenticador.
error-forbidden = Sua função não permite isto: é preciso { $role ->
    [admin] ser administrador
    [supervisor] ser supervisor ou acima
   *[agent] ser agente ou acima
}. Peça a um administrador.
error-totp-enrolment-required = A verificação em duas etapas é obrigatória: ative-a em Conta antes de continuar.
error-password-change-required = Você entrou com a senha de uso único: escolha uma senha nova em Conta antes de continuar.
error-unknown-quick-reply = Não há nenhuma resposta rápida /{ $shortcut }.
error-too-many-attempts = Tentativas demais sem sucesso: espere { $seconds } segundos e tente de novo.
error-busy = O servidor está ocupado agora: tente de novo em { $seconds } segundos.
error-forbidden-origin = Esta solicitação veio de outro site e foi recusada.
error-bad-signature = A assinatura do webhook está ausente ou errada: verifique o segredo do app da linha.
error-verification-failed = O token de verificação não confere com o da linha.
error-payload-too-large = O corpo da solicitação passa de { $limit } bytes.
error-bad-request = O corpo da solicitação não é válido: { $detail }
error-team-id = O id de uma equipe tem de 2 a 32 caracteres: letras minúsculas, dígitos, pontos, hífens e sublinhados.
error-team-name = O nome de uma equipe tem de 1 a 80 caracteres.
error-round-robin-team = O rodízio distribui as conversas entre os membros de uma equipe: escolha primeiro a equipe da linha.
error-sandbox-phone = O telefone do cliente deve ser um número com código do país, de 7 a 15 dígitos.
error-upload-interrupted = O envio do arquivo foi interrompido: tente de novo.
error-unknown-line = Nenhuma linha chamada { $line } está configurada.
error-upstream = O WhatsApp não aceitou isto: { $detail }
error-bad-media-id = Isto não é um id de mídia do WhatsApp: use o id que veio na mensagem.
error-no-media-on-sandbox = A linha Sandbox não tem mídia para baixar: mídia só chega por linhas do WhatsApp.
error-media-gone = A mídia não está mais disponível no WhatsApp (ela fica guardada 7 dias).
error-media-evicted = Este arquivo foi removido do servidor em { $at } { $reason ->
    [retention] porque os arquivos são guardados por { $days } dias
   *[quota] para não passar do espaço em disco reservado para mídia
}: peça ao cliente para enviá-lo de novo se precisar.
error-media-download-too-large = { $kind ->
    [image] Esta imagem passa
    [video] Este vídeo passa
    [audio] Este áudio passa
    [sticker] Esta figurinha passa
   *[document] Este documento passa
} do limite do WhatsApp de { $limit }, então não foi baixado: peça ao cliente um arquivo menor.
error-media-corrupt = A mídia baixada do WhatsApp estava danificada (tamanho ou soma de verificação errados) e foi descartada: tente de novo.
error-whatsapp-token-rejected = O WhatsApp recusou o token de acesso da linha (190): atualize o token na configuração do servidor e reinicie o servidor.
error-whatsapp-unavailable = Não foi possível falar com o WhatsApp ou ele recusou o pedido de mídia: tente de novo em instantes e, se continuar, verifique a configuração da linha.
error-range = O intervalo pedido começa depois do fim do arquivo ({ $length } bytes).
error-internal = Algo deu errado no servidor; foi registrado. Tente de novo.
error-invalid-username = Um usuário tem de 2 a 32 caracteres: letras minúsculas, dígitos, pontos, hífens e sublinhados.
error-invalid-name = O nome não pode ficar vazio nem passar de 80 caracteres.
error-username-taken = Esse usuário já existe: escolha outro.
error-unknown-member = Não há nenhum membro chamado { $name }.
error-weak-password = Uma senha tem de { $min } a { $max } caracteres e não pode ser o usuário.
error-wrong-password = A senha atual está errada.
error-same-password = A senha nova é igual à atual: escolha outra.
error-wrong-code = O código está errado ou já foi usado: digite o código atual do app.
error-totp-not-started = Comece primeiro a configuração da verificação em duas etapas: leia o QR code e depois digite um código.
error-totp-required = A verificação em duas etapas é obrigatória para todos: não pode ser desativada.
error-reset-code-needed = Este membro usa verificação em duas etapas: digite também o código atual do app autenticador.
error-link-invalid = Este link não existe, já foi usado ou expirou: peça um novo a um administrador.
error-last-admin = O espaço de trabalho precisa de pelo menos um administrador ativo: torne outra pessoa administradora primeiro.

# The app's own sentences for failed calls
app-error-network = Não é possível conectar ao servidor: verifique a conexão; o Switchboard continua tentando.
app-error-decode = O servidor enviou uma resposta que este app não consegue ler: recarregue a página para atualizar o app.
app-error-wrong-credentials = Usuário ou senha incorretos: confira os dois e tente de novo.
app-error-session-ended = Sua sessão terminou: entre de novo.
app-error-relay-problem = O servidor teve um problema ({ $status }): tente de novo em instantes.
app-error-refused = O servidor recusou a solicitação ({ $status }): recarregue a página e tente de novo.

# As frases do app quando o navegador não consegue guardar a cópia da caixa de entrada
# ($cause: as palavras do navegador, em inglês)
app-error-storage-open = O navegador recusou a cópia local da caixa de entrada ({ $cause }): permita o armazenamento do site ou use uma janela normal (não anônima).
app-error-storage-blocked = Outra aba do Switchboard mantém aberta uma cópia antiga da caixa de entrada: feche as outras abas do Switchboard e recarregue esta.
app-error-storage-io = Não foi possível ler nem gravar a cópia local da caixa de entrada ({ $cause }): recarregue a página.
app-error-storage-corrupt = A cópia local da caixa de entrada contém um evento que este app não consegue ler ({ $cause }): saia e entre de novo para reconstruí-la.
