# The stride visualizer (viz/; docs/visualizer.md): build/bin/strides-viz.
# Built when viz/ and the expression language (src/lang, Appendix A) are
# both there, so that a chapter snapshot (make chapter N=3), which has
# neither, builds and runs as before. `make run` opens the visualizer (with
# no display it writes build/strides-viz.png and says why); `make test`
# runs its model, layout and pixel tests.
VIZ_SRCS := $(filter-out viz/main.c viz/bench.c,$(wildcard viz/*.c))
ifneq ($(VIZ_SRCS),)
ifneq ($(wildcard src/lang/lang.h),)
# SDL_CFLAGS and SDL_LIBS come from build/config.mk (scripts/configure).
# -isystem: warnings are errors in our code, not in SDL's headers.
VIZ_CFLAGS := -Iviz $(patsubst -I%,-isystem %,$(SDL_CFLAGS))
VIZ_LIBS   := $(SDL_LIBS)
# The part without SDL (model, layout and its scenes, draw list) is unit
# tested on its own.
VIZ_CORE   := $(addprefix viz/,drawlist.c palette.c model.c explain.c events.c) \
              $(wildcard viz/layout*.c viz/scene*.c)
VIZ_REL    := $(VIZ_SRCS:%.c=$(OBJ_REL)/%.o) $(LIB_REL)
VIZ_TEST_ALL  := $(VIZ_SRCS:%.c=$(OBJ_TEST)/%.o)
VIZ_TEST_CORE := $(VIZ_CORE:%.c=$(OBJ_TEST)/%.o)
VIZ_TEST_BINS := $(TEST_BIN)/test_viz $(TEST_BIN)/test_viz_events $(TEST_BIN)/test_viz_render
TEST_BINS  += $(VIZ_TEST_BINS)
MAIN_PROGRAM := $(BIN)/strides-viz --no-display-png build/strides-viz.png

$(OBJ_REL)/viz/%.o: CFLAGS_RELEASE += $(VIZ_CFLAGS)
$(OBJ_TEST)/viz/%.o $(OBJ_TEST)/tests/viz/%.o: CFLAGS_TEST += $(VIZ_CFLAGS)
$(OBJ_TEST)/tests/test_viz.o $(OBJ_TEST)/tests/test_viz_events.o $(OBJ_TEST)/tests/test_viz_render.o: CFLAGS_TEST += $(VIZ_CFLAGS)

help::
	@echo "make viz            the visualizer, build/bin/strides-viz (docs/visualizer.md)"
	@echo "make viz-screenshots  remake docs/screenshots/"
	@echo "make viz-refs       remake the pixel tests' reference images"
	@echo "make viz-bench      frame time of the visualizer"

.PHONY: viz viz-screenshots viz-refs viz-bench
viz: $(BIN)/strides-viz
all: $(BIN)/strides-viz
run: $(BIN)/strides-viz
test: $(VIZ_TEST_BINS)

$(BIN)/strides-viz: $(OBJ_REL)/viz/main.o $(VIZ_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(VIZ_LIBS) $(LDLIBS)

$(BIN)/strides-viz-bench: $(OBJ_REL)/viz/bench.o $(VIZ_REL)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_RELEASE) $^ -o $@ $(VIZ_LIBS) $(LDLIBS)

$(TEST_BIN)/test_viz: $(OBJ_TEST)/tests/test_viz.o $(VIZ_TEST_CORE) $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# What a command did (viz/events.c), heard from the interpreter's call hook.
$(TEST_BIN)/test_viz_events: $(OBJ_TEST)/tests/test_viz_events.o $(VIZ_TEST_CORE) $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(LDLIBS)

# Pixel tests and the app smoke test: SDL and fonts.
$(TEST_BIN)/test_viz_render: $(OBJ_TEST)/tests/test_viz_render.o \
    $(VIZ_TEST_ALL) $(SUPPORT_TEST) $(LIB_TEST)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(CFLAGS_TEST) $^ -o $@ $(CMOCKA_LIBS) $(VIZ_LIBS) $(LDLIBS)

# The book's screenshots and the pixel tests' references are made the one
# same way: scripts run headless (software renderer on a surface).
viz-screenshots: $(BIN)/strides-viz
	@$(BIN)/strides-viz --script docs/screenshots/screenshots.script --out docs/screenshots

viz-refs: $(BIN)/strides-viz
	@$(BIN)/strides-viz --script tests/viz/scenes.script --out tests/viz/ref

# Frame time of a 64x64 tensor with walk and ledger, software renderer, 1280x720.
viz-bench: $(BIN)/strides-viz-bench
	@$(BIN)/strides-viz-bench
endif
endif
