from coopdesk.entry import main

raise SystemExit(main())
