"""Whole-page text dumps to article blocks: segment, classify, per-site templates."""

from __future__ import annotations

from newsclean.dumps._block_model import BlockModel
from newsclean.dumps._classify import DumpOptions, SegmentLabel, classify_segments
from newsclean.dumps._foreign_script import dominant_script, find_foreign_script_edges
from newsclean.dumps._lexicon import match_lexicon
from newsclean.dumps._segment import Segment, detect_wrap_width, segment_dump, segment_text
from newsclean.dumps._template import Template, learn_template, normalize_line

__all__ = [
    "BlockModel",
    "DumpOptions",
    "Segment",
    "SegmentLabel",
    "Template",
    "classify_segments",
    "detect_wrap_width",
    "dominant_script",
    "find_foreign_script_edges",
    "learn_template",
    "match_lexicon",
    "normalize_line",
    "segment_dump",
    "segment_text",
]
