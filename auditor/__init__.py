"""auditor: audit Chinese government information-disclosure annual reports for internal consistency.

The pipeline runs one way: load (file → Document) → extract (template, fields, narrative
figures) → check (declarative rules → findings) → render (Rich, JSON). `audit()` runs it.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "audit"]


def __getattr__(name: str):  # keep `import auditor` cheap: the pipeline loads on first use
    if name == "audit":
        from auditor.api import audit

        return audit
    raise AttributeError(name)
