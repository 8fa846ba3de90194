"""``python -m coopdesk``: the same as the ``coopdesk`` command."""

from coopdesk.entry import main

raise SystemExit(main())
