# Frases para las personas cuando algo falla.

# The app's own sentences for failed calls
app-error-network = No se puede conectar con el servidor: revisa la conexión; Switchboard sigue intentándolo.
app-error-decode = El servidor envió una respuesta que esta aplicación no puede leer: recarga la página para actualizarla.
app-error-wrong-credentials = Usuario o contraseña incorrectos: revisa ambos y vuelve a intentarlo.
app-error-session-ended = Tu sesión terminó: vuelve a iniciar sesión.
app-error-relay-problem = El servidor tuvo un problema ({ $status }): vuelve a intentarlo en un momento.
app-error-refused = El servidor rechazó la solicitud ({ $status }): recarga la página y vuelve a intentarlo.

# Las frases de la aplicación cuando el navegador no puede guardar la copia de la bandeja
# ($cause: las palabras del navegador, en inglés)
app-error-storage-open = El navegador rechazó la copia local de la bandeja de entrada ({ $cause }): permite el almacenamiento del sitio o usa una ventana normal (no privada).
app-error-storage-blocked = Otra pestaña de Switchboard tiene abierta una copia antigua de la bandeja de entrada: cierra las demás pestañas de Switchboard y recarga esta.
app-error-storage-io = No se pudo leer ni escribir la copia local de la bandeja de entrada ({ $cause }): recarga la página.
app-error-storage-corrupt = La copia local de la bandeja de entrada contiene un evento que esta aplicación no puede leer ({ $cause }): cierra sesión y vuelve a iniciarla para reconstruirla.
