"""The field form: an XLSForm (sheets ``survey``, ``choices``, ``settings``) and its media file, from a roster.

The form is the "which organisations do you work with, then rate each" pattern of ODK and KoboToolbox
(docs/field-forms.md): the respondent picks its own organisation from the roster, then every
organisation it worked with (its own left out by a ``choice_filter``), and for each of them, in a
repeat counted by ``count-selected``, the kinds of relationship, trust 1-5 and, when asked for, how
often they were in contact. Partners are picked from the media file ``roster.csv``
(``select_multiple_from_file``), which holds the ids verbatim, so that an export maps back 1:1.

A long roster (more than :data:`LONG_ROSTER` organisations) is shown on several screens, one per
actor type holding at least :data:`TYPE_SCREEN_MIN` organisations and one for all the others, so that
a respondent reads every organisation of the roster in lists of a manageable length (recognition,
not recall); ``partners`` is then the union of those screens' answers, as space-separated ids like a
select-many answer. Each screen offers search as the respondent types.

Labels and hints are catalog messages (:mod:`clusternet.fieldforms.questions`) rendered for every
language asked for, one ``label::Language (code)`` column each.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from openpyxl import Workbook

from clusternet.constants import TRUST_LABELS, TRUST_MAX, TRUST_MIN
from clusternet.export.workbook import add_table_sheet
from clusternet.fieldforms import questions
from clusternet.fieldforms.fields import (
    OTHER_PARTNERS,
    PARTNER,
    PARTNER_ID,
    PARTNER_NAME,
    PARTNERS,
    RELATION,
    RESPONDENT,
    ROUND,
    TRUST,
    WEIGHT,
)
from clusternet.fieldforms.roster import Roster
from clusternet.i18n import SOURCE_LANGUAGE, available_languages, language_name, renderer
from clusternet.messages import Message, Renderer, message
from clusternet.survey.schema import canonical_name
from clusternet.survey.vocabulary import ACTOR_TYPES, RELATIONS

FORM_ID = "clusternet_roster"
FORM_FILE = "clusternet_roster.xlsx"
ROSTER_FILE = "roster.csv"
ROSTER_INSTANCE = "roster"
"""The media file's instance in the form: its file name without the extension."""
LONG_ROSTER = 40
"""A roster of more organisations than this is shown on one screen per actor type."""
TYPE_SCREEN_MIN = 10
"""On a long roster, a type with fewer organisations than this shares the last screen with the others."""
PARTNERS_OF_TYPE = "partners_type_{type}"
PARTNERS_REST = "partners_rest"
XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
"""What a form field or a media file column may be called (an XML element name, in ASCII)."""

NO_ROUNDS = message(
    "fieldform.problem.no_rounds", "the roster has no rounds, so the form would have no round to choose"
)
NO_ROUNDS_FIX = message("fieldform.problem.no_rounds.fix", "name the rounds with --rounds, e.g. --rounds baseline")
NO_RELATIONS = message("fieldform.problem.no_relations", "no relation was given for the form")
ROUND_WITH_SPACE = message(
    "fieldform.problem.round_with_space",
    'the round "{round}" holds white space, which a form answer cannot keep; write it with _ (e.g. "{suggestion}")',
)
NO_LANGUAGE = message("fieldform.problem.no_language", "no form language was given; the languages are {languages}")


class FormError(ValueError):
    """Options a form cannot be made with; ``message`` says why and what to do."""

    def __init__(self, problem: Message) -> None:
        self.message = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class FieldForm:
    """The XLSForm's sheets (``survey``, ``choices``, ``settings``) and its media file (``roster``)."""

    survey: pd.DataFrame
    choices: pd.DataFrame
    settings: pd.DataFrame
    roster: pd.DataFrame


def form_version(now: datetime) -> str:
    """The form's version, ``yyyymmddhh``: a form made again later gets a newer version, as KoboToolbox
    and ODK Central want for a replaced form."""
    return now.strftime("%Y%m%d%H")


def language_column(code: str) -> str:
    """The XLSForm name of a language: ``English (en)``, ``Español (es)``, ``Français (fr)``."""
    return f"{language_name(code)} ({code})"


def checked_languages(languages: Sequence[str]) -> tuple[str, ...]:
    """The form's languages, each one clusternet has a catalog for (:class:`UnknownLanguageError` names
    those it has)."""
    chosen = tuple(dict.fromkeys(code.strip() for code in languages if code.strip()))
    if not chosen:
        raise FormError(NO_LANGUAGE(languages=", ".join(available_languages())))
    for code in chosen:
        renderer(code)  # raises UnknownLanguageError, which names the languages there are
    return chosen


def checked_rounds(roster: Roster, rounds: Sequence[str] | None) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(label.strip() for label in (rounds or roster.rounds) if label.strip()))
    if not chosen:
        raise FormError(NO_ROUNDS())
    for label in chosen:
        if any(character.isspace() for character in label):
            raise FormError(ROUND_WITH_SPACE(round=label, suggestion=re.sub(r"\s+", "_", label)))
    return chosen


def checked_relations(roster: Roster, relations: Sequence[str] | None) -> tuple[str, ...]:
    """Relation codes as the survey format compares them (``Joint action`` is ``joint_action``); by
    default the survey's own, else the recommended ones."""
    given = relations if relations is not None else (roster.relations or list(RELATIONS))
    chosen = tuple(dict.fromkeys(canonical_name(relation) for relation in given if relation.strip()))
    if not chosen:
        raise FormError(NO_RELATIONS())
    return chosen


def field_form(
    roster: Roster,
    *,
    version: str,
    languages: Sequence[str] = (SOURCE_LANGUAGE,),
    rounds: Sequence[str] | None = None,
    relations: Sequence[str] | None = None,
    frequency: bool = False,
) -> FieldForm:
    """The form of ``roster``: rounds default to the survey's, relations to the survey's (else the
    recommended ones); ``frequency`` adds the question how often the partners were in contact (the
    tie's ``weight``). Raises :class:`FormError` (or ``UnknownLanguageError``) for options a form cannot
    be made with."""
    renderers = {code: renderer(code) for code in checked_languages(languages)}
    round_labels = checked_rounds(roster, rounds)
    relation_codes = checked_relations(roster, relations)
    builder = _Sheets(renderers)
    builder.question(
        f"select_one {ROUND}", ROUND, questions.ROUND_LABEL(), questions.ROUND_HINT(), required=True,
        default=round_labels[0] if len(round_labels) == 1 else None,
    )  # fmt: skip
    builder.question(
        f"select_one_from_file {ROSTER_FILE}",
        RESPONDENT,
        questions.RESPONDENT_LABEL(),
        questions.RESPONDENT_HINT(),
        required=True,
        appearance="search",
    )
    _partner_questions(builder, roster)
    partner = {"partner": f"${{{PARTNER_NAME}}}"}
    builder.row(type="begin_repeat", name=PARTNER, repeat_count=f"count-selected(${{{PARTNERS}}})",
                **builder.labels("label", questions.PARTNER_LABEL()))  # fmt: skip
    builder.row(type="calculate", name=PARTNER_ID, calculation=f"selected-at(${{{PARTNERS}}}, position(..) - 1)")
    builder.row(
        type="calculate",
        name=PARTNER_NAME,
        calculation=f"instance('{ROSTER_INSTANCE}')/root/item[name = ${{{PARTNER_ID}}}]/label",
    )
    definitions = [
        questions.RELATION_DEFINITION(relation=_relation_name(code), meaning=RELATIONS[code]())
        for code in relation_codes
        if code in RELATIONS
    ]
    builder.question(
        f"select_multiple {RELATION}",
        RELATION,
        questions.RELATION_LABEL(**partner),
        _relation_hint(definitions) if definitions else None,
        required=True,
    )
    builder.question(
        f"select_one {TRUST}",
        TRUST,
        questions.TRUST_LABEL(**partner),
        questions.TRUST_HINT(
            lowest=TRUST_MIN,
            lowest_label=TRUST_LABELS[TRUST_MIN](),
            highest=TRUST_MAX,
            highest_label=TRUST_LABELS[TRUST_MAX](),
        ),
        required=True,
        appearance="likert",
    )
    if frequency:
        builder.question(f"select_one {WEIGHT}", WEIGHT, questions.WEIGHT_LABEL(**partner), None, appearance="likert")
    builder.row(type="end_repeat")
    builder.question("text", OTHER_PARTNERS, questions.OTHER_PARTNERS_LABEL(), questions.OTHER_PARTNERS_HINT())

    for label in round_labels:
        builder.choice(ROUND, label, dict.fromkeys(renderers, label))
    for code in relation_codes:
        builder.choice(RELATION, code, builder.rendered(_relation_name(code)))
    for rating in range(TRUST_MIN, TRUST_MAX + 1):
        builder.choice(
            TRUST, str(rating), builder.rendered(questions.TRUST_CHOICE(rating=rating, meaning=TRUST_LABELS[rating]()))
        )
    if frequency:
        for rating, frequency_label in questions.FREQUENCY_LABELS.items():
            builder.choice(WEIGHT, str(rating), builder.rendered(frequency_label()))

    first = next(iter(renderers))
    settings = pd.DataFrame(
        [
            {
                "form_title": renderers[first].render(questions.FORM_TITLE()),
                "form_id": FORM_ID,
                "version": version,
                "default_language": language_column(first),
                "instance_name": f"concat(${{{ROUND}}}, ' ', ${{{RESPONDENT}}})",
            }
        ]
    )
    return FieldForm(builder.survey_sheet(), builder.choices_sheet(), settings, roster_media(roster))


def _partner_questions(builder: _Sheets, roster: Roster) -> None:
    """``partners``: one select-many over the roster, or on a long roster one per type screen and their union."""
    own_left_out = f"name != ${{{RESPONDENT}}}"
    media = f"select_multiple_from_file {ROSTER_FILE}"
    screens = type_screens(roster.actors["type"])
    if not screens:
        builder.question(
            media, PARTNERS, questions.PARTNERS_LABEL(), questions.PARTNERS_HINT(),
            appearance="search", choice_filter=own_left_out,
        )  # fmt: skip
        return
    parts = []
    for actor_type in screens:
        name = PARTNERS_OF_TYPE.format(type=actor_type)
        meaning = ACTOR_TYPES.get(actor_type)
        hint = (
            questions.PARTNERS_OF_TYPE_MEANING_HINT(type=actor_type, meaning=meaning())
            if meaning is not None
            else questions.PARTNERS_OF_TYPE_HINT(type=actor_type)
        )
        builder.question(
            media, name, questions.PARTNERS_LABEL(), hint,
            appearance="search", choice_filter=f"type = '{actor_type}' and {own_left_out}",
        )  # fmt: skip
        parts.append(f"${{{name}}}")
    if len(screens) < roster.actors["type"].nunique():
        others = " and ".join(f"type != '{actor_type}'" for actor_type in screens)
        builder.question(
            media, PARTNERS_REST, questions.PARTNERS_LABEL(), questions.PARTNERS_REST_HINT(),
            appearance="search", choice_filter=f"{others} and {own_left_out}",
        )  # fmt: skip
        parts.append(f"${{{PARTNERS_REST}}}")
    union = ", ' ', ".join(parts)
    builder.row(type="calculate", name=PARTNERS, calculation=f"normalize-space(concat({union}))")


def type_screens(types: pd.Series[str]) -> list[str]:
    """The actor types that get a screen of their own (largest first): none for a short roster, and
    none when fewer than two screens would result."""
    if len(types) <= LONG_ROSTER:
        return []
    counts = types.value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda actor_type: (-counts[actor_type], actor_type)))
    own = [
        str(actor_type)
        for actor_type, count in counts.items()
        if count >= TYPE_SCREEN_MIN and re.fullmatch(r"[a-z0-9_]+", str(actor_type))
    ]
    screens = len(own) + (len(own) < len(counts))
    return own if screens >= 2 else []


def _relation_name(code: str) -> Message:
    known = questions.RELATION_NAMES.get(code)
    return known() if known is not None else _VERBATIM(text=code)


_VERBATIM = message("fieldform.verbatim", "{text}")
"""A relation code without a name of its own, shown as written."""


Text = Message | Callable[[Renderer], str]
"""A text of the form: a message, or a function writing it for one renderer (a sentence made of several)."""


def _relation_hint(definitions: list[Message]) -> Text:
    def hint(renderer: Renderer) -> str:
        joined = " ".join(renderer.render(definition) for definition in definitions)
        return renderer.render(questions.RELATION_HINT(definitions=joined))

    return hint


class _Sheets:
    """Rows of the ``survey`` and ``choices`` sheets, with one column per language for every text."""

    def __init__(self, renderers: dict[str, Renderer]) -> None:
        self.renderers = renderers
        self.survey_rows: list[dict[str, str]] = []
        self.choice_rows: list[dict[str, str]] = []

    def rendered(self, text: Text) -> dict[str, str]:
        return {
            code: text(renderer) if callable(text) else renderer.render(text)
            for code, renderer in self.renderers.items()
        }

    def labels(self, column: str, text: Text | None) -> dict[str, str]:
        if text is None:
            return {}
        return {f"{column}::{language_column(code)}": value for code, value in self.rendered(text).items()}

    def row(self, **cells: str) -> None:
        self.survey_rows.append(cells)

    def question(
        self,
        kind: str,
        name: str,
        label: Text,
        hint: Text | None,
        *,
        required: bool = False,
        appearance: str | None = None,
        choice_filter: str | None = None,
        default: str | None = None,
    ) -> None:
        cells = {"type": kind, "name": name, **self.labels("label", label), **self.labels("hint", hint)}
        optional = {
            "required": "yes" if required else None,
            "appearance": appearance,
            "choice_filter": choice_filter,
            "default": default,
        }
        self.row(**cells, **{column: value for column, value in optional.items() if value})

    def choice(self, list_name: str, name: str, labels: dict[str, str]) -> None:
        self.choice_rows.append(
            {
                "list_name": list_name,
                "name": name,
                **{f"label::{language_column(code)}": labels[code] for code in labels},
            }
        )

    def survey_sheet(self) -> pd.DataFrame:
        return pd.DataFrame(self.survey_rows, dtype=object)

    def choices_sheet(self) -> pd.DataFrame:
        return pd.DataFrame(self.choice_rows, dtype=object)


def roster_media(roster: Roster) -> pd.DataFrame:
    """The form's media file: ``name`` (the actor id, verbatim), ``label`` (the name), ``type``, then the
    attributes a form may carry: not marked private (the file goes onto every phone), and named as an
    XML element can be (the form reads each column as one)."""
    actors = roster.actors
    attributes = [
        column
        for column in actors.columns
        if column not in ("actor_id", "name", "type", "label")
        and column not in roster.private
        and XML_NAME.match(str(column))
    ]
    media = pd.DataFrame({"name": actors["actor_id"], "label": actors["name"], "type": actors["type"]})
    for column in attributes:
        media[column] = actors[column].reset_index(drop=True)
    return media.reset_index(drop=True)


def form_workbook(form: FieldForm) -> bytes:
    """The XLSForm as an .xlsx workbook: every text stored as text (:func:`add_table_sheet`)."""
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "clusternet"
    for title, sheet in (("survey", form.survey), ("choices", form.choices), ("settings", form.settings)):
        add_table_sheet(workbook, title, sheet, verbatim=tuple(sheet.columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_csv(form: FieldForm) -> bytes:
    """The media file as UTF-8 CSV without a byte-order mark (which would rename the ``name`` column).

    Written as it is, not as a spreadsheet-safe table: the ids must reach the form verbatim, and the
    file is read by the form, not by a spreadsheet.
    """
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(form.roster.columns)
    for row in form.roster.itertuples(index=False, name=None):
        writer.writerow(["" if pd.isna(value) else value for value in row])
    return text.getvalue().encode("utf-8")
