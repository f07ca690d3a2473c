"""The large tables off the heap: articles, incidents, incident_sources and mentions are memory-mapped, not read in.

At a million incidents these tables take about 1.4 GB in memory (article bodies, quotes, ids and names as Arrow strings),
yet after components.query.TableIndex has read them once a rerun reads only the rows it shows (the first 1,000 rows of a
table, the reader's one article, a CSV). components.loaders copies each of them once, batch by batch, from its Parquet
file into an uncompressed Arrow IPC file in a cache folder and memory-maps it; the frames carry the mapped columns as
ordinary pandas columns (`str` over the mapped Arrow buffers, no copy; whole numbers are still converted to Int64 in
memory by conform), so every page and function reads them as before. The operating system brings in only the pages
read; `release()` drops them from the server's resident memory again after a whole-table pass (building the index, a CSV
of every row), so they live in the page cache (shared, reclaimable), not in the process.

The cache file is named after the Parquet file it was copied from (device, inode, modification time, size, as opened by
components.loaders through the table set's folder descriptor), so a rebuild gives new files; older copies of the same
table set are removed when a new one is written (a process still mapping one keeps reading it: Linux keeps an unlinked
file's pages for its mappings).
"""
from __future__ import annotations

import hashlib
import mmap
import os
import tempfile
import threading
import weakref
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import pyarrow.parquet as pq

# the tables kept on disk: large, and read whole only when the index is built
MAPPED_TABLES = ("articles", "incidents", "incident_sources", "mentions")
BATCH_ROWS = 65_536  # rows copied at a time

_maps: weakref.WeakSet = weakref.WeakSet()  # the mappings in use (a table set let go lets its maps go)
_lock = threading.Lock()


def cache_root() -> Path:
    """$RASID_TABLE_CACHE, else rasid-tables in the system's temporary folder."""
    return Path(os.environ.get("RASID_TABLE_CACHE") or Path(tempfile.gettempdir()) / "rasid-tables")


def _folder(directory: Path) -> Path:
    return cache_root() / hashlib.sha256(str(Path(directory).resolve()).encode()).hexdigest()[:16]


def _signature(fh) -> str:
    info = os.fstat(fh.fileno())
    return f"{info.st_dev}-{info.st_ino}-{info.st_mtime_ns}-{info.st_size}"


def _stored(field: pa.Field) -> pa.Field:
    text = pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
    return pa.field(field.name, pa.large_string(), nullable=False) if text else field


def _write(parquet: pq.ParquetFile, path: Path) -> None:
    """The table batch by batch (the copy never holds it whole), text columns as large_string without nulls (what
    components.loaders.conform makes of them: '' for a missing text)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    schema = pa.schema([_stored(f) for f in parquet.schema_arrow])
    try:
        with pa.OSFile(str(tmp), "wb") as sink, ipc.new_file(sink, schema) as writer:
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, use_threads=False):
                columns = []
                for field, values in zip(schema, batch.columns):
                    if not field.nullable and field.type == pa.large_string():
                        values = pc.fill_null(values.cast(pa.large_string()), "")
                    columns.append(values)
                writer.write_batch(pa.record_batch(columns, schema=schema))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _map(path: Path) -> pa.Table:
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    with _lock:
        _maps.add(mapped)
    return ipc.open_file(pa.BufferReader(pa.py_buffer(mapped))).read_all()


def mapped_table(directory: Path, table: str, fh, parquet: pq.ParquetFile) -> pa.Table:
    """The Parquet file open as `fh` (table `table` of the set in `directory`) as an Arrow table mapped from the cache,
    copied there first when this version of the file has no copy yet."""
    folder = _folder(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{table}.{_signature(fh)}.arrow"
    if not path.is_file():
        _write(parquet, path)
        for old in folder.glob(f"{table}.*.arrow"):  # earlier builds of this table set
            if old != path:
                old.unlink(missing_ok=True)
    return _map(path)


def release() -> None:
    """Drops the mapped pages from this process's resident memory (read again from the page cache, or the file, when next
    needed): after a whole-table pass such as building the index or a CSV of every incident. Safe while other threads
    read the same maps: the files are never written once mapped."""
    with _lock:
        maps = list(_maps)
    for mapped in maps:
        try:
            mapped.madvise(mmap.MADV_DONTNEED)
        except (OSError, ValueError):  # closed, or a platform without madvise: the pages just stay
            pass
