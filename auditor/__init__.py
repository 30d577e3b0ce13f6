"""auditor: audit Chinese government information-disclosure annual reports for internal consistency.

The pipeline runs one way: load (file → Document) → extract (template, fields, narrative
figures) → check (declarative rules → findings) → render (Rich, JSON). `audit()` runs it.
"""

from auditor.version import __version__

__all__ = ["__version__", "audit", "audit_data"]


def __getattr__(name: str):  # keep `import auditor` cheap: the pipeline loads on first use
    if name in ("audit", "audit_data"):
        from auditor import api

        return getattr(api, name)
    raise AttributeError(name)
