"""Clean corpora on a Dask cluster (extra ``dask``: ``pip install 'newsclean[dask]'``).

>>> import dask.bag as db                                              # doctest: +SKIP
>>> from newsclean.dask import clean_bag, learn_templates_bag           # doctest: +SKIP
>>> bag = db.read_text("dump-*.jsonl").map(json.loads)                 # doctest: +SKIP
>>> templates = learn_templates_bag(bag)                               # doctest: +SKIP
>>> records = clean_bag(bag, templates=templates)                      # doctest: +SKIP
>>> records.map(json.dumps).to_textfiles("out-*.jsonl")                # doctest: +SKIP

Items are ``str``/``bytes`` documents or dicts with ``text``/``html``/``url``/``id`` fields (names
configurable). Every item yields one record, as in the command line: the article dict with ``id``
and ``source``, or an error record ``{"id", "source", "error": {"code", "message"}}``. A poison
document becomes an error record inside its task; it never fails the task.

Site templates are a map-reduce: each partition learns a partial template per site, partials of a
site are merged (merging only adds counts, so the result does not depend on partitioning), and the
small dict of templates is broadcast to the cleaning tasks as a single graph node.

The partition-level functions (:func:`clean_partition`, :func:`learn_partition`,
:func:`merge_models`, :func:`site_models`) need no Dask, so the same code runs on Spark.

There is no per-document time limit here (a task thread cannot be killed); use the command line's
``--timeout`` when documents may hang, or Dask's worker lifetime settings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._batch import SiteModels, clean_record, pipeline_text
from ._config import CleanConfig
from ._errors import MissingExtraError, NewscleanError
from ._model import BLOCK_SEPARATOR
from ._pipeline import clean
from ._sources import site_of

__all__ = [
    "DATAFRAME_COLUMNS",
    "FieldNames",
    "SiteModels",
    "clean_bag",
    "clean_dataframe",
    "clean_partition",
    "learn_date_orders_bag",
    "learn_partition",
    "learn_templates_bag",
    "merge_models",
    "site_models",
]

#: Columns of :func:`clean_dataframe`'s result (all strings, missing values as None).
DATAFRAME_COLUMNS = (
    "title",
    "published",
    "language",
    "text",
    "article",
    "error_code",
    "error_message",
)

KeyFn = Callable[[Any], str]


@dataclass(frozen=True)
class FieldNames:
    """Field names of dict items (the same defaults as the command line)."""

    text: str = "text"
    html: str = "html"
    url: str = "url"
    id: str = "id"


def learn_templates_bag(
    bag: Any, *, key: KeyFn | None = None, fields: FieldNames | None = None, config: Any = None
) -> dict[str, Any]:
    """Learn one :class:`~newsclean.Template` per site of ``bag`` (computes the bag).

    ``key(item)`` names an item's site; by default the host of its URL without ``www.``
    (items without URL share the site ``""``).
    """
    return _learn(bag, "template", key, fields or FieldNames(), config)


def learn_date_orders_bag(
    bag: Any, *, key: KeyFn | None = None, fields: FieldNames | None = None, config: Any = None
) -> dict[str, Any]:
    """Learn one :class:`~newsclean.DateOrderProfile` per site of ``bag`` (computes the bag)."""
    return _learn(bag, "date_order", key, fields or FieldNames(), config)


def clean_bag(
    bag: Any,
    *,
    templates: Mapping[str, Any] | None = None,
    date_profiles: Mapping[str, Any] | None = None,
    key: KeyFn | None = None,
    fields: FieldNames | None = None,
    config: CleanConfig | None = None,
    **options: Any,
) -> Any:
    """Return a bag with one output record (a dict) per item of ``bag``.

    ``options`` are :class:`~newsclean.CleanConfig` field names. ``templates`` and
    ``date_profiles`` map a site (see ``key``) to what :func:`learn_templates_bag` and
    :func:`learn_date_orders_bag` return; they are shipped once per worker, not once per task.
    """
    _require_dask()
    cfg = (config or CleanConfig()).with_options(options)
    models = _broadcast(templates, date_profiles)
    return bag.map_partitions(clean_partition, models, key, fields or FieldNames(), cfg)


def clean_dataframe(
    ddf: Any,
    column: str = "text",
    *,
    url_column: str | None = None,
    templates: Mapping[str, Any] | None = None,
    date_profiles: Mapping[str, Any] | None = None,
    key: KeyFn | None = None,
    config: CleanConfig | None = None,
    **options: Any,
) -> Any:
    """Clean ``ddf[column]`` row by row into a dataframe with :data:`DATAFRAME_COLUMNS`.

    The index is kept, so the result can be joined back onto ``ddf``. ``article`` holds the
    whole article dict as JSON; error rows have ``error_code`` set and the article columns empty.
    ``key`` receives ``{"text": ..., "url": ...}`` dicts.
    """
    _require_dask()
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    cfg = (config or CleanConfig()).with_options(options)
    models = _broadcast(templates, date_profiles)
    meta = pd.DataFrame({name: pd.Series(dtype=object) for name in DATAFRAME_COLUMNS})
    return ddf.map_partitions(
        _clean_frame, column, url_column, models, key, cfg, meta=meta, align_dataframes=False
    )


def clean_partition(
    items: Iterable[Any],
    models: Mapping[str, SiteModels] | None = None,
    key: KeyFn | None = None,
    fields: FieldNames | None = None,
    config: CleanConfig | None = None,
) -> list[dict[str, Any]]:
    """Clean one partition of items into records; never raises for a bad item.

    ``models`` maps a site to its :class:`SiteModels` (see :func:`site_models`). Needs no Dask:
    use it as is in Spark's ``mapPartitions``.
    """
    cfg = config or CleanConfig()
    return list(_clean_items(items, models or {}, key, fields or FieldNames(), cfg))


def learn_partition(
    items: Iterable[Any],
    kind: str = "template",
    *,
    key: KeyFn | None = None,
    fields: FieldNames | None = None,
    config: CleanConfig | None = None,
) -> list[tuple[str, Any]]:
    """Learn partial site models from one partition: ``[(site, Template or DateOrderProfile)]``.

    ``kind`` is ``"template"`` or ``"date_order"``. Merge the partials of a site with
    :func:`merge_models` (the map-reduce's reduce step). Needs no Dask.
    """
    return _learn_partition(items, kind, key, fields or FieldNames(), config)


def merge_models(a: Any, b: Any) -> Any:
    """Merge two partial templates (or date-order profiles) of one site; ``None`` is neutral."""
    if a is None:
        return b
    if b is None:
        return a
    return a.merge(b)


def site_models(
    templates: Mapping[str, Any] | None, date_profiles: Mapping[str, Any] | None = None
) -> dict[str, SiteModels]:
    """Combine per-site templates and date-order profiles into what cleaning needs."""
    sites = set(templates or {}) | set(date_profiles or {})
    return {
        site: SiteModels((templates or {}).get(site), (date_profiles or {}).get(site))
        for site in sorted(sites)
    }


def _clean_items(
    items: Iterable[Any],
    models: Mapping[str, SiteModels],
    key: KeyFn | None,
    fields: FieldNames,
    config: CleanConfig,
) -> Iterator[dict[str, Any]]:
    for item in items:
        doc_id, raw, url = _unpack(item, fields)
        site_models = models.get(_site(item, url, key), SiteModels()) if models else SiteModels()
        record, _ = clean_record(doc_id, {"url": url}, raw, url, {}, clean, config, site_models)
        yield record


def _clean_frame(
    frame: Any,
    column: str,
    url_column: str | None,
    models: Mapping[str, SiteModels] | None,
    key: KeyFn | None,
    config: CleanConfig,
) -> Any:
    import pandas as pd

    rows = []
    urls = frame[url_column] if url_column else [None] * len(frame)
    for raw, url in zip(frame[column], urls, strict=True):
        item = {"text": raw, "url": url if isinstance(url, str) else None}
        (record,) = _clean_items([item], models or {}, key, FieldNames(), config)
        rows.append(_row(record))
    return pd.DataFrame(rows, index=frame.index, columns=list(DATAFRAME_COLUMNS), dtype=object)


def _row(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(DATAFRAME_COLUMNS)
    error = record.get("error")
    if error is not None:
        row.update(error_code=error["code"], error_message=error["message"])
        return row
    article = {k: v for k, v in record.items() if k not in ("id", "source")}
    row.update(
        title=article.get("title"),
        published=article.get("published"),
        language=article.get("language"),
        text=BLOCK_SEPARATOR.join(b["text"] for b in article.get("blocks", [])),
        article=json.dumps(article, ensure_ascii=False),
    )
    return row


def _unpack(item: Any, fields: FieldNames) -> tuple[Any, Any, str | None]:
    """Return ``(id, raw, url)``; a dict without text passes ``None`` on, which clean rejects."""
    if isinstance(item, Mapping):
        url = item.get(fields.url)
        html = item.get(fields.html)
        raw = html if isinstance(html, str) and html.strip() else item.get(fields.text)
        return item.get(fields.id), raw, url if isinstance(url, str) else None
    return None, item, None


def _site(item: Any, url: str | None, key: KeyFn | None) -> str:
    if key is not None:
        return str(key(item))
    return site_of(url, "") if url else ""


def _broadcast(templates: Mapping[str, Any] | None, date_profiles: Mapping[str, Any] | None) -> Any:
    from dask.delayed import delayed

    if not templates and not date_profiles:
        return None
    models = site_models(templates, date_profiles)
    # One delayed node: the graph holds the models once and each worker fetches them once.
    return delayed(models, traverse=False)


def _learn(
    bag: Any, kind: str, key: KeyFn | None, fields: FieldNames, config: Any
) -> dict[str, Any]:
    _require_dask()
    partials = bag.map_partitions(_learn_partition, kind, key, fields, config)
    merged = partials.foldby(_first, _merge_pair, None, combine=merge_models, combine_initial=None)
    return dict(merged.compute())


def _learn_partition(
    items: Iterable[Any], kind: str, key: KeyFn | None, fields: FieldNames, config: Any
) -> list[tuple[str, Any]]:
    from .dumps import learn_template
    from .filters._dates import learn_date_order

    learn = learn_template if kind == "template" else learn_date_order
    texts: dict[str, list[str]] = {}
    for item in items:
        _, raw, url = _unpack(item, fields)
        try:
            text = pipeline_text(raw, url, config)
        except (NewscleanError, TypeError):
            continue  # cleaning reports the document; learning just leaves it out
        texts.setdefault(_site(item, url, key), []).append(text)
    return [(site, learn(site_texts)) for site, site_texts in sorted(texts.items())]


def _first(pair: tuple[str, Any]) -> str:
    return pair[0]


def _merge_pair(acc: Any, pair: tuple[str, Any]) -> Any:
    return merge_models(acc, pair[1])


def _require_dask() -> None:
    try:
        import dask.bag
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            "newsclean.dask needs the 'dask' extra: pip install 'newsclean[dask]'"
        ) from exc
