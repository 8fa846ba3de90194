"""The ``coopdesk/1`` interchange format: the whole database as one JSON document (interchange.md)."""

FORMAT = "coopdesk/1"
