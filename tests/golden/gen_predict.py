#!/usr/bin/python3
"""Check every predict answer against real PyTorch 1.13. Run by hand with
Debian's python3-torch (make test does not: it checks the same answers
against our REPL, tests/tools/test_predict.c):

    /usr/bin/python3 tests/golden/gen_predict.py                 # chapters/*/predict.txt
    /usr/bin/python3 tests/golden/gen_predict.py FILE...

For each file, its ">>>" lines run first, then each question's expression,
after `import torch; from torch import *; import torch.nn as nn;
import torch.nn.functional as F`. The value is written as the grader
reads answers (tools/grade/predict.c): a torch.Size as a tuple, an
exception as its class name; answers compare with blanks removed and
true/false in any case. Mismatches are printed; the exit status is 1 if
there are any.
"""
import glob
import os
import re
import sys

import torch

QUESTION = re.compile(r"^\s*([0-9A-Za-z]+\.P[0-9]+)\s+(.*?)\s*=>\s*(.*?)\s*$")


def normalise(answer):
    s = re.sub(r"\s+", "", answer)
    m = re.fullmatch(r"torch\.Size\(\[(.*)\]\)", s)
    if m:
        inner = m.group(1)
        s = "(%s,)" % inner if inner and "," not in inner else "(%s)" % inner
    if s.lower() in ("true", "false"):
        return s.capitalize()
    m = re.match(r"^([A-Z][A-Za-z0-9_]*):", s)
    return m.group(1) if m else s


def pytorch_answer(env, expr):
    try:
        value = eval(expr, env)
    except Exception as e:  # the answer is the exception's class
        return type(e).__name__
    if isinstance(value, torch.Size):
        value = tuple(value)
    return repr(value)


def check(path):
    env = {}
    exec("import torch\nfrom torch import *\nimport torch.nn as nn\n"
         "import torch.nn.functional as F\n", env)
    torch.manual_seed(0)
    bad = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith(">>>"):
                exec(line.lstrip()[3:].strip(), env)
                continue
            if line.lstrip().startswith("#"):
                continue
            m = QUESTION.match(line)
            if not m:
                continue
            qid, expr, answer = m.groups()
            got = pytorch_answer(env, expr)
            if answer == "?" or normalise(got) != normalise(answer):
                print("%s: %s  %s => %s, but PyTorch %s says %s"
                      % (path, qid, expr, answer, torch.__version__, got))
                bad += 1
    return bad


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(root, "chapters/*/predict.txt")))
    files = files or [os.path.join(root, "tests/tools/fixtures/predict/predict.txt")]
    bad = sum(check(p) for p in files)
    print("gen_predict: %d file(s), %d mismatch(es)" % (len(files), bad), file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
