"""Messages: every sentence the library produces for people, as data.

The library never builds English sentences. It returns a :class:`Message`: a stable id and named
parameters (``gap.isolated_actor.explanation`` with ``actor=Actor("W12")``). A message is turned
into text in one place, :class:`Renderer`, for one language and one audience:

- the template is looked up in the gettext catalog with the id as context (``pgettext``), so the
  English source text is the catalog's ``msgid`` and a translator sees every sentence whole;
- actor parameters (:class:`Actor`, :class:`ActorList`) are written by the renderer's
  ``actor_label``: the actor's name for the broker, its code for an anonymised audience. Nothing
  scrubs finished text;
- nested messages are rendered the same way, so a sentence may hold a clause of its own.

Templates are declared at module level with :func:`message` or :func:`plural_message`, which
``pybabel extract`` finds through the keywords ``message:1c,2`` and ``plural_message:1c,2,3``
(see ``babel.cfg`` and docs/architecture.md). A template uses named placeholders with Python's
format mini-language (``{share:.0%}``), never an f-string, so that it can be extracted and a
translator can reorder it.
"""

from __future__ import annotations

import gettext
import json
import math
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Union

import numpy as np

from clusternet.number_format import local_number

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Actor:
    """An actor named in a message; the renderer writes its name or its code."""

    id: str


@dataclass(frozen=True)
class ActorList:
    """Several actors named in a message, written as a comma-separated list of names or codes."""

    ids: tuple[str, ...]


Param = Union[str, int, float, bool, None, Actor, ActorList, "Message"]
"""What a message parameter may hold: plain values, actors, or a nested message."""


@dataclass(frozen=True)
class Template:
    """A sentence with named placeholders, identified by a stable ``id``.

    ``plural`` is the English plural form of a message whose wording depends on the number held by
    the parameter ``count``; blank for a message without plural forms.
    """

    id: str
    text: str
    plural: str = ""
    count: str = ""

    @cached_property
    def placeholders(self) -> frozenset[str]:
        """The names of the parameters the template needs (in both plural forms); parsed once, as every
        message of the template checks its parameters against them."""
        names: set[str] = set()
        for text in (self.text, self.plural):
            names.update(name for _, name, _, _ in _FORMATTER.parse(text) if name)
        return frozenset(name.split(".")[0].split("[")[0] for name in names)

    @cached_property
    def parameters(self) -> frozenset[str]:
        """Every parameter a message of the template takes: its placeholders and the number ``count``."""
        return self.placeholders | ({self.count} if self.count else frozenset())

    def __call__(self, **params: Param) -> Message:
        """The message of this template with ``params``; they must match the placeholders exactly."""
        expected = self.parameters
        if params.keys() != expected:
            raise TypeError(f"message {self.id} takes {sorted(expected)}, not {sorted(params)}")
        return Message(self.id, tuple(sorted(params.items())))

    def bind(self, params: Mapping[str, Param]) -> Message:
        """The message of this template with the parameters it needs taken from ``params`` (extra ones
        ignored): for templates that share one set of parameters, such as a gap's explanation and action."""
        return self(**{name: params[name] for name in self.parameters})


_TEMPLATES: dict[str, Template] = {}


def _register(template: Template) -> Template:
    known = _TEMPLATES.get(template.id)
    if known is not None and known != template:
        raise ValueError(f"message id {template.id} is declared twice with different texts")
    _TEMPLATES[template.id] = template
    return template


def message(message_id: str, text: str) -> Template:
    """Declare the template ``message_id`` with its English ``text`` (extracted by ``pybabel``)."""
    return _register(Template(message_id, text))


def plural_message(message_id: str, singular: str, plural: str, count: str = "count") -> Template:
    """Declare a template whose wording depends on the number held by the parameter ``count``."""
    return _register(Template(message_id, singular, plural, count))


def template(message_id: str) -> Template:
    """The template declared under ``message_id`` (``KeyError`` if none is)."""
    return _TEMPLATES[message_id]


def templates() -> dict[str, Template]:
    """Every template declared so far, by id (import the modules that declare them first)."""
    return dict(_TEMPLATES)


@dataclass(frozen=True)
class Message:
    """A sentence for people as data: a template id and its named parameters (hashable)."""

    id: str
    params: tuple[tuple[str, Param], ...] = ()

    @property
    def arguments(self) -> dict[str, Param]:
        return dict(self.params)

    @property
    def template(self) -> Template:
        return _TEMPLATES[self.id]

    def actor_ids(self) -> set[str]:
        """Every actor this message names, nested messages included."""
        found: set[str] = set()
        for value in self.arguments.values():
            if isinstance(value, Actor):
                found.add(value.id)
            elif isinstance(value, ActorList):
                found.update(value.ids)
            elif isinstance(value, Message):
                found |= value.actor_ids()
        return found

    def __str__(self) -> str:
        """English with actor ids; a message that is not a sentence of its own (a gap's, whose sentences
        are ``<id>.explanation`` and ``<id>.action``) shows its id and parameters."""
        if self.id not in _TEMPLATES:
            return f"{self.id} {params_json(self)}"
        return ENGLISH.render(self)


def _identity(actor_id: str) -> str:
    return actor_id


@dataclass(frozen=True)
class Renderer:
    """Renders messages for one language (``translations``) and one audience (``actor_label``).

    ``actor_label`` writes an actor id as the audience may see it: its name, or its code.
    """

    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    actor_label: Callable[[str], str] = _identity
    locale: str = "en"

    def render(self, message: Message) -> str:
        """The message as text: translated template, parameters filled in."""
        template = message.template
        arguments = message.arguments
        if template.plural:
            count = arguments[template.count]
            number = int(count) if isinstance(count, (int, float)) and not math.isnan(count) else 0
            text = self.translations.npgettext(template.id, template.text, template.plural, number)
        else:
            text = self.translations.pgettext(template.id, template.text)
        return text.format(**{name: self._value(value) for name, value in arguments.items()})

    __call__ = render

    def gettext(self, text: str) -> str:
        """A plain label of the app or a command (``_("Anonymise")``), translated."""
        return self.translations.gettext(text)

    def _value(self, value: Param) -> Any:
        if isinstance(value, Actor):
            return self.actor_label(value.id)
        if isinstance(value, ActorList):
            return ", ".join(self.actor_label(actor) for actor in value.ids)
        if isinstance(value, Message):
            return self.render(value)
        return local_number(value, self.locale)


ENGLISH = Renderer()
"""English, actors by id: for logs, exceptions and tests."""


def render_all(messages: Iterable[Message], renderer: Renderer = ENGLISH, separator: str = " ") -> str:
    """Several messages as one text, joined by ``separator``."""
    return separator.join(renderer.render(message) for message in messages)


def params_json(message: Message, actor_key: Callable[[str], str] = _identity) -> str:
    """The parameters as JSON (``gaps.csv``'s ``params``): actors as ``actor_key(id)``, nested messages as
    ``{"message_id": ..., "params": {...}}``, NaN as null, so that a row can be rendered again."""
    return json.dumps(_plain_params(message, actor_key), ensure_ascii=False, sort_keys=True)


def _plain_params(message: Message, actor_key: Callable[[str], str]) -> dict[str, Any]:
    return {name: _plain(value, actor_key) for name, value in message.params}


def _plain(value: Param, actor_key: Callable[[str], str]) -> Any:
    if isinstance(value, Actor):
        return actor_key(value.id)
    if isinstance(value, ActorList):
        return [actor_key(actor) for actor in value.ids]
    if isinstance(value, Message):
        return {"message_id": value.id, "params": _plain_params(value, actor_key)}
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def message_from_json(message_id: str, params: str | Mapping[str, Any]) -> Message:
    """The message of a ``gaps.csv`` row (``message_id``, ``params``).

    A single actor comes back as the plain text the file holds (its id, or its code when anonymised);
    a list of actors as an :class:`ActorList` of them.
    """
    plain = json.loads(params) if isinstance(params, str) else params

    def value(item: Any) -> Param:
        if isinstance(item, dict) and set(item) == {"message_id", "params"}:
            return message_from_json(item["message_id"], item["params"])
        if isinstance(item, list):
            return ActorList(tuple(map(str, item)))
        return item  # type: ignore[no-any-return]

    return Message(message_id, tuple(sorted((name, value(item)) for name, item in plain.items())))
