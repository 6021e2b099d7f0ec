"""Pin the public surface: a change here must be deliberate (and noted in CHANGELOG.md)."""

from __future__ import annotations

import dataclasses
import inspect

import newsclean
import newsclean.filters

EXPECTED_ALL = [
    "Article",
    "Block",
    "CleanConfig",
    "ConfigError",
    "DateOrderProfile",
    "DecodeError",
    "Document",
    "DocumentTimeoutError",
    "Edit",
    "EmptyDocumentError",
    "Filter",
    "InputError",
    "InputTooLargeError",
    "MissingExtraError",
    "NewscleanError",
    "Pipeline",
    "Removal",
    "Template",
    "WorkingBlock",
    "__version__",
    "clean",
    "default_pipeline",
    "learn_date_order",
    "learn_template",
    "load_document",
    "replay",
]


def test_all_is_sorted_and_pinned() -> None:
    assert newsclean.__all__ == sorted(newsclean.__all__)
    assert newsclean.__all__ == EXPECTED_ALL
    for name in newsclean.__all__:
        assert getattr(newsclean, name) is not None


def test_filters_all_is_sorted_and_resolves() -> None:
    assert newsclean.filters.__all__ == sorted(newsclean.filters.__all__)
    for name in newsclean.filters.__all__:
        assert callable(getattr(newsclean.filters, name)) or name.isupper()


def test_clean_signature() -> None:
    params = inspect.signature(newsclean.clean).parameters
    assert list(params)[:2] == ["raw", "url"]
    assert {"config", "template", "date_profile", "pipeline", "options"} <= set(params)
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for n, p in params.items()
               if n not in ("raw", "options"))


def test_article_fields() -> None:
    names = [f.name for f in dataclasses.fields(newsclean.Article)]
    assert names[:8] == ["title", "published", "published_text", "language", "blocks",
                         "removed", "edits", "warnings"]
    assert [f.name for f in dataclasses.fields(newsclean.Removal)] == [
        "text", "start", "end", "filter", "reason"]
    assert [f.name for f in dataclasses.fields(newsclean.Edit)] == [
        "start", "end", "before", "after", "filter", "reason"]


def test_config_has_one_switch_per_default_step() -> None:
    switches = {step.switch for step in newsclean.default_pipeline() if step.switch}
    fields = {f.name: f for f in dataclasses.fields(newsclean.CleanConfig)}
    assert switches <= set(fields)
    assert all(fields[s].default is True for s in switches)


def test_errors_share_one_base() -> None:
    for name in newsclean.__all__:
        obj = getattr(newsclean, name)
        if inspect.isclass(obj) and issubclass(obj, Exception):
            assert issubclass(obj, newsclean.NewscleanError)
            assert isinstance(obj.code, str) and obj.code
