"""The ``coopdesk/2`` interchange format: the whole database as one JSON document (interchange.md).

An export writes ``coopdesk/2``; an import reads ``coopdesk/1`` and ``coopdesk/2`` (version 2 is version 1
plus its new keys, each optional).
"""

FORMAT = "coopdesk/2"
READABLE_FORMATS = ("coopdesk/1", "coopdesk/2")
