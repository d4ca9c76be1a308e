# Sentences for people when something fails.

# The app's own sentences for failed calls
app-error-network = The relay cannot be reached: check the connection; Switchboard keeps retrying.
app-error-decode = The relay sent an answer this app cannot read: reload the page to update the app.
app-error-wrong-credentials = Wrong username or password: check both and try again.
app-error-session-ended = Your session has ended: sign in again.
app-error-relay-problem = The relay had a problem ({ $status }): try again in a moment.
app-error-refused = The relay refused the request ({ $status }): reload the page and try again.

# The app's own sentences when the browser cannot keep the inbox's copy ($cause: the
# browser's words, in English)
app-error-storage-open = The browser refused the local copy of the inbox ({ $cause }): allow site storage, or use a normal (not private) window.
app-error-storage-blocked = Another Switchboard tab keeps an older copy of the inbox open: close the other Switchboard tabs, then reload this one.
app-error-storage-io = The local copy of the inbox could not be read or written ({ $cause }): reload the page.
app-error-storage-corrupt = The local copy of the inbox holds an event this app cannot read ({ $cause }): log out and in again to rebuild it.
