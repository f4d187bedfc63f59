"""The indexer: every event of the three programs into a database (SQLite or PostgreSQL),
a query API and the explorer page, in one process (`ionet indexer run`, docs/indexer.md)."""
