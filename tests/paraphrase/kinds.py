"""Every paraphrase, by id (kind:variant)."""

from __future__ import annotations

from paraphrase import clauses, numerals, order, punctuation, quantity, synonyms
from paraphrase.sentence import Paraphrase

PARAPHRASES: dict[str, Paraphrase] = {p.id: p for module in (synonyms, quantity, order, numerals, clauses, punctuation)
                                      for p in module.PARAPHRASES}
