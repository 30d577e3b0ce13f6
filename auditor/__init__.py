"""auditor: audit Chinese government information-disclosure annual reports for internal consistency.

The pipeline runs one way: load (file → Document) → extract (template, fields, narrative
figures) → check (declarative rules → findings) → render (Rich, JSON, SARIF, …). `audit()` runs it.

    from auditor import audit, AuditorError
"""

from auditor.version import __version__

__all__ = ["__version__", "audit", "audit_data", "AuditorError", "InputError", "RuleFileError", "Report", "Config"]

_LAZY = {  # keep `import auditor` cheap: the pipeline loads on first use
    "audit": "auditor.api", "audit_data": "auditor.api", "Report": "auditor.model.report",
    "AuditorError": "auditor.model.errors", "InputError": "auditor.model.errors",
    "RuleFileError": "auditor.model.errors", "Config": "auditor.policy.config",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
