"""A longer mutation fuzz of check and fix than CI runs: whole corpus lists, fresh seeds.

The engine and the properties each case must hold (no traceback, no hang, fix idempotent and
confined to its edits) are those of tests/fuzzing.py, which tests/test_fuzz.py runs on a
fixed seed for about 15 seconds. Here the bases are the seed list and every corpus list,
whole (``--window`` cuts them), the seed is new each run unless given, and the run lasts
``--minutes`` or ``--cases``. Each failing case is written to bench/.work/fuzz/ and printed
with what reproduces it (seed and case index).

Usage: .venv/bin/python bench/fuzz_bench.py [--minutes M | --cases N] [--seed S]
       [--window CHARS] [--budget SECONDS]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import List, Optional

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import fuzzing  # noqa: E402  (tests/fuzzing.py)

CORPUS = ROOT.parent / "shared" / "corpus"
WORK = BENCH / ".work" / "fuzz"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="run this long (default 10)")
    parser.add_argument("--cases", type=int, default=0, help="or exactly this many cases")
    parser.add_argument("--seed", type=int, default=None, help="default: a new one")
    parser.add_argument("--window", type=int, default=0,
                        help="cut corpus lists to windows of this many characters (default: whole)")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds a case may take before it counts as a hang (default 120)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 2**31)
    bases = ["seed"] + sorted(str(path) for folder in ("lists", "lists2")
                              for path in (CORPUS / folder).glob("*.md"))
    limit = args.cases or 10**9
    deadline = time.monotonic() + (args.minutes * 60 if not args.cases else 10**9)
    print(f"fuzz seed {seed}: {len(bases)} base lists ({len(bases) - 1} from the corpus), "
          + (f"{args.cases} cases" if args.cases else f"{args.minutes:g} minutes")
          + f", {args.budget:g} s per case", flush=True)
    runner = fuzzing.Runner(args.budget)
    started = time.monotonic()
    done = failed = 0
    slowest = (0.0, "")
    try:
        for case in fuzzing.cases(seed, bases, limit, window=args.window):
            if time.monotonic() >= deadline:
                break
            outcome = runner.run(case)
            done += 1
            if outcome.seconds > slowest[0]:
                slowest = (outcome.seconds, fuzzing.describe(outcome).split(":")[0])
            if not outcome.ok:
                failed += 1
                saved = fuzzing.reproduce(outcome, WORK)
                print(f"FAIL {fuzzing.describe(outcome)}\n     text: {saved}", flush=True)
            if done % 100 == 0:
                print(f"  {done} cases, {failed} failing, {time.monotonic() - started:.0f} s",
                      flush=True)
    finally:
        runner.close()
    elapsed = time.monotonic() - started
    print(f"{done} cases in {elapsed:.0f} s ({done / max(elapsed, 1e-9):.1f} per second), "
          f"{failed} failing; slowest {slowest[0]:.2f} s CPU ({slowest[1]})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
