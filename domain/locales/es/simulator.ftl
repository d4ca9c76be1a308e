# /simulator: simular el teléfono de un cliente para una línea Sandbox.

simulator-title = Simulador
simulator-help = Simula ser un cliente que escribe a una línea Sandbox. Lo que envíes llega a la bandeja de entrada como un mensaje real de WhatsApp.
simulator-loading-lines = Cargando líneas…
simulator-no-sandbox = No hay ninguna línea Sandbox configurada: agrega una a la configuración del servidor para usar el Simulador.
simulator-line = Línea
simulator-customer-phone = Teléfono del cliente
simulator-customer-name = Nombre del cliente
simulator-phone = Teléfono del cliente
# El nombre con el que el teléfono del cliente muestra al equipo.
simulator-business = Tu empresa
# Debajo del nombre de la empresa: $name y $phone son el cliente simulado.
simulator-as-customer = como { $name } · +{ $phone }
simulator-message-placeholder = Escribe como el cliente
simulator-send = Enviar como el cliente
