//> lexer-api
// The lexer: a line of text in, an array of tokens out. The whole line is
// cut up front (lines are short), so the parser can look ahead freely and
// the REPL can ask "are the brackets still open?" before parsing at all.
#ifndef STRIDES_LANG_LEXER_H
#define STRIDES_LANG_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TokenKind {
    TOKEN_INT, TOKEN_FLOAT, TOKEN_NAME,
    TOKEN_LPAREN, TOKEN_RPAREN, TOKEN_LBRACKET, TOKEN_RBRACKET,
    TOKEN_COMMA, TOKEN_COLON, TOKEN_DOT, TOKEN_ELLIPSIS, TOKEN_EQUAL,
    TOKEN_PLUS, TOKEN_MINUS, TOKEN_STAR, TOKEN_SLASH, TOKEN_AT, TOKEN_POWER,
    TOKEN_NEWLINE,  // ';' or a line break outside brackets: ends a statement
    TOKEN_END,      // the end of the text
} TokenKind;

typedef struct Token {
    TokenKind   kind;
    const char *start;   // into the source text (not NUL-terminated)
    int         length;
    int         offset;  // byte offset of `start` in the text, for carets
    int64_t     int_value;
    double      float_value;
} Token;

typedef struct Lexer {
    Token *tokens;   // ends with TOKEN_END; NULL after a failure
    int    count;
    // On failure: the message (Python's wording) and where it points.
    char   error[128];
    int    error_offset;
    bool   unclosed;  // failed only because a bracket is still open
} Lexer;

// Cut `text` into tokens. 0, or -1 with lexer->error set. Free with
// lexer_free() either way.
int  lex(Lexer *lexer, const char *text);
void lexer_free(Lexer *lexer);

// An operator token as it is written ("+", "**"; "?" for a token that is
// not an operator): for error messages, and for printing a tree back.
const char *token_operator_text(TokenKind kind);

// Brackets may nest this deep (Python's own limit).
#define LANG_MAX_NESTING 200

#endif
//< lexer-api
