"""Dashboard labels in French and English (data labels such as bucket names stay as stored)."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Supervision", "Supervision"),
    "updated": ("mis à jour {time}", "updated {time}"),
    "loading": ("calcul des chiffres…", "computing the figures…"),
    "period": ("période {since} → {until}", "period {since} → {until}"),
    "everyone": ("toute l'équipe", "whole team"),
    "own": ("mes chiffres ({name})", "my figures ({name})"),
    "campaign": ("campagne {name}", "campaign {name}"),
    "panel.queue": ("File maintenant", "Queue now"),
    "panel.kpis": ("Indicateurs", "Indicators"),
    "panel.today": ("Aujourd'hui par chargé", "Today per collector"),
    "panel.aging": ("Balance âgée", "Aging"),
    "panel.flow": ("Promis / encaissé, 30 jours", "Promised / collected, 30 days"),
    "panel.largest": ("20 plus gros retards", "20 largest overdue"),
    "col.collector": ("Chargé", "Collector"),
    "col.due_now": ("À appeler", "Now"),
    "col.due_later": ("Plus tard", "Later"),
    "col.callback": ("Rappels", "Callback"),
    "col.promise": ("Promesse", "Promise"),
    "col.dispute": ("Litige", "Dispute"),
    "col.hold": ("Suspendu", "Hold"),
    "col.in_call": ("En appel", "In call"),
    "col.calls": ("Appels", "Calls"),
    "col.right_party": ("Joints", "Reached"),
    "col.promises_made": ("Promesses", "Promises"),
    "col.promised": ("Promis", "Promised"),
    "col.falling_due": ("Échéance auj.", "Due today"),
    "col.broken": ("Rompues", "Broken"),
    "col.bucket": ("Retard", "Past due"),
    "col.chart": ("", ""),
    "col.amount": ("Montant", "Amount"),
    "col.lines": ("Lignes", "Lines"),
    "col.kept": ("Tenu", "Kept"),
    "col.collected": ("Encaissé", "Collected"),
    "col.code": ("Code", "Code"),
    "col.name": ("Débiteur", "Debtor"),
    "col.days": ("Jours", "Days"),
    "col.detail": ("Détail", "Detail"),
    "col.figure": ("Indicateur", "Figure"),
    "col.value": ("Valeur", "Value"),
    "all": ("Tous", "All"),
    "nobody": ("(non attribué)", "(unassigned)"),
    "kpi.kept": ("Promesses tenues", "Promise-kept rate"),
    "kpi.rpc": ("Contacts utiles", "Right-party contacts"),
    "kpi.cei": ("CEI", "CEI"),
    "kpi.dso": ("DSO simple", "Simple DSO"),
    "kpi.open": ("Encours total", "Total open"),
    "kpi.days": ("{value} j", "{value} d"),
    "bucket.not_due": ("non échu", "not due"),
    "bucket.1-30": ("1–30 j", "1–30 d"),
    "bucket.31-60": ("31–60 j", "31–60 d"),
    "bucket.61-90": ("61–90 j", "61–90 d"),
    "bucket.over_90": ("> 90 j", "> 90 d"),
    "flow.promised": ("promis", "promised"),
    "flow.collected": ("encaissé", "collected"),
    "drill.title": ("{figure} — {count} débiteurs", "{figure} — {count} debtors"),
    "drill.empty": ("Personne derrière ce chiffre.", "Nobody behind this figure."),
    "drill.none": ("Pas de détail pour ce chiffre.", "No detail behind this figure."),
    "key.back": ("Retour", "Back"),
    "key.refresh": ("Actualiser", "Refresh"),
    "key.quit": ("Quitter", "Quit"),
    "key.open": ("Détail", "Drill down"),
    "key.period": ("Période", "Period"),
    "key.campaign": ("Campagne", "Campaign"),
    "key.assign": ("Confier", "Reassign"),
    "key.assign_all": ("Tout confier", "Reassign all"),
    "error": ("Erreur : {message}", "Error: {message}"),
    "assign.title": (
        "Confier {count} débiteur(s) à quel chargé ?",
        "Give {count} debtor(s) to which collector?",
    ),
    "assign.placeholder": ("nom du chargé (vide : aucun)", "collector name (empty: nobody)"),
    "assign.keys": ("Entrée valider · Échap annuler", "Enter confirm · Escape cancel"),
    "assign.done": ("{count} débiteur(s) confiés à {name}", "{count} debtor(s) given to {name}"),
    "assign.pool": ("personne (file commune)", "nobody (shared pool)"),
}


def localised(bindings: BindingsMap, lang: str) -> BindingsMap:
    """The same key bindings with their descriptions (keys of :data:`TEXTS`) in ``lang``."""
    return BindingsMap.from_keys(
        {
            key: [
                replace(b, description=text(lang, b.description)) if b.description else b
                for b in found
            ]
            for key, found in bindings.key_to_bindings.items()
        }
    )


def text(lang: str, key: str, **params: object) -> str:
    """The label ``key`` in ``lang`` (French unless "en"); the key itself when unknown."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    label = pair[1] if lang == "en" else pair[0]
    return label.format(**params) if params else label
