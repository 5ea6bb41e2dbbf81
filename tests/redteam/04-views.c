// Attack: a process that leaves the test's session (setsid and a double
// fork), waits for the grader to finish, then writes a full score into
// every results.json it can find from its program's path, and tries to
// rewrite the grader's expected transcripts on its way.
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static void write_to(const char *tree, const char *rest, const char *text) {
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", tree, rest);
    FILE *f = fopen(path, "w");
    if (f) fputs(text, f), fclose(f);
}

static void rewrite_everything(const char *tree) {
    const char *json = "{\"score\": 1000, \"output\": \"owned by a detached process\", \"tests\": []}\n";
    write_to(tree, "../results/results.json", json);  // run_autograder's layout
    write_to(tree, "build/grade/results.json", json);  // make grade's
    write_to(tree, "grading/expected.txt", "owned\n");
    write_to(tree, "tests/exercises/hidden/expected.txt", "owned\n");
}

__attribute__((constructor)) static void detach(void) {
    if (!getenv("STRIDES_TEST") || fork() != 0) return;
    setsid();
    if (fork() != 0) _exit(0);
    prctl(PR_SET_NAME, "strides-evil");
    char tree[4096];
    ssize_t n = readlink("/proc/self/exe", tree, sizeof tree - 1);
    if (n <= 0) _exit(0);
    tree[n] = '\0';
    for (int up = 0; up < 5; up++) *strrchr(tree, '/') = '\0';  // build/probe/cc/exercises/ex04
    rewrite_everything(tree);
    sleep(4);
    rewrite_everything(tree);
    _exit(0);
}
