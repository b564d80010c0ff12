"""The one API the workstation, the dashboard and the CLI call.

Every function takes the :class:`~callcenter.store.ports.Store` and, where time
matters, an explicit timezone-aware ``now`` so tests can freeze the clock.
Modules: ``dossier`` (read a debtor), ``outcomes`` (record what happened on a
call), ``queue`` (rank, claim and release debtors), ``promises`` (settle them
against payments), ``imports`` (files in), ``figures`` and ``campaigns``
(supervisors), ``admin`` (backup, check).
"""
