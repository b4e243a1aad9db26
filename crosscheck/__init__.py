"""crosscheck: attributed claims from news articles, grouped into events,
with divergent versions of each event flagged side by side."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract_claims"]


def __getattr__(name: str):
    # Lazy, so that `import crosscheck` (and `crosscheck --help`) stays instant.
    if name == "extract_claims":
        from crosscheck.attribute import extract_claims

        return extract_claims
    raise AttributeError(name)
