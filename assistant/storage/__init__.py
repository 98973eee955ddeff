"""The database: the engine, the schema and its migrations, backups."""
