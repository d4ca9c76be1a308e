# Las variables de `{{…}}`, como las muestra el selector. La variable en sí siempre se
# escribe en inglés (`{{contact.first_name}}`).

variable-contact-name = Nombre del contacto
variable-contact-first-name = Nombre de pila del contacto
variable-contact-phone = Teléfono del contacto
variable-contact-property = Dato del contacto
variable-agent-name = Tu nombre
variable-agent-first-name = Tu nombre de pila
variable-picker = Insertar una variable
variable-picker-help = Cada variable se reemplaza por el contacto del chat y tu nombre al usar el texto.
