"""Filters: each a pure function plus a pipeline step."""
