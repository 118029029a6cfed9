#ifndef CELDA_CZIP_SHIM_H
#define CELDA_CZIP_SHIM_H
#include <zip.h>
#endif
