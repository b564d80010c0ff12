"""Documents sent on demand (``documents.*``, ``send_doc.*``, ``mail.*``, ``cli.statement.*``):
statement of account and invoice copies, from the workstation and ``callcenter statement``."""

from __future__ import annotations

from callcenter.i18n.entries import Entry

MESSAGES: dict[str, Entry] = {
    "funnel.channel.invoice_copy": ("copie de facture", "invoice copy"),
    "documents.no_debtor": ("Aucun débiteur {code}", "No debtor {code}"),
    "documents.no_contact": (
        "Ce contact n'a pas d'adresse e-mail utilisable",
        "This contact has no usable e-mail address",
    ),
    "documents.no_copy": (
        "Aucune copie de facture ouverte dans le dossier {folder} (funnel.invoice_copies)",
        "No copy of an open invoice in the folder {folder} (funnel.invoice_copies)",
    ),
    # A file name: ASCII only, no spaces (mail clients and file systems mangle the rest).
    "documents.statement_file": ("releve-de-compte", "statement"),
    "key.send_statement": ("envoyer le relevé de compte", "send the statement of account"),
    "help.send_statement": (
        "en PDF à un contact, relu puis envoyé ; sa tâche est faite",
        "as PDF to a contact, previewed then sent; its task is done",
    ),
    "key.send_copy": ("envoyer une copie de facture", "send an invoice copy"),
    "help.send_copy": (
        "les copies de factures à un contact, relues puis envoyées ; sa tâche est faite",
        "the invoice copies to a contact, previewed then sent; its task is done",
    ),
    "send_doc.title.send_statement": ("Envoyer le relevé de compte", "Send the statement"),
    "send_doc.title.send_copy": ("Envoyer une copie de facture", "Send an invoice copy"),
    "send_doc.pick": ("Chiffre : le destinataire", "Digit: the recipient"),
    "send_doc.keys": (
        "1-9 choisit · PgUp/PgDn font défiler · Entrée envoie · Échap annule",
        "1-9 picks · PgUp/PgDn scroll · Enter sends · Esc cancels",
    ),
    "send_doc.attached": ("Pièces jointes : {names}", "Attached: {names}"),
    "send_doc.no_pdf": (
        "sans WeasyPrint, le relevé part en HTML ({reason})",
        "without WeasyPrint the statement goes as HTML ({reason})",
    ),
    "send_doc.sent": ("Envoyé à {to}", "Sent to {to}"),
    "send_doc.sent_task": ("Envoyé à {to} ; tâche faite", "Sent to {to}; task done"),
    "send_doc.already": (
        "Déjà envoyé aujourd'hui à {to}",
        "Already sent to {to} today",
    ),
    "cli.statement.help": (
        "le relevé de compte d'un débiteur (HTML ou PDF)",
        "a debtor's statement of account (HTML or PDF)",
    ),
    "cli.statement.description": (
        "Factures ouvertes, derniers règlements, solde et ancienneté du solde, dans la langue"
        " des courriers (funnel.language). Sans --out, la page HTML est écrite sur la sortie"
        " standard ; un fichier existant que callcenter n'a pas créé n'est jamais remplacé.",
        "Open invoices, latest payments, balance and its aging, in the letters' language"
        " (funnel.language). Without --out the HTML page goes to standard output; an existing"
        " file callcenter did not create is never replaced.",
    ),
    "cli.statement.arg.code": ("le code du débiteur", "the debtor's code"),
    "cli.statement.opt.out": ("écrire le relevé dans PATH", "write the statement to PATH"),
    "cli.statement.opt.pdf": (
        "en PDF (WeasyPrint, l'extra pdf) ; sans lui, en HTML à côté",
        "as PDF (WeasyPrint, the pdf extra); without it, as HTML beside",
    ),
    "cli.statement.opt.force": (
        "remplacer un fichier écrit par callcenter",
        "replace a file callcenter wrote",
    ),
    "statement.pdf_needs_out": ("--pdf demande --out PATH", "--pdf needs --out PATH"),
    "statement.no_pdf": (
        "PDF impossible ({reason}) : relevé écrit en HTML dans {path}",
        "no PDF ({reason}): statement written as HTML to {path}",
    ),
    "statement.written": ("Relevé écrit : {path}", "Statement written: {path}"),
    # Both mail dialogs (a document sent on demand, a funnel step confirmed) say these.
    "mail.preparing": ("Préparation du message…", "Preparing the message…"),
    "mail.no_address": (
        "Aucun contact avec une adresse e-mail utilisable",
        "No contact with a usable e-mail address",
    ),
    "mail.failed": ("Envoi impossible : {reason}", "Could not send: {reason}"),
}
