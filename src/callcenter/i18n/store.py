"""Database errors (``store.*``): the store raises codes, the interfaces word them here.

The English column matches ``callcenter.store.errors.ENGLISH`` (what ``str()`` gives for
logs; a test keeps the two alike). Each sentence names the cause and what to do.
"""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "store.folder_closed": (
        "{path} : permission refusée : vous ne pouvez pas entrer dans le dossier {folder}",
        "{path}: permission denied: you may not enter the folder {folder}",
    ),
    "store.no_database": (
        "aucune base à {path} (vérifiez --db ou $CALLCENTER_DB ; « callcenter import » ou « "
        "callcenter demo » en crée une)",
        "no database at {path} (check --db or $CALLCENTER_DB; 'callcenter import' or "
        "'callcenter demo' creates one)",
    ),
    "store.is_folder": (
        "{path} : c'est un dossier, pas un fichier de base",
        "{path}: is a folder, not a database file",
    ),
    "store.not_regular": (
        "{path} : ce n'est pas un fichier ordinaire (un périphérique, un tube ou une socket)",
        "{path}: is not a regular file (a device, a pipe or a socket)",
    ),
    "store.world_writable": (
        "{path} : base modifiable par tous (mode {mode}), ouverture refusée ; lancez : chmod "
        "o-w {path}",
        "{path}: refusing to open a world-writable database (mode {mode}); run: chmod o-w {path}",
    ),
    "store.open_folder": (
        "{path} : base dans un dossier où tout le monde peut écrire ({folder}, mode {mode}), "
        "refusée ; déplacez-la dans un dossier de l'équipe",
        "{path}: refusing a database in a folder anyone can write to ({folder}, mode {mode}); "
        "move it to a folder of the team's own",
    ),
    "store.cannot_create": (
        "{path} : impossible de créer la base : {error}",
        "{path}: cannot create the database: {error}",
    ),
    "store.read_only": (
        "{path} : la base est en lecture seule ; rien n'a été écrit",
        "{path}: the database is read-only; nothing was written",
    ),
    "store.read_only_because": (
        "{path} : la base est en lecture seule : {reason} ; rien n'a été écrit",
        "{path}: the database is read-only: {reason}; nothing was written",
    ),
    "store.reason.mounted_read_only": (
        "le système de fichiers qui la porte est monté en lecture seule",
        "the file system holding it is mounted read-only",
    ),
    "store.reason.file_not_writable": (
        "vous ne pouvez pas écrire le fichier ({owner})",
        "you may not write the file ({owner})",
    ),
    "store.reason.folder_not_writable": (
        "vous ne pouvez pas écrire son dossier {folder} (SQLite y garde ses fichiers -wal et -shm)",
        "you may not write its folder {folder} (SQLite keeps its -wal and -shm files there)",
    ),
    "store.owner": (
        "mode {mode}, propriétaire {user}, groupe {group}",
        "mode {mode}, owner {user}, group {group}",
    ),
    "store.owner_unknown": (
        "mode inconnu",
        "mode unknown",
    ),
    "store.no_read_permission": (
        "{path} : permission refusée : vous ne pouvez pas lire cette base ({owner}) ; "
        "demandez à entrer dans son groupe",
        "{path}: permission denied: you may not read this database ({owner}); ask to be added "
        "to its group",
    ),
    "store.disk_full": (
        "{path} : le disque est plein ; rien n'a été écrit (libérez de la place, puis réessayez)",
        "{path}: the disk is full; nothing was written (free some space, then try again)",
    ),
    "store.deleted": (
        "{path} : le fichier de la base a été supprimé pendant la session ; rien n'a été "
        "écrit (quittez et relancez)",
        "{path}: the database file was deleted while this session had it open; nothing was "
        "written (quit and start again)",
    ),
    "store.replaced": (
        "{path} : le fichier de la base a été remplacé par un autre pendant la session ; rien "
        "n'a été écrit (quittez et relancez)",
        "{path}: the database file was replaced by another file while this session had it "
        "open; nothing was written (quit and start again)",
    ),
    "store.disk_error": (
        "{path} : le disque a signalé une erreur ; rien n'a été écrit",
        "{path}: the disk reported an error; nothing was written",
    ),
    "store.kept_busy": (
        "{path} : une autre session occupait la base ; rien n'a été écrit",
        "{path}: another session kept the database busy; nothing was written",
    ),
    "store.busy": (
        "{path} : la base est restée occupée ; réessayez",
        "{path}: the database stayed busy; please try again",
    ),
    "store.not_sqlite": (
        "{path} : pas une base callcenter (pas du tout un fichier SQLite)",
        "{path}: not a callcenter database (not an SQLite file at all)",
    ),
    "store.not_sqlite_because": (
        "{path} : pas une base callcenter (pas un fichier SQLite : {error})",
        "{path}: not a callcenter database (not an SQLite file: {error})",
    ),
    "store.damaged": (
        "{path} : le fichier de la base est abîmé ({error}) ; lancez : callcenter check",
        "{path}: the database file is damaged ({error}); run: callcenter check",
    ),
    "store.failed": (
        "{path} : {error}",
        "{path}: {error}",
    ),
    "store.gone": (
        "{path} : le fichier de la base a disparu ; rien n'a été écrit",
        "{path}: the database file is gone; nothing was written",
    ),
    "store.no_shm": (
        "{path} : impossible d'ouvrir la base : {reason}, et SQLite doit créer son fichier "
        "-shm à côté ; copiez-la dans un dossier accessible en écriture pour la lire",
        "{path}: cannot open the database: {reason}, and SQLite needs to create its -shm file "
        "beside it; copy it to a writable folder to read it",
    ),
    "store.cannot_open": (
        "{path} : impossible d'ouvrir la base ({error})",
        "{path}: cannot open the database ({error})",
    ),
    "store.foreign": (
        "{path} : cette base appartient à un autre programme (des tables, mais pas le schéma "
        "callcenter) ; elle ne sera pas modifiée",
        "{path}: this database belongs to another program (it has tables but no callcenter "
        "schema); refusing to modify it",
    ),
    "store.schema_too_new": (
        "{path} : schéma version {version}, plus récent que ce que ce callcenter connaît "
        "({known}) ; mettez callcenter à jour avant de l'ouvrir",
        "{path}: schema version {version} is newer than this callcenter understands "
        "({known}); upgrade callcenter before opening it",
    ),
    "store.read_only_old_schema": (
        "{path} : en lecture seule, et son schéma doit être mis à jour",
        "{path}: read-only, and its schema needs an upgrade",
    ),
    "store.unreadable_page": (
        "{path} : une partie des données est illisible : {error}",
        "{path}: could not read part of the data: {error}",
    ),
    "store.no_supervisor": (
        "{path} : aucun superviseur dans la table des utilisateurs",
        "{path}: no supervisor in the users table",
    ),
    "store.backup_failed": (
        "{path} : la sauvegarde a échoué, rien n'a été écrit : {error}",
        "{path}: backup failed, nothing written: {error}",
    ),
    "store.no_pg_dump": (
        "{path} : la sauvegarde a échoué, rien n'a été écrit : pg_dump n'est pas installé "
        "(apt-get install postgresql-client)",
        "{path}: backup failed, nothing written: pg_dump is not installed (apt-get install "
        "postgresql-client)",
    ),
    "store.no_server": (
        "{path} : connexion impossible : {error}",
        "{path}: cannot connect: {error}",
    ),
    "store.empty_server": (
        "aucune base callcenter à {path} (la base est vide : « callcenter import » ou « "
        "callcenter demo » crée les tables)",
        "no callcenter database at {path} (the database is empty: 'callcenter import' or "
        "'callcenter demo' creates the tables)",
    ),
    "store.opened_read_only": (
        "{path} : ouverte en lecture seule",
        "{path}: opened read-only",
    ),
    "store.server_full": (
        "{path} : le disque du serveur de base est plein",
        "{path}: the database server's disk is full",
    ),
    "store.server_read_only": (
        "{path} : la base est en lecture seule ici",
        "{path}: the database is read-only here",
    ),
    "store.role_refused": (
        "{path} : la base refuse ce changement à votre rôle : {error}",
        "{path}: the database refused this change to your role: {error}",
    ),
    "store.server_lost": (
        "{path} : connexion au serveur de base perdue : {error}",
        "{path}: lost the database server: {error}",
    ),
    "store.copy_versions": (
        "{path} : schéma version {version}, celui du serveur est {known} : ouvrez-la une fois "
        "avec ce callcenter pour la migrer d'abord",
        "{path}: schema version {version}, the server's is {known}: open it once with this "
        "callcenter to migrate it first",
    ),
    "store.copy_not_empty": (
        "{path} : pas vide ({tables}) : copiez dans une base neuve",
        "{path}: not empty ({tables}): copy into a new database",
    ),
    "store.copy_needs_server": (
        "{path} : une copie se fait dans une base PostgreSQL, pas dans un fichier SQLite",
        "{path}: a copy goes into a PostgreSQL database, not into a SQLite file",
    ),
    "store.no_postgres_driver": (
        "le module PostgreSQL n'est pas installé : pip install 'callcenter[postgres]'",
        "the PostgreSQL backend is not installed: pip install 'callcenter[postgres]'",
    ),
    "store.unknown_url": (
        "{url} : pas une adresse de base connue de ce callcenter (sqlite:// ou postgresql://)",
        "{url}: not a database URL this callcenter knows (sqlite:// or postgresql://)",
    ),
}
