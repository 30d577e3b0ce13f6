"""Metamorphic tests: a report written again the way another publishing pipeline would write it
must audit the same (issue 11).

- sheet: a loaded Document as plain pieces (headings, paragraphs, grids of cell texts) and the
  ways of writing them: Markdown pipe tables, one mini-table per row, aligned layout text, a row's
  label on one line and its numbers on the next.
- variants: the renderings, each a pure function Document → Rendering(text, format,
  expectation); the baseline is the same document written plainly (Markdown pipe tables).
- compare: what of a Report must stay the same (template, field values, findings) and the
  differences between a baseline and a variant that its expectation does not allow.
- synthetic: made-up 2021-format reports, so the machinery runs without the corpus.

tests/test_metamorphic.py runs every real report of every form and the made-up ones through
every variant.
"""
