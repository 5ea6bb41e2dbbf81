// Attack: a fork bomb (bounded, and sleeping, so that it proves the
// limits without burning the machine: the grader must kill every one).
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

__attribute__((constructor)) static void fork_bomb(void) {
    if (!getenv("STRIDES_TEST")) return;
    for (int i = 0; i < 400; i++) {
        pid_t pid = fork();
        if (pid < 0) break;
        if (pid == 0) {
            prctl(PR_SET_NAME, "strides-evil");
            for (;;) pause();
        }
    }
}
