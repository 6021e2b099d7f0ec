from __future__ import annotations

import pytest

from newsclean import CleanConfig, ConfigError, NewscleanError, clean


def test_options_override_config_fields() -> None:
    config = CleanConfig().with_options({"date_order": "MDY", "repair_spacing": False})
    assert config.date_order == "MDY" and config.repair_spacing is False


@pytest.mark.parametrize(
    "options",
    [{"date_order": "DDMMYY"}, {"input_format": "pdf"}, {"language_hint": 7}, {"max_bytes": 0}],
)
def test_invalid_values_raise_config_error(options: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        CleanConfig().with_options(options)


def test_unknown_option_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="date_order"):
        clean("text", date_ordre="DMY")


def test_config_errors_are_newsclean_errors_and_value_errors() -> None:
    assert issubclass(ConfigError, NewscleanError) and issubclass(ConfigError, ValueError)
