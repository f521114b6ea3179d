"""Evaluators: score multivector's layers against gold data (``multivector eval ...``).

They live apart from the stage packages because they drive the whole pipeline (``Pipeline``,
``runner.iter_documents``), and a stage package must not depend on the pipeline that runs it.

    actors   eval/actors.py    gold mentions in examples/, PLOVER GSR actor phrases
    quotes   eval/polnear.py   PolNeAR attribution relations
    events   eval/events.py    PLOVER GSR and PETRARCH-2 records
    stance   eval/stance.py    directed sentiment (Park et al. 2021)
"""
