"""summarize(output=...): the CLI's -o, written atomically; and the --stats memory figure."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from ._summary import Summary

#: --format values and the Summary method that renders each.
FORMATS = {"text": "__str__", "json": "to_json", "markdown": "to_markdown", "html": "to_html", "csv": "to_csv"}


def format_from_extension(output: Union[str, bytes, "os.PathLike[str]"]) -> str:
    """The format -o's extension asks for, as the CLI infers it: .json, .md/.markdown,
    .html/.htm, .csv; text otherwise."""
    suffix = Path(os.fsdecode(output)).suffix.lower()
    return {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".csv": "csv"}.get(suffix, "text")


def write_output(summary: "Summary", format: str, output: Union[str, bytes, "os.PathLike[str]"]) -> None:  # noqa: A002
    """Writes the rendering to `output` as the CLI's -o does: through a temporary file in
    the same directory renamed over the target, so a failure leaves no partial file; a
    device or FIFO (e.g. /dev/stdout) is written in place."""
    text = getattr(summary, FORMATS[format])()
    path = Path(os.fsdecode(output))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        return
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def peak_rss_mib() -> int:
    """The process's peak resident memory (VmHWM) in MiB, as the CLI's --stats prints it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0
