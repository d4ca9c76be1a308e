# /account: el idioma del miembro, su contraseña, la verificación en dos pasos, los avisos
# y los dispositivos.

account-title = Tu cuenta
account-language = Idioma
account-language-help = Switchboard usa este idioma en todos los dispositivos en los que inicies sesión.

account-password = Contraseña
account-password-choose = Elige una nueva contraseña
account-password-must-change = Iniciaste sesión con la contraseña de un solo uso que mostró el servidor al iniciarse por primera vez: elige tu propia contraseña para continuar.
account-current-password = Contraseña actual
account-new-password = Nueva contraseña (al menos 10 caracteres)
account-change-password = Cambiar contraseña
account-password-changed = Contraseña cambiada. Se cerró la sesión en tus otros dispositivos.

account-two-factor = Verificación en dos pasos
account-two-factor-required = Tu administrador exige la verificación en dos pasos: actívala para continuar.
account-two-factor-on = Activada: al iniciar sesión se pide un código de tu app de autenticación.
account-two-factor-off = Protege tu cuenta con un código de una app de autenticación (Google Authenticator, Microsoft Authenticator, 1Password, Aegis…).
account-two-factor-set-up = Configurar
account-two-factor-scan = Escanea este código con tu app de autenticación y escribe el código de 6 dígitos que muestra.
account-two-factor-key = ¿No puedes escanearlo? Escribe esta clave:
account-code = Código de 6 dígitos
account-two-factor-turn-on = Activar
account-two-factor-turn-off = Desactivar
account-two-factor-turned-on = La verificación en dos pasos está activada.
account-two-factor-turned-off = La verificación en dos pasos está desactivada.

account-alerts = Mensajes nuevos
account-alerts-help = Para los chats asignados a ti o a nadie, y las notas que te mencionan. El título de la pestaña siempre cuenta los mensajes sin leer. Estas opciones se guardan en este navegador.
account-alerts-notification = Mostrar una notificación cuando Switchboard está en segundo plano
account-alerts-sound = Reproducir un sonido

account-devices = Dispositivos
account-devices-help = ¿Perdiste un teléfono o usaste una computadora compartida? Cierra todas las sesiones, incluida esta. Cada dispositivo borra su copia de los chats.
account-log-out-everywhere = Cerrar sesión en todos los dispositivos
