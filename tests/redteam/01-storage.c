// Attack: a constructor prints cmocka's OK line for the test being run,
// and leaves before main() runs.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void report_success_and_leave(void) {
    const char *t = getenv("STRIDES_TEST");
    if (!t) return;
    printf("[ RUN      ] %s\n[       OK ] %s\n[  PASSED  ] 1 test(s).\n", t, t);
    fflush(stdout);
    _exit(0);
}
