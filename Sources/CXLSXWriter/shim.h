#ifndef CELDA_CXLSXWRITER_SHIM_H
#define CELDA_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
