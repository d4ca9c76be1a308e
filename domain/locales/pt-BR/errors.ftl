# Frases para as pessoas quando algo falha.

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
