"""The PostgreSQL backend: the same interface as ``store/sqlite/``, for a team beyond one server.

Imported only when a ``postgresql://`` URL asks for it, so a workstation on
SQLite never loads the driver (``pip install 'callcenter[postgres]'``).
"""

from callcenter.store.postgres.db import PostgresStore, open_postgres

__all__ = ["PostgresStore", "open_postgres"]
