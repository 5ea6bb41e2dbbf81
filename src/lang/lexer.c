//> lexer-includes
#include "lang/lexer.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
//< lexer-includes

//> lexer-state
// The cursor and the growing token array, plus a stack of the brackets
// that are open, so a closing one can be checked against its partner.
typedef struct Scan {
    Lexer      *lexer;
    const char *text, *at;
    int         capacity;
    int         open[LANG_MAX_NESTING];  // offsets of the open brackets
    int         depth;
} Scan;

static int lex_error(Scan *s, int offset, const char *fmt, ...)
    STRIDES_PRINTF(3, 4);
static int lex_error(Scan *s, int offset, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(s->lexer->error, sizeof s->lexer->error, fmt, args);
    va_end(args);
    s->lexer->error_offset = offset;
    return -1;
}

static Token *add_token(Scan *s, TokenKind kind, const char *start, int length) {
    Lexer *lx = s->lexer;
    if (lx->count == s->capacity) {
        int capacity = s->capacity ? 2 * s->capacity : 16;
        Token *bigger = realloc(lx->tokens, (size_t)capacity * sizeof *bigger);
        if (bigger == NULL) {
            lex_error(s, 0, "out of memory");
            return NULL;
        }
        lx->tokens = bigger;
        s->capacity = capacity;
    }
    Token *t = &lx->tokens[lx->count++];
    *t = (Token){.kind = kind, .start = start, .length = length,
                 .offset = (int)(start - s->text)};
    return t;
}
//< lexer-state

//> lexer-numbers
// Numbers as Python writes them: 12, 1_000, 3.5, .5, 2., 1e-3. A number
// running straight into a letter (`3x`, `1e`) is Python's
// "invalid decimal literal"; whether a number is an int or a float is
// decided here, by its spelling, as in Python.
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

static const char *skip_digits(const char *p) {
    while (is_digit(*p) || (*p == '_' && is_digit(p[1]))) p++;
    return p;
}

static int lex_number(Scan *s) {
    const char *start = s->at, *p = skip_digits(start);
    bool is_float = false;
    if (*p == '.') {
        is_float = true;
        p = skip_digits(p + 1);
    }
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-') q++;
        if (!is_digit(*q)) {
            return lex_error(s, (int)(start - s->text), "invalid decimal literal");
        }
        is_float = true;
        p = skip_digits(q);
    }
    if (is_name_char(*p)) {
        return lex_error(s, (int)(start - s->text), "invalid decimal literal");
    }

    // Copy without the underscores, then convert.
    char digits[64];
    int n = 0;
    for (const char *c = start; c < p; c++) {
        if (*c == '_') continue;
        if (n == (int)sizeof digits - 1) {
            return lex_error(s, (int)(start - s->text), "numeric literal too long");
        }
        digits[n++] = *c;
    }
    digits[n] = '\0';
    if (!is_float && n > 1 && digits[0] == '0' && strspn(digits, "0") != (size_t)n) {
        return lex_error(s, (int)(start - s->text),
                         "leading zeros in decimal integer literals are not permitted");
    }
    Token *t = add_token(s, is_float ? TOKEN_FLOAT : TOKEN_INT, start, (int)(p - start));
    if (t == NULL) return -1;
    errno = 0;
    if (is_float) {
        t->float_value = strtod(digits, NULL);  // overflow gives inf, as in Python
    } else {
        t->int_value = strtoll(digits, NULL, 10);
        if (errno == ERANGE) {
            return lex_error(s, t->offset, "integer literal too large "
                             "(Strides keeps integers in 64 bits)");
        }
    }
    s->at = p;
    return 0;
}
//< lexer-numbers

//> lexer-brackets
// Brackets are matched as they are met, with Python's messages. A bracket
// still open at the end is reported as `unclosed`: the REPL then asks for
// another line instead of complaining.
static char closer_of(char open) { return open == '(' ? ')' : ']'; }

static int open_bracket(Scan *s, TokenKind kind) {
    int offset = (int)(s->at - s->text);
    if (s->depth == LANG_MAX_NESTING) {
        return lex_error(s, offset, "too many nested parentheses");
    }
    s->open[s->depth++] = offset;
    return add_token(s, kind, s->at++, 1) ? 0 : -1;
}

static int close_bracket(Scan *s, TokenKind kind) {
    int offset = (int)(s->at - s->text);
    char c = *s->at;
    if (s->depth == 0) return lex_error(s, offset, "unmatched '%c'", c);
    char open = s->text[s->open[s->depth - 1]];
    if (closer_of(open) != c) {
        return lex_error(s, offset, "closing parenthesis '%c' does not match "
                         "opening parenthesis '%c'", c, open);
    }
    s->depth--;
    return add_token(s, kind, s->at++, 1) ? 0 : -1;
}
//< lexer-brackets

//> lexer-bad-character
// Anything else is not part of the language. Python's messages again:
// a printable character is "invalid syntax" at the parser's level, but
// here we know more, so we say which character it was. Bytes of UTF-8
// text are decoded to name the character; other bytes are named as bytes.
static int utf8_decode(const unsigned char *p, unsigned *code) {
    int len = p[0] >= 0xF0 && p[0] < 0xF5 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (len == 0 || p[0] >= 0xF5) return 0;
    unsigned c = p[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    // Refuse what UTF-8 forbids: overlong forms, surrogates, beyond U+10FFFF.
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        return 0;
    }
    *code = c;
    return len;
}

static int bad_character(Scan *s) {
    const unsigned char *p = (const unsigned char *)s->at;
    int offset = (int)(s->at - s->text);
    unsigned code;
    int len;
    if (*p == '"' || *p == '\'') {
        return lex_error(s, offset, "strings are not part of the Strides language");
    }
    if (*p < 0x20 || *p == 0x7F) {
        return lex_error(s, offset, "invalid non-printable character U+%04X", *p);
    }
    if (*p < 0x80) return lex_error(s, offset, "invalid syntax");
    if ((len = utf8_decode(p, &code)) > 0) {
        return lex_error(s, offset, "invalid character '%.*s' (U+%04X)", len,
                         s->at, code);
    }
    return lex_error(s, offset, "invalid byte 0x%02X (the text is not UTF-8)", *p);
}
//< lexer-bad-character

//> lexer-loop
// One token per round. Inside brackets a line break is just space (so a
// call may span lines, as in Python); outside them it ends a statement,
// and so does ';'. A '#' comments out the rest of its line.
static int next_token(Scan *s) {
    char c = *s->at;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        s->at++;
        return 0;
    }
    if (c == '#') {
        while (*s->at && *s->at != '\n') s->at++;
        return 0;
    }
    if (c == '\n' || c == ';') {
        if (c == '\n' && s->depth > 0) {
            s->at++;
            return 0;
        }
        return add_token(s, TOKEN_NEWLINE, s->at++, 1) ? 0 : -1;
    }
    if (is_digit(c) || (c == '.' && is_digit(s->at[1]))) return lex_number(s);
    if (is_name_start(c)) {
        const char *start = s->at;
        while (is_name_char(*s->at)) s->at++;
        return add_token(s, TOKEN_NAME, start, (int)(s->at - start)) ? 0 : -1;
    }
    if (c == '.' && s->at[1] == '.' && s->at[2] == '.') {
        s->at += 3;
        return add_token(s, TOKEN_ELLIPSIS, s->at - 3, 3) ? 0 : -1;
    }
    if (c == '*' && s->at[1] == '*') {
        s->at += 2;
        return add_token(s, TOKEN_POWER, s->at - 2, 2) ? 0 : -1;
    }
    switch (c) {
    case '(': return open_bracket(s, TOKEN_LPAREN);
    case '[': return open_bracket(s, TOKEN_LBRACKET);
    case ')': return close_bracket(s, TOKEN_RPAREN);
    case ']': return close_bracket(s, TOKEN_RBRACKET);
    default: break;
    }
    static const char singles[] = ",:.=+-*/@";
    static const TokenKind kinds[] = {TOKEN_COMMA, TOKEN_COLON, TOKEN_DOT, TOKEN_EQUAL,
                                      TOKEN_PLUS,  TOKEN_MINUS, TOKEN_STAR, TOKEN_SLASH,
                                      TOKEN_AT};
    const char *single = c ? strchr(singles, c) : NULL;
    if (single) return add_token(s, kinds[single - singles], s->at++, 1) ? 0 : -1;
    return bad_character(s);
}

int lex(Lexer *lexer, const char *text) {
    *lexer = (Lexer){.error_offset = -1};
    Scan s = {.lexer = lexer, .text = text, .at = text};
    while (*s.at) {
        if (next_token(&s) < 0) return -1;
    }
    if (s.depth > 0) {
        lexer->unclosed = true;
        return lex_error(&s, s.open[s.depth - 1], "'%c' was never closed",
                         text[s.open[s.depth - 1]]);
    }
    return add_token(&s, TOKEN_END, s.at, 0) ? 0 : -1;
}

void lexer_free(Lexer *lexer) {
    free(lexer->tokens);
    lexer->tokens = NULL;
    lexer->count = 0;
}
//< lexer-loop

//> lexer-operator-text
const char *token_operator_text(TokenKind kind) {
    switch (kind) {
    case TOKEN_PLUS: return "+";
    case TOKEN_MINUS: return "-";
    case TOKEN_STAR: return "*";
    case TOKEN_SLASH: return "/";
    case TOKEN_AT: return "@";
    case TOKEN_POWER: return "**";
    default: return "?";
    }
}
//< lexer-operator-text
