/* The same-cells floor for writing: a plain C program on libxlsxwriter (constant_memory mode)
 * writing the very cells of a CSV — the gestionado's base as `celda dump FILE --format csv`
 * prints it — so that long notes cost it what they cost `celda process`.
 *   cc -O2 write_same_floor.c $(pkg-config --cflags --libs xlsxwriter) -o write_same_floor
 *   ./write_same_floor CSV OUT.xlsx [SHEET_ROWS]
 * The CSV is read and parsed first (RFC 4180: comma, fields quoted when they hold a comma, quote
 * or line break, quotes doubled); only the writing is timed, from just before workbook_new_opt
 * to after workbook_close, and printed as seconds (%.3f) on stdout.
 * Cells, as the dump prints them: empty → skipped; a plain decimal number (as the dump writes
 * numbers: -12, 15.48, 1e-05; no leading zeros) → number; TRUE/FALSE → boolean; ISO dates
 * 2024-03-05 / 2024-03-05T14:10:00[.ffffff] / 14:10:00 → Excel serials with a date format;
 * anything else → string. (Text that reads as a number, e.g. a cédula, becomes a number: the dump
 * does not tell them apart.) Every SHEET_ROWS rows (default 1,048,576) the rows continue on a new
 * sheet, «Base», «Base (2)», …, the header not repeated. Any libxlsxwriter error exits 1. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum { EMPTY, NUMBER, STRING, BOOLEAN, DATE, DATETIME, TIME };

typedef struct {
    union { double number; uint64_t offset; } v; /* offset of a string's first byte in the text */
    uint32_t column;
    uint8_t type;
} cell;

static void die(const char *what, const char *detail) {
    fprintf(stderr, "write_same_floor: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void check(lxw_error err, const char *what) {
    if (err != LXW_NO_ERROR) die(what, lxw_strerror(err));
}

static void *grow(void *p, size_t *capacity, size_t item) {
    *capacity = *capacity ? *capacity * 2 : 1 << 16;
    p = realloc(p, *capacity * item);
    if (!p) die("out of memory", NULL);
    return p;
}

static int digits(const char *s, int n) {
    for (int i = 0; i < n; i++) if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int value(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
    return v;
}

/* Days since 1899-12-30 (Excel's serial 0 in the 1900 system; right from March 1900 on). */
static long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + 25569;
}

/* HH:MM:SS[.ffffff] → fraction of a day; 0 if s is not one. */
static int time_of(const char *s, size_t n, double *day) {
    if (n < 8 || !digits(s, 2) || s[2] != ':' || !digits(s + 3, 2) || s[5] != ':' || !digits(s + 6, 2)) return 0;
    double frac = 0, scale = 0.1;
    if (n > 8) {
        if (s[8] != '.' || n == 9 || !digits(s + 9, (int)(n - 9))) return 0;
        for (size_t i = 9; i < n; i++, scale /= 10) frac += (s[i] - '0') * scale;
    }
    int h = value(s, 2), m = value(s + 3, 2), sec = value(s + 6, 2);
    if (h > 23 || m > 59 || sec > 59) return 0;
    *day = (h * 3600 + m * 60 + sec + frac) / 86400.0;
    return 1;
}

/* What the field s (n bytes, NUL-terminated) holds. */
static uint8_t classify(const char *s, size_t n, double *number) {
    if (n == 0) return EMPTY;
    if (n == 4 && memcmp(s, "TRUE", 4) == 0) { *number = 1; return BOOLEAN; }
    if (n == 5 && memcmp(s, "FALSE", 5) == 0) { *number = 0; return BOOLEAN; }
    if (n >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)) {
        int y = value(s, 4), m = value(s + 5, 2), d = value(s + 8, 2);
        if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            double day = (double)days_from_civil(y, m, d), t;
            if (n == 10) { *number = day; return DATE; }
            if (s[10] == 'T' && time_of(s + 11, n - 11, &t)) { *number = day + t; return DATETIME; }
        }
    }
    if (time_of(s, n, number)) return TIME;
    /* -?digits(.digits)?(e[+-]?digits)?, no leading zero before another digit. */
    size_t i = 0;
    if (s[i] == '-') i++;
    size_t start = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == start || (s[start] == '0' && i - start > 1)) return STRING;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == f) return STRING;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t e = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == e) return STRING;
    }
    if (i != n) return STRING;
    *number = strtod(s, NULL);
    return NUMBER;
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: write_same_floor CSV OUT.xlsx [SHEET_ROWS]\n"); return 2; }
    long sheet_rows = argc > 3 ? atol(argv[3]) : 1048576;
    if (sheet_rows < 1 || sheet_rows > 1048576) die("SHEET_ROWS must be 1 … 1048576", argv[3]);

    /* The whole CSV, in memory. */
    FILE *f = fopen(argv[1], "rb");
    if (!f) die("cannot open", argv[1]);
    size_t size = 0, capacity = 0;
    char *text = NULL;
    for (;;) {
        if (size + 1 >= capacity) text = grow(text, &capacity, 1);
        size_t n = fread(text + size, 1, capacity - size - 1, f);
        if (n == 0) break;
        size += n;
    }
    if (ferror(f)) die("cannot read", argv[1]);
    fclose(f);
    text[size] = 0;

    /* Parsed in place: each field unquoted where it stands and NUL-terminated (unquoting never
     * lengthens a field, and the byte after it is its separator). */
    cell *cells = NULL; size_t ncells = 0, cells_capacity = 0;
    size_t *row_start = NULL; size_t nrows = 0, rows_capacity = 0; /* index of each row's first cell */
    size_t p = 0;
    while (p < size) {
        if (nrows + 2 >= rows_capacity) row_start = grow(row_start, &rows_capacity, sizeof *row_start);
        row_start[nrows++] = ncells;
        uint32_t column = 0;
        for (;;) { /* one field */
            size_t start = p, w = p;
            if (text[p] == '"') {
                p++;
                for (;;) {
                    if (p >= size) die("unterminated quoted field in", argv[1]);
                    if (text[p] == '"') {
                        if (text[p + 1] == '"') { text[w++] = '"'; p += 2; continue; }
                        p++;
                        break;
                    }
                    text[w++] = text[p++];
                }
                if (p < size && text[p] != ',' && text[p] != '\n' && text[p] != '\r')
                    die("text after a closing quote in", argv[1]);
            } else {
                while (p < size && text[p] != ',' && text[p] != '\n' && text[p] != '\r') p++;
                w = p;
            }
            char end = p < size ? text[p] : '\n';
            if (end == '\r' && p + 1 < size && text[p + 1] == '\n') p++;
            p++;
            text[w] = 0;
            cell c = {.column = column};
            c.type = classify(text + start, w - start, &c.v.number);
            if (c.type == STRING) c.v.offset = start;
            if (c.type != EMPTY) {
                if (ncells >= cells_capacity) cells = grow(cells, &cells_capacity, sizeof *cells);
                cells[ncells++] = c;
            }
            if (end != ',') break;
            column++;
        }
    }
    if (!row_start) row_start = grow(row_start, &rows_capacity, sizeof *row_start);
    row_start[nrows] = ncells;

    double t0 = seconds();
    lxw_workbook_options options = {.constant_memory = 1, .tmpdir = NULL, .use_zip64 = 1};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    if (!wb) die("cannot create workbook", argv[2]);
    lxw_format *formats[TIME + 1] = {0};
    const char *codes[TIME + 1] = {[DATE] = "dd/mm/yyyy", [DATETIME] = "dd/mm/yyyy hh:mm:ss", [TIME] = "hh:mm:ss"};
    for (int t = DATE; t <= TIME; t++) {
        formats[t] = workbook_add_format(wb);
        if (!formats[t]) die("cannot add a format", NULL);
        format_set_num_format(formats[t], codes[t]);
    }
    lxw_worksheet *ws = NULL;
    for (size_t r = 0; r < nrows; r++) {
        lxw_row_t row = (lxw_row_t)(r % sheet_rows);
        if (row == 0) {
            char name[32];
            if (r == 0) snprintf(name, sizeof name, "Base");
            else snprintf(name, sizeof name, "Base (%zu)", r / sheet_rows + 1);
            ws = workbook_add_worksheet(wb, name);
            if (!ws) die("cannot add worksheet", name);
        }
        for (size_t i = row_start[r]; i < row_start[r + 1]; i++) {
            const cell *c = &cells[i];
            if (c->column >= LXW_COL_MAX) die("too many columns", NULL);
            lxw_col_t col = (lxw_col_t)c->column;
            lxw_error err;
            switch (c->type) {
            case NUMBER: err = worksheet_write_number(ws, row, col, c->v.number, NULL); break;
            case BOOLEAN: err = worksheet_write_boolean(ws, row, col, (int)c->v.number, NULL); break;
            case STRING: err = worksheet_write_string(ws, row, col, text + c->v.offset, NULL); break;
            default: err = worksheet_write_number(ws, row, col, c->v.number, formats[c->type]); break;
            }
            check(err, "cannot write a cell");
        }
    }
    check(workbook_close(wb), "cannot close workbook");
    double t1 = seconds();
    printf("%.3f\n", t1 - t0);
    free(cells); free(row_start); free(text);
    return 0;
}
