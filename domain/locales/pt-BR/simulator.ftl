# /simulator: simular o celular de um cliente para uma linha Sandbox.

simulator-title = Simulador
simulator-help = Simule um cliente que escreve para uma linha Sandbox. O que você enviar chega à caixa de entrada como uma mensagem real do WhatsApp.
simulator-loading-lines = Carregando linhas…
simulator-no-sandbox = Nenhuma linha Sandbox está configurada: adicione uma à configuração do servidor para usar o Simulador.
simulator-line = Linha
simulator-customer-phone = Telefone do cliente
simulator-customer-name = Nome do cliente
simulator-phone = Celular do cliente
# O nome com que o celular do cliente mostra a equipe.
simulator-business = Sua empresa
# Abaixo do nome da empresa: $name e $phone são o cliente simulado.
simulator-as-customer = como { $name } · +{ $phone }
simulator-message-placeholder = Escreva como o cliente
simulator-send = Enviar como o cliente
