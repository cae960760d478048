"""Rule-based TIMEX3 tagging and normalisation (used by ``wirewatch.extract.times``).

Modules, one job each:

- ``lexicon``: words for numbers, months, weekdays, units, parts of day and seasons;
- ``values``: TIMEX3 value syntax (validator) and ``interval_of`` (value → date interval);
- ``calendar``: date arithmetic against the document creation time (DCT);
- ``context``: cheap tense cues around a mention (past / future);
- ``parse_tense``: the same from a spaCy parse (governing verb), for ``tag_times``;
- ``patterns``: the regular-expression building blocks;
- ``anchors``: where expressions can be (anchor tokens and the words that may open an expression);
- ``rules_absolute``, ``rules_relative``, ``rules_span``, ``rules_named``: one handler per family of
  expressions, turning a match into (value, type);
- ``grammar``: the ordered rule registry and the scanner.
"""
