"""The live preview: the dev server, the incremental cache and the read tracking it uses.

Room: preview. Imports: every room but cli (see tests/test_architecture.py).
"""
