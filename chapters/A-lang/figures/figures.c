// Figures for Appendix A: DOT emitted by the library's tensors_to_dot() for
// tensors made by the expression language itself, written into the folder
// given as argv[1]. (`strides --dot` draws the same figure from the shell.)
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "lang/lang.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    Session *s = session_new();
    Value result = {.kind = VALUE_NONE};
    int failed = s == NULL;
    if (!failed && (session_run(s, "x = arange(12).view(3, 4)", &result) != 0 ||
                    session_run(s, "x.t()[:, ::2]", &result) != 0)) {
        fprintf(stderr, "figures: %s\n", session_error(s));
        failed = 1;
    }
    if (!failed) {
        const Tensor *tensors[] = {session_get(s, "x")->tensor, result.tensor};
        const char *names[] = {"x", "x.t()[:, ::2]"};
        if (dot_save_figure(argv[1], "dot", tensors_to_dot(2, tensors, names)) != 0) {
            fprintf(stderr, "figures: %s\n", error_message());
            failed = 1;
        }
    }
    value_free(&result);
    session_free(s);
    return failed;
}
