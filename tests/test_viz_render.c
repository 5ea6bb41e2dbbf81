// The visualizer with pixels: known scenes rendered headless (software
// renderer on a surface) and compared with committed reference images
// within a small tolerance; an app smoke test that drives a real window
// under SDL's dummy video driver through its event queue; fonts; idling.
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "app.h"
#include "fonts.h"
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

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(scenes_match_their_reference_images),
        cmocka_unit_test(headless_frames_are_deterministic),
        cmocka_unit_test(the_app_survives_a_session_in_a_dummy_window),
        cmocka_unit_test(an_idle_window_uses_almost_no_cpu),
        cmocka_unit_test(a_missing_font_is_a_clear_error),
    };
    return cmocka_run_group_tests_name("viz_render", tests, setup, teardown);
}
