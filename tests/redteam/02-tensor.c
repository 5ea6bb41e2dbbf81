// Attack: a SIGSEGV handler prints the OK line and exits 0; the
// constructor then crashes on purpose.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void ok_after_all(int sig) {
    (void)sig;
    const char *t = getenv("STRIDES_TEST");
    printf("[ RUN      ] %s\n[       OK ] %s\n", t ? t : "", t ? t : "");
    fflush(stdout);
    _exit(0);
}

__attribute__((constructor)) static void crash_happily(void) {
    if (!getenv("STRIDES_TEST")) return;
    signal(SIGSEGV, ok_after_all);
    raise(SIGSEGV);
}
