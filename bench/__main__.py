"""Run the benchmarks named on the command line, or every bench/<name>.py.

python -m bench            # all of them
python -m bench export     # only bench/export.py
python -m bench.export -h  # one benchmark with its own options
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    names = argv or sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not module.name.startswith("_")
    )
    status = 0
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "main"):
            print(f"== bench.{name}")
            status = status or module.main([])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
