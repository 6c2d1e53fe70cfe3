"""Where a club's solves run: in this process, a local process pool, or a Ray cluster.

Every solve is independent (one member's week with or without a class), built
and solved inside the worker from pydantic data, because CP-SAT objects do not
pickle. So an executor only has to run one function over a list of items.
``as_completed`` yields ``(index, result)`` as each item finishes, so a progress
bar moves with the work; callers put results back by index, so which worker ran
what, and in which order, never changes the outcome. An item whose worker process
dies (a native library aborting, the memory killer) yields a ``Lost`` in place of
its result, and every other item still yields its own: one bad week must not cost
a club everyone else's.

Ray is an optional extra (``pip install -e ".[ray]"`` in the repository) and imported only
when the Ray executor is asked for.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Protocol, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkersCannotStart(RuntimeError):
    """The local pool's worker processes die before they can run anything: no item is to blame."""


@dataclass(frozen=True)
class Lost:
    """What an item yields instead of a result when the process running it died."""

    reason: str


class Executor(Protocol):
    """Runs ``fn`` over ``items``; yields ``(index of the item, result or Lost)`` in the order they finish."""

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result | Lost]]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    return os.cpu_count() or 1


class LocalExecutor:
    """A process pool on this machine; ``jobs=1`` runs in this process (no start-up, easy to debug).

    Workers come from a fork server: forking this process directly is unsafe once
    threads run in it (the progress bar has one), and a fresh interpreter per worker
    would import OR-Tools again for each.

    A worker that dies breaks the whole pool, and the pool cannot say whose item
    killed it. The items it had started are the first few unfinished ones (it takes
    them in order, at most two per worker plus one), so those run again one to a
    process: the one that dies again is ``Lost``; the rest go on in a fresh pool.
    With ``jobs=1`` everything runs in this process, which nothing can shield.

    Python starts each worker by importing the calling script again. A script that plans a
    club outside ``if __name__ == "__main__":`` (or is piped in on stdin) kills every worker as
    it starts; then no item is to blame, so when a pool breaks before its first result, a
    worker is asked to do nothing, and if it cannot, ``WorkersCannotStart`` says why.
    """

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or default_jobs()

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result | Lost]]:
        if self.jobs == 1 or len(items) <= 1:
            for index, item in enumerate(items):
                yield index, fn(item)
            return
        left = list(range(len(items)))
        while left:
            finished: set[int] = set()
            try:
                for index, result in self._pool(fn, items, left, self.jobs):
                    finished.add(index)
                    yield index, result
                return
            except BrokenProcessPool:
                if not finished and not self._workers_start():
                    raise WorkersCannotStart(
                        "the planner's worker processes die as they start, before planning anything. Most "
                        "often the calling script is to blame, as each worker imports it again: call plan_club "
                        "(or any planning on several processes) under `if __name__ == \"__main__\":` in a script "
                        "saved as a file, not piped to python; or plan in this process with jobs=1") from None
                left = [i for i in left if i not in finished]
                started, left = left[:2 * self.jobs + 1], left[2 * self.jobs + 1:]
                for index in started:
                    try:
                        yield from self._pool(fn, items, [index], 1)
                    except BrokenProcessPool:
                        yield index, Lost("its worker process died while planning it")

    def _workers_start(self) -> bool:
        """Can a worker process start and run something that cannot fail?"""
        try:
            list(self._pool(_nothing, [None], [0], 1))
        except BrokenProcessPool:
            return False
        return True

    @staticmethod
    def _pool(fn: Callable[[Item], Result], items: Sequence[Item], indexes: list[int],
              jobs: int) -> Iterator[tuple[int, Result]]:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([fn.__module__])
        pool = concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(indexes)), mp_context=context)
        try:
            futures = {pool.submit(fn, items[index]): index for index in indexes}
            for future in concurrent.futures.as_completed(futures):
                yield futures[future], future.result()
        finally:  # on an interrupt, drop the work not yet started instead of waiting for it
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        pass


def _nothing(_item: None) -> None:
    """A worker's task that cannot fail: whether workers start at all."""


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
            raise RuntimeError('the Ray executor needs Ray: pip install -e ".[ray]" in the stridelift repository') from None
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

    def as_completed(self, fn: Callable[[Item], Result], items: Sequence[Item]) -> Iterator[tuple[int, Result | Lost]]:
        ray = self._ray
        task = ray.remote(num_cpus=1)(fn)
        pending = [task.remote(item) for item in items]
        index_of = {ref: index for index, ref in enumerate(pending)}
        try:
            while pending:
                # Whatever finished within a moment, so progress keeps moving on a big batch.
                done, pending = ray.wait(pending, num_returns=len(pending), timeout=0.2)
                for ref in done:
                    try:
                        result = ray.get(ref)
                    except ray.exceptions.WorkerCrashedError:  # after Ray's own retries
                        result = Lost("its Ray worker died while planning it")
                    yield index_of[ref], result
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
