"""Words tested as words (issue 13, item 6): every sentence and title the model writes, for every
example case and the synthetic edge cases of ``tests/words_corpus.py``, snapshot-tested and checked
by rules.

* the snapshot: ``tests/snapshots/words/<case>.txt``, one line per sentence or title, compared byte
  for byte; ``UPDATE_WORDS=1`` writes it (read the diff before committing it);
* the rules, on every line: the figures equal the summary's figures formatted with ``money()``
  (a gap, a net present value, recurring savings, what is left to find, the partnership's savings,
  the optimism-bias view); every scenario name appears as declared; typography; singular and
  plural; comparisons are never the best, the closest nor the focus.

No rule builds its expected text with the function that wrote the line: names are looked up in
the case, figures in ``results.summary``, and the allowed forms of a name are written out here.
"""
from __future__ import annotations

import difflib
import os
import re

import pytest

from model.case import names
from model.rules.formats import money

from words_corpus import build, case_ids, snapshot_path

CASES = case_ids()
MONEY = r"-?£\d{1,3}(?:,\d{3})*(?:\.\d+)?[mk]?"
OPEN, CLOSE = "\u201c", "\u201d"

#: names that read as a clause or an instruction and so are quoted inside a sentence (written out
#: by hand, not from the code that decides it)
QUOTED_NAMES = {"End the partnership", "End the shared management arrangement", "Each council stands alone",
                "Breckland stands alone", "South Holland stands alone", "As is",
                "Wait for local government reorganisation"}
#: names that read as plural, so their verbs are plural
PLURAL_NAMES = {"Shared services", "Solo business cases"}


@pytest.fixture(scope="module", params=CASES)
def corpus(request):
    return build(request.param)


# ------------------------------------------------------------------------------------- snapshot


@pytest.mark.parametrize("case_id", CASES)
def test_snapshot(case_id):
    text = build(case_id).text()
    path = snapshot_path(case_id)
    if os.environ.get("UPDATE_WORDS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_WORDS=1, then read it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "snapshot", "now",
                                              lineterm="", n=0))
        pytest.fail(f"the words for {case_id} changed (UPDATE_WORDS=1 to accept):\n{diff}")


def test_every_case_has_lines(corpus):
    councils = {line.council for line in corpus.lines}
    assert set(corpus.results.case.council_ids) <= councils
    assert "partnership" in councils


# -------------------------------------------------------------------------------------- helpers


def display_names(results) -> dict[str, str]:
    """Scenario id -> the declared display name (short_name, else name), read from the case."""
    return {s.id: s.short_name or s.name for s in results.case.scenarios}


def forms(name: str) -> list[str]:
    """The ways a declared name may be written in a sentence: as declared, with a leading article
    lower-cased, with a capital first letter (at a sentence start), or in quotation marks."""
    found = [name, f"{OPEN}{name}{CLOSE}"]
    first, _, rest = name.partition(" ")
    if first in ("A", "An", "The") and rest:
        found.append(f"{first.lower()} {rest}")
    found.append(name[:1].upper() + name[1:])
    return list(dict.fromkeys(found))


def pattern(name: str) -> str:
    """A regex matching any allowed form of the name, not inside a longer word."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms(name), key=len, reverse=True))
    return r"(?<![\w\u201c])(?:" + alternatives + r")(?![\w])"


def council_display(results) -> dict[str, str]:
    """Council id -> display name: declared short name, else the name without its type (written here)."""
    suffixes = (" District Council", " Borough Council", " County Council", " City Council", " Council")
    shown = {}
    for c in results.case.councils:
        name = c.name
        for suffix in suffixes:
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        shown[c.id] = c.short_name or name
    return shown


def row(results, scenario: str, council: str):
    summary = results.summary
    return summary[(summary.scenario == scenario) & (summary.council == council)].iloc[0]


def total(results, scenario: str, column: str) -> float:
    summary = results.summary
    return float(summary[summary.scenario == scenario][column].sum())


def named(results, text: str) -> list[str]:
    """The scenarios named in ``text`` (by any allowed form of their display name)."""
    return [s for s, name in display_names(results).items() if re.search(pattern(name), text)]


def plain(line) -> str:
    """A line's text without its markdown bullet (the workforce summary's "- **Name**: ...")."""
    return re.sub(r"^- \*\*(.+?)\*\*: ", r"\1: ", line.text)


# ---------------------------------------------------------------------------------- the figures


def test_gap_figures(corpus):
    """ "X's £4.1m gap" and "X needs £4.1m a year of savings" show the council's final-year gap."""
    results, checked = corpus.results, 0
    short = council_display(results)
    full = {c.id: c.name for c in results.case.councils}
    for line in corpus.lines:
        for council, name in short.items():
            gap = money(row(results, results.case.scenarios[0].id, council).final_year_savings_required)
            # a name inside a longer one is not it: "Suffolk" in "East Suffolk's" (Suffolk's councils)
            everyone = list(short.values()) + [names.council_name(results.case, c.id) for c in results.case.successors]
            longer = [other for other in everyone if other != name and other.endswith(" " + name)]
            text = line.text
            for other in longer:
                text = text.replace(other, "~" * len(other))
            for found in re.findall(r"(?<![\w~])" + re.escape(name) + rf"'s ({MONEY}) gap", text):
                assert found == gap, f"{line.render()}: {name}'s gap is {gap}"
                checked += 1
            for found in re.findall(re.escape(full[council]) + rf" needs ({MONEY}) a year of savings", line.text):
                assert found == gap, line.render()
                checked += 1
    assert checked >= len(results.case.councils)


def npv_of(results, scenario: str, council: str) -> str:
    if council == "partnership":
        return money(total(results, scenario, "npv"))
    return money(row(results, scenario, council).npv)


def test_npv_figures(corpus):
    """The highest net present value, and the best of none positive, are the summary's NPV of the
    scenarios the sentence names (summed over the councils for the partnership)."""
    results, checked = corpus.results, 0
    shapes = [
        rf"^(?P<names>.+?) (?:has|have) the highest net present value(?: for [^,]+)?, (?P<money>{MONEY})",
        rf"^The highest net present value is under (?P<names>.+?): (?P<money>{MONEY}) over",
        rf"the best(?: options)?, (?P<names>.+?), (?:is|are at) (?P<money>{MONEY})$",
        rf"; the best (?:is|are) (?P<names>.+?), at (?P<money>{MONEY})\.$",
    ]
    for line in corpus.lines:
        if line.kind.startswith(("npv_distribution", "risk_")) or line.council == "options":
            continue  # medians and draws, not the summary's NPV
        for shape in shapes:
            match = re.search(shape, line.text)
            if not match:
                continue
            scenarios = named(results, match["names"])
            assert scenarios, f"{line.render()}: names no scenario of the case"
            for scenario in scenarios:
                assert match["money"] == npv_of(results, scenario, line.council), line.render()
                checked += 1
    # every council with an option to the end of the period (an option that replaces it is not its own)
    present, roles = results.inputs.present(), [s.role for s in results.case.scenarios]
    with_options = [c for n, c in enumerate(results.case.council_ids)
                    if any(present[s, n, -1] for s, role in enumerate(roles) if role == "option")]
    assert checked >= len(with_options)


def test_recurring_savings_figures(corpus):
    """In a council's findings, "Name (£1.2m a year, leaving £2.9m to find)" and "(£4.5m a year,
    £411k more than needed)" are the summary's final-year recurring savings and the difference from
    the gap."""
    results, checked = corpus.results, 0
    for line in corpus.lines:
        if line.kind != "council_findings":
            continue
        for scenario, name in display_names(results).items():
            summary = results.summary
            if summary[(summary.scenario == scenario) & (summary.council == line.council)].empty:
                continue  # a scenario without the council (one that replaces it, or before a successor)
            figures = row(results, scenario, line.council)
            saving, gap = figures.final_year_recurring_savings, figures.final_year_savings_required
            for cost, amount, rest in re.findall(pattern(name) + rf" \((a net cost of )?({MONEY}) a year([^)]*)\)",
                                                 line.text):
                assert amount == money(-saving if cost else saving), line.render()
                left = re.search(rf"leaving ({MONEY}) to find", rest)
                if left:
                    assert left[1] == money(gap - saving), line.render()
                spare = re.search(rf"({MONEY}) more than needed", rest)
                if spare:
                    assert spare[1] == money(saving - gap), line.render()
                checked += 1
    if any(line.kind == "council_findings" and "a year" in line.text and "(" in line.text for line in corpus.lines):
        assert checked


def test_partnership_savings_figures(corpus):
    """ "Under X the councils save £7.5m over the period: A £3.9m (52%) ..." are the summary's
    total gross savings of the scenario, in total and by council."""
    results, checked = corpus.results, 0
    short = council_display(results)
    for line in corpus.lines:
        if line.kind != "partnership_findings":
            continue
        for scenario, name in display_names(results).items():
            match = re.search(rf"^Under {pattern(name)} the councils save ({MONEY}) over the period: (.*)$", line.text)
            if not match:
                continue
            assert match[1] == money(total(results, scenario, "total_gross_savings")), line.render()
            for council, council_name in short.items():
                each = re.search(rf"(?<![\w&]){re.escape(council_name)} ({MONEY}) \(", match[2])
                if each:
                    assert each[1] == money(row(results, scenario, council).total_gross_savings), line.render()
            checked += 1
    assert checked or not any(o for o in results.case.scenarios if o.role != "baseline")


def test_optimism_bias_figures(corpus):
    """ "from £2.4m to £1.5m under X": the plan's NPV and the adjusted summary's NPV."""
    results = corpus.results
    adjusted = results.summary_adjusted
    for line in corpus.lines:
        if line.kind != "optimism_bias_sentence":
            continue
        for scenario, name in display_names(results).items():
            for plan, biased in re.findall(rf"from ({MONEY}) to ({MONEY}) under {pattern(name)}", line.text):
                assert plan == money(row(results, scenario, line.council).npv), line.render()
                view = adjusted[(adjusted.scenario == scenario) & (adjusted.council == line.council)].iloc[0]
                assert biased == money(view.npv), line.render()


# ------------------------------------------------------------------------------------- the names


def test_names_as_declared(corpus):
    """Every option is named somewhere, and a name holding a comma, semicolon, colon or bracket,
    or one that reads as a clause, is in quotation marks wherever it is named. A name cut at its
    first comma never appears on its own."""
    results = corpus.results
    shown = display_names(results)
    text = "\n".join(plain(line) for line in corpus.lines)
    for scenario in results.case.scenarios:
        if scenario.role == "option":
            assert re.search(pattern(shown[scenario.id]), text), f"{shown[scenario.id]!r} is never named"
    declared = set(shown.values())
    for item in results.case.initiatives:
        declared.add(item.short_name or item.name)
    declared |= option_names(results)
    for name in declared:
        quoted = any(mark in name for mark in ",;:()") or name in QUOTED_NAMES
        for line in corpus.lines:
            body = plain(line)
            if line.kind == "workforce_summary" and body.startswith(name + ": "):
                body = body[len(name) + 2:]  # a bullet's bold heading is the name itself
            for match in re.finditer(r"(?<![\w\u201c])" + re.escape(name) + r"(?![\w])", body, flags=re.I):
                if quoted:
                    before, after = body[:match.start()], body[match.end():]
                    assert before.endswith(OPEN) and after.startswith(CLOSE), \
                        f"{line.render()}: {name!r} is not quoted"
        if "," in name:
            head = name.split(",")[0]
            if head in declared:
                continue
            for line in corpus.lines:
                rest = without_names(line.text, declared)
                assert not re.search(r"(?<![\w])" + re.escape(head) + r"(?![\w])", rest, flags=re.I), \
                    f"{line.render()}: {name!r} cut at its comma"


def option_names(results) -> set[str]:
    """The display names of the options of the case's options appraisal (options.yaml), if any."""
    spec = results.case.options
    return {o.short_name or o.name for o in spec.options} if spec is not None else set()


def without_names(text: str, declared) -> str:
    """``text`` with every declared name (in any allowed form) taken out, longest first."""
    for name in sorted(declared, key=len, reverse=True):
        text = re.sub(pattern(name), "…", text)
    return text


def test_names_keep_their_capitals(corpus):
    """A name is never lower-cased mid-sentence, but for a leading article."""
    initiatives = {item.short_name or item.name for item in corpus.results.case.initiatives}
    initiatives |= option_names(corpus.results)
    for scenario in corpus.results.case.scenarios:
        name = scenario.short_name or scenario.name
        first, _, rest = name.partition(" ")
        if first in ("A", "An", "The") or name[:1].islower():
            continue
        lowered = name[:1].lower() + name[1:]
        for line in corpus.lines:
            rest = without_names(line.text, initiatives - {name})
            assert not re.search(r"(?<![\w\u201c])" + re.escape(lowered) + r"(?![\w])", rest), line.render()


# ------------------------------------------------------------------------------------ typography

FORBIDDEN = {
    ") (": "doubled brackets", "((": "doubled brackets", "))": "doubled brackets",
    '""': "doubled quotes", OPEN + OPEN: "doubled quotes", CLOSE + CLOSE: "doubled quotes",
    OPEN + CLOSE: "empty quotes", "  ": "a double space", " ,": "a space before a comma", "..": "two full stops",
    " .": "a space before a full stop", "£0 gap": "a gap of nothing", ";;": "doubled semicolons",
    ", ,": "doubled commas", " ;": "a space before a semicolon", "£-": "a minus after the pound sign",
}


def test_typography(corpus):
    for line in corpus.lines:
        text = plain(line)
        for mark, what in FORBIDDEN.items():
            assert mark not in text, f"{line.render()}: {what} ({mark!r})"
        assert not re.search(r"-£0(?![.\d])", text), f"{line.render()}: minus nothing"
        assert not re.search(r"-£0\.0+(?!\d)", text), f"{line.render()}: minus nothing"
        assert not re.search(r"£[1-9][\d,.]*[mk]? \((?:0|100)%\)", text), \
            f"{line.render()}: a share of something shown as 0% (or of less than all as 100%)"
        assert text.count(OPEN) == text.count(CLOSE), f"{line.render()}: unbalanced quotation marks"
        assert text.count("(") == text.count(")"), f"{line.render()}: unbalanced brackets"
        assert text == text.strip(), f"{line.render()}: spaces at an end"
        starts_well = re.match(r"[A-Z0-9£]|\u201c[A-Z0-9]", text)
        assert starts_well, \
            f"{line.render()}: a sentence starts in lower case"
        for start in re.findall(r"[.!?] (\S)", text):
            assert re.match(r"[A-Z0-9£\u201c]", start), f"{line.render()}: a sentence starts in lower case"
        if line.is_title:
            assert not text.endswith((".", ";", ",", ":")), f"{line.render()}: a title ends with a stop"
        else:
            assert text.endswith("."), f"{line.render()}: a sentence without a full stop"


# -------------------------------------------------------------------------------------- grammar

SINGULAR_PLURAL = [
    r"\b1 options\b", r"\b1 of \d+ options close\b", r"\b(?:[02-9]|\d\d+) of \d+ options closes\b",
    r"\bone options?\b (?:are|have|close|do|pay)\b", r"\bNo options?\b (?:close|have|pay|do|meet)\b",
    r"(?<!of )\b(?:[2-9]|\d\d+) options (?:closes|has|does|pays|meets)\b", r"\b1 option (?:close|have|do)\b",
    r"\bthe closest options, .+?, leaves\b", r"\bthe closest, .+?, leave\b",
    r"(?<!share of )\bthe (?:savings|one-off costs|recurring costs|costs) of (?:\u201c[^\u201d]*\u201d|[^;:,\u201c]*?) "
    r"(?:falls|rises|moves)\b",
    r"\bEvery option (?:close|have|pay)\b", r"\bthe best options, .+?, is\b", r"\bthe best, .+?, are\b",
    r"\b(?:[2-9]|\d\d+) options do not pays\b", r"\bpeople (?:is|was)\b", r"\b1 people\b",
    r"\b1 assumptions\b", r"\b(?:[2-9]|\d\d+) assumption\b",
]


def test_singular_and_plural(corpus):
    for line in corpus.lines:
        for rule in SINGULAR_PLURAL:
            assert not re.search(rule, line.text), f"{line.render()}: {rule}"
        for name in PLURAL_NAMES:
            assert not re.search(pattern(name) + r"(?: \([^)]*\))? (?:has|does|closes|pays)\b", line.text), \
                f"{line.render()}: {name!r} takes a plural verb"


def test_no_determiner_before_a_possessive(corpus):
    """ "the South Somerset's share": a council's possessive takes no article."""
    councils = "|".join(re.escape(name) for name in council_display(corpus.results).values())
    for line in corpus.lines:
        assert not re.search(rf"\bthe (?:{councils})'s\b", line.text), line.render()


def test_no_range_from_a_figure_to_itself(corpus):
    for line in corpus.lines:
        for low, high in re.findall(rf"from ({MONEY}(?: a year)?|\d[\d.]*%) to ({MONEY}(?: a year)?|\d[\d.]*%)",
                                    line.text):
            assert low != high, f"{line.render()}: from {low} to {high}"


# ------------------------------------------------------------------------------------ comparisons

BEST_WORDS = ("highest net present value", "highest median net present value", "the best", "look closely at",
              "the closest", "best chance", "saves most", "loses most", "pays back soonest", "pay back soonest")


def test_comparisons_are_never_the_best(corpus):
    """A comparison scenario (a published total, a variant) is never the best, the closest nor the
    one the risk pages look at, whatever its figures."""
    results = corpus.results
    shown = display_names(results)
    comparisons = [shown[s.id] for s in results.case.scenarios if s.role == "comparison"]
    for line in corpus.lines:
        if not any(word in line.text for word in BEST_WORDS) and line.kind != "focus_sentence":
            continue
        for name in comparisons:
            assert not re.search(pattern(name), line.text), f"{line.render()}: the comparison {name!r} called the best"


def test_the_synthetic_comparison_has_the_highest_npv():
    """The edge case is what it says: its comparison has by far the highest NPV for every council."""
    results = build("comparison-best").results
    for council in results.case.council_ids:
        rows = results.summary[results.summary.council == council].set_index("scenario")
        assert rows.npv.idxmax() == "published"


def test_the_preferred_option_is_the_focus():
    corpus = build("preferred")
    focus = [line for line in corpus.lines if line.kind == "focus_sentence"]
    assert focus and all("Lean review, the option the case names as preferred" in line.text for line in focus)
