"""Print the installed version of every `name==version` pin in the given requirement files and fail when one
differs (a local label such as torch's `+cpu` is ignored), e.g. after pip upgraded a pin it was told to keep.

    python tools/check_pins.py requirements-colab-compat.txt requirements-core.txt [--also pyarrow ...]
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        m = PIN.match(line.strip())
        if m:
            found[m.group(1)] = m.group(2)
    return found


def installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--also", nargs="*", default=[], help="unpinned packages whose version to print too")
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}")
    bad = []
    for path in args.files:
        for name, want in pins(path).items():
            have = installed(name)
            ok = have is not None and have.split("+")[0] == want
            print(f"{name:<20} {have or 'missing':<16} {'' if ok else f'EXPECTED {want} ({path})'}".rstrip())
            if not ok:
                bad.append(name)
    for name in args.also:
        print(f"{name:<20} {installed(name) or 'missing'}")
    if bad:
        print(f"pins not held: {', '.join(bad)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
