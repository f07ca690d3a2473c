"""A table set on disk: which folders the build may write, atomic publication, and reads that see one build.

The build owns a folder only when it made it: `--out` must be missing, empty, or a table set (its marker
file is there and every entry is a table, the manifest or the marker). Publication exchanges the staging
folder with the live one, so a reader that opened the live folder by descriptor keeps reading one build;
the build it replaced is kept one generation as `.<name>.prev-*` so such a reader can finish.
"""
from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import time
from pathlib import Path

MARKER = ".rasid-tables"
MANIFEST = "manifest.json"
_STAGING = re.compile(r"^\.(?P<name>.+)\.tmp-(?P<pid>\d+)$")
_PREV = re.compile(r"^\.(?P<name>.+)\.prev-(?P<stamp>\d+)-(?P<pid>\d+)$")


class OutputRefused(Exception):
    """The output folder is not one the build may write; nothing was touched."""


def _own_entry(name: str) -> bool:
    return name in (MARKER, MANIFEST) or name.endswith(".parquet")


def is_table_set(directory: Path) -> bool:
    """A folder this project wrote: its marker, or (for sets written before the marker) a manifest with the
    build's keys; and nothing in it but tables, the manifest and the marker."""
    directory = Path(directory)
    if directory.is_symlink() or not directory.is_dir():
        return False
    names = os.listdir(directory)
    if not names or not all(_own_entry(n) for n in names):
        return False
    if MARKER in names:
        return True
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and {"inputs", "resources", "row_counts"} <= set(manifest)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(out: Path, protected: list[Path]) -> None:
    """Raise OutputRefused unless `out` is missing, empty or a table set, and holds no protected folder."""
    out = Path(out)
    if out.is_symlink():
        raise OutputRefused(f"--out {out} is a symbolic link; give the real folder (nothing was written)")
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"--out {out} is a file, not a folder (nothing was written)")
    resolved = out.resolve()
    for folder in protected:
        folder = Path(folder).resolve()
        if _inside(folder, resolved):
            raise OutputRefused(f"--out {out} is or contains {folder}, which the build reads; "
                                "choose a folder of its own, for example data/processed (nothing was written)")
    if out.is_dir() and os.listdir(out) and not is_table_set(out):
        foreign = sorted(n for n in os.listdir(out) if not _own_entry(n))[:5]
        what = ", ".join(foreign) if foreign else "no Rasid marker"
        raise OutputRefused(f"--out {out} is not a Rasid table set ({what}); Rasid writes only into a new or "
                            "empty folder or one it built before (nothing was written)")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(out: Path, keep_prev: int = 1) -> None:
    """Remove staging folders of builds that died, and all but the newest `keep_prev` replaced generations."""
    out = Path(out)
    parent = out.parent
    if not parent.is_dir():
        return
    prev = []
    for entry in parent.iterdir():
        staging = _STAGING.match(entry.name)
        if staging and staging["name"] == out.name and not _alive(int(staging["pid"])):
            shutil.rmtree(entry, ignore_errors=True)
        old = _PREV.match(entry.name)
        if old and old["name"] == out.name:
            prev.append((int(old["stamp"]), entry))
    for _stamp, entry in sorted(prev, reverse=True)[keep_prev:]:
        shutil.rmtree(entry, ignore_errors=True)


def staging_dir(out: Path) -> Path:
    out = Path(out)
    staging = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("Rasid table set: written by `python -m preprocess build`\n", encoding="utf-8")
    return staging


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _prev_name(out: Path) -> Path:
    return out.parent / f".{out.name}.prev-{time.time_ns()}-{os.getpid()}"


def recover_interrupted_swap(out: Path) -> None:
    """A kill between the two renames of the fallback swap leaves the old set aside: put the newest back."""
    out = Path(out)
    if out.exists() or not out.parent.is_dir():
        return
    prev = sorted((int(m["stamp"]), e) for e in out.parent.iterdir()
                  if (m := _PREV.match(e.name)) and m["name"] == out.name and e.is_dir())
    if prev:
        os.rename(prev[-1][1], out)


def publish(staging: Path, out: Path) -> None:
    """Make `staging` the live table set at `out`; the replaced set is kept aside one generation."""
    out = Path(out)
    recover_interrupted_swap(out)
    if out.is_dir() and _exchange(staging, out):
        os.rename(staging, _prev_name(out))
    else:
        if out.exists():
            os.rename(out, _prev_name(out))
        os.rename(staging, out)
    clean_leftovers(out)


def read_files(directory: Path, names: list[str], reader, attempts: int = 3, with_name: bool = False) -> dict:
    """{name: reader(binary file) or None when missing}, all from ONE build: the folder is opened once by
    descriptor and every file through it, so a publication during the read cannot mix two builds. `with_name`: the
    reader is called as reader(binary file, name)."""
    last: OSError | None = None
    for _ in range(attempts):
        try:
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            return {name: None for name in names}
        opened: dict[str, int] = {}
        try:
            # every file is opened first (an open file outlives its folder's removal), then read at leisure: a slow
            # reader never loses its build to two quick rebuilds
            present = set(os.listdir(fd))
            for name in names:
                if name in present:
                    opened[name] = os.open(name, os.O_RDONLY, dir_fd=fd)
        except OSError as exc:  # the generation was removed under us (two builds in a row): read the new one
            for handle in opened.values():
                os.close(handle)
            if exc.errno not in (errno.ENOENT, errno.ESTALE):
                raise
            last = exc
            continue
        finally:
            os.close(fd)
        out = {}
        try:
            for name in names:
                if name not in opened:
                    out[name] = None
                    continue
                with os.fdopen(opened.pop(name), "rb") as fh:
                    out[name] = reader(fh, name) if with_name else reader(fh)
        finally:
            for handle in opened.values():
                os.close(handle)
        return out
    raise last  # type: ignore[misc]
