# /quick-replies: las respuestas guardadas del equipo, que mantienen los supervisores y los
# administradores.

quick-replies-title = Respuestas rápidas
quick-replies-help = Los agentes escriben / en el editor para elegir una; el texto pasa al editor, donde se puede cambiar antes de enviarlo. Las variables ponen el nombre del contacto o el tuyo.
quick-replies-shortcut = Atajo
# Un atajo de ejemplo: solo letras minúsculas sin acentos, dígitos, guiones y guiones bajos.
quick-replies-shortcut-example = horario
quick-replies-text = Texto
# Una respuesta de ejemplo; la variable first_name entre llaves dobles no se traduce.
quick-replies-text-example = Hola {"{{"}contact.first_name{"}}"}, abrimos de lunes a viernes de 9 a 18 h.
quick-replies-save = Guardar respuesta rápida
quick-replies-edit = Editar
quick-replies-delete = Eliminar
quick-replies-saved = Se guardó /{ $shortcut }.
quick-replies-deleted = Se eliminó /{ $shortcut }.

