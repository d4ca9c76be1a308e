# /quick-replies: las respuestas guardadas del equipo, que mantienen los supervisores y los
# administradores.

quick-replies-title = Respuestas rápidas
quick-replies-help = Los agentes escriben / en el cuadro de mensaje para elegir una; el texto se coloca en el cuadro, donde se puede cambiar antes de enviarlo. Estas variables se completan solas:
quick-replies-variable-name = el nombre del contacto tal como lo muestra WhatsApp
quick-replies-variable-first-name = la primera palabra del nombre del contacto
quick-replies-variable-agent = tu propio nombre
quick-replies-shortcut = Atajo
# Un atajo de ejemplo: solo letras minúsculas sin acentos, dígitos, guiones y guiones bajos.
quick-replies-shortcut-example = horario
quick-replies-text = Texto
# Una respuesta de ejemplo; la variable first_name entre llaves dobles no se traduce.
quick-replies-text-example = Hola {"{{"}first_name{"}}"}, abrimos de lunes a viernes de 9 a 18 h.
quick-replies-save = Guardar respuesta rápida
quick-replies-edit = Editar
quick-replies-delete = Eliminar
quick-replies-saved = Se guardó /{ $shortcut }.
quick-replies-deleted = Se eliminó /{ $shortcut }.

# Por qué no se puede guardar una respuesta rápida ($max: la respuesta más larga, en
# caracteres; $variable: lo que se escribió entre las llaves).
quick-replies-bad-shortcut = Un atajo tiene de 1 a 32 caracteres: letras minúsculas, dígitos, guiones y guiones bajos (por ejemplo `{ quick-replies-shortcut-example }`).
quick-replies-empty-body = La respuesta está vacía: escribe el texto que enviará el agente.
quick-replies-body-too-long = La respuesta es más larga que un mensaje de WhatsApp ({ $max } caracteres).
quick-replies-unknown-variable = { $variable } no es una variable que Switchboard conozca: usa {"{{"}name{"}}"}, {"{{"}first_name{"}}"} o {"{{"}agent{"}}"}.
