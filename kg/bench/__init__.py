"""kg's benchmarks: ``make bench`` runs ``python -m kg.bench``; each module also runs alone.

- :mod:`kg.bench.pipeline` times ``kg build`` against bare ``nlp.pipe`` over the same texts with the
  same model and worker processes, and an incremental ``--into`` build;
- :mod:`kg.bench.rdf` times Turtle writing and a selective query, rdflib's memory store vs Oxigraph;
- :mod:`kg.bench.serve` load-tests ``kg serve`` on loopback;
- :mod:`kg.bench.html` times the HTML page's layout in headless Chromium.
"""
