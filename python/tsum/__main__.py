"""`python -m tsum ARGS...` runs the tsum command (the C++ CLI) with ARGS.

The wheel installs the CLI next to the interpreter's other scripts (so `tsum` is on
PATH in the venv); this module finds that binary and replaces the Python process with
it, so exit status, stdin/stdout and signals are the CLI's own.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn, Optional


def _installed_binary() -> Optional[Path]:
    """The `tsum` binary that pip installed together with this very package, if any."""
    from importlib import metadata

    try:
        dist = metadata.distribution("tsum-engine")
    except metadata.PackageNotFoundError:
        return None
    # Another installation of the distribution (this package imported from a build tree
    # while the venv holds a wheel) does not count.
    if Path(str(dist.locate_file("tsum"))).resolve() != Path(__file__).resolve().parent:
        return None
    for record in dist.files or []:
        if record.name == "tsum" and record.parent.name == "bin":
            path = Path(str(record.locate())).resolve()
            if path.is_file():
                return path
    return None


def binary() -> Path:
    """Where the tsum binary is: the one installed with this package; else, for the
    build tree (PYTHONPATH=<build>/python), <build>/cli/tsum; else `tsum` on PATH."""
    installed = _installed_binary()
    if installed is not None:
        return installed
    build_tree = Path(__file__).resolve().parent.parent.parent / "cli" / "tsum"
    if build_tree.is_file():
        return build_tree
    on_path = shutil.which("tsum")
    if on_path is not None:
        return Path(on_path)
    raise FileNotFoundError("tsum: error: the tsum binary is not installed with this package and not on PATH")


def main() -> NoReturn:
    try:
        path = binary()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    os.execv(path, ["tsum", *sys.argv[1:]])


if __name__ == "__main__":
    main()
