//> parser-state
#include "lang/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

// The parser walks the token array with one token of lookahead (two for
// `name=` in a call). A failure is recorded once; every parse function
// returns NULL after it, and the caller frees what was built.
typedef struct Parser {
    const Token *tokens;
    int          at;
    int          recursion;  // nested parse_unary calls, bounded
    char        *error;      // 128 bytes, from the caller
    int          error_offset;
    bool         failed;
} Parser;

static const Token *peek(const Parser *p) { return &p->tokens[p->at]; }
static const Token *advance(Parser *p) { return &p->tokens[p->at++]; }
static bool check(const Parser *p, TokenKind kind) { return peek(p)->kind == kind; }

static bool match(Parser *p, TokenKind kind) {
    if (!check(p, kind)) return false;
    p->at++;
    return true;
}

static Expr *syntax_error(Parser *p, int offset, const char *fmt, ...)
    STRIDES_PRINTF(3, 4);
static Expr *syntax_error(Parser *p, int offset, const char *fmt, ...) {
    if (p->failed) return NULL;  // keep the first message
    va_list args;
    va_start(args, fmt);
    vsnprintf(p->error, 128, fmt, args);
    va_end(args);
    p->error_offset = offset;
    p->failed = true;
    return NULL;
}
//< parser-state

//> parser-nodes
// Nodes. Each knows its depth, so that a long chain like 1+1+1+...
// (built by a loop, not by recursion) is still refused before the
// evaluator would recurse too deeply through it.
static void expr_free(Expr *e) {
    if (e == NULL) return;
    expr_free(e->left);
    expr_free(e->right);
    for (int i = 0; i < e->count; i++) expr_free(e->items[i]);
    free(e->items);
    free(e->name);
    free(e);
}

static Expr *new_expr(Parser *p, ExprKind kind, int offset) {
    Expr *e = calloc(1, sizeof *e);
    if (e == NULL) return syntax_error(p, offset, "out of memory");
    e->kind = kind;
    e->offset = offset;
    e->depth = 1;
    return e;
}

// Give `e` a child (left or right) and update its depth; on failure (or
// when the child is NULL, meaning a failure below) free both.
static Expr *adopt(Parser *p, Expr *e, Expr **slot, Expr *child) {
    if (e == NULL || child == NULL) {
        expr_free(e);
        expr_free(child);
        return NULL;
    }
    *slot = child;
    if (child->depth + 1 > e->depth) e->depth = child->depth + 1;
    if (e->depth > LANG_MAX_DEPTH) {
        syntax_error(p, e->offset, "expression too deeply nested (more than %d levels)",
                     LANG_MAX_DEPTH);
        expr_free(e);
        return NULL;
    }
    return e;
}

// Room for one more item: the array doubles whenever its count reaches a
// power of two, so a literal of n numbers costs O(n), not O(n^2), copying.
static void *grow(void *array, int count, size_t size) {
    if (count & (count - 1)) return array;  // not a power of two: room left
    return realloc(array, (size_t)(count ? 2 * count : 1) * size);
}

static int push_item(Parser *p, Expr *e, Expr *item) {
    Expr **bigger = grow(e->items, e->count, sizeof *bigger);
    if (bigger == NULL) {
        expr_free(item);
        syntax_error(p, e->offset, "out of memory");
        return -1;
    }
    e->items = bigger;
    e->items[e->count++] = item;
    if (item && item->depth + 1 > e->depth) e->depth = item->depth + 1;
    if (e->depth > LANG_MAX_DEPTH) {
        syntax_error(p, e->offset, "expression too deeply nested (more than %d levels)",
                     LANG_MAX_DEPTH);
        return -1;
    }
    return 0;
}

static char *copy_name(Parser *p, const Token *t) {
    char *name = malloc((size_t)t->length + 1);
    if (name == NULL) {
        syntax_error(p, t->offset, "out of memory");
        return NULL;
    }
    memcpy(name, t->start, (size_t)t->length);
    name[t->length] = '\0';
    return name;
}
//< parser-nodes

//> parser-sequences
// The comma-separated lists: call arguments, tuple and list items, index
// subscripts. `item` parses one element; the list ends at `close`. Two
// elements with no comma between them get Python's hint.
static Expr *parse_expr(Parser *p);

static bool starts_expression(TokenKind kind) {
    switch (kind) {
    case TOKEN_INT: case TOKEN_FLOAT: case TOKEN_NAME: case TOKEN_LPAREN:
    case TOKEN_LBRACKET: case TOKEN_MINUS: case TOKEN_PLUS: case TOKEN_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

static Expr *parse_sequence(Parser *p, Expr *e, TokenKind close,
                            Expr *(*item)(Parser *)) {
    while (e != NULL && !p->failed && !check(p, close)) {
        int start = peek(p)->offset;
        if (push_item(p, e, item(p)) < 0 || p->failed) break;
        if (match(p, TOKEN_COMMA)) continue;
        if (starts_expression(peek(p)->kind)) {
            syntax_error(p, start, "invalid syntax. Perhaps you forgot a comma?");
        } else if (!check(p, close)) {
            syntax_error(p, peek(p)->offset, "invalid syntax");
        }
        break;
    }
    if (e == NULL || p->failed) {
        expr_free(e);
        return NULL;
    }
    advance(p);  // the closing bracket (the lexer saw that it is there)
    return e;
}
//< parser-sequences

//> parser-atoms
// The smallest expressions: numbers, names, True/False/None, `...`, and
// bracketed ones. `(x)` is x itself; `()`, `(x,)` and `(x, y)` are tuples;
// `[x, y]` is a list (for `tensor([[1, 2], [3, 4]])`).
static bool is_word(const Token *t, const char *word) {
    return t->kind == TOKEN_NAME && (size_t)t->length == strlen(word) &&
           memcmp(t->start, word, (size_t)t->length) == 0;
}

static Expr *parse_parenthesized(Parser *p, int offset) {
    if (match(p, TOKEN_RPAREN)) return new_expr(p, EXPR_TUPLE, offset);  // ()
    Expr *first = parse_expr(p);
    if (first == NULL) return NULL;
    if (match(p, TOKEN_RPAREN)) return first;  // (x): just grouping
    if (!check(p, TOKEN_COMMA)) {
        expr_free(first);
        if (starts_expression(peek(p)->kind)) {
            return syntax_error(p, offset + 1, "invalid syntax. Perhaps you forgot a comma?");
        }
        return syntax_error(p, peek(p)->offset, "invalid syntax");
    }
    advance(p);
    Expr *tuple = new_expr(p, EXPR_TUPLE, offset);
    if (tuple == NULL || push_item(p, tuple, first) < 0) {
        expr_free(tuple);
        return NULL;
    }
    return parse_sequence(p, tuple, TOKEN_RPAREN, parse_expr);
}

static Expr *parse_atom(Parser *p) {
    const Token *t = advance(p);
    Expr *e;
    switch (t->kind) {
    case TOKEN_INT:
        if ((e = new_expr(p, EXPR_INT, t->offset))) e->int_value = t->int_value;
        return e;
    case TOKEN_FLOAT:
        if ((e = new_expr(p, EXPR_FLOAT, t->offset))) e->float_value = t->float_value;
        return e;
    case TOKEN_ELLIPSIS:
        return new_expr(p, EXPR_ELLIPSIS, t->offset);
    case TOKEN_LPAREN:
        return parse_parenthesized(p, t->offset);
    case TOKEN_LBRACKET:
        return parse_sequence(p, new_expr(p, EXPR_LIST, t->offset), TOKEN_RBRACKET,
                              parse_expr);
    case TOKEN_NAME:
        if (is_word(t, "True")) return new_expr(p, EXPR_TRUE, t->offset);
        if (is_word(t, "False")) return new_expr(p, EXPR_FALSE, t->offset);
        if (is_word(t, "None")) return new_expr(p, EXPR_NONE, t->offset);
        if ((e = new_expr(p, EXPR_NAME, t->offset)) && !(e->name = copy_name(p, t))) {
            expr_free(e);
            return NULL;
        }
        return e;
    default:
        return syntax_error(p, t->offset, "invalid syntax");
    }
}
//< parser-atoms

//> parser-arguments
// A call's arguments: expressions, then `name=value` keywords. Python's
// rules: no positional argument after a keyword, no keyword twice.
static Expr *parse_argument(Parser *p) {
    const Token *t = peek(p);
    if (t->kind != TOKEN_NAME || p->tokens[p->at + 1].kind != TOKEN_EQUAL) {
        return parse_expr(p);
    }
    p->at += 2;
    Expr *k = new_expr(p, EXPR_KEYWORD, t->offset);
    if (k && !(k->name = copy_name(p, t))) {
        expr_free(k);
        return NULL;
    }
    return adopt(p, k, &k->right, parse_expr(p));
}

static Expr *check_arguments(Parser *p, Expr *call) {
    for (int i = 0; call && i < call->count; i++) {
        Expr *arg = call->items[i];
        if (arg->kind != EXPR_KEYWORD) {
            if (i > 0 && call->items[i - 1]->kind == EXPR_KEYWORD) {
                syntax_error(p, arg->offset, "positional argument follows keyword argument");
                break;
            }
            continue;
        }
        for (int j = 0; j < i; j++) {
            Expr *other = call->items[j];
            if (other->kind == EXPR_KEYWORD && strcmp(other->name, arg->name) == 0) {
                syntax_error(p, arg->offset, "keyword argument repeated: %s", arg->name);
            }
        }
    }
    if (p->failed) {
        expr_free(call);
        return NULL;
    }
    return call;
}
//< parser-arguments

//> parser-subscripts
// Inside `[...]`: an expression, or a slice `start:stop:step` with any
// part left out. A slice keeps its three parts in items[0..2] (NULL when
// left out).
static Expr *parse_slice_part(Parser *p) {
    if (check(p, TOKEN_COLON) || check(p, TOKEN_COMMA) || check(p, TOKEN_RBRACKET)) {
        return NULL;
    }
    return parse_expr(p);
}

static Expr *parse_subscript(Parser *p) {
    int offset = peek(p)->offset;
    Expr *start = parse_slice_part(p);
    if (p->failed) return NULL;
    if (!check(p, TOKEN_COLON)) {
        return start ? start : syntax_error(p, offset, "invalid syntax");
    }
    Expr *slice = new_expr(p, EXPR_SLICE, offset);
    if (slice == NULL || push_item(p, slice, start) < 0) {
        expr_free(slice);
        return NULL;
    }
    for (int part = 1; part <= 2; part++) {
        // stop after the first ':', step after an optional second one
        if (!match(p, TOKEN_COLON)) {
            if (push_item(p, slice, NULL) < 0) break;
            continue;
        }
        Expr *e = parse_slice_part(p);
        if (p->failed || push_item(p, slice, e) < 0) break;
        if (part == 2 && check(p, TOKEN_COLON)) {
            syntax_error(p, peek(p)->offset, "invalid syntax");
        }
    }
    if (p->failed) {
        expr_free(slice);
        return NULL;
    }
    return slice;
}
//< parser-subscripts

//> parser-postfix
// After an atom, any chain of `.name`, `(arguments)` and `[subscripts]`:
// `x.t()[:, ::2].sum(0)` is parsed left to right into a left-leaning tree,
// each link wrapping the expression before it.
static Expr *wrap(Parser *p, ExprKind kind, int offset, Expr *inner) {
    Expr *e = new_expr(p, kind, offset);
    return adopt(p, e, e ? &e->left : NULL, inner);
}

static Expr *parse_postfix(Parser *p) {
    Expr *e = parse_atom(p);
    while (e != NULL) {
        const Token *t = peek(p);
        if (match(p, TOKEN_DOT)) {
            const Token *name = advance(p);
            if (name->kind != TOKEN_NAME) {
                expr_free(e);
                return syntax_error(p, name->offset, "invalid syntax");
            }
            // The node's offset is the name's: that is where a caret goes.
            e = wrap(p, EXPR_ATTR, name->offset, e);
            if (e && !(e->name = copy_name(p, name))) {
                expr_free(e);
                return NULL;
            }
        } else if (match(p, TOKEN_LPAREN)) {
            e = check_arguments(p, parse_sequence(p, wrap(p, EXPR_CALL, t->offset, e),
                                                  TOKEN_RPAREN, parse_argument));
        } else if (match(p, TOKEN_LBRACKET)) {
            if (check(p, TOKEN_RBRACKET)) {
                expr_free(e);
                return syntax_error(p, peek(p)->offset, "invalid syntax");
            }
            e = parse_sequence(p, wrap(p, EXPR_INDEX, t->offset, e), TOKEN_RBRACKET,
                               parse_subscript);
        } else {
            break;
        }
    }
    return e;
}
//< parser-postfix

//> parser-operators
// Operators by precedence, loosest first, as in Python:
//   a + b, a - b            parse_sum
//   a * b, a / b, a @ b     parse_product
//   -a, +a                  parse_unary
//   a ** b                  parse_power (binds tighter than a unary minus
//                           on its left: -2**2 is -4; right-associative)
static Expr *parse_unary(Parser *p);

static Expr *binary(Parser *p, const Token *op, Expr *left, Expr *right) {
    Expr *e = new_expr(p, EXPR_BINARY, op->offset);
    if (e) e->op = op->kind;
    e = adopt(p, e, e ? &e->left : NULL, left);
    return adopt(p, e, e ? &e->right : NULL, right);
}

static Expr *parse_power(Parser *p) {
    Expr *base = parse_postfix(p);
    if (base == NULL || !check(p, TOKEN_POWER)) return base;
    const Token *op = advance(p);
    return binary(p, op, base, parse_unary(p));
}

static Expr *parse_unary(Parser *p) {
    if (!check(p, TOKEN_MINUS) && !check(p, TOKEN_PLUS)) return parse_power(p);
    const Token *op = advance(p);
    // `- - - ... x` recurses once per sign: bound it like any nesting.
    if (++p->recursion > LANG_MAX_DEPTH) {
        return syntax_error(p, op->offset, "expression too deeply nested "
                            "(more than %d levels)", LANG_MAX_DEPTH);
    }
    Expr *e = new_expr(p, EXPR_UNARY, op->offset);
    if (e) e->op = op->kind;
    e = adopt(p, e, e ? &e->right : NULL, parse_unary(p));
    p->recursion--;
    return e;
}

static Expr *parse_product(Parser *p) {
    Expr *e = parse_unary(p);
    while (e && (check(p, TOKEN_STAR) || check(p, TOKEN_SLASH) || check(p, TOKEN_AT))) {
        const Token *op = advance(p);
        e = binary(p, op, e, parse_unary(p));
    }
    return e;
}

static Expr *parse_sum(Parser *p) {
    Expr *e = parse_product(p);
    while (e && (check(p, TOKEN_PLUS) || check(p, TOKEN_MINUS))) {
        const Token *op = advance(p);
        e = binary(p, op, e, parse_product(p));
    }
    return e;
}

static Expr *parse_expr(Parser *p) {
    return parse_sum(p);
}
//< parser-operators

//> parser-statements
// A statement is an expression, or `target = expression`. At this level,
// as in Python, a bare comma makes a tuple: `a, b = x.max(0)` unpacks one.
static Expr *parse_expr_list(Parser *p) {
    int offset = peek(p)->offset;
    Expr *first = parse_expr(p);
    if (first == NULL || !check(p, TOKEN_COMMA)) return first;
    Expr *tuple = new_expr(p, EXPR_TUPLE, offset);
    if (tuple == NULL || push_item(p, tuple, first) < 0) {
        expr_free(tuple);
        return NULL;
    }
    while (match(p, TOKEN_COMMA) && starts_expression(peek(p)->kind)) {
        if (push_item(p, tuple, parse_expr(p)) < 0 || p->failed) {
            expr_free(tuple);
            return NULL;
        }
    }
    return tuple;
}

// What may stand left of '=': a name, an indexed tensor, or a tuple of
// names to unpack into. Anything else gets Python's message.
static bool check_target(Parser *p, const Expr *target) {
    const char *what = NULL;
    switch (target->kind) {
    case EXPR_NAME: case EXPR_INDEX:
        return true;
    case EXPR_TUPLE: case EXPR_LIST:
        for (int i = 0; i < target->count; i++) {
            if (target->items[i]->kind != EXPR_NAME) {
                syntax_error(p, target->items[i]->offset,
                             "only names can be unpacked into (a, b = ...)");
                return false;
            }
        }
        return true;
    case EXPR_CALL: what = "function call"; break;
    case EXPR_ATTR:
        syntax_error(p, target->offset, "cannot assign to attribute '%s'", target->name);
        return false;
    case EXPR_UNARY: case EXPR_BINARY: what = "expression"; break;
    default: what = "literal"; break;
    }
    // Python points at where the target starts: the leftmost of its parts.
    while ((target->kind == EXPR_CALL || target->kind == EXPR_BINARY) && target->left) {
        target = target->left;
    }
    syntax_error(p, target->offset, "cannot assign to %s here. Maybe you meant "
                 "'==' instead of '='?", what);
    return false;
}

// `import torch`, `import torch.nn.functional as F`, `from torch import *`:
// code pasted from Python starts like this, and everything they would bring
// in is here already, so they are accepted and do nothing (a statement with
// no value). Any other module is not here at all.
static bool skip_import(Parser *p) {
    if (!is_word(peek(p), "import") && !is_word(peek(p), "from")) return false;
    advance(p);
    const Token *module = peek(p);
    if (!is_word(module, "torch")) {
        syntax_error(p, module->offset, "Strides can import only torch (whose functions "
                     "are here already)");
    }
    while (!check(p, TOKEN_NEWLINE) && !check(p, TOKEN_END)) advance(p);
    return true;
}

static int parse_statement(Parser *p, Stmt *stmt) {
    *stmt = (Stmt){0};
    if (skip_import(p)) return p->failed ? -1 : 0;
    Expr *e = parse_expr_list(p);
    if (e && match(p, TOKEN_EQUAL)) {
        stmt->target = e;
        if (!check_target(p, e)) return -1;
        e = parse_expr_list(p);
        if (e && check(p, TOKEN_EQUAL)) {
            syntax_error(p, peek(p)->offset, "chained assignment (a = b = c) "
                         "is not supported");
        }
    }
    stmt->value = e;
    if (!p->failed && !check(p, TOKEN_NEWLINE) && !check(p, TOKEN_END)) {
        syntax_error(p, peek(p)->offset, "invalid syntax");
    }
    return p->failed ? -1 : 0;
}
//< parser-statements

//> parser-program
int parse_program(const char *text, Program *program, char *error, int *error_offset,
                  bool *unclosed) {
    *program = (Program){0};
    *unclosed = false;
    Lexer lexer;
    if (lex(&lexer, text) < 0) {
        snprintf(error, 128, "%s", lexer.error);
        *error_offset = lexer.error_offset;
        *unclosed = lexer.unclosed;
        lexer_free(&lexer);
        return -1;
    }
    Parser p = {.tokens = lexer.tokens, .error = error, .error_offset = -1};
    while (!p.failed) {
        while (match(&p, TOKEN_NEWLINE)) continue;
        if (check(&p, TOKEN_END)) break;
        Stmt *bigger = grow(program->stmts, program->count, sizeof *bigger);
        if (bigger == NULL) {
            syntax_error(&p, peek(&p)->offset, "out of memory");
            break;
        }
        program->stmts = bigger;
        parse_statement(&p, &program->stmts[program->count++]);
    }
    lexer_free(&lexer);
    if (p.failed) {
        program_free(program);
        *error_offset = p.error_offset;
        return -1;
    }
    return 0;
}

void program_free(Program *program) {
    for (int i = 0; i < program->count; i++) {
        expr_free(program->stmts[i].target);
        expr_free(program->stmts[i].value);
    }
    free(program->stmts);
    *program = (Program){0};
}
//< parser-program
