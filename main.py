from coopdesk.app import main

raise SystemExit(main())
