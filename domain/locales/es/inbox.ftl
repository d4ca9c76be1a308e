# La bandeja de entrada: la lista de chats con sus filtros y la búsqueda, los atajos de
# teclado, el título de la pestaña y las notificaciones, las alertas para administradores,
# el indicador de conexión y la página que se ve mientras se comprueba la sesión o cuando
# la página no es para tu rol.

inbox-pick-chat = Elige un chat a la izquierda para leerlo y responder.
inbox-chats = Chats
inbox-no-match = Ningún chat coincide con estos filtros.
inbox-empty = Todavía no hay chats.
inbox-empty-help = Cuando un cliente escriba a una de tus líneas, el chat aparecerá aquí.
inbox-empty-try-simulator = Prueba el Simulador.

## Filtros sobre la lista
inbox-filter-scope = De quién son los chats
inbox-filter-all = Todos los chats
inbox-filter-mine = Míos
inbox-filter-unassigned = Sin asignar
inbox-team = Equipo { $name }
inbox-filter-status = Abiertos o resueltos
inbox-filter-open = Abiertos
inbox-filter-resolved = Resueltos
inbox-filter-open-and-resolved = Abiertos y resueltos
inbox-filter-line = Línea
inbox-filter-all-lines = Todas las líneas
inbox-filter-tag = Etiqueta
inbox-filter-any-tag = Cualquier etiqueta

## Búsqueda
inbox-search = Buscar contactos y mensajes
inbox-search-results = Resultados de la búsqueda
inbox-search-nothing = No se encontró nada en la copia de los chats de este dispositivo.

## El título de la pestaña y las notificaciones del navegador
inbox-tab-title = ({ $count }) Switchboard
inbox-tab-title-none = Switchboard
inbox-mentioned-you = { $agent } te mencionó · { $chat }

## Atajos de teclado (`?`)
inbox-shortcuts = Atajos de teclado
inbox-shortcut-either = { $first }  o  { $second }
inbox-shortcut-next = Chat siguiente
inbox-shortcut-previous = Chat anterior
inbox-shortcut-assign = Asignarme el chat abierto
inbox-shortcut-resolve = Resolver o reabrir el chat abierto
inbox-shortcut-write = Escribir en el chat abierto
inbox-shortcut-search = Buscar
inbox-shortcut-help = Mostrar u ocultar estos atajos
inbox-shortcuts-close = Esc lo cierra.

## Alertas para administradores
inbox-unreadable-webhooks = { $count ->
    [one] No se pudo leer { $count } webhook de Meta; se guarda completo en el registro de eventos (tipo webhook_unreadable).
   *[other] No se pudieron leer { $count } webhooks de Meta; se guardan completos en el registro de eventos (tipo webhook_unreadable).
}

## La conexión con el relay, en la cabecera
inbox-connection = Conexión con el servidor
inbox-connection-connecting = Conectando…
inbox-connection-online = En línea
inbox-connection-offline = Sin conexión

## Antes de que se muestre una página
inbox-opening = Abriendo la bandeja de entrada…
inbox-not-for-role = No disponible para tu rol
inbox-role-needed = { $role ->
    [agent] Esta página es para agentes y roles superiores. Si la necesitas, pídesela a un administrador.
    [supervisor] Esta página es para supervisores y administradores. Si la necesitas, pídesela a un administrador.
   *[admin] Esta página es solo para administradores. Si la necesitas, pídesela a un administrador.
}
inbox-back-to-inbox = Volver a la bandeja de entrada
inbox-line-alert-token = Meta rechazó el token de acceso de la línea { $line } ({ $code }): un administrador debe actualizarlo en la configuración y reiniciar el servidor.

## Lo que Meta informa sobre una línea (los administradores lo ven hasta que otro informe lo reemplaza)
line-report-banned = Meta desactivó la cuenta de WhatsApp Business de la línea { $line }: ya no puede enviar mensajes. Apela en WhatsApp Manager (Calidad de la cuenta).
line-report-ban-scheduled = Meta desactivará la cuenta de WhatsApp Business de la línea { $line }: apela en WhatsApp Manager (Calidad de la cuenta) antes de la fecha indicada.
line-report-reinstated = Meta restableció la cuenta de WhatsApp Business de la línea { $line }: puede volver a enviar.
line-report-restricted = Meta restringió lo que puede enviar la línea { $line }: consulta Calidad de la cuenta en WhatsApp Manager para ver qué está limitado y hasta cuándo.
line-report-violation = Meta advirtió a la línea { $line } por una infracción de sus políticas: revísala en WhatsApp Manager (Calidad de la cuenta) para evitar una restricción.
line-report-account = Meta actualizó la cuenta de la línea { $line }.
line-report-flagged = Meta marcó como baja la calidad del número de la línea { $line }: los clientes bloquean o denuncian sus mensajes; su límite de envío puede bajar.
line-report-downgraded = Meta bajó el límite de envío del número de la línea { $line } por mensajes de baja calidad.
line-report-upgraded = Meta subió el límite de envío del número de la línea { $line }.
line-report-unflagged = La calidad del número de la línea { $line } ya no está marcada como baja.
line-report-quality = Meta actualizó la calificación de calidad del número de la línea { $line }.
line-report-meta-says = Meta dice: { $detail }
