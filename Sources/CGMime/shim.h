#ifndef CELDA_CGMIME_SHIM_H
#define CELDA_CGMIME_SHIM_H
#include <gmime/gmime.h>

/* GMime's type checks and casts are GObject macros, which Swift does not import: the few
   Celda needs, as functions. Every pointer returned "owned" is the caller's to free with the
   function named beside it. */

/* The message in `bytes` (RFC 5322, any line ending), or NULL when GMime finds none.
   Owned: g_object_unref. */
static inline GMimeMessage *celda_gmime_parse(const void *bytes, size_t length) {
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)bytes, length);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    return message;
}

/* Every leaf part of `object`, depth first, through multiparts of any nesting and messages
   forwarded as attachments (message/rfc822). Bounded, so a crafted message cannot recurse
   without end. */
static inline void celda_gmime_collect(GMimeObject *object, GPtrArray *parts, int depth) {
    if (object == NULL || depth > 40 || parts->len >= 2000) return;
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; i++) celda_gmime_collect(g_mime_multipart_get_part(multipart, i), parts, depth + 1);
    } else if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner != NULL) celda_gmime_collect(g_mime_message_get_mime_part(inner), parts, depth + 1);
    } else if (GMIME_IS_PART(object)) {
        g_ptr_array_add(parts, object);
    }
}

/* The leaf parts of a message (borrowed from it). Owned array: g_ptr_array_free(a, TRUE). */
static inline GPtrArray *celda_gmime_leaf_parts(GMimeMessage *message) {
    GPtrArray *parts = g_ptr_array_new();
    celda_gmime_collect(g_mime_message_get_mime_part(message), parts, 0);
    return parts;
}

static inline GMimePart *celda_gmime_part_at(GPtrArray *parts, unsigned index) {
    return index < parts->len ? GMIME_PART(g_ptr_array_index(parts, index)) : NULL;
}

/* The part's content with its transfer encoding (base64, quoted-printable, uuencode) undone.
   Owned: g_byte_array_free(b, TRUE). NULL when the part has no content. */
static inline GByteArray *celda_gmime_part_bytes(GMimePart *part) {
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (content == NULL) return NULL;
    GMimeStream *sink = g_mime_stream_mem_new();
    if (g_mime_data_wrapper_write_to_stream(content, sink) < 0) { g_object_unref(sink); return NULL; }
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink));
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(sink), FALSE);
    g_object_unref(sink);
    return bytes;
}

/* «type/subtype» of a part, lower case as written. Owned: g_free. */
static inline char *celda_gmime_part_mime_type(GMimePart *part) {
    GMimeContentType *type = g_mime_object_get_content_type(GMIME_OBJECT(part));
    return type == NULL ? NULL : g_mime_content_type_get_mime_type(type);
}

static inline int celda_gmime_part_is_attachment(GMimePart *part) { return g_mime_part_is_attachment(part) ? 1 : 0; }

/* The address of the message's first From mailbox (borrowed), NULL when there is none. */
static inline const char *celda_gmime_from_address(GMimeMessage *message) {
    InternetAddressList *list = g_mime_message_get_from(message);
    if (list == NULL || internet_address_list_length(list) < 1) return NULL;
    InternetAddress *address = internet_address_list_get_address(list, 0);
    if (!INTERNET_ADDRESS_IS_MAILBOX(address)) return NULL;
    return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
}

/* A message with a plain-text body (UTF-8, quoted-printable) and one attachment (base64, its
   name as RFC 2047 encoded words when it is not ASCII), CRLF lines as SMTP wants them.
   `replaces`: «<id>» of the message this one corrects, or NULL. Owned: g_free. */
static inline char *celda_gmime_compose(const char *from, const char *const *to, int recipients, const char *subject,
                                        const char *body, const char *message_id, const char *replaces,
                                        const char *file_name, const char *type, const char *subtype,
                                        const void *bytes, size_t length) {
    GMimeMessage *message = g_mime_message_new(TRUE);
    g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_FROM, "Celda", from);
    for (int i = 0; i < recipients; i++) g_mime_message_add_mailbox(message, GMIME_ADDRESS_TYPE_TO, NULL, to[i]);
    g_mime_message_set_subject(message, subject, "utf-8");
    GDateTime *now = g_date_time_new_now_local();
    g_mime_message_set_date(message, now);
    g_date_time_unref(now);
    g_mime_message_set_message_id(message, message_id);
    if (replaces != NULL) {
        g_mime_object_set_header(GMIME_OBJECT(message), "In-Reply-To", replaces, NULL);
        g_mime_object_set_header(GMIME_OBJECT(message), "References", replaces, NULL);
    }

    GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
    GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
    g_mime_text_part_set_text(text, body);
    g_mime_part_set_content_encoding(GMIME_PART(text), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_multipart_add(mixed, GMIME_OBJECT(text));
    g_object_unref(text);

    GMimePart *attachment = g_mime_part_new_with_type(type, subtype);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)bytes, length);
    GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);
    g_object_unref(stream);
    g_mime_part_set_content(attachment, content);
    g_object_unref(content);
    g_mime_part_set_content_encoding(attachment, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_part_set_filename(attachment, file_name);
    g_mime_multipart_add(mixed, GMIME_OBJECT(attachment));
    g_object_unref(attachment);

    g_mime_message_set_mime_part(message, GMIME_OBJECT(mixed));
    g_object_unref(mixed);
    GMimeFormatOptions *options = g_mime_format_options_clone(NULL);
    g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
    /* Names as RFC 2047 encoded words, the way Outlook and Gmail write them and read them best
       (RFC 2231 continuations may split a character between two pieces). */
    g_mime_format_options_set_param_encoding_method(options, GMIME_PARAM_ENCODING_METHOD_RFC2047);
    char *text_out = g_mime_object_to_string(GMIME_OBJECT(message), options);
    g_mime_format_options_free(options);
    g_object_unref(message);
    return text_out;
}

#endif
