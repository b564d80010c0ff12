"""The SQLite backend: one file, WAL, the SQL of every port (bound in ``aggregates.py``)."""
