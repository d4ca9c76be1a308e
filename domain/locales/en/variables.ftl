# The variables of `{{…}}`, as the picker shows them. The variable itself is always
# written in English (`{{contact.first_name}}`).

variable-contact-name = Contact's name
variable-contact-first-name = Contact's first name
variable-contact-phone = Contact's phone
variable-contact-property = Contact's property
variable-agent-name = Your name
variable-agent-first-name = Your first name
variable-picker = Insert a variable
variable-picker-help = Each variable is replaced with the chat's contact and your name when the text is used.
