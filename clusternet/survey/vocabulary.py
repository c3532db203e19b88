"""Recommended vocabularies of the survey format and the trust scale.

Values outside the lists are kept as the user wrote them (lower-cased); the lists drive the
template's drop-downs, the documentation and the warnings for near-miss spellings.
"""

from clusternet.messages import message

ACTOR_TYPES = {
    "firm": message(
        "vocabulary.type.firm", "an enterprise of the cluster: a household unit, workshop, small or medium firm"
    ),
    "association": message(
        "vocabulary.type.association",
        "a business membership organisation: cooperative, producers' association, chamber",
    ),
    "government": message(
        "vocabulary.type.government", "a public agency: ministry department, district office, municipality"
    ),
    "ngo": message("vocabulary.type.ngo", "a non-governmental or community organisation"),
    "university": message("vocabulary.type.university", "a university, research or design institute"),
    "training": message("vocabulary.type.training", "a training institute or vocational centre"),
    "bds": message(
        "vocabulary.type.bds",
        "a business development service provider: consultant, testing lab, design or marketing service",
    ),
    "finance": message("vocabulary.type.finance", "a bank, microfinance institution or credit guarantee scheme"),
    "buyer": message(
        "vocabulary.type.buyer", "a trader, wholesaler, exporter or retail buyer of the cluster's products"
    ),
    "supplier": message("vocabulary.type.supplier", "a supplier of raw materials, inputs or machinery"),
    "other": message("vocabulary.type.other", "any other organisation"),
}

FIRM_TYPES = frozenset({"firm"})
"""Types counted as firms of the cluster."""

MARKET_TYPES = frozenset({"buyer", "supplier"})
"""Market actors: trading partners of the firms rather than support institutions."""

POOLED_TYPE = "institution"
"""Type an anonymised audience sees for every actor whose type is held by fewer than k actors (the only
bank, the one university), so that no type names an organisation."""

INSTITUTION_TYPES = (frozenset(ACTOR_TYPES) - FIRM_TYPES - MARKET_TYPES) | {POOLED_TYPE}
"""Support institutions: the organisations a cluster programme strengthens to take over brokering
(anonymised, the pooled small types count among them)."""

UNKNOWN_TYPE = "unknown"
"""Type given to actors whose type is blank, or who were added because a tie named them."""

RELATIONS = {
    "information": message("vocabulary.relation.information", "exchange of market, technical or policy information"),
    "joint_action": message(
        "vocabulary.relation.joint_action",
        "working together: joint purchasing, marketing, a shared facility, a joint fair stand",
    ),
    "subcontracting": message("vocabulary.relation.subcontracting", "orders or work passed from one actor to another"),
    "training": message("vocabulary.relation.training", "training or technical advice given or received"),
    "finance": message("vocabulary.relation.finance", "credit, loans, guarantees or grants"),
}

DEFAULT_RELATION = "tie"
"""Relation given to every tie when the ties sheet has no relation column."""

DEFAULT_ROUND = "1"
"""Round given to every tie when the ties sheet has no round column."""

SAFE = "safe"
PRIVATE = "private"
ATTRIBUTE_PRIVACY = {
    SAFE: message(
        "vocabulary.privacy.safe",
        "kept when anonymised, even where the rule would drop it: you vouch that no value points at one organisation",
    ),
    PRIVATE: message("vocabulary.privacy.private", "never shown to an anonymised audience"),
}
"""The marks of the ``attributes`` sheet: what an anonymised audience sees of an actors column.
A column left unmarked follows the rule of :func:`clusternet.anonymize.private_attributes`."""

COLUMN_SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "actors": {
        "actor_id": ("id", "code", "actor", "actor_code", "actorid", "organisation_id", "organization_id"),
        "name": ("actor_name", "organisation", "organization", "organisation_name", "organization_name", "nombre"),
        "type": ("kind", "category", "actor_type", "organisation_type", "organization_type", "tipo"),
    },
    "ties": {
        "source": ("respondent", "respondent_id", "from", "from_id", "ego", "reporter", "source_id", "origen"),
        "target": ("partner", "partner_id", "to", "to_id", "alter", "named", "target_id", "destino"),
        "round": ("wave", "survey_round", "period", "ronda"),
        "relation": ("relationship", "tie_type", "type", "kind", "relacion"),
        "trust": ("trust_level", "trust_rating", "trust_score", "confianza", "confiance"),
        "weight": ("frequency", "strength", "intensity", "peso"),
    },
    "rounds": {
        "round": ("wave", "survey_round", "period", "ronda"),
        "date": ("survey_date", "fecha"),
        "description": ("notes", "comment", "descripcion"),
    },
    "respondents": {
        "round": ("wave", "survey_round", "period", "ronda"),
        "actor_id": ("respondent", "respondent_id", "id", "actor", "code"),
    },
    "attributes": {
        "attribute": ("column", "field", "variable"),
        "privacy": ("mark", "visibility", "sharing"),
        "note": ("notes", "comment", "why"),
    },
}
"""Headers field teams write for a column of the format, by sheet (canonical names, see
:func:`clusternet.survey.schema.canonical_name`): a header among them is reported as looking like the
column, never renamed silently. The same word can mean different columns on different sheets (``type``
is an actor's type but a tie's relation)."""
