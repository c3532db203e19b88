"""The import summary: what was read from an export, what was kept, what was left out and why."""

from __future__ import annotations

from dataclasses import dataclass

from clusternet.messages import ENGLISH, Message, Renderer, message, plural_message

READ = plural_message(
    "fieldform.summary.read",
    "{source} ({platform}): {count} submission read",
    "{source} ({platform}): {count} submissions read",
)
ACCEPTED = plural_message("fieldform.summary.accepted", "{count} accepted", "{count} accepted")
NOT_APPROVED = plural_message(
    "fieldform.summary.not_approved",
    "{count} left out: marked not approved in KoboToolbox",
    "{count} left out: marked not approved in KoboToolbox",
)
REJECTED = plural_message(
    "fieldform.summary.rejected",
    "{count} left out: rejected in ODK Central",
    "{count} left out: rejected in ODK Central",
)
REPLACED = plural_message(
    "fieldform.summary.replaced",
    "{count} left out: the same respondent submitted again later in the round (the latest is kept)",
    "{count} left out: the same respondent submitted again later in the round (the latest is kept)",
)
TIES = plural_message(
    "fieldform.summary.ties",
    "{count} tie row (one per partner and relation) from {partners} partners named",
    "{count} tie rows (one per partner and relation) from {partners} partners named",
)
PARTNER_ROWS_LEFT_OUT = plural_message(
    "fieldform.summary.partner_rows_left_out",
    "{count} partner row left out (see the warnings)",
    "{count} partner rows left out (see the warnings)",
)
ROUND_RESPONDENTS = message(
    "fieldform.summary.round", "round {round}: {respondents} respondents of {actors} actors ({rate:.0%})"
)
UNMATCHED = plural_message(
    "fieldform.summary.unmatched",
    "{count} organisation written in as free text, not on the roster: reconcile it by hand (unmatched.csv)",
    "{count} organisations written in as free text, not on the roster: reconcile them by hand (unmatched.csv)",
)


@dataclass(frozen=True)
class ImportSummary:
    """The counts of one import. ``excluded`` are the submissions left out on the server (not approved
    in KoboToolbox, rejected in ODK Central); ``respondents`` the accepted respondents per round."""

    source: str
    platform: str
    read: int
    accepted: int
    excluded: int
    replaced: int
    partners: int
    partner_rows_left_out: int
    ties: int
    unmatched: int
    respondents: tuple[tuple[str, int], ...]
    actors: int

    def messages(self) -> list[Message]:
        """The summary's lines: read, accepted, each reason for leaving submissions out, respondents by
        round, ties, and the free-text partners to reconcile."""
        excluded = REJECTED if self.platform == "ODK Central" else NOT_APPROVED
        lines = [READ(source=self.source, platform=self.platform, count=self.read), ACCEPTED(count=self.accepted)]
        if self.excluded:
            lines.append(excluded(count=self.excluded))
        if self.replaced:
            lines.append(REPLACED(count=self.replaced))
        for round_label, respondents in self.respondents:
            rate = respondents / self.actors if self.actors else 0.0
            lines.append(ROUND_RESPONDENTS(round=round_label, respondents=respondents, actors=self.actors, rate=rate))
        lines.append(TIES(count=self.ties, partners=self.partners))
        if self.partner_rows_left_out:
            lines.append(PARTNER_ROWS_LEFT_OUT(count=self.partner_rows_left_out))
        lines.append(UNMATCHED(count=self.unmatched))
        return lines

    def text(self, renderer: Renderer = ENGLISH) -> str:
        """The summary as lines for the command line: the first flush, the others indented."""
        rendered = [renderer.render(line) for line in self.messages()]
        return "\n".join([rendered[0], *(f"  {line}" for line in rendered[1:])])
