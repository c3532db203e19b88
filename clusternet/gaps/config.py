"""The thresholds and weights that decide what counts as a gap and how it ranks.

One place, each with its meaning, so that the command line (``--set NAME=VALUE``) and the app
can expose them. A score is ``weight of the kind x intensity``: the weight says how much a broker
should care about that kind of gap in general, the intensity (0..1) how strong this instance is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from clusternet.constants import HIGH_TRUST, LOW_TRUST
from clusternet.messages import message
from clusternet.survey.model import SelectionError

UNKNOWN_SETTING = message("gap.config.unknown_setting", "there is no gaps setting {names}; the settings are {settings}")
NOT_A_NUMBER = message("gap.config.not_a_number", "the gaps setting {name} needs a number, not {value!r}")


@dataclass(frozen=True)
class GapsConfig:
    """Thresholds and weights of the brokerage gaps (see docs/gaps.md)."""

    # What counts as a gap
    low_trust: float = float(LOW_TRUST)
    """A rating at or below this is low trust (1 no trust .. 5 full trust); by default
    :data:`clusternet.constants.LOW_TRUST`."""
    high_trust: float = float(HIGH_TRUST)
    """A rating at or above this is high trust: partners that can vouch, hosts that both sides trust; by
    default :data:`clusternet.constants.HIGH_TRUST`."""
    min_ratings: int = 2
    """Fewest ratings behind an actor's trust received before a low score is reported."""
    min_group_size: int = 3
    """Smallest community, attribute group or segment of firms worth a gap of its own."""
    max_group_values: int = 8
    """Attributes with more distinct values than this (names, counts) are not used as groups."""
    bridge_deficit: float = 0.5
    """Two groups are weakly bridged when their ties fall below this share of what random mixing gives."""
    reach_target: float = 0.2
    """An institution reaches enough firms when it is tied to this share of the cluster's firms."""
    fragmentation_scale: float = 0.2
    """Rise in fragmentation (share of pairs cut apart) on removing one actor that counts as full dependency."""
    dependency_share: float = 0.25
    """An actor holding this share of all betweenness is a dependency even without cutting the network."""
    min_shared_partners: int = 2
    """Trusted partners two unconnected actors must share before an introduction is proposed."""
    max_introductions: int = 25
    """Most introductions listed (the best first): beyond a few dozen a broker cannot act on them."""

    # How much a broker cares about each kind (0..1)
    weight_weak_bridge: float = 1.0
    weight_community_bridge: float = 0.6
    """Weak bridges between Louvain communities weigh less than between villages or sectors: the
    algorithm draws communities where ties are sparse, so some gap between them is by construction."""
    weight_disconnected_component: float = 0.95
    weight_broker_dependency: float = 0.9
    weight_institution_reach: float = 0.85
    weight_unreached_segment: float = 0.85
    weight_isolated_actor: float = 0.7
    weight_peripheral_actor: float = 0.5
    weight_low_trust: float = 0.55
    weight_trust_asymmetry: float = 0.45
    weight_introduction: float = 0.5
    weight_unconfirmed_tie: float = 0.25

    def weight(self, kind: str) -> float:
        """How much a broker cares about gaps of ``kind`` (the field ``weight_<kind>``)."""
        return float(getattr(self, f"weight_{kind}"))

    def with_overrides(self, overrides: dict[str, str | float]) -> GapsConfig:
        """A copy with some values replaced; an unknown name raises ``SelectionError`` listing the valid ones."""
        known = {field.name: field.type for field in fields(self)}
        unknown = [name for name in overrides if name not in known]
        if unknown:
            raise SelectionError(UNKNOWN_SETTING(names=", ".join(map(repr, unknown)), settings=", ".join(known)))
        converted: dict[str, int | float] = {}
        for name, value in overrides.items():
            number_type = int if known[name] in (int, "int") else float
            try:
                converted[name] = number_type(value)
            except ValueError:
                raise SelectionError(NOT_A_NUMBER(name=name, value=value)) from None
        # each value has its field's type (converted above), which mypy cannot follow through the names
        return replace(self, **converted)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, float]:
        return asdict(self)
