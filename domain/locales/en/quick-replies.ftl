# /quick-replies: the team's saved answers, kept by supervisors and admins.

quick-replies-title = Quick replies
quick-replies-help = Agents type / in the composer to pick one; the text goes into the composer, where it can be changed before sending. Variables put in the contact's or your own name.
quick-replies-shortcut = Shortcut
# An example shortcut: lowercase letters without accents, digits, dashes and underscores only.
quick-replies-shortcut-example = hours
quick-replies-text = Text
# An example answer; the variable first_name in double braces is not translated.
quick-replies-text-example = Hi {"{{"}contact.first_name{"}}"}, we are open Monday to Friday, 9 am to 6 pm.
quick-replies-save = Save quick reply
quick-replies-edit = Edit
quick-replies-delete = Delete
quick-replies-saved = Saved /{ $shortcut }.
quick-replies-deleted = Deleted /{ $shortcut }.

