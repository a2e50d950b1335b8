"""Correlations between uncertain assumptions (``case.yaml: correlations``): which assumptions
each one names, the pairs it declares, and the checks a case's set of them must pass.

An entry names its assumptions by field path (``between``, the paths of ``--set``:
``initiatives.shared-finance.savings.rate``, ``initiatives.ict.start_delay``) or by a group: every
uncertain assumption of one kind (:data:`model.case.assumptions.GROUP_ASSUMPTIONS`: savings rates
and amounts, one-off costs, recurring costs, income, start delays) of a scenario's initiatives or of
one initiative. Each pair of its assumptions is declared at its coefficient.

An assumption here is an uncertain one: a number carrying a distribution with some spread, or an
initiative's ``start_delay``. Each is known by its :class:`model.case.assumptions.Distribution`
object, which is also how the risk runs find its lever (:mod:`model.risk.correlated`).

Checks (:func:`correlation_problems`), one problem per fault, naming the entry and the path:
a path that names nothing (with the nearest uncertain assumptions), a number without a
distribution, a distribution without spread, an unknown scenario or initiative, a group with
fewer than two uncertain assumptions, a path named twice in one entry, the same pair declared by
two entries, and a set of correlations that cannot hold at once (not positive semi-definite,
:mod:`model.rules.correlation`), naming the assumptions involved. Nothing is repaired.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

from ..rules import correlation
from ..rules.errors import Problem
from . import assumptions as a
from .field_paths import ENTRY_NAMES
from .positions import at, item, join
from .references import Known

#: a path's first part -> (the Case attribute holding it, the list's id field or None)
ROOTS = {"case": ("case", None), "councils": ("councils", "id"), "initiatives": ("initiatives", "id"),
         "workforce": ("workforce", "council")}
#: a group's ``assumptions`` -> the initiative fields it gathers
GROUP_FIELDS = {"savings": ("savings.rate", "savings.amount"), "one_off_costs": ("one_off_costs",),
                "recurring_costs": ("recurring_costs",), "income": ("income",), "start_delays": ("start_delay",)}

GROUP_WORDS = {"savings": "savings", "one_off_costs": "one-off costs", "recurring_costs": "recurring costs",
               "income": "income", "start_delays": "start delays"}


@dataclass(frozen=True)
class Member:
    """One uncertain assumption a correlation names: its field path and its distribution."""

    path: str
    spec: a.Distribution


@dataclass(frozen=True)
class Pair:
    """Two assumptions and the rank correlation declared between them by entry ``entry`` (from 1)."""

    first: Member
    second: Member
    coefficient: float
    entry: int
    source: str


class Unresolved(Exception):
    """A path, scenario or initiative of a correlation that names nothing usable."""


# ------------------------------------------------------------------------------------- paths


def _label(items: Sequence[BaseModel], n: int) -> str:
    """How a path names ``items[n]``: the first of its id, council, category or name that the
    user wrote and that names it alone, else its number from 1 (as :func:`field_paths.find_entry`)."""
    entry = items[n]
    for name in ENTRY_NAMES:
        value = getattr(entry, name, None) if name in entry.model_fields_set else None
        if isinstance(value, str):
            return value if _find(items, value) == n else str(n + 1)
    return str(n + 1)


def _find(items: Sequence[BaseModel], step: str) -> int | None:
    if step.isdigit():
        n = int(step) - 1
        return n if 0 <= n < len(items) else None
    for name in ENTRY_NAMES:
        found = [n for n, entry in enumerate(items)
                 if name in entry.model_fields_set and getattr(entry, name, None) == step]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return None
    return None


def _spec(node: object) -> a.Distribution | None:
    if isinstance(node, a.Sourced):
        return node.distribution
    return node if isinstance(node, a.StartDelay) else None


def _walk(node: object, path: str) -> Iterator[tuple[str, a.Distribution]]:
    spec = _spec(node)
    if spec is not None:
        yield path, spec
    elif isinstance(node, BaseModel) and not isinstance(node, a.Sourced):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list) and node and isinstance(node[0], BaseModel):
        for n, entry in enumerate(node):
            yield from _walk(entry, f"{path}.{_label(node, n)}")
    elif isinstance(node, dict):
        for key, entry in node.items():
            yield from _walk(entry, f"{path}.{key}")


def uncertain_paths(case: a.Case) -> dict[str, a.Distribution]:
    """Every assumption that carries a distribution (with spread or not), by its field path."""
    found: dict[str, a.Distribution] = {}
    for key, (attribute, id_field) in ROOTS.items():
        root = getattr(case, attribute)
        if id_field is None:
            found.update(_walk(root, key))
            continue
        for n, entry in enumerate(root):
            found.update(_walk(entry, f"{key}.{_label(root, n)}"))
    return found


def resolve(case: a.Case, path: str) -> a.Distribution:
    """The distribution of the uncertain assumption at ``path``, or :class:`Unresolved` saying why not."""
    key, *steps = path.strip().split(".")
    if key not in ROOTS:
        raise Unresolved(f"'{key}' is not a case file with uncertain assumptions; paths start with "
                         f"{', '.join(ROOTS)}")
    attribute, id_field = ROOTS[key]
    node: object = getattr(case, attribute)
    if id_field is not None:
        if not steps:
            raise Unresolved(f"name the item of {key} by its id")
        wanted, *steps = steps
        found = [n for n, entry in enumerate(node) if getattr(entry, id_field) == wanted]
        if not found:
            raise Unresolved(f"{key} has no item '{wanted}'")
        node = node[found[0]]
    for step in steps:
        if isinstance(node, a.Sourced) or isinstance(node, a.Distribution):
            raise Unresolved(f"'{step}' goes inside a number; the path of a number ends at its field")
        if isinstance(node, BaseModel):
            if step not in type(node).model_fields:
                raise Unresolved(f"'{step}' is not a field here")
            node = getattr(node, step)
        elif isinstance(node, list) and node and isinstance(node[0], BaseModel):
            n = _find(node, step)
            if n is None:
                raise Unresolved(f"no entry '{step}' (name it by its number from 1, or its id, category or name)")
            node = node[n]
        elif isinstance(node, dict) and step in node:
            node = node[step]
        else:
            raise Unresolved(f"there is nothing to take '{step}' from")
    if node is None:
        raise Unresolved("it is not written in the case")
    spec = _spec(node)
    if spec is None:
        if isinstance(node, a.Sourced):
            raise Unresolved("it carries no distribution, so it is not drawn; give it one, or name an uncertain "
                             "assumption")
        raise Unresolved("it is not a number")
    if not has_spread(spec):
        raise Unresolved("its distribution has no spread (low equals high, or sd 0), so there is nothing to correlate")
    return spec


def has_spread(spec: a.Distribution) -> bool:
    return spec.high > spec.low and not (spec.shape == "truncated_normal" and spec.sd == 0)


def nearest(case: a.Case, path: str, n: int = 3) -> list[str]:
    """The uncertain assumptions' paths closest to ``path`` by spelling."""
    candidates = [p for p, spec in uncertain_paths(case).items() if has_spread(spec)]
    return difflib.get_close_matches(path, candidates, n=n, cutoff=0.5) or [
        c for c in candidates if c.startswith(path.rsplit(".", 1)[0] + ".")][:n]


# ----------------------------------------------------------------------------------- members


def group_members(case: a.Case, group: a.CorrelationGroup,
                  paths: dict[str, a.Distribution] | None = None) -> list[Member]:
    """The uncertain assumptions a group gathers, in initiative order; :class:`Unresolved` for an
    unknown scenario or initiative. ``paths``: the case's :func:`uncertain_paths`, if known."""
    ids = {i.id for i in case.initiatives}
    if group.scenario is not None:
        chosen = next((s for s in case.scenarios if s.id == group.scenario), None)
        if chosen is None:
            hint = _close(group.scenario, [s.id for s in case.scenarios])
            raise Unresolved(f"unknown scenario (not in scenarios.yaml){hint}")
        owners = [i for i in chosen.initiatives if i in ids]
    else:
        if group.initiative not in ids:
            raise Unresolved(f"unknown initiative (not in initiatives.yaml){_close(group.initiative, sorted(ids))}")
        owners = [group.initiative]
    paths = uncertain_paths(case) if paths is None else paths
    members = []
    for owner in owners:
        prefixes = [f"initiatives.{owner}.{field}" for field in GROUP_FIELDS[group.assumptions]]
        members += [Member(p, spec) for p, spec in paths.items()
                    if any(p == pre or p.startswith(pre + ".") for pre in prefixes) and has_spread(spec)]
    return list({id(m.spec): m for m in members}.values())


def _close(name: str, known: list[str]) -> str:
    found = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f"; did you mean '{found[0]}'?" if found else ""


def _canonical(paths: dict[str, a.Distribution]) -> dict[int, str]:
    return {id(spec): path for path, spec in paths.items()}


def declared_pairs(case: a.Case) -> list[Pair]:
    """Every pair the case's correlations declare, entry by entry (a validated case: every path
    resolves). Members are named by their canonical field path."""
    paths = uncertain_paths(case)
    names = _canonical(paths)
    pairs = []
    default = case.case.default_source or "source not stated"
    for n, entry in enumerate(case.case.correlations, start=1):
        pairs += _pairs(_members(case, entry, paths, names), entry, n, default)
    return pairs


def _pairs(members: list[Member], entry: a.Correlation, number: int, default: str) -> list[Pair]:
    """Each pair of ``members`` at the entry's coefficient (entry ``number``, from 1)."""
    source = entry.coefficient.source or entry.source or default
    return [Pair(x, y, float(entry.coefficient.value), number, source)
            for k, x in enumerate(members) for y in members[k + 1:]]


def _members(case: a.Case, entry: a.Correlation, paths: dict[str, a.Distribution],
             names: dict[int, str]) -> list[Member]:
    if entry.group is not None:
        return group_members(case, entry.group, paths)
    specs = [resolve(case, path) for path in entry.between]
    return [Member(names.get(id(spec), path), spec) for spec, path in zip(specs, entry.between)]


def rank_matrix(members: list[Member], pairs: list[Pair]) -> np.ndarray:
    """The declared rank correlations among ``members`` (1 on the diagonal, 0 where none is declared)."""
    index = {id(m.spec): k for k, m in enumerate(members)}
    matrix = np.eye(len(members))
    for pair in pairs:
        i, j = index[id(pair.first.spec)], index[id(pair.second.spec)]
        matrix[i, j] = matrix[j, i] = pair.coefficient
    return matrix


def distinct_members(pairs: list[Pair]) -> list[Member]:
    return list({id(m.spec): m for pair in pairs for m in (pair.first, pair.second)}.values())


# -------------------------------------------------------------------------------------- checks


def correlation_problems(case: a.Case, file: str, known: Known) -> list[Problem]:
    """Everything wrong with the case's correlations (see the module's docstring)."""
    if not known.case or case.case is None or not case.case.correlations or _ids_twice(case):
        return []
    entries = case.case.correlations
    paths = uncertain_paths(case)
    names = _canonical(paths)
    problems: list[Problem] = []
    pairs: list[Pair] = []
    complete = all(ids.complete for ids in (known.councils, known.initiatives, known.scenarios, known.workforce))
    for n, entry in enumerate(entries):
        where = at("correlations", entries, n)
        found, ok = _entry_members(case, entry, where, file, paths, names, known, problems)
        if not ok:
            complete = False
            continue
        pairs += _pairs(found, entry, n + 1, "")
    problems += _twice(pairs, entries, file)
    if complete and not problems and pairs:
        problems += _holds_together(pairs, file)
    return problems


def _ids_twice(case: a.Case) -> bool:
    """Whether an id is used twice (reported by the checks across files): paths could not tell which is meant."""
    lists = ([c.id for c in case.councils], [i.id for i in case.initiatives], [s.id for s in case.scenarios],
             [w.council for w in case.workforce])
    return any(len(set(ids)) < len(ids) for ids in lists)


def _entry_members(case: a.Case, entry: a.Correlation, where: str, file: str, paths: dict[str, a.Distribution],
                   names: dict[int, str], known: Known, problems: list[Problem]) -> tuple[list[Member], bool]:
    """The members of one entry, with its problems added to ``problems``; ``ok`` is False when
    any member could not be found (or could not be told)."""
    if entry.group is not None:
        group = entry.group
        owner = "scenario" if group.scenario is not None else "initiative"
        ident = group.scenario or group.initiative
        if getattr(known, f"{owner}s").refers(ident) is None:
            return [], False
        try:
            found = group_members(case, group, paths)
        except Unresolved as exc:
            problems.append(Problem(file, join(where, "group", owner), str(exc), value=ident))
            return [], False
        if group.scenario is not None and not known.initiatives.complete:
            return found, False
        if len(found) < 2:
            what = GROUP_WORDS[group.assumptions]
            problems.append(Problem(file, join(where, "group"), f"the group has {len(found)} uncertain "
                                    f"assumption{'' if len(found) == 1 else 's'} (the {owner}'s {what} that carry a "
                                    "distribution with a spread); a correlation needs two or more: give them "
                                    "distributions, or remove the group",
                                    value=f"{owner} {ident}, {group.assumptions}"))
            return found, False
        return found, True
    found, ok, seen = [], True, {}
    for m, path in enumerate(entry.between):
        here = join(where, "between", item("between", entry.between, m))
        if _unknown_item(path, known):
            ok = False
            continue
        try:
            spec = resolve(case, path)
        except Unresolved as exc:
            close = nearest(case, path)
            hint = f"; the nearest uncertain assumptions: {', '.join(close)}" if close else ""
            problems.append(Problem(file, here, f"cannot be correlated: {exc}{hint}", value=path))
            ok = False
            continue
        if id(spec) in seen:
            problems.append(Problem(file, here, f"names the same assumption as item {seen[id(spec)]} of this "
                                    "list; name each once", value=path))
            ok = False
            continue
        seen[id(spec)] = m + 1
        found.append(Member(names.get(id(spec), path), spec))
    return found, ok


def _unknown_item(path: str, known: Known) -> bool:
    """Whether a path names an item that failed validation (said once, there)."""
    key, _, rest = path.strip().partition(".")
    lists = {"councils": known.councils, "initiatives": known.initiatives, "workforce": known.workforce}
    return key in lists and lists[key].refers(rest.split(".", 1)[0]) is None


def _twice(pairs: list[Pair], entries: list[a.Correlation], file: str) -> list[Problem]:
    problems, first = [], {}
    for pair in pairs:
        key = frozenset((id(pair.first.spec), id(pair.second.spec)))
        if key not in first:
            first[key] = pair
            continue
        earlier = first[key]
        problems.append(Problem(file, at("correlations", entries, pair.entry - 1),
                                f"declares the pair {pair.first.path} and {pair.second.path} again (item "
                                f"{earlier.entry} declares it at {earlier.coefficient:g}); give each pair once",
                                value=pair.coefficient))
    return problems


def _holds_together(pairs: list[Pair], file: str) -> list[Problem]:
    members = distinct_members(pairs)
    matrix = rank_matrix(members, pairs)
    if correlation.holds_together(matrix) and correlation.holds_together(correlation.scores_correlation(matrix)):
        return []
    bad = matrix if not correlation.holds_together(matrix) else correlation.scores_correlation(matrix)
    lowest, _ = correlation.lowest_eigen(bad)
    named = [members[k].path for k in correlation.involved(bad)]
    return [Problem(file, "correlations", "these correlations contradict each other: no draws can have them all at "
                    f"once (their matrix is not positive semi-definite; lowest eigenvalue {lowest:.3g}). Lower some "
                    f"of the coefficients among {', '.join(named)}", has_value=False)]
