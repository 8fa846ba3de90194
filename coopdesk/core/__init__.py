"""The domain of coopdesk. Nothing in this package may import Qt (tests/unit/test_layering.py)."""
