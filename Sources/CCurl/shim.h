#ifndef CELDA_CCURL_SHIM_H
#define CELDA_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift does not call: one typed
   wrapper per kind of value. */
static inline CURLcode celda_curl_set_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode celda_curl_set_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode celda_curl_set_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
typedef size_t (*celda_curl_write_fn)(char *, size_t, size_t, void *);
static inline CURLcode celda_curl_set_write(CURL *c, celda_curl_write_fn f) { return curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, f); }
typedef size_t (*celda_curl_read_fn)(char *, size_t, size_t, void *);
static inline CURLcode celda_curl_set_read(CURL *c, celda_curl_read_fn f) { return curl_easy_setopt(c, CURLOPT_READFUNCTION, f); }
static inline CURLcode celda_curl_set_list(CURL *c, CURLoption o, struct curl_slist *l) { return curl_easy_setopt(c, o, l); }
typedef int (*celda_curl_debug_fn)(CURL *, curl_infotype, char *, size_t, void *);
static inline CURLcode celda_curl_set_debug(CURL *c, celda_curl_debug_fn f) { return curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, f); }
static inline CURLcode celda_curl_info_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }
#endif
