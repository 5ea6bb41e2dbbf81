#!/usr/bin/python3
"""Strides against numpy and PyTorch, in one run (make bench).

Runs the C benchmark (bench/bench.c, built by the Makefile), times numpy
and PyTorch on the same work the same way (best and median of N runs after
a warm-up, every run allocating its result), and prints one table of times
and ratios, with the chapter's targets. memcpy of the same bytes into a new
buffer is the physical floor for the copies.

    /usr/bin/python3 bench/bench.py --c build/bench/cc/bench [--reps N] [--steps]
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np
import torch

# name: (what it is, numpy, torch) -- the same work as bench.c's list.
def workloads():
    rng = np.random.default_rng(5)
    a = rng.random((4096, 4096), dtype=np.float32)
    row = rng.random(4096, dtype=np.float32)
    p = rng.random((16, 64, 64, 64), dtype=np.float32).transpose(1, 2, 3, 0)
    m = rng.random((512, 512), dtype=np.float32)
    ta, trow, tp, tm = (torch.from_numpy(x) for x in (a, row, p, m))
    buf, buf_perm = rng.random((4096, 4096), dtype=np.float32), np.empty((64, 64, 64, 16), np.float32)
    tbuf, tbuf_perm = torch.from_numpy(buf.copy()), torch.from_numpy(buf_perm.copy())
    return {
        "memcpy": ("copy 64 MiB into a new buffer", lambda: a.copy(), lambda: ta.clone()),
        "memcpy_16m": ("copy 16 MiB into a new buffer", lambda: np.array(p, order="K"),
                       lambda: tp.clone()),
        "copy_t": ("x.t().contiguous(), 4096x4096", lambda: np.ascontiguousarray(a.T),
                   lambda: ta.t().contiguous()),
        "copy_perm": ("permuted (64,64,64,16).contiguous()", lambda: np.ascontiguousarray(p),
                      lambda: tp.contiguous()),
        "add": ("x + x, 4096x4096", lambda: a + a, lambda: ta + ta),
        "add_row": ("x + row, 4096x4096 + 4096", lambda: a + row, lambda: ta + trow),
        "add_t": ("x.t() + x", lambda: a.T + a, lambda: ta.t() + ta),
        "mul_scalar": ("x * 2.5", lambda: a * np.float32(2.5), lambda: ta * 2.5),
        "exp": ("exp(x)", lambda: np.exp(a), lambda: torch.exp(ta)),
        "sum_last": ("x.sum(-1)", lambda: a.sum(-1), lambda: ta.sum(-1)),
        "sum_first": ("x.sum(0)", lambda: a.sum(0), lambda: ta.sum(0)),
        "sum_all": ("x.sum()", lambda: a.sum(), lambda: ta.sum()),
        "argmax_last": ("x.argmax(-1)", lambda: a.argmax(-1), lambda: ta.argmax(-1)),
        "matmul": ("512x512 @ 512x512", lambda: m @ m, lambda: tm @ tm),
        # the same work into arrays that exist already: the loops alone
        "copy_t_into": ("y.copy_(x.t()), y existing", lambda: np.copyto(buf, a.T),
                        lambda: tbuf.copy_(ta.t())),
        "copy_perm_into": ("y.copy_(permuted), y existing", lambda: np.copyto(buf_perm, p),
                           lambda: tbuf_perm.copy_(tp)),
        "add_into": ("y.add_(x), y existing", lambda: np.add(buf, a, out=buf),
                     lambda: tbuf.add_(ta)),
    }


# (workload, compared with, at most this many times its time): the chapter's targets.
TARGETS = [
    ("copy_t", "numpy", 1.0), ("copy_t", "memcpy", 2.0), ("copy_t_into", "numpy", 1.0),
    ("copy_perm", "numpy", 1.0), ("copy_perm", "memcpy_16m", 2.0),
    ("copy_perm_into", "numpy", 1.0),
    ("add", "numpy", 1.0), ("add_row", "numpy", 1.0), ("add_into", "numpy", 1.0),
    ("sum_last", "numpy", 1.5), ("sum_first", "numpy", 1.5),
    ("matmul", "numpy", 10.0),
]


def timed(f, reps):
    f()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        r = f()
        times.append((time.perf_counter() - t0) * 1e3)
        del r
    times.sort()
    return times[0], times[len(times) // 2]


def run_c(binary, reps, mode=()):
    out = subprocess.run([binary, *mode, "--reps", str(reps)], check=True,
                         capture_output=True, text=True).stdout
    results, header = {}, ""
    for line in out.splitlines():
        if line.startswith("#"):
            header = line
            continue
        name, best, median = line.split("\t")
        results[name] = (float(best), float(median))
    return results, header


def blas_name():
    try:
        with open("/proc/self/maps") as maps:
            text = maps.read()
        for lib in ("openblas", "mkl", "blis", "libblas"):
            if lib in text:
                return {"libblas": "reference BLAS (slow!)"}.get(lib, lib)
    except OSError:
        pass
    return "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--c", required=True, help="the C benchmark binary")
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--steps", action="store_true", help="also time the copy step by step")
    args = ap.parse_args()

    c, header = run_c(args.c, args.reps)
    work = workloads()
    numpy_t, torch_t = {}, {}
    for name, (_, fn, tfn) in work.items():
        numpy_t[name] = timed(fn, args.reps)
        torch_t[name] = timed(tfn, args.reps)

    print("Strides (C, %s) vs numpy %s (%s) and PyTorch %s (%d thread%s); %s"
          % ("-O2", np.__version__, blas_name(), torch.__version__,
             torch.get_num_threads(), "" if torch.get_num_threads() == 1 else "s",
             header[header.index("(") + 1:header.rindex(")")]))
    print("best of %d runs after a warm-up, in ms%s"
          % (args.reps, "; GLIBC_TUNABLES=" + os.environ["GLIBC_TUNABLES"]
             if "GLIBC_TUNABLES" in os.environ else ""))
    print()
    print("%-15s %-36s %9s %9s %9s %9s" % ("workload", "", "Strides", "numpy", "torch",
                                          "S/numpy"))
    for name, (what, _, _) in work.items():
        s = c[name][0]
        print("%-15s %-36s %9.2f %9.2f %9.2f %8.2fx" % (name, what, s, numpy_t[name][0],
                                                      torch_t[name][0], s / numpy_t[name][0]))
    for extra in ("memcpy_warm", "matmul_portable"):
        if extra in c:
            print("%-15s %-36s %9.2f" % (extra, {"memcpy_warm": "memcpy into a touched buffer",
                                                 "matmul_portable": "matmul, portable kernel"}[extra],
                                        c[extra][0]))
    print()
    print("targets:")
    failed = 0
    for name, base, factor in TARGETS:
        s = c[name][0]
        ref = numpy_t[name][0] if base == "numpy" else c[base][0]
        ok = s <= factor * ref
        failed += not ok
        print("  %-10s <= %4.1fx %-10s  %8.2f vs %8.2f  (%.2fx)  %s"
              % (name, factor, base, s, ref, s / ref, "met" if ok else "NOT MET"))

    if args.steps:
        steps, _ = run_c(args.c, max(3, args.reps // 3), ("steps",))
        print()
        print("the copy, step by step (into a touched buffer; best ms, and speedup over the step before):")
        last_label, prev = None, None
        for name, (best, _) in steps.items():
            label, step = name.split("/")
            if label != last_label:
                print("  %s" % label)
                last_label, prev = label, None
            gain = "" if prev is None or step == "memcpy" else "%6.1fx" % (prev / best)
            print("    %-10s %9.2f %s" % (step, best, gain))
            if step != "memcpy":
                prev = best
    return 1 if failed and os.environ.get("BENCH_STRICT") else 0


if __name__ == "__main__":
    sys.exit(main())
