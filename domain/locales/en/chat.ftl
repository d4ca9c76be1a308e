
# A chat: its header, the 24-hour window, day separators, bubbles and the composer.

window-open = Replies allowed for { $hours } h { $minutes } min
window-closed = Replies need a template
day-today = Today
day-yesterday = Yesterday
