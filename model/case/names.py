"""The one source of display names: councils, scenarios, initiatives and cost categories.

A name is shown as the case declares it. A scenario or initiative may declare a ``short_name``;
its **display name** is the short name when there is one, else the name, and that one display
name is used in every chart, title, sentence, table and workbook, so the same option is never
called two things. Tables that list scenarios also show the full name where a short name was
declared. Nothing here cuts a name at its punctuation or changes its capitals.

A council's display name is its declared ``short_name``, else its name without its type
("South Somerset District Council" -> "South Somerset"); tables use the full name.
"""
from __future__ import annotations

from . import assumptions as a

COUNCIL_SUFFIXES = (
    " Metropolitan Borough Council", " Royal Borough Council", " District Council", " Borough Council",
    " City Council", " County Council", " Council",
)

#: one-off and recurring cost categories as a reader would write them
CATEGORY_NAMES = {
    "redundancy": "Redundancy",
    "pension_strain": "Pension strain",
    "ict": "ICT",
    "programme_team": "Programme team",
    "legal": "Legal",
    "tax_and_pensions_advice": "Tax and pensions advice",
    "consultation": "Consultation",
    "rebranding": "Rebranding",
    "recruitment": "Recruitment",
    "accommodation": "Accommodation",
    "separation": "Separation",
    "shadow_authority": "Shadow authority",
    "elections": "Elections",
    "closedown": "Closing down the old councils",
    "disaggregation": "Disaggregation",
    "other": "Other",
}
#: the categories of a reorganisation's savings (``savings.category``)
SAVINGS_CATEGORY_NAMES = {
    "senior_management": "Senior management",
    "members_and_elections": "Members and elections",
    "back_office": "Back office",
    "property": "Property",
    "third_party_spend": "Third-party spend",
    "service_redesign": "Service redesign",
    "other": "Other",
}

#: names that start with one of these read as an instruction ("End the partnership"), so inside a
#: sentence they are quoted rather than run into it
LEADING_VERBS = frozenset({
    "bring", "combine", "continue", "create", "dissolve", "do", "end", "establish", "exit", "expand", "extend",
    "form", "go", "integrate", "join", "keep", "leave", "merge", "move", "outsource", "pool", "remain", "retain",
    "set", "share", "stand", "stay", "stop", "transfer", "wait",
})
#: names holding one of these after their first word read as a clause ("Each council stands alone",
#: "As is"), so inside a sentence they are quoted: "“Each council stands alone” ranks last"
CLAUSE_VERBS = frozenset({
    "is", "are", "stands", "stand", "stays", "continues", "remains", "goes", "becomes", "joins", "leaves",
    "merges", "takes",
})
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"
#: a leading article is grammar, not part of the name: lower-cased mid-sentence
ARTICLES = frozenset({"A", "An", "The"})


# ---------------------------------------------------------------------------------------- councils


def short_council_name(name: str) -> str:
    """``"South Somerset District Council"`` -> ``"South Somerset"``: the name without its type."""
    for suffix in COUNCIL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            rest = name[: -len(suffix)]
            if rest.endswith((" &", " and")):
                # "St Albans & District Council": "District" is part of the name, not its type
                return name[: -len(" Council")] if suffix != " Council" else name
            return rest
    return name


def council(case: a.Case, council_id: str) -> a.Council | a.Successor:
    """The council of a case, or a successor council of one of its scenarios, by id."""
    for item in case.councils:
        if item.id == council_id:
            return item
    for successor in case.successors:
        if successor.id == council_id:
            return successor
    known = ", ".join(case.council_ids + [s.id for s in case.successors])
    raise KeyError(f"no council {council_id!r} in case {case.id!r} (councils: {known})")


def council_name(case: a.Case, council_id: str, short: bool = True) -> str:
    """The council's display name (short by default: "South Somerset"), or its full name."""
    found = council(case, council_id)
    if not short:
        return found.name
    return found.short_name or short_council_name(found.name)


def council_names(case: a.Case, short: bool = True) -> dict[str, str]:
    """Council id -> display name (short by default), in the case's order, then any successor's."""
    return {c.id: council_name(case, c.id, short) for c in list(case.councils) + case.successors}


# ------------------------------------------------------------------------- scenarios, initiatives


def scenario(case: a.Case, scenario_id: str) -> a.Scenario:
    for item in case.scenarios:
        if item.id == scenario_id:
            return item
    raise KeyError(f"no scenario {scenario_id!r} in case {case.id!r}")


def scenario_name(case: a.Case, scenario_id: str) -> str:
    """The scenario's display name: its ``short_name`` if declared, else its name, as written."""
    found = scenario(case, scenario_id)
    return found.short_name or found.name


def scenario_names(case: a.Case) -> dict[str, str]:
    """Scenario id -> display name, in the case's order."""
    return {s.id: s.short_name or s.name for s in case.scenarios}


def full_scenario_names(case: a.Case) -> dict[str, str]:
    """Scenario id -> full name where a short name is declared (for a table's "in full" column)."""
    return {s.id: s.name for s in case.scenarios if s.short_name and s.short_name != s.name}


def display(item) -> str:
    """The display name of anything that has a ``name`` and may have a ``short_name``."""
    return getattr(item, "short_name", None) or item.name


# ------------------------------------------------------------------------------------ categories


def category_name(category: str) -> str:
    """A one-off or recurring cost category in plain English: ``pension_strain`` -> "Pension
    strain", ``ict`` -> "ICT"; a category not listed reads as its words."""
    if category in CATEGORY_NAMES:
        return CATEGORY_NAMES[category]
    text = category.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------- inside sentences


def is_quoted(name: str) -> bool:
    return name.startswith((OPEN_QUOTE, '"', "'")) and name.endswith((CLOSE_QUOTE, '"', "'")) and len(name) > 1


def needs_quotes(name: str) -> bool:
    """Whether a name would break the sentence around it: it holds a comma, colon, semicolon or
    bracket (the sentence's own brackets would run into it: "Joint authority (phase 1) (£1.2m a
    year"), starts with a verb ("End the partnership") or reads as a clause ("Each council stands
    alone ranks last")."""
    words = name.lower().split()
    return (any(mark in name for mark in ",;:()") or bool(words) and words[0] in LEADING_VERBS
            or any(word in CLAUSE_VERBS for word in words[1:]))


def in_sentence(name: str) -> str:
    """A display name placed inside a sentence: as written, in quotation marks when it would break
    the sentence (:func:`needs_quotes`: a comma, colon, semicolon or bracket, a leading verb, a
    clause), so the sentence around it still parses ("\u201cOne team, a single new council\u201d").
    A leading article is lower-cased ("a new local partnership"); nothing else changes. A name
    already in quotes is left alone."""
    if is_quoted(name):
        return name
    first, _, rest = name.partition(" ")
    if needs_quotes(name):
        return f"{OPEN_QUOTE}{name}{CLOSE_QUOTE}"
    if first in ARTICLES and rest:  # "A new local partnership" reads "a new local partnership" mid-sentence
        return f"{first.lower()} {rest}"
    return name
