"""Clean many documents with worker processes: ordered output, time limits, resume, summary.

Design notes (why it is built this way):

- Each worker is a process with its own pipe and at most one task in flight, so the main
  process always knows which document a worker is on and since when. A worker that exceeds the
  time limit is killed and replaced, and its document becomes a ``timeout`` error record; a worker
  that dies (segfault, out of memory) turns its document into an ``internal_error`` record. A
  shared queue would be corrupted by killing a process that holds its lock; private pipes are not.
- Workers start with ``forkserver`` (``spawn`` where unavailable): no forked copy of the main
  process's threads or locks, and replacing a killed worker is cheap because the server already
  imported newsclean.
- Output is written in input order, so ``--jobs 1`` and ``--jobs N`` give byte-identical files.
  At most ``window`` documents are in flight or waiting to be written, which bounds memory.
- Workers serialise records themselves (UTF-8 JSON bytes); the main process only routes them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TextIO

from ._config import CleanConfig
from ._errors import ConfigError, DocumentTimeoutError, NewscleanError
from ._input import check_size, decode_text, normalize_newlines, sniff_format
from ._pipeline import clean, load_document
from ._sinks import Sink
from ._sources import ErrorInfo, InputDocument

#: ``clean(raw, *, url, config, template, date_profile) -> Article`` (anything with ``to_dict``).
CleanFn = Callable[..., Any]

_TEMPLATE_CHUNK_DOCS = 64
_TEMPLATE_CHUNK_BYTES = 8 << 20
_TEMPLATE_BUFFERED_BYTES = 64 << 20
_FLUSH_EVERY_S = 1.0
_PLAIN_PROGRESS_EVERY_S = 10.0
_MAX_STARTUP_FAILURES = 3
_PRELOAD = ["newsclean", "newsclean._batch", "newsclean.dumps", "newsclean.html"]

# One output record as the workers send it: the encoded line, its error code (``None`` for an
# article) and the article's audit counts ({"removals": {filter: n}, "edits": {filter: n}}).
Result = tuple[bytes, "str | None", "dict[str, dict[str, int]] | None"]


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; ``config`` is the :class:`~newsclean.CleanConfig` (``None``: defaults).

    ``clean_fn`` replaces :func:`newsclean.clean` in the workers (a picklable module-level
    callable); it exists for tests that need a document to hang or a worker to crash.
    """

    jobs: int = 0
    timeout: float = 30.0
    templates: bool = True
    config: Any = None
    window: int = 0
    progress: str = "auto"
    clean_fn: CleanFn | None = None

    def resolved_jobs(self) -> int:
        """Return the number of worker processes (``0`` means one per available core)."""
        if self.jobs > 0:
            return self.jobs
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:
            return max(1, os.cpu_count() or 1)


@dataclass
class BatchSummary:
    """What a batch did; :meth:`to_dict` is the ``--summary`` JSON."""

    documents: int = 0
    articles: int = 0
    skipped: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    removals: Counter[str] = field(default_factory=Counter)
    edits: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    sites: int = 0
    templates: int = 0
    jobs: int = 0
    learn_seconds: float = 0.0
    clean_seconds: float = 0.0
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as a JSON-serialisable dict with a stable key order."""
        return {
            "documents": self.documents,
            "articles": self.articles,
            "errors": sum(self.errors.values()),
            "errors_by_code": dict(sorted(self.errors.items())),
            "skipped_already_done": self.skipped,
            "removals_by_filter": dict(sorted(self.removals.items())),
            "edits_by_filter": dict(sorted(self.edits.items())),
            "warnings": dict(sorted(self.warnings.items())),
            "sites": self.sites,
            "templates": self.templates,
            "jobs": self.jobs,
            "learn_seconds": round(self.learn_seconds, 3),
            "clean_seconds": round(self.clean_seconds, 3),
            "docs_per_second": round(self.documents / self.clean_seconds, 2)
            if self.clean_seconds > 0
            else None,
            "interrupted": self.interrupted,
        }

    def format(self) -> str:
        """Return a short human-readable report for the terminal."""
        lines = [
            f"newsclean: {self.documents} documents, {self.articles} articles, "
            f"{sum(self.errors.values())} errors"
            + (f", {self.skipped} already done" if self.skipped else "")
            + (" (interrupted)" if self.interrupted else ""),
        ]
        if self.clean_seconds > 0:
            rate = self.documents / self.clean_seconds
            lines.append(
                f"  {self.clean_seconds:.1f} s cleaning ({rate:.1f} docs/s, {self.jobs} jobs)"
                + (f", {self.learn_seconds:.1f} s learning templates" if self.learn_seconds else "")
            )
        for title, counts in (
            ("errors", self.errors),
            ("removals", self.removals),
            ("edits", self.edits),
            ("warnings", self.warnings),
        ):
            if counts:
                items = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
                lines.append(f"  {title}: {items}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SiteModels:
    """What pass 1 learned for one site."""

    template: Any = None
    date_profile: Any = None


def run_batch(
    documents: Callable[[], Iterable[InputDocument]],
    sink: Sink,
    *,
    options: BatchOptions | None = None,
    error_sink: Sink | None = None,
    done_ids: frozenset[str] | set[str] = frozenset(),
    stderr: TextIO | None = None,
) -> BatchSummary:
    """Clean every document from ``documents()`` into ``sink``; return what happened.

    ``documents`` is called once per pass (twice with templates), so it must return a fresh
    iterator each time. Records are written in input order. Documents whose id is in
    ``done_ids`` (resume) are skipped but still feed template learning, so that a resumed run
    produces the same records as an uninterrupted one. Error records go to ``error_sink`` when
    given. ``KeyboardInterrupt`` stops the run after writing whole records; the summary then has
    ``interrupted`` set and the exception is re-raised.
    """
    opts = options or BatchOptions()
    if opts.timeout <= 0:
        raise ConfigError("the per-document time limit must be positive")
    err = stderr if stderr is not None else sys.stderr
    summary = BatchSummary(jobs=opts.resolved_jobs())
    window = opts.window or max(64, 32 * summary.jobs)
    pool = _WorkerPool(summary.jobs, opts.clean_fn, opts.config, window)
    try:
        total: int | None = None
        if opts.templates:
            started = time.perf_counter()
            models, total = _learn_sites(documents(), pool, opts, summary, err)
            summary.learn_seconds = time.perf_counter() - started
            pool.site_models = models
        started = time.perf_counter()
        try:
            _clean_all(documents(), pool, opts, sink, error_sink, done_ids, summary, total, err)
        finally:
            summary.clean_seconds = time.perf_counter() - started
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        pool.close()
    return summary


def _clean_all(
    documents: Iterable[InputDocument],
    pool: _WorkerPool,
    opts: BatchOptions,
    sink: Sink,
    error_sink: Sink | None,
    done_ids: frozenset[str] | set[str],
    summary: BatchSummary,
    total: int | None,
    err: TextIO,
) -> None:
    progress = _Progress(opts.progress, total, err, "cleaning")
    last_flush = time.monotonic()
    try:
        for line, code, audit in pool.imap(_clean_tasks(documents, opts, done_ids, summary)):
            summary.documents += 1
            if code is None:
                summary.articles += 1
                sink.write(line)
                if audit:
                    summary.removals.update(audit.get("removals", {}))
                    summary.edits.update(audit.get("edits", {}))
            else:
                summary.errors[code] += 1
                (error_sink or sink).write(line)
            errors = sum(summary.errors.values())
            progress.update(summary.documents + summary.skipped, summary.documents, errors)
            now = time.monotonic()
            if now - last_flush >= _FLUSH_EVERY_S:
                _flush(sink, error_sink)
                last_flush = now
    finally:
        _flush(sink, error_sink)
        progress.close()


def _flush(sink: Sink, error_sink: Sink | None) -> None:
    # Errors first: after a kill the error file is never behind the main file.
    if error_sink is not None:
        error_sink.flush()
    sink.flush()


def _clean_tasks(
    documents: Iterable[InputDocument],
    opts: BatchOptions,
    done_ids: frozenset[str] | set[str],
    summary: BatchSummary,
) -> Iterator[_Task]:
    for doc in documents:
        if doc.id in done_ids:
            summary.skipped += 1
            continue
        if doc.warning is not None:
            summary.warnings[doc.warning.partition(":")[0]] += 1
        source = doc.source()
        if doc.error is not None:
            yield _Task.done(error_result(doc.id, source, doc.error))
            continue
        payload = (doc.id, source, doc.raw, doc.url, _document_options(doc))
        yield _Task(
            "clean",
            payload,
            site=doc.site if opts.templates else None,
            timeout=opts.timeout,
            fail=_failure(doc.id, source),
        )


def _document_options(doc: InputDocument) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if doc.reference_time is not None:
        options["reference_time"] = doc.reference_time
    if doc.http_charset is not None:
        options["http_charset"] = doc.http_charset
    return options


def _failure(doc_id: str, source: dict[str, Any]) -> Callable[[ErrorInfo], Result]:
    def fail(error: ErrorInfo) -> Result:
        return error_result(doc_id, source, error)

    return fail


def error_record(doc_id: Any, source: Mapping[str, Any], error: ErrorInfo) -> dict[str, Any]:
    """Return the error record for a document that produced no article."""
    return {
        "id": doc_id,
        "source": dict(source),
        "error": {"code": error.code, "message": error.message},
    }


def error_result(doc_id: str, source: Mapping[str, Any], error: ErrorInfo) -> Result:
    """Return the encoded error record for a document that produced no article."""
    return _encode(error_record(doc_id, source, error)), error.code, None


def _encode(record: Mapping[str, Any]) -> bytes:
    text = json.dumps(record, ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from JSON input) cannot be UTF-8; JSON escapes keep the line valid.
        return json.dumps(record, ensure_ascii=True).encode("ascii")


# --- pass 1: learn a template and a date-order profile per site ---------------------------------


def _learn_sites(
    documents: Iterable[InputDocument],
    pool: _WorkerPool,
    opts: BatchOptions,
    summary: BatchSummary,
    err: TextIO,
) -> tuple[dict[str, SiteModels], int]:
    counter = [0]
    models: dict[str, SiteModels] = {}
    sites: set[str] = set()
    # Chunks are large: keep only a couple per worker in flight.
    tasks = _learn_tasks(documents, opts, counter, sites)
    progress = _Progress(opts.progress, None, err, "learning site templates")
    try:
        for site, result in pool.imap(tasks, window=2 * summary.jobs):
            template, profile, failure = result
            if failure is not None:
                summary.warnings["template_learning_failed"] += 1
            else:
                models[site] = _merge_models(models.get(site), template, profile)
            progress.update(counter[0], counter[0], 0)
    finally:
        progress.close()
    summary.sites = len(sites)
    useful = {site: _useful(m) for site, m in models.items()}
    models = {
        site: m
        for site, m in useful.items()
        if m.template is not None or m.date_profile is not None
    }
    summary.templates = sum(1 for m in models.values() if m.template is not None)
    return models, counter[0]


def _useful(models: SiteModels) -> SiteModels:
    """Drop what cleaning cannot use: a template of too few documents, a profile without order."""
    template, profile = models.template, models.date_profile
    if template is not None and template.n_documents < template.min_documents:
        template = None
    if profile is not None and profile.order is None:
        profile = None
    return SiteModels(template, profile)


def _learn_tasks(
    documents: Iterable[InputDocument],
    opts: BatchOptions,
    counter: list[int],
    sites: set[str],
) -> Iterator[_Task]:
    """Group documents by site into chunks; all buffers together hold a bounded number of bytes.

    A chunk is sent when it is full; when the buffers are too large, the largest one is sent
    early. Templates only add counts, so chunk boundaries do not change the learned template.
    """
    buffers: dict[str, list[tuple[str | bytes, str | None, dict[str, Any]]]] = {}
    sizes: dict[str, int] = {}
    buffered = 0
    for doc in documents:
        counter[0] += 1
        if doc.error is not None:
            continue
        sites.add(doc.site)
        chunk = buffers.setdefault(doc.site, [])
        chunk.append((doc.raw, doc.url, _document_options(doc)))
        sizes[doc.site] = sizes.get(doc.site, 0) + len(doc.raw)
        buffered += len(doc.raw)
        site = doc.site
        if len(chunk) < _TEMPLATE_CHUNK_DOCS and sizes[site] < _TEMPLATE_CHUNK_BYTES:
            if buffered < _TEMPLATE_BUFFERED_BYTES:
                continue
            site = max(sizes, key=lambda s: (sizes[s], s))
        buffered -= sizes.pop(site)
        yield _learn_task(site, buffers.pop(site), opts)
    for site in sorted(buffers):
        yield _learn_task(site, buffers[site], opts)


def _learn_task(
    site: str, texts: list[tuple[str | bytes, str | None, dict[str, Any]]], opts: BatchOptions
) -> _Task:
    def fail(error: ErrorInfo) -> Any:
        return site, (None, None, error.code)

    # Learning a document costs a fraction of cleaning it; a hanging page hangs here too, and the
    # chunk is then dropped (its documents get their own time limit when cleaned).
    timeout = opts.timeout * max(1.0, len(texts) / 8)
    return _Task("learn", (site, texts), site=None, timeout=timeout, fail=fail)


def _merge_models(current: SiteModels | None, template: Any, profile: Any) -> SiteModels:
    if current is None:
        return SiteModels(template, profile)
    return SiteModels(_merge(current.template, template), _merge(current.date_profile, profile))


def _merge(a: Any, b: Any) -> Any:
    if a is None:
        return b
    return a if b is None else a.merge(b)


def _import_learners() -> tuple[Any, Any]:
    from .dumps import learn_template
    from .filters._dates import learn_date_order

    return learn_template, learn_date_order


# --- worker processes --------------------------------------------------------------------------


@dataclass
class _Task:
    """A unit of work; ``result`` set means it needs no worker (e.g. an unreadable file)."""

    kind: str
    payload: Any
    site: str | None = None
    timeout: float = 30.0
    fail: Callable[[ErrorInfo], Any] | None = None
    result: Any = None

    @staticmethod
    def done(result: Any) -> _Task:
        return _Task("done", None, result=result)


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    index: int | None = None
    deadline: float = 0.0
    sites: set[str] = field(default_factory=set)


class _WorkerPool:
    """Worker processes with one task each, killed and replaced when over time."""

    def __init__(self, jobs: int, clean_fn: CleanFn | None, config: Any, window: int) -> None:
        self.site_models: dict[str, SiteModels] = {}
        self._jobs = jobs
        self._window = window
        self._args = (clean_fn, config)
        self._context = _context()
        self._workers: list[_Worker] = []
        self._startup_failures = 0

    def imap(self, tasks: Iterator[_Task], window: int = 0) -> Iterator[Any]:
        """Run ``tasks`` on the workers and yield their results in task order.

        At most ``window`` tasks (default: the pool's) are in flight or waiting to be yielded.
        """
        window = window or self._window
        if not self._workers:
            self._workers = [self._start() for _ in range(self._jobs)]
        pending: dict[int, Any] = {}
        inflight: dict[int, _Task] = {}
        next_in = next_out = 0
        lookahead: _Task | None = None
        exhausted = False
        while True:
            while not exhausted and next_in < next_out + window:
                if lookahead is None:
                    lookahead = next(tasks, None)
                    if lookahead is None:
                        exhausted = True
                        break
                if lookahead.kind == "done":
                    pending[next_in] = lookahead.result
                else:
                    worker = self._idle_worker()
                    if worker is None:
                        break
                    try:
                        self._send(worker, next_in, lookahead)
                    except OSError:
                        # It died while idle: nothing is lost, the task waits for its successor.
                        worker.index = None
                        self._replace(self._workers.index(worker))
                        break
                    inflight[next_in] = lookahead
                next_in += 1
                lookahead = None
            while next_out in pending:
                yield pending.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_in:
                return
            self._poll(pending, inflight)

    def close(self) -> None:
        """Stop every worker: politely if idle, by force if busy."""
        for worker in self._workers:
            try:
                if worker.index is None:
                    worker.conn.send(None)
                else:
                    worker.process.kill()
            except OSError:
                pass
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, *self._args), name="newsclean-worker", daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _idle_worker(self) -> _Worker | None:
        for worker in self._workers:
            if worker.ready and worker.index is None:
                return worker
        return None

    def _send(self, worker: _Worker, index: int, task: _Task) -> None:
        models = None
        if task.site is not None and task.site not in worker.sites:
            worker.sites.add(task.site)
            models = (task.site, self.site_models.get(task.site, SiteModels()))
        worker.index = index
        worker.deadline = time.monotonic() + task.timeout
        worker.conn.send((task.kind, task.payload, task.site, models))

    def _poll(self, pending: dict[int, Any], inflight: dict[int, _Task]) -> None:
        busy = [w for w in self._workers if w.index is not None]
        now = time.monotonic()
        timeout = min([w.deadline - now for w in busy] + [1.0])
        handles: list[Any] = [w.conn for w in self._workers]
        handles += [w.process.sentinel for w in self._workers]
        ready = set(wait(handles, max(0.0, timeout)))
        for slot, worker in enumerate(self._workers):
            failure = None
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    failure = self._died(worker)
                else:
                    if message == "ready":
                        worker.ready = True
                        self._startup_failures = 0
                    elif worker.index is not None:
                        pending[worker.index] = message
                        del inflight[worker.index]
                        worker.index = None
            elif worker.process.sentinel in ready:
                failure = self._died(worker)
            elif worker.index is not None and time.monotonic() >= worker.deadline:
                task = inflight[worker.index]
                failure = ErrorInfo(
                    DocumentTimeoutError.code, f"took longer than the limit of {task.timeout:g} s"
                )
            if failure is not None:
                if worker.index is not None:
                    task = inflight.pop(worker.index)
                    assert task.fail is not None
                    pending[worker.index] = task.fail(failure)
                self._replace(slot)

    def _died(self, worker: _Worker) -> ErrorInfo:
        worker.process.join(1.0)
        if not worker.ready:
            self._startup_failures += 1
            if self._startup_failures >= _MAX_STARTUP_FAILURES:
                raise RuntimeError(
                    f"newsclean worker processes fail to start (exit code "
                    f"{worker.process.exitcode}); see the messages above"
                )
        return ErrorInfo(
            "internal_error", f"worker process died (exit code {worker.process.exitcode})"
        )

    def _replace(self, slot: int) -> None:
        old = self._workers[slot]
        if old.process.is_alive():
            old.process.kill()
        old.process.join()
        old.conn.close()
        self._workers[slot] = self._start()


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Import once in the server what every worker needs, so a replacement starts fast.
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _worker_main(conn: Connection, clean_fn: CleanFn | None, config: Any) -> None:
    """Serve tasks until the pipe closes; never raises for a bad document."""
    # The main process decides what Ctrl-C means; workers must not die mid-record on it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if clean_fn is None:
        clean_fn = clean
    cache: dict[str, SiteModels] = {}
    conn.send("ready")
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        kind, payload, site, models = message
        if models is not None:
            cache[models[0]] = models[1]
        if kind == "clean":
            site_models = cache.get(site, SiteModels()) if site is not None else SiteModels()
            result: Any = clean_payload(payload, clean_fn, config, site_models)
        else:
            result = learn_payload(payload, config)
        try:
            conn.send(result)
        except OSError:
            return  # the main process is gone; its replacement will redo this document


def clean_payload(
    payload: tuple[str, dict[str, Any], str | bytes, str | None, dict[str, Any]],
    clean_fn: CleanFn,
    config: Any,
    models: SiteModels,
) -> Result:
    """Clean one document into its encoded output record (see :func:`clean_record`)."""
    doc_id, source, raw, url, options = payload
    record, code = clean_record(doc_id, source, raw, url, options, clean_fn, config, models)
    try:
        return _encode(record), code, None if code else audit_counts(record)
    except (TypeError, ValueError) as exc:
        message = f"{type(exc).__name__}: {exc}"
        return error_result(doc_id, source, ErrorInfo("internal_error", message))


def clean_record(
    doc_id: Any,
    source: dict[str, Any],
    raw: Any,
    url: str | None,
    options: dict[str, Any],
    clean_fn: CleanFn,
    config: Any,
    models: SiteModels,
) -> tuple[dict[str, Any], str | None]:
    """Clean one document into ``(record, error code)``; every failure becomes an error record.

    The record is ``{"id", "source", **article}`` or ``{"id", "source", "error": {...}}``.
    Unexpected exceptions are caught too (code ``internal_error``) so that one poison document
    never stops a batch or fails a distributed task.
    """
    try:
        article = clean_fn(
            raw,
            url=url,
            config=_with_options(config, options),
            template=models.template,
            date_profile=models.date_profile,
        )
        record: dict[str, Any] = {"id": doc_id, "source": source}
        record.update((k, v) for k, v in article.to_dict().items() if k not in record)
        return record, None
    except NewscleanError as exc:
        error = ErrorInfo(exc.code, str(exc))
    except Exception as exc:
        error = ErrorInfo("internal_error", f"{type(exc).__name__}: {exc}")
    return error_record(doc_id, source, error), error.code


def _with_options(config: CleanConfig | None, options: dict[str, Any]) -> CleanConfig | None:
    if not options:
        return config
    return (config or CleanConfig()).with_options(options)


def learn_payload(
    payload: tuple[str, list[tuple[str | bytes, str | None, dict[str, Any]]]], config: Any
) -> tuple[str, tuple[Any, Any, str | None]]:
    """Learn a template and a date-order profile from one chunk of a site's documents.

    A document that cannot be read is left out of learning; cleaning reports it later.
    """
    site, items = payload
    try:
        learn_template, learn_date_order = _import_learners()
        texts: list[str] = []
        for raw, url, options in items:
            try:
                texts.append(pipeline_text(raw, url, _with_options(config, options)))
            except NewscleanError:
                continue
        return site, (learn_template(texts), learn_date_order(texts), None)
    except Exception as exc:
        return site, (None, None, type(exc).__name__)


def pipeline_text(raw: str | bytes, url: str | None, config: CleanConfig | None) -> str:
    """Return the text the pipeline segments: the decoded dump, or an HTML page's block texts.

    Templates count lines of this text, so learning must see what cleaning will see.
    """
    cfg = config or CleanConfig()
    check_size(raw, cfg)
    if sniff_format(raw, cfg) == "html":
        return load_document(raw, url=url, config=cfg).source
    text = decode_text(raw, charset=cfg.http_charset)[0] if isinstance(raw, bytes) else raw
    return normalize_newlines(text)


def audit_counts(article: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """Count an article's removals and edits by the filter that made them."""
    counts: dict[str, dict[str, int]] = {}
    for key, name in (("removed", "removals"), ("edits", "edits")):
        items = article.get(key)
        if isinstance(items, list):
            tally: Counter[str] = Counter()
            for item in items:
                if isinstance(item, Mapping):
                    tally[str(item.get("filter", "unknown"))] += 1
            counts[name] = dict(tally)
    return counts


class _Progress:
    """tqdm bar on a terminal, a plain line every few seconds otherwise, nothing when quiet."""

    def __init__(self, mode: str, total: int | None, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._total = total
        self._bar: Any = None
        self._plain = False
        self._started = time.monotonic()
        self._last = self._started
        if mode == "none":
            return
        tty = hasattr(stream, "isatty") and stream.isatty()
        if mode == "bar" or (mode == "auto" and tty):
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="doc", desc=label, file=stream, dynamic_ncols=True)
        else:
            self._plain = True

    def update(self, position: int, processed: int, errors: int) -> None:
        """``position``: documents behind us (with skipped ones); ``processed``: by this run."""
        if self._bar is not None:
            self._bar.update(position - self._bar.n)
        elif self._plain:
            now = time.monotonic()
            if now - self._last >= _PLAIN_PROGRESS_EVERY_S:
                self._last = now
                self._write_line(position, processed, errors, now)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def _write_line(self, position: int, processed: int, errors: int, now: float) -> None:
        elapsed = now - self._started
        rate = processed / elapsed if elapsed > 0 else 0.0
        of = f"/{self._total}" if self._total is not None else ""
        eta = ""
        if self._total is not None and rate > 0:
            eta = f", ETA {(self._total - position) / rate:.0f} s"
        self._stream.write(
            f"newsclean: {self._label} {position}{of} documents, "
            f"{rate:.1f} docs/s, {errors} errors{eta}\n"
        )
        self._stream.flush()
