# /admin: las personas, los equipos, qué equipo se encarga de cada línea, el acceso, los
# archivos de los clientes y el registro de auditoría.

admin-title = Administración
admin-loading = Cargando…
admin-role-agent = Agente
admin-role-supervisor = Supervisor
admin-role-admin = Administrador

admin-people = Personas
admin-member = Miembro
admin-role = Rol
admin-status = Estado
admin-status-invited = Invitado
admin-status-active = Activo
admin-status-deactivated = Desactivado
admin-status-two-factor = verificación en dos pasos
admin-deactivate = Desactivar
admin-reactivate = Reactivar
admin-reset-password = Restablecer contraseña
admin-new-invite = Nuevo enlace de invitación
admin-remove-two-factor = Quitar la verificación en dos pasos
admin-two-factor-removed = Se quitó la verificación en dos pasos de { $username } y se cerró su sesión.
# $until: la fecha y la hora en que el enlace deja de funcionar.
admin-issued-invite-link = Envía a { $username } este enlace de invitación. Funciona una sola vez, hasta el { $until }:
admin-issued-reset-link = Envía a { $username } este enlace para restablecer la contraseña. Funciona una sola vez, hasta el { $until }:
admin-add-member = Agregar a alguien
admin-username = Usuario
admin-username-rule = De 2 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos
admin-name = Nombre
admin-password = Contraseña (vacía: se envía un enlace de invitación)
admin-add = Agregar
admin-member-added = Se agregó a { $username }.

admin-teams = Equipos
admin-delete-team = Eliminar equipo
admin-team-id = Identificador del equipo
admin-team-id-rule = De 2 a 32 letras minúsculas, dígitos, puntos, guiones o guiones bajos; no se puede cambiar después
admin-team-id-example = ventas
admin-team-name-example = Ventas
admin-create-team = Crear equipo
admin-lines = Líneas
admin-lines-help = El equipo de una línea se encarga de sus chats sin asignar. Con el reparto rotativo activado, cada chat nuevo va por turno al siguiente miembro del equipo que esté conectado; si no hay nadie conectado, espera sin asignar al equipo.
admin-no-team = Sin equipo
admin-round-robin = Repartir los chats nuevos por turnos

admin-access = Acceso
admin-restrict-to-teams = Los agentes ven solo los chats de sus equipos y los que tienen asignados
admin-require-two-factor = Todos deben usar la verificación en dos pasos

admin-media = Archivos de los clientes
# $used y $quota son tamaños como "1,2 MB".
admin-media-usage = { $used } de { $quota } en uso; los archivos se guardan { $days ->
    [one] { $days } día
   *[other] { $days } días
} y, cuando se acaba el espacio, se eliminan primero los más antiguos.
admin-media-removed = Eliminados
admin-media-none-removed = No se eliminó ningún archivo.
admin-media-reason-retention = con más de { $days ->
    [one] { $days } día
   *[other] { $days } días
}
admin-media-reason-quota = por superar la cuota de disco
admin-media-failed = No se pudieron descargar
admin-media-none-failed = Ninguno.

admin-audit = Registro de auditoría
admin-audit-action = Acción
admin-audit-everything = Todo
admin-audit-who = Quién
admin-audit-who-placeholder = usuario
admin-audit-filter = Filtrar
admin-audit-when = Cuándo
admin-audit-what = Qué
admin-audit-target = Afectado
admin-audit-from = Origen
admin-audit-details = Detalles
admin-audit-older = Entradas anteriores

# Lo que registra la auditoría, tal como lo nombran el filtro y el registro.
admin-action-login-succeeded = inicio de sesión
admin-action-login-failed = inicio de sesión fallido
admin-action-logout = cierre de sesión
admin-action-logout-everywhere = cierre de sesión en todos los dispositivos
admin-action-password-changed = contraseña cambiada
admin-action-password-set = contraseña definida
admin-action-totp-enabled = verificación en dos pasos activada
admin-action-totp-disabled = verificación en dos pasos desactivada
admin-action-totp-reset = verificación en dos pasos quitada por un administrador
admin-action-member-created = miembro agregado
admin-action-member-invited = miembro invitado
admin-action-password-reset-issued = enlace de restablecimiento de contraseña emitido
admin-action-member-changed = miembro modificado
admin-action-team-saved = equipo guardado
admin-action-team-deleted = equipo eliminado
admin-action-line-changed = línea modificada
admin-action-settings-changed = configuración modificada
admin-action-quick-reply-saved = respuesta rápida guardada
admin-action-quick-reply-deleted = respuesta rápida eliminada
admin-action-unknown = otra acción
admin-action-templates-synced = plantillas sincronizadas
admin-action-export = exportación
admin-action-deletion = eliminación
admin-action-record-set-aside = registro apartado
