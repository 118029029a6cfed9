/* The floor for reading: libzip + libxml2's SAX2 push parser over sharedStrings.xml and
 * the first worksheet, counting <si> and <c> elements and nothing else. No typing, no
 * output. Whatever Celda does on top of this is its own cost.
 *   cc -O2 floor.c $(pkg-config --cflags --libs libzip libxml-2.0) -o floor
 *   ./floor FILE.xlsx */
#include <stdio.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>

static long cells, strings;

static void start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri,
                  int nns, const xmlChar **ns, int nattr, int ndef, const xmlChar **attrs) {
    (void)ctx; (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
    if (name[0] == 'c' && name[1] == 0) cells++;
    else if (name[0] == 's' && name[1] == 'i' && name[2] == 0) strings++;
}

static void chars(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; (void)len; }

static int parse(zip_t *za, const char *part) {
    zip_file_t *f = zip_fopen(za, part, 0);
    if (!f) { fprintf(stderr, "no %s\n", part); return 1; }
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start;
    sax.characters = chars;
    char buf[65536];
    zip_int64_t n = zip_fread(f, buf, 4);
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, buf, (int)n, part);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) xmlParseChunk(ctxt, buf, (int)n, 0);
    xmlParseChunk(ctxt, NULL, 0, 1);
    xmlFreeParserCtxt(ctxt);
    zip_fclose(f);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: floor FILE.xlsx\n"); return 2; }
    int err;
    zip_t *za = zip_open(argv[1], ZIP_RDONLY, &err);
    if (!za) { fprintf(stderr, "cannot open\n"); return 1; }
    parse(za, "xl/sharedStrings.xml");
    parse(za, "xl/worksheets/sheet1.xml");
    zip_discard(za);
    printf("%ld shared strings, %ld cells\n", strings, cells);
    return 0;
}
