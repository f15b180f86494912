"""The reader's site: the page registry, the one render loop, feeds, social cards, open data.

Room: web. Imports: charts, derive, errors, model, words (see tests/test_architecture.py).
"""
