# /admin: people, teams, which team owns each line, access, customers' files and the audit
# log.

admin-title = Admin
admin-loading = Loading…
admin-role-agent = Agent
admin-role-supervisor = Supervisor
admin-role-admin = Admin

admin-people = People
admin-member = Member
admin-role = Role
admin-status = Status
admin-status-invited = Invited
admin-status-active = Active
admin-status-deactivated = Deactivated
admin-status-two-factor = 2FA
admin-deactivate = Deactivate
admin-reactivate = Reactivate
admin-reset-password = Reset password
admin-new-invite = New invite link
admin-remove-two-factor = Remove 2FA
admin-two-factor-removed = { $username }'s two-factor was removed; they were signed out.
# $until: the date and time the link stops working.
admin-issued-invite-link = Send { $username } this invite link. It works once, until { $until }:
admin-issued-reset-link = Send { $username } this password-reset link. It works once, until { $until }:
admin-add-member = Add someone
admin-username = Username
admin-username-rule = 2 to 32 lowercase letters, digits, dots, dashes or underscores
admin-name = Name
admin-password = Password (empty: send an invite link)
admin-add = Add
admin-member-added = { $username } was added.

admin-teams = Teams
admin-delete-team = Delete team
admin-team-id = Team id
admin-team-id-rule = 2 to 32 lowercase letters, digits, dots, dashes or underscores; it cannot be changed later
admin-team-id-example = sales
admin-team-name-example = Sales
admin-create-team = Create team
admin-lines = Lines
admin-lines-help = A line's team owns its unassigned chats. With round-robin on, each new chat goes in turn to the next member of the team who is online; with nobody online it waits, unassigned, for the team.
admin-no-team = No team
admin-round-robin = Round-robin new chats

admin-access = Access
admin-restrict-to-teams = Agents see only their teams' chats and chats assigned to them
admin-require-two-factor = Everyone must use two-factor authentication

admin-media = Customers' files
# $used and $quota are sizes such as "1.2 MB".
admin-media-usage = { $used } of { $quota } used; files are kept { $days ->
    [one] { $days } day
   *[other] { $days } days
}, the oldest are removed first when the space runs out.
admin-media-removed = Removed
admin-media-none-removed = No file was removed.
admin-media-reason-retention = older than { $days ->
    [one] { $days } day
   *[other] { $days } days
}
admin-media-reason-quota = over the disk quota
admin-media-failed = Could not be fetched
admin-media-none-failed = None.

admin-audit = Audit log
admin-audit-action = Action
admin-audit-everything = Everything
admin-audit-who = Who
admin-audit-who-placeholder = username
admin-audit-filter = Filter
admin-audit-when = When
admin-audit-what = What
admin-audit-target = On
admin-audit-from = From
admin-audit-details = Details
admin-audit-older = Older entries

# What the audit log records, as the filter and the log name it.
admin-action-login-succeeded = sign-in
admin-action-login-failed = sign-in failed
admin-action-logout = log-out
admin-action-logout-everywhere = log-out everywhere
admin-action-password-changed = password changed
admin-action-password-set = password set
admin-action-totp-enabled = two-factor turned on
admin-action-totp-disabled = two-factor turned off
admin-action-totp-reset = two-factor removed by an admin
admin-action-member-created = member added
admin-action-member-invited = member invited
admin-action-password-reset-issued = password-reset link issued
admin-action-member-changed = member changed
admin-action-team-saved = team saved
admin-action-team-deleted = team deleted
admin-action-line-changed = line changed
admin-action-settings-changed = settings changed
admin-action-quick-reply-saved = quick reply saved
admin-action-quick-reply-deleted = quick reply deleted
admin-action-unknown = another action
admin-action-templates-synced = templates synced
admin-action-export = export
admin-action-deletion = deletion
admin-action-record-set-aside = record set aside
