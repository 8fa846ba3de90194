"""The ``coopdesk/1`` and ``coopdesk/2`` interchange formats: the whole database as one JSON document
(interchange.md §1 and §3). An export writes ``coopdesk/2``; an import reads both (version 2 is version 1
plus its new keys, each optional; in a version 1 document those keys are unknown keys)."""

FORMAT = "coopdesk/2"
READABLE_FORMATS = ("coopdesk/1", "coopdesk/2")
