"""Paraphrase tests (issue 12): a sentence that states a table figure, written as another body
would write it, must be read as the same figure with the same outcome.

- sentence: a sentence with the claims the narrative rules read in it (Claim: the phrase's match
  and the figure), and `rewrite`, which applies edits to it.
- synonyms, quantity, order, numerals, clauses, punctuation: the paraphrase kinds, each a list of
  Paraphrase(kind, variant, says, apply) whose `apply` rewrites a Sentence or raises NotApplicable.
- words.toml: the words they swap, insert and move (data, as the library's vocabulary is).
- claims: where the library's narrative rules read figures in a document, grouped by sentence.
- edit: a Document with some sentences replaced, the rest unchanged.
- made_up.toml: made-up sentences with the habits of issue 12, each a short named case of a rule.

tests/test_paraphrase.py runs every paraphrase kind over every corpus sentence that states a table
figure and over the made-up cases.
"""
