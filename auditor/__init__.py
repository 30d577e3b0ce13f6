"""auditor: audit Chinese government information-disclosure annual reports for internal consistency.

The pipeline runs one way: load (file → Document) → extract (template, fields, narrative
figures) → check (declarative rules → findings) → render (Rich, JSON). `audit()` runs it.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "audit_data"]


def __getattr__(name: str):  # keep `import auditor` cheap: the pipeline loads on first use
    if name in ("audit", "audit_data"):
        from auditor import api

        return getattr(api, name)
    raise AttributeError(name)
