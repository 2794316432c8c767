"""The executors a sweep runs on: serial, a process pool, or a Dask cluster.

A sweep accepts any ``concurrent.futures.Executor``; this module makes the
three the command line names. ``serial`` runs each run as it is submitted,
in this process. ``process`` is a pool of worker processes started with
``spawn``, so workers begin clean whatever threads this process has (the
progress bar's, for one). ``dask`` connects to a running scheduler, or starts
a ``LocalCluster`` on this machine when no address is given; a scheduler that
cannot be reached is reported in a few seconds, before any run starts.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any, Final, Literal, ParamSpec, TypeVar

from govsim.errors import UsageError
from govsim.extras import need

__all__ = [
    "CONNECT_SECONDS",
    "EXECUTORS",
    "ExecutorKind",
    "SerialExecutor",
    "Workers",
    "local_cluster",
    "open_executor",
    "window_for",
]

ExecutorKind = Literal["serial", "process", "dask"]
EXECUTORS: Final = ("serial", "process", "dask")
CONNECT_SECONDS: Final = 5
"""How long to wait for a Dask scheduler before calling it unreachable."""
FREE_PORT: Final = "127.0.0.1:0"
"""A local cluster's web server address: a free port on loopback, like its workers."""

P = ParamSpec("P")
T = TypeVar("T")


class SerialExecutor(Executor):
    """Runs each call when it is submitted, in this process: the default.

    An interrupt (Ctrl-C) is not caught into the future, so it stops the
    sweep at once, as it would a plain loop.
    """

    def submit(
        self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> Future[T]:
        """Call ``fn`` now and return a future that is already done."""
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


@dataclass(frozen=True)
class Workers:
    """An executor ready to use, and a line saying what it is."""

    executor: Executor
    description: str
    window: int
    """How many runs to keep in flight: enough to keep every worker busy."""


def window_for(executor: Executor) -> int:
    """Runs to keep in flight on an executor: two per worker, one for serial."""
    if isinstance(executor, SerialExecutor):
        return 1
    workers = getattr(executor, "_max_workers", None)
    client = getattr(executor, "_client", None)
    if client is not None:
        info = client.scheduler_info()
        workers = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
    return 2 * int(workers or os.cpu_count() or 1) + 2


@contextmanager
def open_executor(
    kind: ExecutorKind, *, workers: int | None = None, scheduler: str | None = None
) -> Iterator[Workers]:
    """Start the named executor, and stop it (and any local cluster) afterwards.

    Raises:
        UsageError: an unknown kind, options that do not go together, a
            missing extra, or a Dask scheduler that cannot be reached.
    """
    if kind not in EXECUTORS:
        raise UsageError(f"no executor '{kind}': choose one of {', '.join(EXECUTORS)}")
    if scheduler is not None and kind != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    if kind == "serial":
        if workers not in (None, 1):
            raise UsageError("--workers needs --executor process or dask")
        yield Workers(SerialExecutor(), "serial (this process)", 1)
    elif kind == "process":
        count = workers or os.cpu_count() or 1
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            yield Workers(pool, f"process pool of {count} workers", 2 * count + 2)
    else:
        with _dask(workers, scheduler) as ready:
            yield ready


def _distributed() -> Any:
    # distributed's constructors are untyped; Any keeps mypy --strict quiet.
    return need("distributed", "dask", "--executor dask")


def local_cluster(workers: int = 2) -> Any:
    """A Dask ``LocalCluster`` for sweeps: worker processes on 127.0.0.1.

    One thread per worker, since runs are pure Python and hold the GIL; the
    scheduler's web server (its dashboard) on a free port the system picks,
    since Dask's default, 8787, may be taken by another cluster and Dask then
    warns (``None`` would mean that default, not no server); and the
    workers' statistical profiler off, which samples the
    running thread's stack every few milliseconds and cost about a tenth of
    the throughput of the crisis model's runs. Dask's own logs are silenced
    below CRITICAL: on a loaded machine a worker's heartbeat can race the
    scheduler's shutdown and log a traceback at ERROR, after every run has
    come back; a run that fails reaches the sweep as its exception, not
    through the log. Use it as a context manager.
    """
    distributed = _distributed()
    dask = importlib.import_module("dask")
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=FREE_PORT,
            silence_logs=logging.CRITICAL,
        )


@contextmanager
def _dask(workers: int | None, scheduler: str | None) -> Iterator[Workers]:
    distributed = _distributed()
    with ExitStack() as stack:
        if scheduler is None:
            count = workers or 2
            cluster = stack.enter_context(local_cluster(count))
            client = stack.enter_context(distributed.Client(cluster))
            where = f"a local Dask cluster of {count} workers (no --scheduler given)"
        else:
            if workers is not None:
                raise UsageError(
                    "--workers starts a local cluster; with --scheduler the "
                    "cluster's own workers run the sweep"
                )
            client = stack.enter_context(_connect(distributed.Client, scheduler))
            where = f"the Dask cluster at {scheduler}"
        executor = client.get_executor(pure=False)
        yield Workers(executor, where, window_for(executor))


@contextmanager
def _connect(client: Any, address: str) -> Iterator[Any]:
    try:
        connected = client(address, timeout=f"{CONNECT_SECONDS}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {address} "
            f"(waited {CONNECT_SECONDS} s): {exc}"
        ) from None
    with connected:
        yield connected
