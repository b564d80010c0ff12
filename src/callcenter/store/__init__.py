"""The store: the only place that speaks to a database.

Callers use :func:`open_database` and the interface in :mod:`callcenter.store.ports`;
the backends live in ``sqlite/`` (and ``postgres/``), the errors they raise in
:mod:`callcenter.store.errors`.
"""

from callcenter.store.backends import open_database
from callcenter.store.errors import NoDatabase, SchemaTooNew, StoreError
from callcenter.store.paths import default_db_path
from callcenter.store.ports import Store

__all__ = ["NoDatabase", "SchemaTooNew", "Store", "StoreError", "default_db_path", "open_database"]
