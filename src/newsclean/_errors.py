"""One exception hierarchy: every error newsclean raises is a :class:`NewscleanError`.

Each class carries a stable ``code`` so that a batch run can write it into an error record
(``{"error": {"code": ..., "message": ...}}``) without inspecting messages.
"""

from __future__ import annotations


class NewscleanError(Exception):
    """Base class of every error raised by newsclean."""

    code: str = "error"


class InputError(NewscleanError, ValueError):
    """The input document cannot be processed as given."""

    code = "invalid_input"


class DecodeError(InputError):
    """Bytes could not be decoded to text."""

    code = "decode_error"


class EmptyDocumentError(InputError):
    """The input holds no text at all (empty or whitespace only)."""

    code = "empty_document"


class InputTooLargeError(InputError):
    """The input exceeds the configured size limit."""

    code = "input_too_large"


class ConfigError(NewscleanError, ValueError):
    """An option or configuration value is invalid."""

    code = "invalid_config"


class MissingExtraError(NewscleanError, ImportError):
    """An optional dependency (a package extra) is needed but not installed."""

    code = "missing_extra"


class DocumentTimeoutError(NewscleanError, TimeoutError):
    """Cleaning one document took longer than the allowed time."""

    code = "timeout"
