# /simulator: playing a customer's phone for a Sandbox line.

simulator-title = Simulator
simulator-help = Play a customer writing to a Sandbox line. What you send arrives in the inbox like a real WhatsApp message.
simulator-loading-lines = Loading lines…
simulator-no-sandbox = No Sandbox line is configured: add one to the relay's configuration to use the Simulator.
simulator-line = Line
simulator-customer-phone = Customer phone
simulator-customer-name = Customer name
simulator-phone = Customer's phone
# The name the customer's phone shows for the team.
simulator-business = Your business
# Under the business's name: $name and $phone are the customer being played.
simulator-as-customer = as { $name } · +{ $phone }
simulator-message-placeholder = Message as the customer
simulator-send = Send as the customer
