/* The floor for writing: a plain C program on libxlsxwriter writing the same 1,000,000 x 18
 * rows as Benchmarks/WriteBench (same pools, same generator, constant_memory mode).
 *   cc -O2 write_floor.c $(pkg-config --cflags --libs xlsxwriter) -o write_floor
 *   ./write_floor OUT.xlsx [ROWS] */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <xlsxwriter.h>

static uint64_t state = 42;
static uint32_t next(void) { state = state * 6364136223846793005ULL + 1442695040888963407ULL; return (uint32_t)(state >> 33); }

#define POOL 1000
static char pools[8][POOL][64];

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: write_floor OUT.xlsx [ROWS]\n"); return 2; }
    long rows = argc > 2 ? atol(argv[2]) : 1000000;
    const char *prefix[8] = {"Cuenta ", "Asesor ", "Supervisor ", "Opcion ", "Nodo ", "HHPP ", "Estado ", "Nota de escalamiento numero "};
    for (int p = 0; p < 8; p++)
        for (int i = 0; i < POOL; i++) snprintf(pools[p][i], 64, "%s%d", prefix[p], i * 7919 % 100000);
    lxw_workbook_options options = {.constant_memory = 1, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *wb = workbook_new_opt(argv[1], &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Base");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy hh:mm");
    lxw_format *dec = workbook_add_format(wb);
    format_set_num_format(dec, "0.00");
    for (long r = 0; r < rows; r++) {
        lxw_row_t row = (lxw_row_t)r;
        worksheet_write_number(ws, row, 0, 45292.0 + next() % 365 + (next() % 86400) / 86400.0, date);
        for (int c = 1; c < 18; c++) {
            if (c == 10) worksheet_write_number(ws, row, c, (double)(next() % 13), NULL);
            else if (c == 16) worksheet_write_number(ws, row, c, (next() % 2500) / 100.0, dec);
            else worksheet_write_string(ws, row, c, pools[c % 8][next() % POOL], NULL);
        }
    }
    lxw_error err = workbook_close(wb);
    if (err) { fprintf(stderr, "%s\n", lxw_strerror(err)); return 1; }
    return 0;
}
