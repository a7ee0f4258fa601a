"""The ontology's closed lists, named once: observation kinds and statuses, place levels, and the
classes of initiatives, places and organisations.

The builder writes these terms, the views draw them and the build summary counts them, so each list
lives here, beside ``policykg.ttl``; a test checks every name against the ontology.
"""

from __future__ import annotations

KINDS: dict[str, str] = {
    "level": "Level",
    "count": "Count",
    "change": "Change",
    "growth_rate": "GrowthRate",
    "share": "Share",
    "rank": "Rank",
}
"""Observation kind as the contract query writes it → local name of its ``pkg:ObservationKind``."""

STATUSES: dict[str, str] = {"actual": "Actual", "target": "Target"}
"""Observation status → local name of its ``pkg:ObservationStatus``."""

ROLES: dict[str, str] = {"result": "Result", "context": "Context", "descriptor": "Descriptor"}
"""Observation role as the contract query writes it → local name of its ``pkg:ObservationRole``."""

RANK_SCOPES: dict[str, str] = {
    "national": "NationalScope",
    "global": "GlobalScope",
    "regional": "RegionalScope",
    "provincial": "ProvincialScope",
}
"""Rank scope as the contract query writes it → local name of its ``pkg:RankScope``."""

PLACE_LEVELS: dict[str, str] = {
    "country": "Country",
    "province": "Province",
    "prefecture": "PrefectureCity",
    "county": "County",
    "township": "Township",
    "village": "Village",
    "region": "Region",
}
"""Place level → the place class used as its type and as ``pkg:placeLevel``."""

INITIATIVE_CLASSES: tuple[str, ...] = (
    "Policy",
    "Programme",
    "Project",
    "Platform",
    "Mechanism",
    "Campaign",
    "Event",
    "Designation",
    "Initiative",
)
"""``pkg:Initiative`` and its subclasses, most specific first."""

PLACE_CLASSES: tuple[str, ...] = (
    "Province",
    "PrefectureCity",
    "County",
    "Township",
    "Village",
    "Region",
    "Country",
    "Place",
)
"""``pkg:Place`` and its subclasses, most specific first."""

ORGANISATION_CLASSES: tuple[str, ...] = (
    "GovernmentAgency",
    "Legislature",
    "PartyCommittee",
    "PoliticalParty",
    "Company",
    "Bank",
    "University",
    "Academy",
    "ResearchInstitute",
    "Hospital",
    "Media",
    "Forum",
    "Organization",
)
"""``pkg:Organization`` and its subclasses."""
