"""Word lists for the demo ledger: French trades, places, family and first names.

Kept apart from the generator so the lists can grow without touching its
logic. A few entries carry accents, apostrophes and hyphens on purpose: the
workstation must show, sort and search them correctly.
"""

from __future__ import annotations

TRADES = (
    "Boulangerie",
    "Plomberie",
    "Menuiserie",
    "Électricité",
    "Transports",
    "Imprimerie",
    "Garage",
    "Pâtisserie",
    "Charpente",
    "Maçonnerie",
    "Traiteur",
    "Fromagerie",
    "Serrurerie",
    "Jardinerie",
    "Pharmacie",
    "Librairie",
    "Quincaillerie",
    "Couverture",
    "Peinture",
    "Carrosserie",
    "Informatique",
    "Nettoyage",
    "Climatisation",
    "Fleuriste",
    "Boucherie",
    "Ébénisterie",
    "Vitrerie",
    "Terrassement",
    "Architecture",
    "Conseil",
)

INDUSTRIES = (
    "Logistique",
    "Distribution",
    "Industrie",
    "Bâtiment",
    "Agroalimentaire",
    "Services",
    "Emballages",
    "Métallurgie",
    "Équipements",
    "Froid Industriel",
)

PLACES = (
    "Vieux-Port",
    "Val de Loire",
    "Pays Basque",
    "Grand Est",
    "Mont-Blanc",
    "Cotentin",
    "Lubéron",
    "Vercors",
    "Morvan",
    "Périgord",
    "Léman",
    "Marais",
    "Beaujolais",
    "Quercy",
    "Finistère",
)

TOWNS = (
    ("Lyon", "04"),
    ("Lille", "03"),
    ("Nantes", "02"),
    ("Bordeaux", "05"),
    ("Marseille", "04"),
    ("Rennes", "02"),
    ("Strasbourg", "03"),
    ("Toulouse", "05"),
    ("Nancy", "03"),
    ("Angers", "02"),
    ("Paris", "01"),
    ("Versailles", "01"),
    ("Orléans", "02"),
    ("Besançon", "03"),
    ("Nîmes", "04"),
    ("Pau", "05"),
    ("Épinal", "03"),
    ("Saint-Étienne", "04"),
    ("Montreuil", "01"),
    ("Aix-en-Provence", "04"),
)

FAMILY_NAMES = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Le Gall",
    "D'Almeida",
    "N'Diaye",
    "O'Connor",
    "Bénard",
    "Hervé",
    "Ménard",
    "Lécuyer",
    "Kervella",
    "Saint-Martin",
)

#: First names by the grammatical gender a French job title takes after them.
#: Camille is epicene; it is listed with the feminine ones, its commoner use.
FEMININE_FIRST_NAMES = (
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Julie",
    "Émilie",
    "Nathalie",
    "Isabelle",
    "Sophie",
    "Hélène",
    "Céline",
    "Aurélie",
    "Françoise",
    "Zoé",
    "Anne-Sophie",
    "Fatou",
)
MASCULINE_FIRST_NAMES = (
    "Lucas",
    "Hugo",
    "Louis",
    "Jules",
    "Thomas",
    "Nicolas",
    "Julien",
    "Stéphane",
    "Jérôme",
    "François",
    "Frédéric",
    "Éric",
    "Benoît",
    "Jean-Marc",
    "Yannick",
    "Karim",
    "Mehdi",
    "Loïc",
)
FIRST_NAMES = FEMININE_FIRST_NAMES + MASCULINE_FIRST_NAMES

#: Legal forms, weighted by how often a small supplier meets them.
LEGAL_FORMS = ("SARL", "SARL", "SAS", "SAS", "SAS", "EURL", "SASU", "SA", "SNC")

#: Public buyers: the name pattern and the town it applies to.
PUBLIC_BODIES = (
    "Mairie de {town}",
    "Centre hospitalier de {town}",
    "Communauté d'agglomération de {town}",
    "Lycée professionnel de {town}",
    "Office public de l'habitat de {town}",
    "Syndicat des eaux de {town}",
)

#: Job titles per contact role, (masculine, feminine): the title must agree with
#: the person's first name ("Lucas Robert, directeur général", "Léa Petit, gérante").
ROLE_TITLES = {
    "owner": (
        ("gérant", "gérante"),
        ("président", "présidente"),
        ("directeur général", "directrice générale"),
    ),
    "accountant": (
        ("comptable", "comptable"),
        ("comptable fournisseurs", "comptable fournisseurs"),
        ("responsable comptable", "responsable comptable"),
        ("DAF", "DAF"),
    ),
    "purchasing": (
        ("acheteur", "acheteuse"),
        ("service achats", "service achats"),
        ("gestionnaire factures", "gestionnaire factures"),
        ("approvisionneur", "approvisionneuse"),
    ),
    "other": (
        ("assistant", "assistante"),
        ("secrétariat", "secrétariat"),
        ("standard", "standard"),
        ("chef de chantier", "cheffe de chantier"),
    ),
}

#: Reasons debtors give for a dispute, in the collector's own short words.
DISPUTE_REASONS = (
    "Livraison incomplète",
    "Prix différent du devis",
    "Bon de livraison non signé",
    "Marchandise abîmée",
    "Prestation non terminée",
    "Facture en double",
    "Bon de commande absent",
)

#: Notes a collector leaves after a call, one per outcome family.
CALL_NOTES = {
    "no_answer": ("", "", "Sonne dans le vide", "Pas de réponse"),
    "voicemail": ("Message laissé", "Message laissé, rappel demandé", ""),
    "busy": ("Occupé", ""),
    "callback": ("Rappeler en fin de matinée", "Comptable absente, rappeler", "En réunion"),
    "promise": ("Virement promis", "S'engage sur la date", "Paiement validé par le gérant"),
    "dispute": ("Conteste la facture", "Litige sur la livraison"),
    "wrong_number": ("Numéro erroné", "N'est plus dans l'entreprise"),
    "refused": ("Refuse de payer pour l'instant", "Trésorerie tendue, refuse de s'engager"),
    "already_paid": ("Dit avoir payé, vérifier le relevé", "Chèque envoyé selon eux"),
    "payment_plan": ("Échéancier accepté",),
    "skip": ("Reporté : fermeture annuelle",),
    "paid": ("Paiement confirmé",),
}

#: Why a call was put off (skip) or payment refused, as the collector records it.
SKIP_REASONS = ("Fermeture annuelle", "Interlocuteur en congés", "Attente du relevé client")
REFUSAL_REASONS = (
    "Trésorerie tendue",
    "Attend le paiement de son propre client",
    "Conteste le montant",
)

TASK_KINDS = (
    ("send_copy", "Renvoyer le duplicata de facture"),
    ("send_statement", "Envoyer le relevé de compte"),
    ("check_payment", "Vérifier le paiement annoncé"),
    ("send_delivery_note", "Transmettre le bon de livraison signé"),
    ("formal_notice", "Préparer la mise en demeure"),
)

TAGS = ("assurance-credit", "export", "vip", "affacturage", "nouveau-client", "saisonnier")
