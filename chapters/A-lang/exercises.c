// Appendix A exercises: write your code between the braces.
#include "exercises.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "lang/parser.h"
#include "pyfloat.h"
#include "text.h"

/* BEGIN SOLUTION A.1 */
static void write_expr(Text *out, const Expr *e);

// The items of a tuple, list, call or index, separated by ", ".
static void write_items(Text *out, const Expr *e) {
    for (int i = 0; i < e->count; i++) {
        if (i > 0) text_append(out, ", ");
        write_expr(out, e->items[i]);
    }
}

// One node, and below it the whole subtree: the tree decides every
// parenthesis, so nothing needs to know about precedence here.
static void write_expr(Text *out, const Expr *e) {
    switch (e->kind) {
    case EXPR_INT: text_append(out, "%lld", (long long)e->int_value); break;
    case EXPR_FLOAT: text_append(out, "%s", pyfloat_repr(e->float_value).s); break;
    case EXPR_TRUE: text_append(out, "True"); break;
    case EXPR_FALSE: text_append(out, "False"); break;
    case EXPR_NONE: text_append(out, "None"); break;
    case EXPR_ELLIPSIS: text_append(out, "..."); break;
    case EXPR_NAME: text_append(out, "%s", e->name); break;
    case EXPR_TUPLE:
        text_append(out, "(");
        write_items(out, e);
        text_append(out, e->count == 1 ? ",)" : ")");
        break;
    case EXPR_LIST:
        text_append(out, "[");
        write_items(out, e);
        text_append(out, "]");
        break;
    case EXPR_UNARY:
        text_append(out, "(%s", token_operator_text(e->op));
        write_expr(out, e->right);
        text_append(out, ")");
        break;
    case EXPR_BINARY:
        text_append(out, "(");
        write_expr(out, e->left);
        text_append(out, " %s ", token_operator_text(e->op));
        write_expr(out, e->right);
        text_append(out, ")");
        break;
    case EXPR_ATTR:
        write_expr(out, e->left);
        text_append(out, ".%s", e->name);
        break;
    case EXPR_CALL:
        write_expr(out, e->left);
        text_append(out, "(");
        write_items(out, e);
        text_append(out, ")");
        break;
    case EXPR_KEYWORD:
        text_append(out, "%s=", e->name);
        write_expr(out, e->right);
        break;
    case EXPR_INDEX:
        write_expr(out, e->left);
        text_append(out, "[");
        write_items(out, e);
        text_append(out, "]");
        break;
    case EXPR_SLICE:
        if (e->items[0]) write_expr(out, e->items[0]);
        text_append(out, ":");
        if (e->items[1]) write_expr(out, e->items[1]);
        if (e->items[2]) {
            text_append(out, ":");
            write_expr(out, e->items[2]);
        }
        break;
    }
}
/* END SOLUTION */
/* STUB */

char *parenthesize(const char *source) {
    /* BEGIN SOLUTION A.1 */
    Program program;
    char message[128];
    int offset;
    bool unclosed;
    if (parse_program(source, &program, message, &offset, &unclosed) < 0) {
        error_set(ERR_VALUE, "%s", message);
        return NULL;
    }
    Text out = {0};
    int written = 0;
    for (int i = 0; i < program.count; i++) {
        const Stmt *stmt = &program.stmts[i];
        if (stmt->value == NULL) continue;  // an import
        if (written++ > 0) text_append(&out, "; ");
        if (stmt->target) {
            write_expr(&out, stmt->target);
            text_append(&out, " = ");
        }
        write_expr(&out, stmt->value);
    }
    program_free(&program);
    return text_take(&out);
    /* END SOLUTION */
}

/* BEGIN SOLUTION A.3 */
// Run one statement (maybe of several lines, the first being `line`) and
// add what it shows. False if it is incomplete and more lines may come.
static bool run_statement(Session *s, const char *text, int line, bool at_end,
                          Text *out, int *errors) {
    Value result;
    if (session_run(s, text, &result) == 0) {
        if (result.kind != VALUE_NONE) {
            char *repr = value_repr(&result);
            if (repr == NULL) out->failed = true;
            else text_append(out, "%s\n", repr);
            free(repr);
        }
        value_free(&result);
        return true;
    }
    if (session_incomplete(s) && !at_end) return false;
    text_append(out, "line %d: %s: %s\n", line + session_error_line(s),
                session_error_type(s), session_error(s));
    (*errors)++;
    return true;
}
/* END SOLUTION */
/* STUB */

char *run_transcript(Session *s, const char *script, bool keep_going, int *failures) {
    /* BEGIN SOLUTION A.3 */
    Text out = {0}, pending = {0};
    int errors = 0, number = 0, first = 0;
    for (const char *line = script; *line; ) {
        size_t len = strcspn(line, "\n");
        number++;
        if (pending.len == 0) first = number;
        text_append(&pending, "%s%.*s", pending.len ? "\n" : "", (int)len, line);
        line += len + (line[len] == '\n');
        if (pending.failed) break;
        if (run_statement(s, pending.s, first, false, &out, &errors)) {
            pending.len = 0;
            if (errors > 0 && !keep_going) break;
        }
    }
    if (pending.len > 0 && !pending.failed) {  // a bracket still open
        run_statement(s, pending.s, first, true, &out, &errors);
    }
    bool failed = pending.failed;
    text_free(&pending);
    if (failures) *failures = errors;
    if (failed) {  // (the failed append said why)
        text_free(&out);
        return NULL;
    }
    return text_take(&out);
    /* END SOLUTION */
}
