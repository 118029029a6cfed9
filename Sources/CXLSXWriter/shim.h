#ifndef CELDA_CXLSXWRITER_SHIM_H
#define CELDA_CXLSXWRITER_SHIM_H
#include <stdio.h>
#include <xlsxwriter.h>

/* libxlsxwriter prints its warnings with fprintf(stderr, …): the C library's `stderr` is
   pointed elsewhere while a workbook is open (LibraryWarnings.swift). Swift 6 does not let a
   C global variable be assigned, so the swap is done here; returns the previous stream. */
static inline FILE *celda_swap_stderr(FILE *stream) {
    FILE *previous = stderr;
    stderr = stream;
    return previous;
}
#endif
