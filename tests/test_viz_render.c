// The visualizer with pixels: known scenes rendered headless (software
// renderer on a surface) and compared with committed reference images
// within a small tolerance; an app smoke test that drives a real window
// under SDL's dummy video driver through its event queue; fonts; idling.
// And bad input to the program: the command line, scripts (every command's
// arguments, long lines, paths outside --out), a full disk, and SIGTERM or
// SIGINT while a script waits.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "test_main.h"
#include "app.h"
#include "cli.h"
#include "fonts.h"
#include "parse.h"
#include "screen.h"
#include "script.h"
#include "window.h"

#define ROOT STRIDES_ROOT
#define OUT ROOT "/build/test-viz"

// A pixel differs when any channel is off by more than this; a picture
// matches when at most this share of its pixels differ (font rasterizers
// differ slightly between FreeType builds; layouts don't).
enum { CHANNEL_TOLERANCE = 24 };
#define MAX_DIFFERING_SHARE 0.005

static int setup(void **state) {
    (void)state;
    mkdir(ROOT "/build", 0777);
    mkdir(OUT, 0777);
    return SDL_Init(0) == 0 && TTF_Init() == 0 ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    TTF_Quit();
    IMG_Quit();
    SDL_Quit();
    FcFini();  // fontconfig's caches live until asked to go
    return 0;
}

static SDL_Surface *load_rgba(const char *path) {
    SDL_Surface *s = IMG_Load(path);
    if (s == NULL) return NULL;
    SDL_Surface *rgba = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    return rgba;
}

// Compare two PNGs; on failure write a diff image (differing pixels red).
static void assert_same_picture(const char *actual_path, const char *reference_path) {
    SDL_Surface *a = load_rgba(actual_path), *b = load_rgba(reference_path);
    if (b == NULL) {
        SDL_FreeSurface(a);
        fail_msg("no reference image %s: run `make viz-refs` and look at it", reference_path);
    }
    assert_non_null(a);
    if (a->w != b->w || a->h != b->h) {
        int aw = a->w, ah = a->h, bw = b->w, bh = b->h;
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        fail_msg("%s is %dx%d, the reference %dx%d", actual_path, aw, ah, bw, bh);
    }
    long differing = 0, total = (long)a->w * a->h;
    for (int y = 0; y < a->h; y++) {
        Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch, *pb = (Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w; x++, pa += 4, pb += 4) {
            bool off = false;
            for (int c = 0; c < 4; c++) off |= abs(pa[c] - pb[c]) > CHANNEL_TOLERANCE;
            if (off) {
                differing++;
                pa[0] = 255, pa[1] = 0, pa[2] = 0, pa[3] = 255;  // mark it for the diff image
            }
        }
    }
    double share = (double)differing / (double)total;
    if (share > MAX_DIFFERING_SHARE) {
        char diff[512];
        snprintf(diff, sizeof diff, "%s.diff.png", actual_path);
        IMG_SavePNG(a, diff);
        SDL_FreeSurface(a);
        SDL_FreeSurface(b);
        fail_msg("%s differs from %s in %.2f%% of its pixels (allowed %.2f%%); see %s",
                 actual_path, reference_path, 100 * share, 100 * MAX_DIFFERING_SHARE, diff);
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
}

static void scenes_match_their_reference_images(void **state) {
    (void)state;
    char err[1400];
    ScriptOptions o = {.out_dir = OUT, .quiet = true};
    if (script_run(ROOT "/tests/viz/scenes.script", &o, err, sizeof err) != 0) fail_msg("%s", err);
    static const char *const names[] = {"default", "transpose", "expand-hover", "failed-view",
                                        "copy", "help", "dropout", "dropout-eval"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char actual[256], reference[256];
        snprintf(actual, sizeof actual, OUT "/%s.png", names[i]);
        snprintf(reference, sizeof reference, ROOT "/tests/viz/ref/%s.png", names[i]);
        assert_same_picture(actual, reference);
    }
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static bool same_bytes(const char *p, const char *q) {
    FILE *a = fopen(p, "rb"), *b = fopen(q, "rb");
    bool same = a && b;
    while (same) {
        int ca = fgetc(a), cb = fgetc(b);
        if (ca != cb) same = false;
        if (ca == EOF || cb == EOF) break;
    }
    if (a) fclose(a);
    if (b) fclose(b);
    return same;
}

static void headless_frames_are_deterministic(void **state) {
    (void)state;
    char err[1024];
    for (int k = 0; k < 2; k++) {
        App app;
        Screen s;
        assert_int_equal(app_init(&app), 0);
        app_command(&app, "x = arange(24).view(2, 3, 4).permute(2, 0, 1)", false);
        model_walk_to(&app.model, 7);
        if (screen_open_headless(&s, 480, 320, NULL, err, sizeof err) < 0) fail_msg("%s", err);
        screen_draw(&s, &app);
        assert_int_equal(screen_save(&s, k ? OUT "/same-b.png" : OUT "/same-a.png", err, sizeof err), 0);
        screen_close(&s);
        app_free(&app);
    }
    assert_true(file_size(OUT "/same-a.png") > 1000);
    assert_true(same_bytes(OUT "/same-a.png", OUT "/same-b.png"));
}

static void the_app_survives_a_session_in_a_dummy_window(void **state) {
    (void)state;
    char err[1400];
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    ScriptOptions o = {.out_dir = OUT, .window = true, .quiet = true};
    int rc = script_run(ROOT "/tests/viz/smoke.script", &o, err, sizeof err);
    if (rc != 0) fail_msg("%s", err);
    assert_true(file_size(OUT "/smoke.png") > 1000);
}

// While nothing moves, the loop sleeps in SDL's event wait: a second of
// idling costs (almost) no CPU time, and draws no frame.
static void an_idle_window_uses_almost_no_cpu(void **state) {
    (void)state;
    char err[1024];
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    App app;
    Screen s;
    assert_int_equal(app_init(&app), 0);
    app_command(&app, "x = arange(12).view(3, 4)", false);
    if (screen_open_window(&s, 640, 400, NULL, err, sizeof err) < 0) fail_msg("%s", err);
    double last = real_clock(NULL);
    window_iterate(&app, &s, real_clock, NULL, &last, 0);  // the first frame
    assert_false(app.dirty);
    clock_t cpu = clock();
    double wall = real_clock(NULL);
    for (int i = 0; i < 10; i++) window_iterate(&app, &s, real_clock, NULL, &last, 100);
    double cpu_seconds = (double)(clock() - cpu) / CLOCKS_PER_SEC;
    double wall_seconds = real_clock(NULL) - wall;
    assert_false(app.dirty);
    assert_true(wall_seconds > 0.9);
    print_message("idle: %.3f s of CPU in %.3f s\n", cpu_seconds, wall_seconds);
    if (cpu_seconds > 0.1 * wall_seconds) {
        fail_msg("idle: %.3f s of CPU in %.3f s", cpu_seconds, wall_seconds);
    }
    screen_close(&s);
    app_free(&app);
}

// exit() and quit() in the command bar close the app, as they end Python;
// they are not errors to show.
static void exit_in_the_command_bar_closes_the_app(void **state) {
    (void)state;
    const char *lines[] = {"exit()", "quit()", "exit(3)"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        App app;
        assert_int_equal(app_init(&app), 0);
        app_command(&app, "x = arange(12).view(3, 4)", false);
        assert_false(app.quit);
        app_command(&app, lines[i], false);
        if (!app.quit) fail_msg("'%s' in the command bar left the app running", lines[i]);
        app_free(&app);
    }
}

static void a_missing_font_is_a_clear_error(void **state) {
    (void)state;
    char err[600];
    char *path = font_find("No Such Font Strides Test", err, sizeof err);
    assert_null(path);
    assert_non_null(strstr(err, "is not installed"));
    assert_non_null(strstr(err, "fonts-dejavu-core"));
    assert_null(font_find("/nonexistent/font.ttf", err, sizeof err));
    assert_non_null(strstr(err, "can't be read"));
    path = font_find(NULL, err, sizeof err);  // the default: DejaVu Sans Mono
    if (path == NULL) fail_msg("%s", err);
    assert_non_null(strstr(path, "DejaVuSansMono"));
    free(path);
}


// ---- bad input --------------------------------------------------------------------

static void numbers_are_parsed_strictly(void **state) {
    (void)state;
    int64_t n = -7;
    assert_true(parse_int("12", 0, 12, &n) && n == 12);
    assert_true(parse_int("-3", -5, 5, &n) && n == -3);
    static const char *const not_ints[] = {"", "-", "12abc", " 12", "12 ", "+3", "0x10", "1e3",
                                           "13", "99999999999999999999"};
    for (size_t i = 0; i < sizeof not_ints / sizeof not_ints[0]; i++) {
        if (parse_int(not_ints[i], 0, 12, &n)) fail_msg("'%s' was taken as an integer", not_ints[i]);
    }
    double s = -1;
    assert_true(parse_seconds("0.5", 3600, &s) && s == 0.5);
    assert_true(parse_seconds("3600", 3600, &s) && s == 3600);
    assert_true(parse_seconds("1.5e1", 3600, &s) && s == 15);
    static const char *const not_seconds[] = {"inf", "nan", "1e9", "-1", "", "abc", "0x10",
                                              " 1", "1 2", "1e999", "3600.5"};
    for (size_t i = 0; i < sizeof not_seconds / sizeof not_seconds[0]; i++) {
        if (parse_seconds(not_seconds[i], 3600, &s)) fail_msg("'%s' was taken as seconds", not_seconds[i]);
    }
    int w = 0, h = 0;
    assert_true(parse_frame_size("1280x720", &w, &h) && w == 1280 && h == 720);
    assert_true(parse_frame_size("200x150", &w, &h) && parse_frame_size("8192x8192", &w, &h));
    static const char *const not_sizes[] = {"1280x720abc", "100000x100000", "199x150", "200x149",
                                            "8193x720", "1280", "x720", "1280x", "1280X720",
                                            " 1280x720", "+1280x720", "1280x+720", "-1280x720",
                                            "1280x720x3", "12345678901x720"};
    for (size_t i = 0; i < sizeof not_sizes / sizeof not_sizes[0]; i++) {
        if (parse_frame_size(not_sizes[i], &w, &h)) fail_msg("'%s' was taken as a size", not_sizes[i]);
    }
}

// cli_parse on argv; the message when it fails (NULL when it succeeds).
static const char *parse_args(Options *o, char *err, size_t size, int argc, ...) {
    char *argv[16] = {"strides-viz"};
    va_list ap;
    va_start(ap, argc);
    for (int i = 1; i < argc && i < 16; i++) argv[i] = va_arg(ap, char *);
    va_end(ap);
    return cli_parse(argc, argv, o, err, size) == 0 ? NULL : err;
}

static void expect_arg_error(const char *got, const char *want) {
    if (got == NULL) fail_msg("accepted; wanted the error '%s'", want);
    if (strstr(got, want) == NULL) fail_msg("the error '%s' does not say '%s'", got, want);
}

static void the_command_line_is_parsed_strictly(void **state) {
    (void)state;
    Options o;
    char err[600];
    assert_null(parse_args(&o, err, sizeof err, 5, "--size", "640x400", "--walk-step", "5"));
    assert_int_equal(o.width, 640);
    assert_int_equal(o.height, 400);
    assert_int_equal(o.walk, 5);
    const char *bounds = "width 200 to 8192 and height 150 to 8192";
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--size", "1280x720abc"), bounds);
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--size", "100000x100000"), bounds);
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--size", "100000x100000"), "not '100000x100000'");
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--walk-step", ""), "--walk-step wants");
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--walk-step", "5x"), "not '5x'");
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--walk-step", "-1"), "from 0");
    expect_arg_error(parse_args(&o, err, sizeof err, 2, "--size"), "--size needs a value");
    expect_arg_error(parse_args(&o, err, sizeof err, 2, "--bogus"), "unknown option '--bogus'");
    expect_arg_error(parse_args(&o, err, sizeof err, 2, "stray"), "unknown option 'stray'");
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--out", OUT "/no-such-folder"),
                     "No such file or directory");
    expect_arg_error(parse_args(&o, err, sizeof err, 3, "--out", ROOT "/README.md"), "not a directory");
}

// Run a script of the given text (headless, saving into OUT/sub); the
// error, or NULL when it ran.
static const char *run_script_text(const char *text, char *err, size_t size) {
    mkdir(OUT "/sub", 0777);
    FILE *f = fopen(OUT "/bad.script", "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    ScriptOptions o = {.out_dir = OUT "/sub", .quiet = true, .width = 640, .height = 400};
    return script_run(OUT "/bad.script", &o, err, size) == 0 ? NULL : err;
}

// Each line, after a first line making a 3x4 tensor, must stop the script
// at line 2 with this message.
static const char *const bad_lines[][2] = {
    {"wait abc", "wait wants seconds from 0 to 3600, not 'abc'"},
    {"wait inf", "wait wants seconds from 0 to 3600, not 'inf'"},
    {"wait 1e9", "wait wants seconds from 0 to 3600, not '1e9'"},
    {"wait -1", "wait wants seconds from 0 to 3600"},
    {"wait", "wait wants seconds from 0 to 3600, not ''"},
    {"wait 1 2", "wait wants seconds"},
    {"walk abc", "walk wants an element from 0 to 11, not 'abc'"},
    {"walk 12", "walk wants an element from 0 to 11, not '12'"},
    {"walk -1", "walk wants an element from 0 to 11"},
    {"walk 3x", "walk wants an element from 0 to 11"},
    {"axes 99 -99", "axes wants two different dims from 0 to 1 (rows, then columns), not '99 -99'"},
    {"axes 1 1", "axes wants two different dims"},
    {"axes 0", "axes wants two different dims"},
    {"axes 0 1 2", "axes wants two different dims"},
    {"axes a b", "axes wants two different dims"},
    {"size 1280x720abc", "size wants WIDTHxHEIGHT, width 200 to 8192 and height 150 to 8192"},
    {"size 100000x100000", "size wants WIDTHxHEIGHT, width 200 to 8192 and height 150 to 8192 (e.g. 1280x720), not '100000x100000'"},
    {"hover cell abc", "hover cell wants a number from 0 to 11, not 'abc'"},
    {"hover cell 12", "hover cell wants a number from 0 to 11"},
    {"click storage 12", "click storage wants a number from 0 to 11"},
    {"click step 2", "click step wants a number from 1 to 1"},
    {"hover copy 0", "hover copy: this step is not a copy"},
    {"hover pixel 3", "hover wants storage K, cell N, copy K, step N or none"},
    {"click cell", "click wants storage K, cell N, copy K, step N or none"},
    {"expect-step two", "expect-step wants a step number from 1, not 'two'"},
    {"expect-step 0", "expect-step wants a step number from 1"},
    {"expect", "expect wants the text"},
    {"key", "key wants one or more keys"},
    {"key ctrl+", "unknown key 'ctrl+'"},
    {"reset now", "reset takes nothing after it"},
    {"save", "save wants a file name"},
    {"save ../escaped.png", "save: '../escaped.png' is not inside the output folder (--out)"},
    {"save a/../../escaped.png", "is not inside the output folder"},
    {"save /tmp/escaped.png", "is not inside the output folder"},
    {"frobnicate", "unknown command 'frobnicate'"},
};

static void every_bad_argument_is_an_error_with_file_and_line(void **state) {
    (void)state;
    char err[1400], text[300];
    for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
        snprintf(text, sizeof text, "run x = arange(12).view(3, 4)\n%s\nsave after.png\n", bad_lines[i][0]);
        const char *where = OUT "/bad.script:2: ";
        const char *got = run_script_text(text, err, sizeof err);
        if (got == NULL) fail_msg("'%s' was accepted", bad_lines[i][0]);
        if (strncmp(got, where, strlen(where)) != 0 || strstr(got, bad_lines[i][1]) == NULL) {
            fail_msg("'%s' gave '%s', not '%s%s...'", bad_lines[i][0], got, where, bad_lines[i][1]);
        }
    }
    struct stat st;
    assert_int_not_equal(stat(OUT "/escaped.png", &st), 0);  // nothing was written outside
    assert_int_not_equal(stat("/tmp/escaped.png", &st), 0);
    // Inside --out is fine, in a folder too.
    mkdir(OUT "/sub/frames", 0777);
    assert_null(run_script_text("run x = arange(3)\nsave frames/./ok.png\n", err, sizeof err));
}

// A line over SCRIPT_LINE_MAX bytes is an error naming it: before, its
// tail ran as a command of its own (here a `save`).
static void a_long_line_is_an_error_not_two_commands(void **state) {
    (void)state;
    char err[1400];
    static char text[3 * SCRIPT_LINE_MAX];
    unlink(OUT "/sub/tail.png");  // this test's own output, from an earlier run
    int n = snprintf(text, sizeof text, "run x = arange(3)\n# ");
    memset(text + n, 'x', SCRIPT_LINE_MAX - 2);  // the line's first SCRIPT_LINE_MAX bytes
    snprintf(text + n + SCRIPT_LINE_MAX - 2, 64, "save tail.png\n");
    expect_arg_error(run_script_text(text, err, sizeof err),
                     "bad.script:2: the line is longer than 4095 bytes");
    struct stat st;
    assert_int_not_equal(stat(OUT "/sub/tail.png", &st), 0);
    // Exactly SCRIPT_LINE_MAX bytes is still a line.
    n = snprintf(text, sizeof text, "run x = arange(3)\n#");
    memset(text + n, 'x', SCRIPT_LINE_MAX - 1);
    snprintf(text + n + SCRIPT_LINE_MAX - 1, 64, "\nexpect shape\n");
    assert_null(run_script_text(text, err, sizeof err));
    // Typed text longer than the command bar holds would run cut short.
    n = snprintf(text, sizeof text, "run x = arange(3) + 0");
    memset(text + n, ' ', COMMAND_MAX);
    snprintf(text + n + COMMAND_MAX, 64, "+ 1\n");
    expect_arg_error(run_script_text(text, err, sizeof err),
                     "bad.script:1: run: the command would be 1044 bytes; the command bar holds at most 1023");
}

// A NUL byte would end the line early in C, unseen: the rest would vanish.
static void a_nul_byte_is_an_error(void **state) {
    (void)state;
    static const char text[] = "run x = arange(3)\nexpect sha\0pe\n";
    FILE *f = fopen(OUT "/nul.script", "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, sizeof text - 1, f), sizeof text - 1);
    assert_int_equal(fclose(f), 0);
    char err[1400];
    ScriptOptions o = {.out_dir = OUT, .quiet = true, .width = 640, .height = 400};
    assert_int_equal(script_run(OUT "/nul.script", &o, err, sizeof err), -1);
    expect_arg_error(err, "nul.script:2: a NUL byte in the line");
}

static void a_folder_is_not_a_script(void **state) {
    (void)state;
    char err[1400];
    ScriptOptions o = {.out_dir = OUT, .quiet = true};
    assert_int_equal(script_run(OUT, &o, err, sizeof err), -1);
    assert_non_null(strstr(err, OUT ": is a directory, not a script"));
    assert_int_equal(script_run(OUT "/no-such.script", &o, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file or directory"));
}

// /dev/full takes every write, then fails the flush: IMG_SavePNG alone
// reported success.
static void a_frame_written_to_a_full_disk_is_an_error(void **state) {
    (void)state;
    struct stat st;
    if (stat("/dev/full", &st) != 0) skip();
    char err[1024];
    App app;
    Screen s;
    assert_int_equal(app_init(&app), 0);
    app_command(&app, "x = arange(12).view(3, 4)", false);
    if (screen_open_headless(&s, 320, 200, NULL, err, sizeof err) < 0) fail_msg("%s", err);
    screen_draw(&s, &app);
    assert_int_equal(screen_save(&s, "/dev/full", err, sizeof err), -1);
    assert_non_null(strstr(err, "can't write /dev/full: No space left on device"));
    assert_int_equal(screen_save(&s, OUT "/no-such-folder/x.png", err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file or directory"));
    assert_int_equal(screen_save(&s, OUT "/fine.png", err, sizeof err), 0);
    screen_close(&s);
    app_free(&app);
}

// ---- SIGTERM and SIGINT while a script waits ---------------------------------------

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void nap(void) {
    struct timespec t = {0, 10 * 1000 * 1000};
    nanosleep(&t, NULL);
}

// A script that saves ready.png, then waits for a long time: a walk of a
// million elements at half a step a second, an hour of its clock at a time.
static void write_waiting_script(const char *path) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("run x = arange(1000000)\nkey space down down\nsave ready.png\n", f);
    for (int i = 0; i < 600; i++) fputs("wait 3600\n", f);
    assert_int_equal(fclose(f), 0);
}

// strides-viz --script FILE --out OUT [--window], as a child process with
// its output in OUT/child.out and OUT/child.err.
static pid_t start_viz(const char *script, bool window) {
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid > 0) return pid;
    FILE *out = freopen(OUT "/child.out", "w", stdout), *err = freopen(OUT "/child.err", "w", stderr);
    if (out == NULL || err == NULL) _exit(99);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    char *argv[] = {"strides-viz", "--script", (char *)script, "--out", OUT,
                    window ? "--window" : NULL, NULL};
    int rc = viz_main(window ? 6 : 5, argv);
    fflush(NULL);
    _exit(rc);
}

// The child's exit status within `seconds`, or -1 (and then it is killed).
static int status_within(pid_t pid, double seconds) {
    int status;
    for (double end = now_seconds() + seconds; now_seconds() < end; nap()) {
        if (waitpid(pid, &status, WNOHANG) == pid) return status;
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

static void a_signal_stops_a_waiting_script(int sig, bool window) {
    const char *script = OUT "/waits.script";
    struct stat st;
    write_waiting_script(script);
    unlink(OUT "/ready.png");  // this test's own output, from an earlier run
    pid_t pid = start_viz(script, window);
    double end = now_seconds() + 60;
    while (stat(OUT "/ready.png", &st) != 0 && now_seconds() < end) nap();
    if (now_seconds() >= end) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        fail_msg("the script never got to its waits");
    }
    for (int i = 0; i < 20; i++) nap();  // well into the waits
    double sent = now_seconds();
    kill(pid, sig);
    int status = status_within(pid, 5);
    if (status == -1) fail_msg("%s: still running 5 s after signal %d", window ? "window" : "headless", sig);
    if (WIFSIGNALED(status)) fail_msg("killed by signal %d instead of stopping", WTERMSIG(status));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 128 + sig);
    print_message("stopped %.3f s after the signal\n", now_seconds() - sent);
    char text[600] = "";
    FILE *f = fopen(OUT "/child.err", "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    char want[200];
    snprintf(want, sizeof want, "stopped by %s", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    if (strstr(text, "waits.script:") == NULL || strstr(text, want) == NULL) {
        fail_msg("the child said '%s', not where it stopped and '%s'", text, want);
    }
}

static void sigterm_stops_a_script_in_a_window_promptly_and_cleanly(void **state) {
    (void)state;
    a_signal_stops_a_waiting_script(SIGTERM, true);
}

static void sigint_stops_a_headless_script_promptly_and_cleanly(void **state) {
    (void)state;
    a_signal_stops_a_waiting_script(SIGINT, false);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        // First, while this process has no threads that a fork could catch mid-lock.
        cmocka_unit_test(sigterm_stops_a_script_in_a_window_promptly_and_cleanly),
        cmocka_unit_test(sigint_stops_a_headless_script_promptly_and_cleanly),
        cmocka_unit_test(scenes_match_their_reference_images),
        cmocka_unit_test(headless_frames_are_deterministic),
        cmocka_unit_test(the_app_survives_a_session_in_a_dummy_window),
        cmocka_unit_test(an_idle_window_uses_almost_no_cpu),
        cmocka_unit_test(a_missing_font_is_a_clear_error),
        cmocka_unit_test(exit_in_the_command_bar_closes_the_app),
        cmocka_unit_test(numbers_are_parsed_strictly),
        cmocka_unit_test(the_command_line_is_parsed_strictly),
        cmocka_unit_test(every_bad_argument_is_an_error_with_file_and_line),
        cmocka_unit_test(a_long_line_is_an_error_not_two_commands),
        cmocka_unit_test(a_nul_byte_is_an_error),
        cmocka_unit_test(a_folder_is_not_a_script),
        cmocka_unit_test(a_frame_written_to_a_full_disk_is_an_error),
    };
    return run_suite(&(TestSuite){.group = "viz_render", TEST_LIST(tests),
                                  .setup = setup, .teardown = teardown});
}
