import sys
import xlsxwriter
# The same rows as Benchmarks/c_floor/write_floor.c, through Python's XlsxWriter (constant_memory).
path, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
state = 42
M = (1 << 64) - 1
def nxt():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & M
    return state >> 33
prefixes = ["Cuenta ", "Asesor ", "Supervisor ", "Opcion ", "Nodo ", "HHPP ", "Estado ", "Nota de escalamiento numero "]
pools = [[p + str(i * 7919 % 100000) for i in range(1000)] for p in prefixes]
wb = xlsxwriter.Workbook(path, {"constant_memory": True})
ws = wb.add_worksheet("Base")
date = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
dec = wb.add_format({"num_format": "0.00"})
for r in range(rows):
    ws.write_number(r, 0, 45292.0 + nxt() % 365 + (nxt() % 86400) / 86400, date)
    for c in range(1, 18):
        if c == 10: ws.write_number(r, c, float(nxt() % 13))
        elif c == 16: ws.write_number(r, c, (nxt() % 2500) / 100, dec)
        else: ws.write_string(r, c, pools[c % 8][nxt() % 1000])
wb.close()
