"""Reading and checking everything an editor writes: YAML data, site.yaml, content pages.

Room: inputs. Imports: errors, model (see tests/test_architecture.py).
"""
