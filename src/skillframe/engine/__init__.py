"""The evaluation engine: records → facts (:mod:`.facts`), ladders → code (:mod:`.compile`,
:mod:`.ladder`), :func:`~skillframe.evaluate` and friends (:mod:`.evaluate`), results
(:mod:`.result`) and their explanation (:mod:`.explain`)."""
