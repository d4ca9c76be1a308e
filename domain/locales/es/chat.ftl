
# Un chat: su cabecera, la ventana de 24 horas, los separadores de día, los mensajes y el
# editor.

window-open = Respuestas permitidas durante { $hours } h { $minutes } min
window-closed = Para responder hace falta una plantilla
day-today = Hoy
day-yesterday = Ayer

## La cabecera del chat y los mensajes
chat-missing = Este chat no está (todavía) en la bandeja de entrada.
chat-missing-help = Aparecerá aquí en cuanto llegue su primer mensaje.
chat-typing = { $name } está escribiendo…
chat-viewing = { $name } está viendo este chat
chat-older = Los mensajes anteriores aparecen al desplazarte hacia arriba.
chat-waiting = 🕓 en espera
chat-waiting-help = En espera: se enviará en cuanto haya conexión con el servidor
chat-not-sent = ⚠ No enviado: { $reason }
chat-discard = Descartar

## Asignación, resolución y etiquetas
chat-assigned-to = Asignado a
chat-unassigned = Sin asignar
chat-assign-to-me = Asignarme
chat-resolve = Resolver
chat-reopen = Reabrir
chat-tag-remove = Quitar esta etiqueta
chat-tag-add = Agregar una etiqueta
chat-tag-colour = Color de una etiqueta nueva

## El editor
chat-window-closed-notice = Fuera de la ventana de 24 horas: el cliente no ha escrito en las últimas 24 horas. Envía una plantilla aprobada.
chat-files-need-connection = Para enviar archivos hace falta conexión con el servidor: vuelve a enviarlo cuando Switchboard esté en línea de nuevo.
chat-replying-to = Respondiendo a
chat-cancel-reply = Cancelar la respuesta
chat-file-becomes-caption = el texto de abajo será su descripción
chat-remove-file = Quitar el archivo
chat-uploading = Subiendo { $name }…
chat-note-mode = Nota
chat-note-mode-help = Escribir una nota privada para el equipo
chat-insert-emoji = Insertar un emoji
chat-attach = Adjuntar un archivo
chat-attach-help = Adjuntar una foto, un video, un audio o un documento
chat-placeholder = Escribe un mensaje, o / para respuestas rápidas
chat-placeholder-note = Nota privada: el cliente nunca la ve (con @usuario avisas a esa persona)
chat-placeholder-closed = Ya no se puede responder en este chat
chat-send = Enviar

## Plantillas, cuando la ventana está cerrada
chat-templates-none = Esta línea todavía no tiene plantillas aprobadas: crea una en el Administrador de WhatsApp; aparecerá aquí cuando Meta la apruebe.
chat-template-choose = Elige una plantilla…
chat-template-category = { $category ->
    [marketing] marketing
    [utility] utilidad
    [authentication] autenticación
   *[other] { $category }
}
chat-template-header-field = Encabezado { $placeholder }
chat-template-button-field = Final del enlace del botón { $number }
chat-template-media-field = { $kind ->
    [image] Imagen del encabezado: enlace https o id de un archivo subido
    [video] Video del encabezado: enlace https o id de un archivo subido
   *[document] Documento del encabezado: enlace https o id de un archivo subido
}
chat-template-send = Enviar plantilla

## Un mensaje
chat-note-by = Nota privada · { $name }
chat-author-outside = Fuera de Switchboard
chat-quote-you = Tú
chat-quote-gone = Un mensaje que ya no está en este chat
chat-quote-show = Mostrar el mensaje
chat-reply = Responder
chat-reply-help = Responder a este mensaje
chat-more = Más acciones
chat-forwarded = Reenviado
chat-forwarded-many = Reenviado muchas veces
chat-deleted = eliminado por el cliente
chat-edited = editado
chat-send-again = Volver a enviar
chat-tick-queued = En espera de envío
chat-tick-sent = Enviado
chat-tick-delivered = Entregado
chat-tick-read = Leído
chat-tick-played = Reproducido
chat-tick-failed = No enviado
chat-tick-unconfirmed = Puede que no se haya enviado
chat-unconfirmed-advice = Switchboard se detuvo mientras entregaba este mensaje a WhatsApp, y WhatsApp no lo confirmó: puede que haya llegado al cliente o no. Envíalo de nuevo si es importante.

## Lo que contiene un mensaje
chat-tapped-button = Tocó un botón
chat-picked-from-list = Eligió de la lista
chat-sent-form = Envió el formulario
chat-unsupported = El cliente envió un tipo de mensaje que WhatsApp no entrega a las empresas (una encuesta, una foto de visualización única…): pídele que lo envíe de otra forma.
chat-unsupported-details = WhatsApp dice: { $details }
chat-other-kind = Un mensaje de tipo “{ $kind }”, que esta versión de Switchboard todavía no puede mostrar. Se guarda completo en el registro.
chat-open-photo = Abrir la foto
chat-download = Descargar
chat-close = Cerrar
chat-unnamed-file = { $kind ->
    [image] Archivo de imagen
    [video] Archivo de video
    [audio] Archivo de audio
    [sticker] Archivo de sticker
   *[document] Documento
}
chat-location = Ubicación
chat-open-map = Abrir el mapa
chat-template-chip = Plantilla · { $name }
chat-order = 🛒 Pedido
chat-order-total = Total { $total }

## Una línea sobre un mensaje: la lista de chats, una cita, una respuesta, una notificación
chat-preview-photo = 📷 Foto
chat-preview-video = 🎥 Video
chat-preview-audio = 🎵 Audio
chat-preview-voice = 🎤 Mensaje de voz
chat-preview-document = 📄 Documento
chat-preview-sticker = Sticker
chat-preview-captioned = { $kind }: { $caption }
chat-preview-location = 📍 { $name }
chat-preview-contacts = { $count ->
    [one] 👤 { $count } contacto
   *[other] 👤 { $count } contactos
}
chat-preview-reacted = Reaccionó { $emoji }
chat-preview-reaction-removed = Quitó una reacción
chat-preview-order = { $count ->
    [one] 🛒 Pedido: { $count } artículo
   *[other] 🛒 Pedido: { $count } artículos
}
chat-preview-unsupported = Tipo de mensaje no admitido por la API de WhatsApp
chat-preview-deleted = 🚫 Mensaje eliminado
chat-announce = { $name }: { $text }

## Grupos, otros identificadores, información del mensaje y bajas
chat-group-untitled = Grupo de WhatsApp
chat-group = Grupo
chat-user-id = Identificador de usuario de WhatsApp
chat-info = Información del mensaje
chat-info-help = Cuándo lo entregó WhatsApp y cuándo se leyó
chat-receipt = { $status ->
    [delivered] Entregado
    [read] Leído
    [played] Reproducido
    [failed] No enviado
   *[sent] Enviado
}
chat-marketing-stopped = Este cliente pidió a WhatsApp el { $date } no recibir mensajes de marketing de esta línea: envíale solo plantillas de utilidad.
chat-system-changed-number = El cliente cambió su número de teléfono a +{ $number }: las respuestas van al número nuevo.
chat-system-changed-user-id = Cambió el identificador de usuario de WhatsApp del cliente: las respuestas van al nuevo.
chat-templates-unavailable = Plantillas que no se pueden enviar ahora
chat-template-status = { $status ->
    [pending] en revisión
    [rejected] rechazada
    [paused] en pausa
    [disabled] desactivada
    [in_appeal] en apelación
    [flagged] marcada
   *[other] { $status }
}
chat-template-reason = motivo: { $reason }
chat-template-quality = { $quality ->
    [green] calidad: alta
    [yellow] calidad: media
    [red] calidad: baja
   *[other] calidad: aún sin calificar
}
