# /quick-replies: the team's saved answers, kept by supervisors and admins.

quick-replies-title = Quick replies
quick-replies-help = Agents type / in the composer to pick one; the text goes into the composer, where it can be changed before sending. These variables are filled in:
quick-replies-variable-name = the contact's name as WhatsApp shows it
quick-replies-variable-first-name = the first word of the contact's name
quick-replies-variable-agent = your own name
quick-replies-shortcut = Shortcut
# An example shortcut: lowercase letters without accents, digits, dashes and underscores only.
quick-replies-shortcut-example = hours
quick-replies-text = Text
# An example answer; the variable first_name in double braces is not translated.
quick-replies-text-example = Hi {"{{"}first_name{"}}"}, we are open Monday to Friday, 9 am to 6 pm.
quick-replies-save = Save quick reply
quick-replies-edit = Edit
quick-replies-delete = Delete
quick-replies-saved = Saved /{ $shortcut }.
quick-replies-deleted = Deleted /{ $shortcut }.

# Why a quick reply cannot be saved ($max: the longest answer, in characters; $variable:
# what was typed between the braces).
quick-replies-bad-shortcut = A shortcut is 1 to 32 characters: lowercase letters, digits, dashes and underscores (for example `{ quick-replies-shortcut-example }`).
quick-replies-empty-body = The answer is empty: write the text the agent will send.
quick-replies-body-too-long = The answer is longer than one WhatsApp message ({ $max } characters).
quick-replies-unknown-variable = { $variable } is not a variable Switchboard knows: use {"{{"}name{"}}"}, {"{{"}first_name{"}}"} or {"{{"}agent{"}}"}.
