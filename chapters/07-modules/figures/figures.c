// Figures for chapter 7: module trees drawn by the library's
// module_to_dot(), written into the folder given as argv[1].
#include <stdio.h>

#include "dot.h"
#include "error.h"
#include "module.h"
#include "module_dot.h"
#include "nn.h"
#include "rng.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTPUT-DIR\n", argv[0]);
        return 2;
    }
    Rng rng = rng_new(0);
    int failed = 0;
    // The chapter's model: a tree of modules, parameters at the leaves.
    Module *net = nn_Sequential(nn_Linear(4, 8, true, &rng), nn_ReLU(),
                                nn_Sequential(nn_Linear(8, 8, true, &rng), nn_Tanh()),
                                nn_Linear(8, 2, true, &rng));
    failed |= dot_save_figure(argv[1], "tree", module_to_dot(net));
    // One Linear in two places: one box, two arrows, counted once.
    Module *l = nn_Linear(3, 3, true, &rng);
    Module *shared = nn_Sequential(l, nn_ReLU(), module_retain(l));
    failed |= dot_save_figure(argv[1], "shared", module_to_dot(shared));
    module_release(shared);
    module_release(net);
    if (failed) fprintf(stderr, "figures: %s\n", error_message());
    return failed ? 1 : 0;
}
