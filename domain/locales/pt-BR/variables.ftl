# As variáveis de `{{…}}`, como o seletor as mostra. A variável em si é sempre escrita em
# inglês (`{{contact.first_name}}`).

variable-contact-name = Nome do contato
variable-contact-first-name = Primeiro nome do contato
variable-contact-phone = Telefone do contato
variable-contact-property = Dado do contato
variable-agent-name = Seu nome
variable-agent-first-name = Seu primeiro nome
variable-picker = Inserir uma variável
variable-picker-help = Cada variável é trocada pelo contato da conversa e pelo seu nome quando o texto é usado.
