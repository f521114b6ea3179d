"""multivector.events: who did what to whom, coded in PLOVER and CAMEO with modality, dates,
actors and evidence offsets (see docs/events.md).

Modules: ``stage`` (pipeline stage), ``coder`` (sentence -> events), ``lexicon`` (pattern
dictionary and word lists in ``data/``), ``arguments`` (argument -> actor), ``modality``,
``dates``, ``ontology`` (PLOVER/CAMEO data), ``dyads`` and ``gdelt`` (exports), ``evaluate`` and
``petrarch_dicts`` (``multivector eval events``), ``cli``.
"""
