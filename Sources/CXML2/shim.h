#ifndef CELDA_CXML2_SHIM_H
#define CELDA_CXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its <unicode/*.h> clash with Foundation's own ICU
   ("'UErrorCode' has different definitions in different modules") on a clean build.
   Nothing here needs libxml2's ICU API, so switch it off before the other headers. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

/* xmlGetLastError() is a function, but the per-context error lives in a struct field;
   these helpers keep Swift from reaching into libxml2's structs. */
static inline const char *celda_xml_ctxt_error_message(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->lastError.message) ? ctxt->lastError.message : "";
}
static inline int celda_xml_ctxt_error_line(xmlParserCtxtPtr ctxt) {
    return ctxt ? ctxt->lastError.line : 0;
}
static inline int celda_xml_ctxt_error_code(xmlParserCtxtPtr ctxt) {
    return ctxt ? ctxt->lastError.code : 0;
}
/* xmlFree is a global function pointer (or, in some builds, a macro): one call site for Swift. */
static inline void celda_xml_free(void *p) { if (p) xmlFree(p); }
#endif
