"""Where coopdesk keeps its data: paths, the database engine, migrations and backups."""
