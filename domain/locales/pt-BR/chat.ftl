
# Uma conversa: o cabeçalho, a janela de 24 horas, os separadores de dia, as mensagens e o
# editor.

window-open = Respostas permitidas por { $hours } h { $minutes } min
window-closed = Para responder é preciso um modelo
day-today = Hoje
day-yesterday = Ontem
