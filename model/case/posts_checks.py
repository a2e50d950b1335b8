"""Checks of an initiative's ``posts_removed`` against the staff profile: each named post is held by
people in the profile of a council taking part, no more of them go than hold it, in one initiative
or across the initiatives of a scenario.

Messages name the post title and service as the case files write them, never anyone's age or pay.
"""
from __future__ import annotations

from collections import defaultdict

from ..rules.errors import Problem
from . import assumptions as a
from .positions import at, item, join

PostKey = tuple[str, str, str]  # council, service, post


def post_holders(case: a.Case) -> dict[PostKey, tuple[float, float]]:
    """(council, service, post) -> (people, FTE) of the staff profile's rows that hold it."""
    held: dict[PostKey, tuple[float, float]] = {}
    rows = [(r.council, r.service, r.post, 1, r.fte) for r in case.staff]
    rows += [(r.council, r.service, r.post, r.headcount, r.fte) for r in case.staff_bands]
    for council, service, post, people, fte in rows:
        if post is not None:
            before = held.get((council, service, post), (0, 0.0))
            held[(council, service, post)] = (before[0] + people, before[1] + fte)
    return held


def named_posts_problems(case: a.Case, files: dict[str, str], members_of, council_refers) -> list[Problem]:
    """``members_of(initiative)`` gives (council ids that validated, whether that is all of them);
    ``council_refers(id)`` is True, False or None (cannot tell) as in :mod:`model.case.references`."""
    file = files["initiatives"]
    held = post_holders(case)
    profiled = case.profiled_councils
    problems: list[Problem] = []
    for n, initiative in enumerate(case.initiatives):
        where = at("initiatives", case.initiatives, n)
        members, complete = members_of(initiative)
        for m, post in enumerate(initiative.posts_removed):
            place = join(where, "posts_removed", item("posts_removed", initiative.posts_removed, m))
            problem = _one_post(post, place, file, held, profiled, members, complete, council_refers)
            if problem is not None:
                problems.append(problem)
    return problems + _across_scenarios(case, files, held)


def _one_post(post: a.NamedPost, place: str, file: str, held: dict[PostKey, tuple[float, float]],
              profiled: set[str], members: set[str], complete: bool, council_refers) -> Problem | None:
    if post.council not in members:
        if council_refers(post.council) is False:
            return Problem(file, join(place, "council"), "unknown council (not in councils.yaml)", value=post.council)
        if complete:
            return Problem(file, join(place, "council"), "council is not part of this initiative", value=post.council)
        return None
    if post.council not in profiled:
        return Problem(file, join(place, "council"), f"{post.council} has no staff profile (staff.csv or "
                       "staff_bands.csv), so a post cannot be named there", value=post.council)
    holders = held.get((post.council, post.service, post.post), (0, 0.0))[0]
    if holders == 0:
        titles = sorted({key[2] for key in held if key[:2] == (post.council, post.service)})
        there = (f"; the posts named in {post.service} there are " + ", ".join(repr(t) for t in titles)
                 if titles else f"; no row of its staff profile in {post.service} has a 'post'")
        return Problem(file, join(place, "post"), f"no one in {post.council}'s staff profile holds this post in "
                       f"{post.service}{there}", value=post.post)
    if post.number > holders:
        return Problem(file, join(place, "number"), f"removes {post.number} {post.post!r} posts at {post.council}, "
                       f"but its staff profile has {holders}", value=post.number)
    return None


def _across_scenarios(case: a.Case, files: dict[str, str], held: dict[PostKey, tuple[float, float]]) -> list[Problem]:
    """The initiatives of one scenario may not remove more people from a post than hold it."""
    by_id = {initiative.id: initiative for initiative in case.initiatives}
    problems = []
    for n, scenario in enumerate(case.scenarios):
        taken: dict[PostKey, list[tuple[str, int]]] = defaultdict(list)
        for ref in dict.fromkeys(scenario.initiatives):
            for post in by_id[ref].posts_removed if ref in by_id else []:
                taken[(post.council, post.service, post.post)].append((ref, post.number))
        for key, uses in taken.items():
            holders = held.get(key, (0, 0.0))[0]
            if len(uses) > 1 and 0 < holders < sum(number for _, number in uses):
                names = " and ".join(ref for ref, _ in uses)
                problems.append(Problem(files["scenarios"], join(at("scenarios", case.scenarios, n), "initiatives"),
                                        f"{names} both remove the post {key[2]!r} in {key[1]} at {key[0]}: "
                                        f"{sum(number for _, number in uses)} in all, but its staff profile has "
                                        f"{holders}", value=key[2]))
    return problems
