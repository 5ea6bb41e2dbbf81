# Benchmarks (chapter 5; docs/benchmarks.md):
# make bench            Strides against numpy and PyTorch and memcpy, one table
# make bench-steps      the copy, one optimisation at a time (for chapter 5)
# make bench NATIVE=1   opt in to -march=native (the default is plain -O2:
#                       the library picks its AVX2 matmul kernel at run time)
BENCH_TAG   := $(TOOLCHAIN)$(if $(NATIVE),-native)
BENCH_OBJ   := build/obj/$(BENCH_TAG)/bench
BENCH_FLAGS := $(CFLAGS_BASE) -O2 -g $(if $(NATIVE),-march=native)
BENCH_BIN   := build/bench/$(BENCH_TAG)/bench
BENCH_LIB   := $(LIB_SRCS)
BENCH_ENV   ?=
BENCH_REPS  ?= 15

$(BENCH_OBJ)/%.o: %.c | $(GEN)/strides.h
	@mkdir -p $(@D)
	$(say) "  CC      $< (bench)"
	$(Q)$(CC) $(BENCH_FLAGS) -MMD -MP -c $< -o $@

$(BENCH_BIN): $(BENCH_OBJ)/bench/bench.o $(BENCH_LIB:%.c=$(BENCH_OBJ)/%.o)
	@mkdir -p $(@D)
	$(say) "  LINK    $@"
	$(Q)$(CC) $(BENCH_FLAGS) $^ -o $@ $(LDLIBS)

help::
	@echo "make bench          benchmarks against numpy and PyTorch (docs/benchmarks.md)"

.PHONY: bench bench-steps
bench: $(BENCH_BIN)
	@scripts/install-deps --oracle
	@$(BENCH_ENV) /usr/bin/python3 bench/bench.py --c $(BENCH_BIN) --reps $(BENCH_REPS) --steps

bench-steps: $(BENCH_BIN)
	@$(BENCH_ENV) $(BENCH_BIN) steps --reps 5
