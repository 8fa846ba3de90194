"""Documents built from the core's plain statement data; nothing here queries the database."""
