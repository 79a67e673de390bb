"""Where the pipeline runs: in this process or a local pool (``local``), or on a Dask cluster
(``dask``: a LocalCluster on this machine, or the scheduler at an address).

Either way the results come back in input order, so the one writer downstream (``jobs``) keeps
its batches, idempotence and resume unchanged, and ``extract`` prints the same lines. On Dask,
each worker loads spaCy and the models once (a worker plugin) and codes whole chunks of
articles; at most two chunks per worker are in flight, so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from eventwire.config import DEFAULT, CoderConfig
from eventwire.nlp import BATCH_SIZE
from eventwire.pipeline import Item, Outcome, chunks, in_order, load_once, process_chunk
from eventwire.pipeline import map_chunks as map_locally

ENGINES = ("local", "dask")
T = TypeVar("T")


class EngineError(RuntimeError):
    """The engine cannot start (Dask not installed, scheduler unreachable)."""


@dataclass(frozen=True)
class Engine:
    kind: str = "local"  # local | dask
    workers: int = 1  # local: processes; dask without a scheduler: LocalCluster workers
    scheduler: str | None = None  # dask: a running scheduler's address (tcp://host:8786)


def run(
    items: Iterable[Item],
    engine: Engine = Engine(),
    batch_size: int = BATCH_SIZE,
    config: CoderConfig = DEFAULT,
) -> Iterator[Outcome]:
    """One outcome per item, in input order, on ``engine``."""
    task = partial(process_chunk, batch_size=batch_size, config=config)
    for outcomes in map_chunks(task, chunks(items, batch_size), engine, config):
        yield from outcomes


def map_chunks(
    task: Callable[[list[Item]], T],
    chunks: Iterable[list[Item]],
    engine: Engine = Engine(),
    config: CoderConfig = DEFAULT,
) -> Iterator[T]:
    """``task(chunk)`` for each chunk, in input order, on ``engine``; ``task`` must pickle
    (a module-level function or a ``partial`` of one). Workers load ``config``'s models first."""
    if engine.kind == "local":
        yield from map_locally(task, chunks, engine.workers, config)
    elif engine.kind == "dask":
        yield from _map_on_dask(task, chunks, engine, config)
    else:
        raise EngineError(f"unknown engine {engine.kind!r}; one of: {', '.join(ENGINES)}")


def _client(engine: Engine) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as err:
        raise EngineError("--engine dask needs Dask: pip install 'eventwire[dask]'") from err
    if engine.scheduler:
        try:
            return Client(engine.scheduler, timeout="30s"), None
        except OSError as err:
            raise EngineError(f"cannot reach the Dask scheduler {engine.scheduler}: {err}") from err
    import dask

    # the worker's sampling profiler interrupts a pure-Python task every 10 ms, and Dask's
    # low malloc trim threshold makes the parser's many small allocations slow: both off for
    # the workers this cluster spawns (the setting ends with the block)
    quiet = {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1},
    }
    with dask.config.set(quiet):
        cluster = LocalCluster(
            n_workers=max(1, engine.workers),
            threads_per_worker=1,  # spaCy and onnxruntime run best with one thread per process
            processes=True,
            dashboard_address=None,
        )
    return Client(cluster), cluster


def _plugin(config: CoderConfig) -> Any:
    from dask.distributed import WorkerPlugin

    class LoadModels(WorkerPlugin):
        """Loads spaCy and the coder's models once per worker, before its first chunk."""

        name = "eventwire-load-models"

        def setup(self, worker: Any) -> None:
            load_once(config)

    return LoadModels()


def _map_on_dask(
    task: Callable[[list[Item]], T],
    chunks: Iterable[list[Item]],
    engine: Engine,
    config: CoderConfig,
) -> Iterator[T]:
    client, cluster = _client(engine)
    try:
        client.register_plugin(_plugin(config))
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or engine.workers)
        submitted = (client.submit(task, chunk, pure=False) for chunk in chunks)
        yield from in_order(submitted, window, lambda future: future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
