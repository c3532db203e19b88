"""The field form's wording: every label, hint and choice a respondent reads, as catalog messages.

The form follows the survey practice of docs/survey-format.md: one organisation per respondent,
the whole roster to recognise partners from (never memory alone), one time window ("in the last
12 months") in every question about ties, and the meaning of each relation beside the question.
Questions about one partner name it by the placeholder ``{partner}``, which the form fills with the
partner's name from the roster. Each text is rendered once per form language
(:mod:`clusternet.fieldforms.xlsform`), so a Spanish or French form needs no hand editing once the
catalog of that language exists.
"""

from __future__ import annotations

from clusternet.messages import message

FORM_TITLE = message("fieldform.title", "Cluster relationships")
ROUND_LABEL = message("fieldform.round.label", "Survey round")
ROUND_HINT = message("fieldform.round.hint", "The field team chooses this: the round this interview belongs to.")
RESPONDENT_LABEL = message("fieldform.respondent.label", "Which organisation do you represent?")
RESPONDENT_HINT = message(
    "fieldform.respondent.hint",
    "Answer for this one organisation only. If you also speak for another organisation on the list, fill in a "
    "separate form for it. Type a few letters to search.",
)
PARTNERS_LABEL = message(
    "fieldform.partners.label", "Which of these organisations did your organisation work with in the last 12 months?"
)
PARTNERS_HINT = message(
    "fieldform.partners.hint",
    "Tick every organisation you worked with, even a little. Your own organisation is not on the list. "
    "Type a few letters to search.",
)
PARTNERS_OF_TYPE_HINT = message(
    "fieldform.partners.of_type.hint",
    'Organisations of the type "{type}". Tick every one you worked with, even a little; the other organisations '
    "follow on the next screens.",
)
PARTNERS_OF_TYPE_MEANING_HINT = message(
    "fieldform.partners.of_type.meaning_hint",
    'Organisations of the type "{type}": {meaning}. Tick every one you worked with, even a little; the other '
    "organisations follow on the next screens.",
)
PARTNERS_REST_HINT = message(
    "fieldform.partners.rest.hint",
    "All the other organisations of the list. Tick every one you worked with, even a little. Your own organisation "
    "is not on the list.",
)
PARTNER_LABEL = message("fieldform.partner.label", "Partner")
RELATION_LABEL = message(
    "fieldform.relation.label", "In the last 12 months, what did your organisation do with {partner}?"
)
RELATION_HINT = message("fieldform.relation.hint", "Tick all that apply. {definitions}")
RELATION_DEFINITION = message("fieldform.relation.definition", "{relation}: {meaning}.")
TRUST_LABEL = message("fieldform.trust.label", "How much does your organisation trust {partner}?")
TRUST_HINT = message(
    "fieldform.trust.hint",
    "From {lowest} = {lowest_label} to {highest} = {highest_label}: trust that it keeps its word.",
)
TRUST_CHOICE = message("fieldform.trust.choice", "{rating} – {meaning}")
WEIGHT_LABEL = message(
    "fieldform.weight.label",
    "In the last 12 months, how often was your organisation in contact with {partner}?",
)
OTHER_PARTNERS_LABEL = message(
    "fieldform.other_partners.label",
    "Did your organisation work with other organisations in the last 12 months that are not on the list? "
    "Write their names, separated by ;",
)
OTHER_PARTNERS_HINT = message("fieldform.other_partners.hint", "Leave blank if there are none.")

RELATION_NAMES = {
    "information": message("fieldform.relation.information", "Information"),
    "joint_action": message("fieldform.relation.joint_action", "Joint action"),
    "subcontracting": message("fieldform.relation.subcontracting", "Subcontracting"),
    "training": message("fieldform.relation.training", "Training or advice"),
    "finance": message("fieldform.relation.finance", "Finance"),
}
"""What a respondent reads for each recommended relation; other relation codes are shown as written."""

FREQUENCY_LABELS = {
    1: message("fieldform.frequency.1", "1 – once or twice"),
    2: message("fieldform.frequency.2", "2 – a few times"),
    3: message("fieldform.frequency.3", "3 – about every month"),
    4: message("fieldform.frequency.4", "4 – about every week"),
    5: message("fieldform.frequency.5", "5 – almost every day"),
}
"""The answers to how often a partner was met, stored as the tie's ``weight`` (1 = rarely .. 5 = constantly)."""
