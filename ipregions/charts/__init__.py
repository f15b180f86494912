"""Every chart of the site: one module per chart family on shared layers and theme, and drawing.

Room: charts. Imports: derive, errors, model, words (see tests/test_architecture.py).
"""
