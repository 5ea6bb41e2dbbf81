// Appendix A exercises: the parser's trees made visible, and the
// interpreter used as a library. (Exercise A.2 is in src/lang/builtins.c.)
// The tests are in tests/exercises/exA.c; `make grade` scores them.
#ifndef STRIDES_EXERCISES_A_H
#define STRIDES_EXERCISES_A_H

#include <stdbool.h>

#include "lang/lang.h"

//> parenthesize
// Exercise A.1. Parse `source` with the appendix's parser (parse_program,
// lang/parser.h) and write it back with every operation in parentheses,
// so that the shape of the tree -- precedence, associativity -- can be
// read off the text:
//   "x + y * 2 @ z"  ->  "(x + ((y * 2) @ z))"
//   "a - b - c"      ->  "((a - b) - c)"
//   "-x ** 2"        ->  "(-(x ** 2))"
// Node by node:
//   - a binary operation is "(LEFT OP RIGHT)", one space either side of
//     +, -, *, /, @ or **; a unary one is "(-RIGHT)" or "(+RIGHT)". Every
//     operation gets its parentheses wherever it is: "f((a + b))", "(-1)".
//   - an int in decimal; a float as Python's repr() writes it
//     (pyfloat_repr: "1e-3" gives "0.001", "2." gives "2.0"); names,
//     True, False, None and ... as they are.
//   - a tuple in parentheses, items separated by ", ", one item with a
//     trailing comma: "()", "(1,)", "(a, b)"; a list in brackets: "[]",
//     "[1, [2, 3]]".
//   - the postfix forms as they are written, around whatever they hold:
//     "x.t()", "F.relu(x)", "x.sum(0, keepdim=True)", "x[0, ..., None]".
//     A slice is its parts with the left-out ones empty: one ':' between
//     start and stop, and a second one only if there is a step: "1:",
//     ":3", ":", "::2", "1:3:2" ("x[::]" gives "x[:]").
//   - a statement is "TARGET = VALUE" or "VALUE"; statements are separated
//     by "; " (however they were: ';' or a line break); an import, which
//     does nothing, is left out.
// So "y = x.sum(dim=0) - -1; y" gives "y = (x.sum(dim=0) - (-1)); y".
// Returns a new string for the caller to free ("" if there are no
// statements). A syntax error gives NULL and the parser's message as
// error_message(), e.g. "invalid syntax. Perhaps you forgot a comma?" for
// "f(a b)"; running out of memory gives NULL too.
char *parenthesize(const char *source);
//< parenthesize

//> transcript
// Exercise A.3 (the interpreter as a library). Run `script` in the
// session `s` as `strides FILE` runs a file, and return what it shows,
// without the "# shape ..." summaries:
//   - the script's lines (separated by '\n') are run with session_run, in
//     order, in the one session, so variables carry over;
//   - a line that leaves a bracket open (session_incomplete) is run again
//     with the next line joined on after a '\n', until the brackets close;
//     what is still open at the end of the script is run as it is, for
//     its error ("'(' was never closed");
//   - a value is shown as value_repr() writes it, then '\n'; None (an
//     assignment, an empty line, a comment) shows nothing;
//   - an error is one line, "line N: TYPE: MESSAGE\n": N is the 1-based
//     line of the script that the error is on (the first line of its
//     statement, plus session_error_line), TYPE is session_error_type()
//     and MESSAGE session_error(). Then the script goes on with the next
//     line if keep_going, and stops there if not.
// *failures (unless failures is NULL) is set to the number of errors.
// Returns a new string for the caller to free ("" for an empty script),
// NULL only if memory runs out (error_message() says so). For example,
//   run_transcript(s, "x = arange(4)\nx.view(2, 2)\nx.view(3)\nx.sum()", true, &n)
// returns
//   "tensor([[0., 1.],\n        [2., 3.]])\n"
//   "line 3: RuntimeError: shape '[3]' is invalid for input of size 4\n"
//   "tensor(6.)\n"
// and sets n to 1; with keep_going false it stops after the error line.
char *run_transcript(Session *s, const char *script, bool keep_going, int *failures);
//< transcript

#endif
