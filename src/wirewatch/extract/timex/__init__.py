"""Rule-based TIMEX3 tagging and normalisation (used by ``wirewatch.extract.times``).

Modules, one job each:

- ``lexicon``: words for numbers, months, weekdays, units, parts of day and seasons;
- ``values``: TIMEX3 value syntax (validator) and ``interval_of`` (value → date interval);
- ``calendar``: date arithmetic against the document creation time (DCT);
- ``context``: cheap tense cues around a mention (past / future);
- ``patterns``: the regular-expression building blocks;
- ``rules_*``: one handler per family of expressions, turning a match into (value, type);
- ``grammar``: the ordered rule registry compiled into one scanner.
"""
