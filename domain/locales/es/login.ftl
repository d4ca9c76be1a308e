# /login y /link: iniciar sesión, los enlaces de invitación y de restablecimiento de
# contraseña, y la página de una dirección que no existe.

login-tagline = La bandeja de WhatsApp compartida de tu equipo
login-offline = Sin conexión: no se puede conectar con el servidor. Podrás iniciar sesión cuando vuelva.
login-username = Usuario
login-password = Contraseña
login-code = Código de tu app de autenticación
login-submit = Iniciar sesión
login-signing-in = Iniciando sesión…

# /link/…: $name es el nombre completo del miembro, $username con lo que inicia sesión (en
# negrita), $until la fecha y la hora en que el enlace deja de funcionar.
link-checking = Comprobando el enlace…
link-broken = Este enlace no funciona
link-go-to-sign-in = Ir a iniciar sesión
link-reset-title = Elige una nueva contraseña
link-invite-title = Te damos la bienvenida a Switchboard
link-intro = { $name }: inicia sesión como { $username }. Este enlace funciona hasta el { $until }.
link-new-password = Nueva contraseña (al menos 10 caracteres)
link-repeat-password = Repite la contraseña
link-totp-code = Código de 6 dígitos de tu app de autenticación
link-passwords-differ = Las dos contraseñas no coinciden: escribe la misma dos veces.
link-submit = Guardar contraseña e iniciar sesión

# Cualquier dirección que Switchboard no tiene.
not-found-title = Página no encontrada
not-found-body = Esta dirección no existe en Switchboard.
not-found-open-inbox = Abrir la bandeja de entrada
