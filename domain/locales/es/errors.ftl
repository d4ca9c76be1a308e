# Frases para las personas cuando algo falla.

# Las frases que dan las reglas del dominio y el relay cuando rechazan algo. Los códigos
# estables (`window_closed`, `weak_password` …) siguen en inglés en las respuestas; esto es
# lo que lee una persona.

## Las reglas del dominio (la app también las comprueba antes de enviar nada)

error-empty-message = El mensaje está vacío: escribe algo para enviar.
error-message-too-long = El mensaje supera lo que permite WhatsApp ({ $max } caracteres): acórtalo o divídelo.
error-unknown-chat = Este chat ya no existe: vuelve a cargar la bandeja de entrada.
error-window-closed = Fuera de la ventana de 24 horas: el cliente no ha escrito en las últimas 24 horas. Envía una plantilla.
error-caption-too-long = El pie de foto supera lo que permite WhatsApp ({ $max } caracteres).
error-unknown-message = Ese mensaje no está en este chat (o aún no se entregó), así que no se puede reaccionar a él.
error-nothing-to-read = El cliente aún no ha escrito en este chat: no hay nada que marcar como leído.
error-chat-not-visible = Este chat pertenece a un equipo del que no formas parte: pide a un supervisor que te lo asigne.
error-unknown-active-member = No hay ningún miembro activo llamado { $name }: elige a alguien de la lista.
error-unknown-team-pick = No hay ningún equipo llamado { $name }: elige un equipo de la lista.
error-bad-tag = Una etiqueta tiene de 1 a 32 caracteres, y su color se escribe #rrggbb.
error-cannot-retry = Solo se puede reenviar un mensaje que falló, y no cuando WhatsApp indicó que reintentar no sirve.
error-field-too-long = { $field ->
    [message_id] El id del mensaje
    [media] El archivo
    [file_type] El tipo de archivo
    [file_name] El nombre del archivo
    [template_name] El nombre de la plantilla
    [template_language] El idioma de la plantilla
    [header_media] El archivo del encabezado
    [reaction] La reacción
    [colour] El color
   *[other] El campo
} supera los { $max } caracteres: acórtalo.
error-bad-command-id = Este id de comando está vacío, supera los { $max } caracteres o ya corresponde a otro mensaje: envíalo con un id nuevo.
error-media-type = WhatsApp no acepta archivos { $type }: envía una imagen JPEG o PNG, un video MP4, un audio MP3/OGG/AAC o un documento PDF/Office.
error-media-too-large = El archivo pesa { $size }; WhatsApp acepta { $kind ->
    [image] imágenes
    [video] videos
    [audio] audios
    [sticker] stickers
   *[document] documentos
} de hasta { $limit }. Envía un archivo más pequeño.
error-media-empty = El archivo está vacío.
error-template-unknown = No hay ninguna plantilla { $name } ({ $language }) en esta línea: sincroniza las plantillas o elige otra.
error-template-not-approved = La plantilla { $name } está { $status }, no aprobada: solo se pueden enviar plantillas aprobadas.
error-template-missing = Completa {"{{"}{ $placeholder }{"}}"} en { $part ->
    [header] el encabezado
    [body] el cuerpo
   *[other] { $part }
} de la plantilla.
error-template-bad-value = El valor de {"{{"}{ $placeholder }{"}}"} no puede tener saltos de línea, tabulaciones ni más de 4 espacios seguidos (WhatsApp los rechaza).
error-template-too-long = El valor de {"{{"}{ $placeholder }{"}}"} supera los { $max } caracteres.
error-template-media = Esta plantilla tiene un encabezado multimedia: adjunta una imagen, un video o un documento.
error-interactive-empty = Escribe el mensaje que acompaña a los botones o a la lista.
error-interactive-too-long = El mensaje supera los { $max } caracteres.
error-interactive-header = Los encabezados y pies tienen como máximo { $max } caracteres.
error-interactive-buttons = Botones de respuesta: entre 1 y { $max }.
error-interactive-rows = Una lista tiene de 1 a { $max } filas en total.
error-interactive-title = "{ $title }" es demasiado largo: los botones admiten { $button } caracteres, las filas { $row } y las descripciones { $description }.
error-interactive-choice = Cada botón y cada fila necesitan un título y un id.
error-interactive-duplicate = Dos botones o filas comparten el id "{ $id }": los ids deben ser únicos.
error-quick-reply-shortcut = Un atajo tiene de 1 a 32 caracteres: minúsculas, dígitos, guiones y guiones bajos (por ejemplo `horario`).
error-quick-reply-empty = La respuesta está vacía: escribe el texto que enviará el agente.
error-quick-reply-too-long = La respuesta supera un mensaje de WhatsApp ({ $max } caracteres).
error-unknown-variable = { $variable } no es una variable que Switchboard conozca: elige una de la lista de variables.

## Qué significan los códigos de error de WhatsApp para quien envió el mensaje

advice-token = Meta rechazó el token de acceso de la línea: un administrador debe actualizarlo en la configuración.
advice-window = Pasaron más de 24 horas desde el último mensaje del cliente: envía una plantilla aprobada.
advice-undeliverable = El número no puede recibir este mensaje (no está en WhatsApp o tiene una app antigua). Contacta al cliente por otra vía.
advice-opted-out = El cliente dejó de recibir mensajes de marketing de esta empresa. No lo reintentes.
advice-marketing-limit = Meta retuvo este mensaje de marketing para limitar lo que recibe el cliente. Inténtalo otro día.
advice-too-fast = Se está enviando demasiado rápido; Switchboard reduce el ritmo y reintenta solo.
advice-temporary = WhatsApp tuvo un problema temporal; reintenta en unos minutos.
advice-blocked = Meta bloqueó la cuenta de WhatsApp: revisa su estado en el Administrador de WhatsApp.
advice-template = Se rechazó la plantilla o sus parámetros: revisa la plantilla en Plantillas.
advice-media = Meta no pudo usar el archivo adjunto: revisa su tipo y tamaño.
advice-other = El mensaje no se envió. Revisa los detalles y reintenta o contacta a un administrador.

## Las respuestas del relay

error-unauthenticated = No has iniciado sesión o tu sesión terminó: vuelve a iniciar sesión.
error-invalid-credentials = Usuario o contraseña incorrectos.
error-credentials-too-long = Un usuario tiene como máximo { $username } caracteres, una contraseña { $password } y un código { $code }: revisa lo que escribiste.
error-code-needed = Escribe el código de 6 dígitos de tu app de autenticación.
error-forbidden = Tu rol no permite hacer esto: hace falta { $role ->
    [admin] ser administrador
    [supervisor] ser supervisor o más
   *[agent] ser agente o más
}. Pídeselo a un administrador.
error-totp-enrolment-required = La verificación en dos pasos es obligatoria: actívala en Cuenta antes de continuar.
error-password-change-required = Iniciaste sesión con la contraseña de un solo uso: elige una contraseña nueva en Cuenta antes de continuar.
error-unknown-quick-reply = No hay ninguna respuesta rápida /{ $shortcut }.
error-too-many-attempts = Demasiados intentos fallidos: espera { $seconds } segundos y vuelve a intentarlo.
error-busy = El servidor está ocupado en este momento: vuelve a intentarlo en { $seconds } segundos.
error-forbidden-origin = Esta solicitud venía de otro sitio y se rechazó.
error-bad-signature = Falta la firma del webhook o es incorrecta: revisa el secreto de la app de la línea.
error-verification-failed = El token de verificación no coincide con el de la línea.
error-payload-too-large = El cuerpo de la solicitud supera los { $limit } bytes.
error-bad-request = El cuerpo de la solicitud no es válido: { $detail }
error-team-id = El id de un equipo tiene de 2 a 32 caracteres: minúsculas, dígitos, puntos, guiones y guiones bajos.
error-team-name = El nombre de un equipo tiene de 1 a 80 caracteres.
error-round-robin-team = El reparto rotativo distribuye los chats entre los miembros de un equipo: elige primero el equipo de la línea.
error-sandbox-phone = El teléfono del cliente debe ser un número con código de país, de 7 a 15 dígitos.
error-upload-interrupted = La subida se interrumpió: vuelve a intentarlo.
error-unknown-line = No hay ninguna línea configurada llamada { $line }.
error-upstream = WhatsApp no aceptó esto: { $detail }
error-bad-media-id = Esto no es un id de archivo de WhatsApp: usa el id que viene en el mensaje.
error-no-media-on-sandbox = La línea Sandbox no tiene archivos para descargar: los archivos solo llegan por líneas de WhatsApp.
error-media-gone = El archivo ya no está disponible en WhatsApp (se guarda 7 días).
error-media-evicted = Este archivo se eliminó del servidor el { $at } { $reason ->
    [retention] porque los archivos se guardan { $days } días
   *[quota] para no superar el espacio en disco reservado a los archivos
}: pide al cliente que lo envíe de nuevo si lo necesitas.
error-media-download-too-large = { $kind ->
    [image] Esta imagen supera
    [video] Este video supera
    [audio] Este audio supera
    [sticker] Este sticker supera
   *[document] Este documento supera
} el límite de WhatsApp de { $limit }, así que no se descargó: pide al cliente un archivo más pequeño.
error-media-corrupt = El archivo descargado de WhatsApp estaba dañado (tamaño o suma de verificación incorrectos) y se descartó: vuelve a intentarlo.
error-whatsapp-token-rejected = WhatsApp rechazó el token de acceso de la línea (190): actualiza el token en la configuración del servidor y reinícialo.
error-whatsapp-unavailable = No se pudo contactar con WhatsApp o rechazó la solicitud del archivo: vuelve a intentarlo en un momento y, si se repite, revisa la configuración de la línea.
error-range = El rango pedido empieza después del final del archivo ({ $length } bytes).
error-internal = Algo falló en el servidor; quedó registrado. Vuelve a intentarlo.
error-invalid-username = Un usuario tiene de 2 a 32 caracteres: minúsculas, dígitos, puntos, guiones y guiones bajos.
error-invalid-name = El nombre no puede estar vacío ni superar los 80 caracteres.
error-username-taken = Ese usuario ya existe: elige otro.
error-unknown-member = No hay ningún miembro llamado { $name }.
error-weak-password = Una contraseña tiene de { $min } a { $max } caracteres y no puede ser el usuario.
error-wrong-password = La contraseña actual es incorrecta.
error-same-password = La contraseña nueva es igual a la actual: elige otra.
error-wrong-code = El código es incorrecto o ya se usó: escribe el código actual de la app.
error-totp-not-started = Primero inicia la configuración de la verificación en dos pasos: escanea el código QR y luego escribe un código.
error-totp-required = La verificación en dos pasos es obligatoria para todos: no se puede desactivar.
error-reset-code-needed = Este miembro tiene la verificación en dos pasos activada: escribe también el código actual de la app de autenticación.
error-link-invalid = Este enlace no existe, ya se usó o caducó: pide uno nuevo a un administrador.
error-last-admin = El espacio de trabajo necesita al menos un administrador activo: nombra antes administrador a otra persona.

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
