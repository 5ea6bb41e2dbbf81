// strides-viz: the stride visualizer. A window when there is a display;
// otherwise (or when asked) frames rendered headless to PNG. Everything
// is in cli.c, where the tests can reach it.
#include "cli.h"

int main(int argc, char **argv) {
    return viz_main(argc, argv);
}
