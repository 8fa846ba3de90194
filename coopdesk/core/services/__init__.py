"""Use cases: each function is one thing a supervisor does, validated and audited.

The GUI and the CLI call these and nothing below them. A service never commits: the caller's
unit of work (``Database.session()``) commits the change and its audit entry together.
"""
