// Attack: 10 GiB at once, then memory until the machine gives out.
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void take_all_the_memory(void) {
    if (!getenv("STRIDES_TEST")) return;
    char *volatile big = malloc((size_t)10 << 30);
    if (big) memset(big, 1, (size_t)10 << 30);
    for (int i = 0; i < 64; i++) {
        char *chunk = malloc((size_t)256 << 20);
        if (chunk) memset(chunk, 1, (size_t)256 << 20);
    }
}
