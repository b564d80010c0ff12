"""Why a file was not written (``output.*``, with ``reason.*`` for the cause)."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

#: message id -> (French, English). Ids are stable; texts may change.
MESSAGES: dict[str, Entry] = {
    "output.folder_given": (
        "{path} : c'est un dossier ; donnez un nom de fichier",
        "{path}: is a folder; name a file to write",
    ),
    "output.no_folder": (
        "{path} : le dossier {folder} n'existe pas ; rien n'a été écrit",
        "{path}: the folder {folder} does not exist; nothing was written",
    ),
    "output.parent_not_folder": (
        "{path} : {folder} n'est pas un dossier ; rien n'a été écrit",
        "{path}: the folder {folder} is not a folder; nothing was written",
    ),
    "output.unchecked": (
        "{path} : impossible de vérifier la cible ({error}) ; rien n'a été écrit",
        "{path}: cannot be checked ({error}); nothing was written",
    ),
    "output.symlink": (
        "{path} : c'est un lien symbolique ; callcenter n'écrit jamais à travers un lien",
        "{path}: is a symbolic link; refusing to write through it",
    ),
    "output.special": (
        "{path} : ce n'est pas un fichier ordinaire (un périphérique ou un tube) ; refusé",
        "{path}: is not a regular file (a device or a pipe); refused",
    ),
    "output.sqlite": (
        "{path} : c'est une base SQLite ; callcenter refuse d'écrire dessus",
        "{path}: is a SQLite database; refusing to write over it",
    ),
    "output.exists": (
        "{path} : le fichier existe déjà ; ajoutez --force pour le remplacer",
        "{path}: already exists; add --force to replace it",
    ),
    "output.live_database": (
        "{path} : c'est la base de l'équipe (ou l'un de ses fichiers) ; refusé",
        "{path}: is the live database (or one of its files); refused",
    ),
    "output.sidecar": (
        "{path} : appartient à la base SQLite voisine ; refusé",
        "{path}: belongs to the SQLite database beside it; refused",
    ),
    "output.appeared": (
        "{path} : le fichier est apparu pendant l'écriture ; rien n'a été remplacé",
        "{path}: appeared while writing; nothing was replaced",
    ),
    "output.failed": (
        "{path} : {reason} ; rien n'a été écrit",
        "{path}: {reason}; nothing was written",
    ),
    "output.no_temporary": (
        "{path} : impossible de créer un fichier temporaire à côté",
        "{path}: could not create a temporary file beside it",
    ),
    "output.reason.full": ("le disque est plein", "the disk is full"),
    "output.reason.too_big": (
        "le fichier dépasse ce que le disque ou une limite permet",
        "the file grew past what the disk or a limit allows",
    ),
    "output.reason.denied": ("permission refusée", "permission denied"),
    "output.reason.read_only": (
        "le système de fichiers est en lecture seule",
        "the file system is read-only",
    ),
    "output.reason.other": ("erreur du système : {error}", "system error: {error}"),
}
