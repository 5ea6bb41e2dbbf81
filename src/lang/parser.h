//> parser-ast
// The parser turns tokens into a tree of expressions, one tree per
// statement. The tree is the whole program as the evaluator sees it:
// no bytecode, no second pass.
#ifndef STRIDES_LANG_PARSER_H
#define STRIDES_LANG_PARSER_H

#include "lang/lexer.h"

typedef enum ExprKind {
    EXPR_INT, EXPR_FLOAT, EXPR_TRUE, EXPR_FALSE, EXPR_NONE, EXPR_ELLIPSIS,
    EXPR_NAME,     // x
    EXPR_TUPLE,    // (a, b)   items
    EXPR_LIST,     // [a, b]   items
    EXPR_UNARY,    // -a       op, right
    EXPR_BINARY,   // a + b    op, left, right
    EXPR_ATTR,     // a.name   left, name
    EXPR_CALL,     // f(args)  left (the callee), items (the arguments)
    EXPR_KEYWORD,  // dim=0    name, right: only among a call's arguments
    EXPR_INDEX,    // a[i, j]  left, items
    EXPR_SLICE,    // a:b:c    items[0..2], each may be NULL: only in an index
} ExprKind;

typedef struct Expr Expr;
struct Expr {
    ExprKind   kind;
    int        offset;  // where it starts in the text, for error carets
    int        depth;   // 1 + the depth of its deepest child
    TokenKind  op;      // EXPR_UNARY, EXPR_BINARY
    int64_t    int_value;
    double     float_value;
    char      *name;    // EXPR_NAME, EXPR_ATTR, EXPR_KEYWORD
    Expr      *left, *right;
    Expr     **items;
    int        count;
};

// A statement: `target = value`, or just `value` (target NULL). The
// target is a name, an index expression (`x[0] = 5` writes into x), or a
// tuple of names. An `import torch` has neither (it does nothing).
typedef struct Stmt {
    Expr *target;
    Expr *value;
} Stmt;

// A parsed line: its statements (separated by ';' or line breaks).
typedef struct Program {
    Stmt *stmts;
    int   count;
} Program;

// Parse `text`. 0, or -1 with a message and the byte offset it points at
// (written into `error`, which holds at least 128 bytes). `*unclosed` is
// set when the only problem is a bracket still open at the end.
int  parse_program(const char *text, Program *program, char *error, int *error_offset,
                   bool *unclosed);
void program_free(Program *program);

// How deeply expressions may nest, counting every operator and call: the
// evaluator recurses once per level, and the stack must not run out.
#define LANG_MAX_DEPTH 1000

#endif
//< parser-ast
