"""The ``coopdesk/1`` and ``coopdesk/2`` interchange formats: the whole database as one JSON document
(interchange.md §1 and §3). Export writes version 2; import reads both."""

FORMAT = "coopdesk/2"
#: What an import reads: version 1 has none of version 2's keys (an ``end_reason`` there is an unknown key).
FORMATS = ("coopdesk/1", "coopdesk/2")
