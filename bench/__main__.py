"""Run benchmarks: `python -m bench` runs them all; `python -m bench search --rows
10000` runs one with its own options.

Each benchmark is a self-contained module of this package with main(argv) -> int.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    here = str(Path(__file__).parent)
    return sorted(m.name for m in pkgutil.iter_modules([here]) if m.name[0] != "_")


def run(name: str, argv: list[str]) -> int:
    if name not in available():
        print(f"No benchmark named {name!r}; there are: {', '.join(available())}")
        return 2
    return importlib.import_module(f"bench.{name}").main(argv)


def main(argv: list[str]) -> int:
    if argv and not argv[0].startswith("-"):
        return run(argv[0], argv[1:])
    for name in available():
        code = run(name, argv)
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
