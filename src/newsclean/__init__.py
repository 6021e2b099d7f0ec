"""newsclean: turn noisy scraped news dumps into clean, structured, audited articles.

>>> import newsclean
>>> article = newsclean.clean(open("page.txt").read())           # doctest: +SKIP
>>> article.title, article.published, article.language, article.text  # doctest: +SKIP
"""

from ._config import CleanConfig
from ._document import Document, WorkingBlock
from ._errors import (
    ConfigError,
    DecodeError,
    DocumentTimeoutError,
    EmptyDocumentError,
    InputError,
    InputTooLargeError,
    MissingExtraError,
    NewscleanError,
)
from ._model import Article, Block, Edit, Removal, replay
from ._pipeline import Filter, Pipeline, clean, default_pipeline, load_document
from ._version import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .dumps import Template, learn_template
    from .filters._dates import DateOrderProfile, learn_date_order

_LAZY = {
    "Template": ".dumps",
    "learn_template": ".dumps",
    "DateOrderProfile": ".filters._dates",
    "learn_date_order": ".filters._dates",
}


def __getattr__(name: str) -> object:
    # Site-level learning pulls in the dumps and dates modules; load them on first use so that
    # importing newsclean stays cheap.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'newsclean' has no attribute {name!r}")


__all__ = [
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
