"""kg's benchmarks, run by ``make bench`` (``python -m kg.bench``).

:mod:`kg.bench.pipeline` times ``kg build`` against bare ``nlp.pipe`` over the same texts
with the same model and worker processes, and an incremental ``--into`` build; results
go to ``out/bench.json`` and a table on stdout.
"""
