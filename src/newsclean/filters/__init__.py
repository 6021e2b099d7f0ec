"""The filters: each a pure function (usable on its own) and a pipeline step.

Pure functions come in pairs: ``find_*_fixes(text) -> list[Fix]`` says what would change and
why; the imperative twin (``repair_sentence_spacing(text) -> str``) applies it.
"""

from .._fix import Fix, apply_fixes
from ..dumps import find_foreign_script_edges
from ._dates import (
    DateFinding,
    DateMatch,
    DateOrderProfile,
    find_dates,
    find_publication_date,
    is_dateline_block,
    learn_date_order,
    parse_date,
)
from ._dates_html import find_html_publication_date
from ._langid import (
    LanguageDetector,
    LanguageGuess,
    detect_language,
    dominant_script,
    identify_block_languages,
    identify_document_language,
    identify_language,
    langdetect_detector,
    script_counts,
    supported_languages,
)
from ._spacing import find_sentence_spacing_fixes, repair_sentence_spacing
from ._steps import (
    DetectLanguage,
    ExtractDates,
    NormalizeText,
    RemoveBoilerplate,
    RemoveForeignScript,
    RepairSpacing,
)
from ._unicode import (
    NormalizationOptions,
    decode_html_entities,
    find_html_entity_fixes,
    find_invisible_character_fixes,
    find_mojibake_fixes,
    find_space_fixes,
    find_text_normalization_fixes,
    find_unicode_form_fixes,
    fix_mojibake,
    normalize_spaces,
    normalize_text,
    normalize_unicode_form,
    remove_invisible_characters,
)

__all__ = [
    "DateFinding",
    "DateMatch",
    "DateOrderProfile",
    "DetectLanguage",
    "ExtractDates",
    "Fix",
    "LanguageDetector",
    "LanguageGuess",
    "NormalizationOptions",
    "NormalizeText",
    "RemoveBoilerplate",
    "RemoveForeignScript",
    "RepairSpacing",
    "apply_fixes",
    "decode_html_entities",
    "detect_language",
    "dominant_script",
    "find_dates",
    "find_foreign_script_edges",
    "find_html_entity_fixes",
    "find_html_publication_date",
    "find_invisible_character_fixes",
    "find_mojibake_fixes",
    "find_publication_date",
    "find_sentence_spacing_fixes",
    "find_space_fixes",
    "find_text_normalization_fixes",
    "find_unicode_form_fixes",
    "fix_mojibake",
    "identify_block_languages",
    "identify_document_language",
    "identify_language",
    "is_dateline_block",
    "langdetect_detector",
    "learn_date_order",
    "normalize_spaces",
    "normalize_text",
    "normalize_unicode_form",
    "parse_date",
    "remove_invisible_characters",
    "repair_sentence_spacing",
    "script_counts",
    "supported_languages",
]
