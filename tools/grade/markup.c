// JSON strings and XML text, for results.json and junit.xml.
#define _XOPEN_SOURCE 700
#include "grade_internal.h"

#include <stdlib.h>

#include "../common/strbuf.h"

// Length of the valid UTF-8 sequence at s, or 0.
static size_t utf8_len(const unsigned char *s) {
    if (s[0] < 0x80) return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!n) return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return n;
}

char *grade_json_string(const char *s) {
    StrBuf b = {0};
    strbuf_put(&b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') strbuf_putf(&b, "\\%c", c), p++;
        else if (c == '\n') strbuf_put(&b, "\\n", 2), p++;
        else if (c == '\r') strbuf_put(&b, "\\r", 2), p++;
        else if (c == '\t') strbuf_put(&b, "\\t", 2), p++;
        else if (c < 0x20 || c == 0x7F) strbuf_putf(&b, "\\u%04x", c), p++;
        else {
            size_t n = utf8_len(p);
            if (n) strbuf_put(&b, (const char *)p, n), p += n;
            else strbuf_put(&b, "\\ufffd", 6), p++;
        }
    }
    strbuf_put(&b, "\"", 1);
    return strbuf_take(&b);
}

char *grade_xml_text(const char *s) {
    StrBuf b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned char c = *p;
        if (c == '&') strbuf_put(&b, "&amp;", 5), p++;
        else if (c == '<') strbuf_put(&b, "&lt;", 4), p++;
        else if (c == '>') strbuf_put(&b, "&gt;", 4), p++;
        else if (c == '"') strbuf_put(&b, "&quot;", 6), p++;
        else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') strbuf_put(&b, "?", 1), p++;
        else {
            size_t n = utf8_len(p);
            if (n) strbuf_put(&b, (const char *)p, n), p += n;
            else strbuf_put(&b, "?", 1), p++;
        }
    }
    return strbuf_take(&b);
}

void xml_testcase(StrBuf *b, const char *classname, const char *name, double seconds,
                  bool passed, const char *message, const char *output) {
    char *cn = grade_xml_text(classname), *nm = grade_xml_text(name);
    strbuf_putf(b, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"", cn, nm, seconds);
    if (passed) {
        strbuf_put(b, "/>\n", 3);
    } else {
        char *msg = grade_xml_text(message ? message : "failed");
        char *out = grade_xml_text(output ? output : "");
        strbuf_putf(b, ">\n      <failure message=\"%s\">%s</failure>\n    </testcase>\n", msg,
                    out);
        free(msg);
        free(out);
    }
    free(cn);
    free(nm);
}
