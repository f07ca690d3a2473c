"""The large tables' text off the heap: the string columns of articles, incidents, incident_sources and mentions are
memory-mapped, not read in.

At a million incidents these columns take about 1.3 GB in memory (article bodies, quotes, ids and names as Arrow strings),
yet once components.query.TableIndex has read them a rerun reads only the rows it shows (the first 1,000 rows of a
table, the reader's one article, a CSV). components.loaders copies each of them once, batch by batch, from its Parquet
file into a file of the two buffers of an Arrow large_string array (characters, offsets) in a cache folder, and maps it
as one array; the frames carry it as an ordinary `str` column over the mapped buffers (no copy), so every page and
function reads it as before. Numbers and flags are read into memory as before. The operating system brings in only the
pages read; `release()` drops them from the server's resident memory again after a whole-table pass (building the
index, a CSV of every row), so they stay in the page cache (shared, reclaimable), not in the process.

A cache file is named after the Parquet file it was copied from (device, inode, modification time, size, as opened by
components.loaders through the table set's folder descriptor), so a rebuild gives new files; older copies of the same
table set are removed when a new one is written (a process still mapping one keeps reading it: Linux keeps an unlinked
file's pages for its mappings).
"""
from __future__ import annotations

import ctypes
import hashlib
import mmap
import os
import struct
import tempfile
import threading
import weakref
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
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


def is_text(field: pa.Field) -> bool:
    return pa.types.is_string(field.type) or pa.types.is_large_string(field.type)


FOOTER = struct.Struct("<qq")  # rows, bytes of text


def _write(parquet: pq.ParquetFile, column: str, path: Path) -> None:
    """One text column as a large_string array's two buffers, written batch by batch (the copy never holds the column):
    the characters, padded to 8 bytes, then the n + 1 offsets, then (rows, bytes of text). Missing text is '' (what
    components.loaders.conform makes of it)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    offsets, size, rows = [np.zeros(1, dtype=np.int64)], 0, 0
    try:
        with open(tmp, "wb") as out:
            for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=[column], use_threads=False):
                values = pc.fill_null(batch.column(0).cast(pa.large_string()), "")
                bounds = np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset:values.offset + len(values) + 1]
                data = values.buffers()[2]
                if data is not None and bounds[-1] > bounds[0]:
                    out.write(memoryview(data)[bounds[0]:bounds[-1]])
                offsets.append(bounds[1:] - bounds[0] + size)
                size += int(bounds[-1] - bounds[0])
                rows += len(values)
            out.write(b"\0" * (-size % 8))
            out.write(np.concatenate(offsets).astype("<i8").tobytes())
            out.write(FOOTER.pack(rows, size))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _map(path: Path) -> pa.ChunkedArray:
    """The column as ONE chunk over the mapped file: Arrow's take on a column of several chunks first joins them (a copy of
    the whole column for every take of 1,000 rows); on one chunk it reads the rows taken only."""
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    with _lock:
        _maps.add(mapped)
    whole = pa.py_buffer(mapped)
    rows, size = FOOTER.unpack_from(mapped, len(mapped) - FOOTER.size)
    start = size + (-size % 8)
    offsets = whole.slice(start, (rows + 1) * 8)
    return pa.chunked_array([pa.Array.from_buffers(pa.large_string(), rows, [None, offsets, whole.slice(0, size)])],
                            type=pa.large_string())


def mapped_table(directory: Path, table: str, fh, parquet: pq.ParquetFile) -> pa.Table:
    """The Parquet file open as `fh` (table `table` of the set in `directory`) as an Arrow table: its text columns mapped
    from the cache as large_string without nulls (copied there first when this version of the file has no copy yet), the
    others read into memory."""
    folder = _folder(directory)
    folder.mkdir(parents=True, exist_ok=True)
    signature = _signature(fh)
    schema = parquet.schema_arrow
    data = parquet.read(columns=[f.name for f in schema if not is_text(f)], use_threads=True)
    fields, arrays = [], []
    for field in schema:
        if not is_text(field):
            fields.append(field)
            arrays.append(data.column(field.name))
            continue
        path = folder / f"{table}.{field.name}.{signature}.text"
        if not path.is_file():
            _write(parquet, field.name, path)
            for old in folder.glob(f"{table}.{field.name}.*.text"):  # earlier builds of this table set
                if old != path:
                    old.unlink(missing_ok=True)
        values = _map(path)
        if len(values) != parquet.metadata.num_rows:
            raise OSError(f"{path}: {len(values)} rows, the table has {parquet.metadata.num_rows}")
        fields.append(pa.field(field.name, pa.large_string(), nullable=False))
        arrays.append(values)
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=schema.metadata))


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
    trim()


def trim() -> None:
    """Gives memory freed by a whole-table pass back to the system: Arrow's allocator and the C heap keep freed memory for
    later by default (after reading the 1M set, 583 MB resident, of which 238 MB free)."""
    pa.default_memory_pool().release_unused()
    if _libc is not None:
        _libc.malloc_trim(0)


try:
    _libc = ctypes.CDLL("libc.so.6")
    _libc.malloc_trim.argtypes = [ctypes.c_size_t]
except (OSError, AttributeError):  # not glibc
    _libc = None
