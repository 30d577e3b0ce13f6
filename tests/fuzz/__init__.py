"""Fuzzing the contract "no crash, no hang, no traceback": for any input file, `auditor.audit`
returns a Report or raises `auditor.model.errors.AuditorError`, within a time bound.

- seeds: real reports to start from (the repository's fixtures; the real corpus where present).
- mutate: the mutations, as Hypothesis strategies (numerals, characters, lines, table cells,
  HTML tags and spans, DOCX XML, PDF bytes), and the Sample they produce.
- render: a report's text as HTML, DOCX or a PDF with a text layer (ruled or not), so that
  every loader gets the figures and tables of every text seed.
- harness: runs one audit under a watchdog and tells a contract breach (crash or hang) apart
  from bad input.

tests/test_fuzz.py runs them bounded for CI; scripts/fuzz runs them for longer and collects
every distinct crash with a minimal reproducer (docs/fuzzing.md).
"""
