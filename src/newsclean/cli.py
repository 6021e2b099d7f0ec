"""The ``newsclean`` command: clean folders, files, JSONL and WARC dumps into JSON records.

Exit status: 0 when every document produced a record or an error record, 1 when the run could not
finish (for example the output cannot be written), 2 on usage errors, 130 when interrupted
(Ctrl-C) and 143 when terminated (SIGTERM); both stop after whole records, ready for ``--resume``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ._batch import BatchOptions, BatchSummary, CleanFn, run_batch
from ._config import CleanConfig
from ._errors import ConfigError, InputError, MissingExtraError
from ._sinks import FORMATS, Sink, open_sink, recover_jsonl
from ._sources import (
    InputDocument,
    InputFile,
    SourceOptions,
    check_paths,
    discover_files,
    iter_documents,
    read_file_list,
)
from ._version import __version__

_SWITCHES = tuple(f.name for f in dataclasses.fields(CleanConfig) if f.type in ("bool", bool))
_INTERRUPTED = 130
_TERMINATED = 143


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop after whole records, so ``--resume`` can continue."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None, *, clean_fn: CleanFn | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    ``clean_fn`` replaces :func:`newsclean.clean` in the workers (a picklable module-level
    function with the same signature), e.g. ``functools.partial(clean, pipeline=...)``.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return run_clean(args, clean_fn=clean_fn)
    except (ConfigError, InputError, MissingExtraError) as exc:
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as exc:
        # The output cannot be written, or worker processes cannot start: the run cannot finish.
        print(f"newsclean: error: {exc}", file=sys.stderr)
        return 1


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (exposed for documentation tools)."""
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Turn noisy scraped news dumps into clean, structured, audited articles.",
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    clean = commands.add_parser(
        "clean",
        help="clean files, folders, globs, JSONL or WARC into JSON records",
        description="Clean every document found under PATH... and write one record per document.",
    )
    clean.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="file, folder (walked recursively) or glob; '-' reads a list of paths from stdin",
    )
    clean.add_argument(
        "--files-from", metavar="FILE", help="read paths to clean, one per line ('-': stdin)"
    )
    out = clean.add_argument_group("output")
    out.add_argument("-o", "--output", default="-", help="output file (default '-': stdout)")
    out.add_argument(
        "--format", choices=FORMATS, default="jsonl", help="output format (default: jsonl)"
    )
    out.add_argument("--errors", metavar="FILE", help="write error records to FILE (JSONL)")
    out.add_argument("--summary", metavar="FILE", help="write the run summary to FILE as JSON")
    out.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted run: skip documents already in the output (JSONL only)",
    )
    run = clean.add_argument_group("execution")
    run.add_argument(
        "-j",
        "--jobs",
        type=_nonnegative_int,
        default=0,
        help="worker processes (default 0: one per core)",
    )
    run.add_argument(
        "--timeout",
        type=_positive_float,
        default=30.0,
        help="seconds a document may take before it becomes a 'timeout' error (default: 30)",
    )
    run.add_argument(
        "--no-templates",
        dest="templates",
        action="store_false",
        help="skip the first pass that learns a boilerplate template per site",
    )
    run.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    records = clean.add_argument_group("JSON / JSONL records")
    records.add_argument(
        "--text-field", default="text", help="field holding a text dump (default: text)"
    )
    records.add_argument(
        "--html-field", default="html", help="field with HTML, preferred (default: html)"
    )
    records.add_argument(
        "--url-field", default="url", help="field holding the page URL (default: url)"
    )
    records.add_argument(
        "--date-field", help="field holding the crawl time (reference for relative dates)"
    )
    records.add_argument(
        "--id-field", help="field holding the record id (default: none, ids are PATH#LINE)"
    )
    records.add_argument(
        "--max-file-bytes",
        type=_positive_int,
        default=SourceOptions().max_file_bytes,
        help="larger one-document files become 'input_too_large' errors (default: 64 MiB)",
    )
    cfg = clean.add_argument_group("cleaning")
    cfg.add_argument("--language-hint", metavar="CODE", help="ISO 639-1 code of the language")
    cfg.add_argument("--date-order", choices=("DMY", "MDY", "YMD"), help="order of numeric dates")
    cfg.add_argument(
        "--input-format",
        choices=("auto", "text", "html"),
        default="auto",
        help="input kind (default: auto, sniffed)",
    )
    cfg.add_argument(
        "--disable",
        action="append",
        default=[],
        choices=_SWITCHES,
        metavar="FILTER",
        help=f"switch a filter off (repeatable): {', '.join(_SWITCHES)}",
    )
    return parser


def run_clean(args: argparse.Namespace, *, clean_fn: CleanFn | None = None) -> int:
    """Execute ``newsclean clean`` for parsed ``args``; return the exit status."""
    config = _config_from(args)
    source_options = SourceOptions(
        text_field=args.text_field,
        html_field=args.html_field,
        url_field=args.url_field,
        date_field=args.date_field,
        id_field=args.id_field,
        max_file_bytes=args.max_file_bytes,
    )
    list_files = _file_lister(args)
    if args.resume and (args.output == "-" or args.format != "jsonl"):
        raise ConfigError("--resume needs -o FILE with JSONL output")
    done: set[str] = set()
    if args.resume:
        done = recover_jsonl(args.output)
        if args.errors:
            done |= recover_jsonl(args.errors)

    def documents() -> Iterator[InputDocument]:
        return iter_documents(list_files(), source_options)

    options = BatchOptions(
        jobs=args.jobs,
        timeout=args.timeout,
        templates=args.templates,
        config=config,
        progress="none" if args.quiet else "auto",
        clean_fn=clean_fn,
    )
    sink = open_sink(args.output, args.format, append=args.resume)
    error_sink: Sink | None = None
    summary: BatchSummary | None = None
    status = 0
    previous = _on_sigterm(_raise_terminated)
    try:
        if args.errors:
            error_sink = open_sink(args.errors, "jsonl", append=args.resume)
        summary = run_batch(documents, sink, options=options, error_sink=error_sink, done_ids=done)
    except KeyboardInterrupt as exc:
        print("newsclean: interrupted; run again with --resume to continue", file=sys.stderr)
        status = _TERMINATED if isinstance(exc, _Terminated) else _INTERRUPTED
    finally:
        _on_sigterm(previous)
        sink.close()
        if error_sink is not None:
            error_sink.close()
    if summary is not None:
        _report(summary, args)
    return status


def _on_sigterm(handler: Any) -> Any:
    """Install ``handler`` for SIGTERM and return the previous one (main thread only)."""
    if handler is None or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _config_from(args: argparse.Namespace) -> CleanConfig:
    options: dict[str, Any] = {name: False for name in args.disable}
    if args.language_hint:
        options["language_hint"] = args.language_hint
    if args.date_order:
        options["date_order"] = args.date_order
    options["input_format"] = args.input_format
    return CleanConfig().with_options(options)


def _file_lister(args: argparse.Namespace) -> Callable[[], Iterator[InputFile]]:
    """Return a function listing the input files afresh for each pass.

    A list read from stdin can only be read once, so it is kept (paths only, not documents).
    """
    paths = [p for p in args.paths if p != "-"]
    from_stdin = "-" in args.paths or args.files_from == "-"
    if not paths and not from_stdin and not args.files_from:
        raise ConfigError("no input: give PATH..., '-' or --files-from FILE")
    check_paths(paths)
    listed: list[InputFile] = []
    if from_stdin:
        listed += list(read_file_list(sys.stdin))
    if args.files_from and args.files_from != "-":
        try:
            with open(args.files_from, encoding="utf-8") as handle:
                listed += list(read_file_list(handle))
        except OSError as exc:
            raise InputError(f"cannot read --files-from {args.files_from!r}: {exc}") from exc

    # A folder may hold the run's own output (`clean . -o out.jsonl`): never read it back.
    outputs = [f for f in (args.output, args.errors, args.summary) if f and f != "-"]

    def list_files() -> Iterator[InputFile]:
        yield from discover_files(paths, exclude=outputs)
        yield from listed

    return list_files


def _report(summary: BatchSummary, args: argparse.Namespace) -> None:
    if not args.quiet:
        print(summary.format(), file=sys.stderr)
    if args.summary:
        with open(args.summary, "w", encoding="utf-8") as handle:
            json.dump(summary.to_dict(), handle, ensure_ascii=False, indent=2)
            handle.write("\n")


def _nonnegative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, not {value}")
    return number


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, not {value}")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, not {value}")
    return number
