"""Run benchmarks: `python -m bench` runs them all, then prints every figure
beside its target in one table; `python -m bench search --rows 10000` runs one
with its own options.

Each benchmark is a self-contained module of this package with main(argv) ->
int that records its figures beside their targets with bench._summary.record()
(bench.pages has no target: it prints its times only). One that fails does not
stop the others: it is named in the table, and the run exits non-zero.
"""

import importlib
import pkgutil
import sys
import time
import traceback
from pathlib import Path

from bench import _summary


def available() -> list[str]:
    here = str(Path(__file__).parent)
    return sorted(m.name for m in pkgutil.iter_modules([here]) if m.name[0] != "_")


def run(name: str, argv: list[str]) -> int:
    if name not in available():
        print(f"No benchmark named {name!r}; there are: {', '.join(available())}")
        return 2
    return importlib.import_module(f"bench.{name}").main(argv)


def _run_caught(name: str, argv: list[str]) -> int:
    try:
        return run(name, argv) or 0
    except (Exception, SystemExit) as error:  # one failure does not stop the run
        traceback.print_exc()
        return getattr(error, "code", None) or 1


def main(argv: list[str]) -> int:
    if argv and not argv[0].startswith("-"):
        return run(argv[0], argv[1:])
    started, failed, times = time.monotonic(), [], {}
    for name in available():
        print(f"\n=== bench.{name} ===", flush=True)
        begun = time.monotonic()
        code = _run_caught(name, argv)
        times[name] = time.monotonic() - begun
        if code:
            failed.append(name)
    print(
        f"\n=== All benchmarks, one run ({time.monotonic() - started:.0f} s: ", end=""
    )
    print(
        ", ".join(f"{name} {seconds:.0f} s" for name, seconds in times.items()), end=""
    )
    print(") ===")
    print(_summary.table(_summary.FIGURES, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
