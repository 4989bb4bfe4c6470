"""Queries in worker processes, so that a query over its time or memory limit is really stopped.

pyoxigraph cannot cancel a query and Python cannot stop a thread: a query that runs too long or grows
too big ends only with the process it runs in. A :class:`QueryWorker` is a child process, started
fresh (not forked), that opens its source once and answers one request at a time; it is killed when an
answer is late. :class:`QueryWorkerPool` keeps a fixed number of them for an asyncio server and
replaces each one that is killed or dies. Workers may use a set amount of memory beyond what opening
the source took (``RLIMIT_AS``), die with the thread that started them (``PR_SET_PDEATHSIG`` on Linux;
elsewhere they exit within a second of their parent), ignore Ctrl-C (their parent stops them) and
write no core dump.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from kg.errors import KGError, QueryMemoryError, QueryTimeoutError, ServerError
from kg.exits import die_with_parent

Request = TypeVar("Request")
Answer = TypeVar("Answer")
_SPAWN = multiprocessing.get_context("spawn")
_RESTART_SECONDS = 1.0


class QueryWorker(Generic[Request, Answer]):
    """A child process that runs ``open_source()`` once, then answers ``answer(source, request)`` per request.

    Both callables must be picklable (module-level functions, or partials of them): they run in the worker.

    Args:
        open_source: opens what the queries run on; its :class:`KGError` is raised by :meth:`wait_ready`.
        answer: answers one request; its :class:`KGError` is raised by :meth:`ask` as it is.
        memory_bytes: the memory the worker may take beyond what it holds once the source is open.
    """

    def __init__(self, open_source: Callable[[], Any], answer: Callable[[Any, Request], Answer], *,
                 memory_bytes: int) -> None:
        self.memory_bytes = memory_bytes
        self._connection, child = _SPAWN.Pipe()
        self._process = _SPAWN.Process(target=_work, args=(open_source, answer, memory_bytes, child, os.getpid()),
                                       name="kg-query-worker", daemon=True)
        self._process.start()
        child.close()

    def is_alive(self) -> bool:
        """Whether the worker process still runs."""
        return self._process.is_alive()

    def wait_ready(self) -> None:
        """Wait until the worker has opened its source.

        Raises:
            KGError: the source could not be opened (the worker has ended).
            ServerError: the worker died before it was ready.
        """
        self._receive()

    def ask(self, request: Request, timeout: float | None) -> Answer:
        """The answer to ``request``, within ``timeout`` seconds (``None``: no limit).

        Raises:
            QueryTimeoutError: no answer in time; the worker has been killed.
            QueryMemoryError: the query took more than the worker's memory; the worker has died.
            ServerError: the worker died otherwise.
            KGError: what ``answer`` raised (the worker lives on).
        """
        try:
            self._connection.send(request)
            answered = timeout is None or self._connection.poll(timeout)
        except OSError:  # the worker has died, or been stopped from another thread
            raise self._death() from None
        if not answered:
            self.stop()
            raise QueryTimeoutError(f"the query ran over {timeout:g} s and was stopped: add a LIMIT or narrow it")
        return self._receive()

    def stop(self) -> None:
        """Kill the worker (at once: SIGKILL) and reap it."""
        self._process.kill()
        self._process.join()
        self._connection.close()

    def _receive(self) -> Any:
        try:
            kind, value = self._connection.recv()
        except (EOFError, OSError):
            raise self._death() from None
        if kind == "error":
            raise value
        return value

    def _death(self) -> KGError:
        self._process.join(5)
        if self._process.exitcode == -signal.SIGABRT:  # Rust aborts when an allocation fails
            return _memory_error(self.memory_bytes)
        return ServerError(f"the query worker ended unexpectedly (exit code {self._process.exitcode})")


def answer_in_worker(open_source: Callable[[], Any], answer: Callable[[Any, Request], Answer], request: Request, *,
                     timeout: float | None, memory_bytes: int) -> Answer:
    """``answer(open_source(), request)`` in a :class:`QueryWorker` of its own; ``timeout`` starts once the
    source is open.

    Raises:
        KGError: see :meth:`QueryWorker.wait_ready` and :meth:`QueryWorker.ask`.
    """
    worker = QueryWorker(open_source, answer, memory_bytes=memory_bytes)
    try:
        worker.wait_ready()
        return worker.ask(request, timeout)
    finally:
        worker.stop()


class QueryWorkerPool(Generic[Request, Answer]):
    """``size`` :class:`QueryWorker` processes for an asyncio server; a request waits for an idle one.

    Workers are started (and replaced) by the thread that creates the pool and by the event loop's
    thread: they die with those threads, so both must live as long as the pool.

    Raises:
        KGError: the first worker could not open the source.
    """

    def __init__(self, open_source: Callable[[], Any], answer: Callable[[Any, Request], Answer], *, size: int,
                 memory_bytes: int) -> None:
        self._start = partial(QueryWorker, open_source, answer, memory_bytes=memory_bytes)
        self._workers: set[QueryWorker[Request, Answer]] = set()
        self._idle: asyncio.Queue[QueryWorker[Request, Answer]] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(size, thread_name_prefix="kg-query")
        self._restarts: set[asyncio.Task[None]] = set()
        self._closed = False
        try:
            for worker in [self._started() for _ in range(size)]:
                worker.wait_ready()
                self._idle.put_nowait(worker)
        except BaseException:
            self.close()
            raise

    async def ask(self, request: Request, timeout: float) -> Answer:
        """The answer to ``request`` from the next worker free within ``timeout`` seconds, within ``timeout``.

        Raises:
            QueryTimeoutError: no worker was free, or the worker did not answer, in time.
            KGError: see :meth:`QueryWorker.ask`.
        """
        try:
            async with asyncio.timeout(timeout):
                worker = await self._idle.get()
        except TimeoutError:
            raise QueryTimeoutError(f"every query worker was busy for {timeout:g} s: try again later") from None
        try:
            return await asyncio.get_running_loop().run_in_executor(self._threads, worker.ask, request, timeout)
        except ServerError:
            if self._closed:
                raise ServerError("the server is stopping: the query was stopped") from None
            raise
        except asyncio.CancelledError:
            worker.stop()  # it may still be working for the cancelled request
            raise
        finally:
            if worker.is_alive():
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)

    def close(self) -> None:
        """Kill every worker; requests they were answering fail with :class:`ServerError`."""
        self._closed = True
        for worker in list(self._workers):
            self._stop(worker)
        self._threads.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> QueryWorker[Request, Answer]:
        worker = self._start()
        self._workers.add(worker)
        return worker

    def _stop(self, worker: QueryWorker[Request, Answer]) -> None:
        worker.stop()
        self._workers.discard(worker)

    def _replace(self, worker: QueryWorker[Request, Answer]) -> None:
        self._stop(worker)
        if self._closed:
            return
        restart = asyncio.get_running_loop().create_task(self._restart())
        self._restarts.add(restart)
        restart.add_done_callback(self._restarts.discard)

    async def _restart(self) -> None:
        while True:
            worker = self._started()
            try:
                await asyncio.to_thread(worker.wait_ready)
            except KGError as error:
                self._stop(worker)
                print(f"kg: warning: cannot restart a query worker: {error}", file=sys.stderr)
                await asyncio.sleep(_RESTART_SECONDS)
            else:
                self._idle.put_nowait(worker)
                return


def _memory_error(memory_bytes: int) -> QueryMemoryError:
    return QueryMemoryError(f"the query needed more than {memory_bytes >> 20} MiB of memory and was stopped: "
                            "add a LIMIT or narrow it")


def _work(open_source: Callable[[], Any], answer: Callable[[Any, Any], Any], memory_bytes: int,
          connection: Connection, parent: int) -> None:
    """The worker process: open the source, then answer requests until the parent closes the pipe."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        source = open_source()
    except KGError as error:
        connection.send(("error", error))
        return
    _cap_memory(memory_bytes)
    connection.send(("ready", None))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        reply = _reply(answer, source, request, memory_bytes)
        try:
            connection.send(reply)
        except MemoryError:
            connection.send(("error", _memory_error(memory_bytes)))


def _reply(answer: Callable[[Any, Any], Any], source: Any, request: Any, memory_bytes: int) -> tuple[str, Any]:
    try:
        return "answer", answer(source, request)
    except KGError as error:
        return "error", error
    except MemoryError:
        return "error", _memory_error(memory_bytes)
    except Exception as exc:  # the store failed: the caller gets it as an error, the worker lives on
        return "error", ServerError(f"the query failed: {exc}")


def _cap_memory(extra_bytes: int) -> None:
    """Let this process's address space grow by at most ``extra_bytes`` from now on (Linux: via /proc)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:
        return
    resource.setrlimit(resource.RLIMIT_AS, (size + extra_bytes, size + extra_bytes))
