"""Where a club's solves run: in this process, a local process pool, or a Ray cluster.

Every solve is independent (one member's week with or without a class), built
and solved inside the worker from pydantic data, because CP-SAT objects do not
pickle. So an executor only has to run one function over a list of items.
``as_completed`` yields ``(index, result)`` as each item finishes, so a progress
bar moves with the work; callers put results back by index, so which worker ran
what, and in which order, never changes the outcome.

Ray is an optional extra (``pip install "stridelift[ray]"``) and imported only
when the Ray executor is asked for.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class Executor(Protocol):
    """Runs ``fn`` over ``items``; yields ``(index of the item, result)`` in the order they finish."""

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result]]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    return os.cpu_count() or 1


class LocalExecutor:
    """A process pool on this machine; ``jobs=1`` runs in this process (no start-up, easy to debug).

    Workers come from a fork server: forking this process directly is unsafe once
    threads run in it (the progress bar has one), and a fresh interpreter per worker
    would import OR-Tools again for each.
    """

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result]]:
        if self.jobs == 1 or len(items) <= 1:
            for index, item in enumerate(items):
                yield index, fn(item)
            return
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([fn.__module__])
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=min(self.jobs, len(items)), mp_context=context)
        try:
            futures = {pool.submit(fn, item): index for index, item in enumerate(items)}
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        finally:  # on an interrupt, drop the work not yet started instead of waiting for it
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        pass


class RayExecutor:
    """Ray tasks, one CPU each: a local Ray instance (``address=None``) or a cluster (``"auto"``, ``ray://...``).

    Joins a Ray already initialised in this process (as the tests do), and shuts
    down only a Ray it started itself. On a cluster every node needs stridelift
    installed, as the tasks import ``optimizer`` to build the models.
    """

    def __init__(self, address: str | None = None):
        try:
            import ray
        except ImportError:
            raise RuntimeError('the Ray executor needs Ray: pip install "stridelift[ray]"') from None
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            where, fix = ((f"--address {address}", "leave --address out") if address else
                          ("RAY_ADDRESS", "unset it"))  # no address: Ray reads its environment's
            joins = os.environ.get("RAY_ADDRESS") if address in (None, "auto") else address
            if address == "auto" and joins:  # Ray joins RAY_ADDRESS's cluster for "auto" too
                where += f" (RAY_ADDRESS {joins})"
            try:
                _answers(joins)
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, ValueError) as err:  # no cluster there, or an address Ray cannot use
                raise RuntimeError(f"{where}: cannot join Ray there ({str(err).splitlines()[0]}); check the address, "
                                   f"or {fix} to start Ray on this machine") from None
            self._started = True

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result]]:
        ray = self._ray
        task = ray.remote(num_cpus=1)(fn)
        pending = [task.remote(item) for item in items]
        index_of = {ref: index for index, ref in enumerate(pending)}
        try:
            while pending:
                # Whatever finished within a moment, so progress keeps moving on a big batch.
                done, pending = ray.wait(pending, num_returns=len(pending), timeout=0.2)
                for ref in done:
                    yield index_of[ref], ray.get(ref)
        finally:
            for ref in pending:
                ray.cancel(ref)

    def close(self) -> None:
        if self._started:
            self._ray.shutdown()
            self._started = False


def _answers(address: str | None, timeout: float = 5.0) -> None:
    """Raise ConnectionError unless something listens at a ``host:port`` (or ``ray://host:port``) address.

    Ray retries a head that refuses the connection for minutes (a closed port on this
    machine hung ``club plan`` past two and a half), so a port nobody listens on is
    refused here within ``timeout`` seconds. Other forms (``auto``, ``local``) are Ray's to judge.
    """
    host, colon, port = (address or "").removeprefix("ray://").rpartition(":")
    if not colon or not host or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as err:
        raise ConnectionError(f"cannot reach {host}:{port}: {err.strerror or err}") from None


def make_executor(name: str = "local", *, jobs: int | None = None, address: str | None = None) -> Executor:
    """``local`` (a process pool of ``jobs`` workers) or ``ray`` (at ``address``)."""
    if name == "local":
        return LocalExecutor(jobs)
    if name == "ray":
        return RayExecutor(address)
    raise ValueError(f"unknown executor '{name}'; use local or ray")
