"""``python -m coopdesk``: the same as the ``coopdesk`` command."""

from coopdesk.app import main

raise SystemExit(main())
