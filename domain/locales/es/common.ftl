# Lo que comparten todas las páginas: la cabecera, el menú, el selector de idioma, los
# avisos de conexión y sin conexión, y los recuentos.

product = Switchboard
nav-inbox = Bandeja de entrada
nav-quick-replies = Respuestas rápidas
nav-simulator = Simulador
nav-admin = Administración
nav-account = Tu cuenta
nav-menu = Menú
nav-back = Volver
log-out = Cerrar sesión
logging-out = Cerrando sesión…
offline-copy = copia sin conexión
offline-banner = Sin conexión: se muestra la copia guardada en este navegador. Switchboard se reconecta solo.
language = Idioma
unread-count = { $count ->
    [one] { $count } mensaje sin leer
   *[other] { $count } mensajes sin leer
}
