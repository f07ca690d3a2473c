"""The build's extraction on a Dask cluster: batches of articles out, their results back; the rest stays in the client."""
from __future__ import annotations

import logging
from pathlib import Path

from preprocess.build import (BATCH, GAZETTEER_DIR, ArticleFacts, BuildError, _Job, _write_cache_pack, article_facts,
                              article_result, resources_fingerprint)
from preprocess.cues import RESOURCES_DIR, load_cues
from preprocess.gazetteer import load_gazetteer
from preprocess.ingest import RawArticle

PARTITION = 2 * BATCH  # articles per task: a task costs the scheduler about a millisecond, an article 5-10
LOCAL_WORKERS = 2
CONNECT_TIMEOUT = "30s"
INSTALL_HINT = "the dask engine needs dask.distributed: install dask[distributed] (requirements-test.txt)"


def _distributed():
    """dask.distributed, imported only when the dask engine is asked for."""
    try:
        import distributed
    except ImportError:
        raise BuildError([INSTALL_HINT]) from None
    return distributed


class DaskEngine:
    """Extraction on the scheduler at `scheduler`, or on a LocalCluster of two worker processes (started when the first
    article needs extracting). Articles are read here and sent with their task, so workers need the same code and
    resources but no access to the article folders; results come back here, where the cache is written."""

    def __init__(self, scheduler: str | None, gazetteer_dir: Path, resources_dir: Path, cache_dir: Path, fingerprint: str):
        distributed = _distributed()
        self.cache_dir, self.fingerprint = cache_dir, fingerprint
        # The bundled resources are named by None, so a worker uses its own checkout's copy wherever it lives.
        self.dirs = (None if Path(gazetteer_dir).resolve() == GAZETTEER_DIR.resolve() else str(gazetteer_dir),
                     None if Path(resources_dir).resolve() == RESOURCES_DIR.resolve() else str(resources_dir))
        self.scheduler = scheduler
        self.distributed = distributed
        self.cluster = self.client = None
        self.warnings: list[str] = []
        self.batch_size = PARTITION
        self.in_flight = LOCAL_WORKERS * 4 * PARTITION  # articles sent and not yet back: bounds the client's memory

    def _connect(self):
        """The client, made on the first article to extract: a rebuild from the cache starts no cluster."""
        if self.client is not None:
            return self.client
        try:
            if self.scheduler:
                self.client = self.distributed.Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            else:
                self.cluster = self.distributed.LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                                                             dashboard_address=None, silence_logs=logging.ERROR)
                self.client = self.distributed.Client(self.cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise BuildError([f"could not start or reach {where}: {exc}"]) from None
        n_workers = len(self.client.scheduler_info().get("workers", {})) or LOCAL_WORKERS
        self.in_flight = n_workers * 4 * PARTITION
        return self.client

    def submit(self, items: list[tuple[str, RawArticle]]) -> _Job:
        future = self._connect().submit(extract_partition, [raw for _key, raw in items], self.fingerprint, *self.dirs,
                                        pure=False)
        return _Job(items, future)

    def facts(self, job: _Job) -> list[ArticleFacts]:
        try:
            results = job.future.result()
        except Exception as exc:  # a worker that cannot extract at all (other code or resources, died three times)
            raise BuildError([f"a Dask worker failed: {type(exc).__name__}: {exc}"]) from None
        job.future = None
        entries = []
        for (key, raw), result in zip(job.items, results):
            result["article"]["text"] = raw.text  # not sent back: the client has it
            entries.append((key, result))
        _write_cache_pack(self.cache_dir, entries)
        return [article_facts(key, result) for key, result in entries]

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None


_LOADED: dict = {}


def extract_partition(raws: list[RawArticle], fingerprint: str, gazetteer_dir: str | None,
                      resources_dir: str | None) -> list[dict]:
    """On a worker: each article's result (its text left out). The resources are loaded once per worker process, and
    only when the worker's code and resources hash as the client's did: the same input must give the same tables."""
    dirs = (Path(gazetteer_dir) if gazetteer_dir else GAZETTEER_DIR, Path(resources_dir) if resources_dir else RESOURCES_DIR)
    loaded = _LOADED.get((dirs, fingerprint))
    if loaded is None:
        if resources_fingerprint(*dirs) != fingerprint:
            raise RuntimeError(f"this worker's code or resources ({dirs[0]}, {dirs[1]}) differ from the client's: "
                               "install the same version of Rasid on every worker")
        _LOADED.clear()
        loaded = _LOADED[(dirs, fingerprint)] = (load_gazetteer(dirs[0]), load_cues(dirs[1]))
    results = []
    for raw in raws:
        result = article_result(raw, *loaded)
        result["article"]["text"] = ""
        results.append(result)
    return results
