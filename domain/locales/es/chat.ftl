
# Un chat: su cabecera, la ventana de 24 horas, los separadores de día, los mensajes y el
# editor.

window-open = Respuestas permitidas durante { $hours } h { $minutes } min
window-closed = Para responder hace falta una plantilla
day-today = Hoy
day-yesterday = Ayer
