"""The corpus of words the model writes: every sentence and title, for every example case and for
synthetic edge cases (issue 13, item 6).

:func:`build` gives a case's :class:`Corpus`: its results (for the rules in
``tests/test_words_corpus.py``) and its lines, each ``[council] kind: text``. Titles are taken at
full width (the default fit) and, where a chart may have less room, at a narrow fit too
(``kind@narrow``). ``tests/snapshots/words/<case>.txt`` holds one file per case:

    UPDATE_WORDS=1 .venv/bin/python -m pytest tests/test_words_corpus.py   # write the snapshots
    .venv/bin/python tests/words_corpus.py [CASE ...]                       # print the corpus

Synthetic cases are built from :func:`tests.casebuilder.minimal_spec` and written to a temporary
folder; what each one is for is in its builder's docstring.
"""
from __future__ import annotations

import copy
import functools
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: tests/ and the project on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

import model
from model.case import names
from model.options.scoring import appraise_options
from model.results import outcomes
from model.results.frames import Results
from model.risk.monte_carlo import run_risk
from model.risk.sensitivity import run_sensitivity
from model.words import conclusions, options as options_words, risk as risk_words, titles, workforce

try:
    from casebuilder import minimal_spec, write_case
except ImportError:  # imported as tests.words_corpus
    from tests.casebuilder import minimal_spec, write_case

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "words"
PARTNERSHIP = "partnership"
OPTIONS = "options"
#: a narrow chart's title room (a half-width chart, or a long council name beside it)
NARROW = 60
RISK_DRAWS, RISK_SEED = 200, 1
OPTIONS_DRAWS = 2000


@dataclass(frozen=True)
class Line:
    council: str  # a council id, "partnership" or "options"
    kind: str     # the function that wrote it ("gap_title", "council_findings", ...)
    text: str
    scenario: str = ""  # the scenario a line is about, where it is about one (tornado, sensitivity)

    @property
    def is_title(self) -> bool:
        return "_title" in self.kind or self.kind.startswith("weight_change_text")

    def render(self) -> str:
        return f"[{self.council}] {self.kind}: {self.text}"


@dataclass
class Corpus:
    case_id: str
    results: Results
    lines: list[Line] = field(default_factory=list)

    def text(self) -> str:
        return "".join(line.render() + "\n" for line in self.lines)


# ------------------------------------------------------------------------------- synthetic cases


def _initiative(id_: str, name: str, rate: float = 0.1, **more) -> dict:
    item = {"id": id_, "name": name, "scope": {"categories": ["back_office"]}, "start_year": "2020/21",
            "savings": {"rate": rate}}
    item.update(more)
    return item


def _scenario(id_: str, name: str, initiatives: list[str], **more) -> dict:
    item = {"id": id_, "name": name, "delivery_model": more.pop("delivery_model", "shared_services"),
            "initiatives": initiatives}
    item.update(more)
    return item


def punctuation_spec() -> dict:
    """Council, scenario and initiative names with commas, brackets, apostrophes, ampersands, a
    leading verb and a leading article; a short name; a comparison scenario; ranges on savings so
    that the risk pages name the initiatives, and a rank correlation between them."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "names-punctuation"
    north, south = spec["councils.yaml"]["councils"]
    north.update(name="Sedgemoor & Taunton District Council")
    south.update(name="Taunton Deane Borough Council")
    spec["initiatives.yaml"]["initiatives"] = [
        _initiative("one-team", "One team, a single new council",
                    savings={"rate": {"value": 0.3, "distribution": {"shape": "pert", "low": 0.2, "high": 0.35}}},
                    one_off_costs=[{"category": "redundancy", "amount": 400_000, "years_from_start": 0}],
                    fte_reduction={"rate": 0.2}),
        _initiative("ict", "ICT, HR and finance (shared)",
                    savings={"rate": {"value": 0.12, "distribution": {"shape": "triangular", "low": 0.05,
                                                                       "high": 0.15}}},
                    one_off_costs=[{"category": "ict", "amount": 150_000, "years_from_start": 0}]),
        _initiative("deane-share", "Taunton Deane's share", rate=0.25, councils=["south"]),
    ]
    spec["scenarios.yaml"]["scenarios"] = [
        _scenario("as-is", "As is (shared management continues)", [], delivery_model="status_quo"),
        _scenario("one-team", "One team, a single new council", ["one-team"], delivery_model="joint_authority"),
        _scenario("ict", "Share ICT, HR and finance (phase 1)", ["ict"]),
        _scenario("alliance", "The strategic alliance & procurement partnership", ["ict", "deane-share"],
                  short_name="The alliance", delivery_model="strategic_alliance"),
        _scenario("published", "New council, totals as published", ["one-team", "deane-share"],
                  role="comparison", delivery_model="joint_authority"),
    ]
    spec["case.yaml"]["correlations"] = [{"between": ["initiatives.one-team.savings.rate",
                                                      "initiatives.ict.savings.rate"], "coefficient": 0.5}]
    return spec


def one_option_spec() -> dict:
    """The status quo and one option (the minimal case)."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "one-option"
    return spec


def twelve_options_spec() -> dict:
    """Twelve options, saving 1% to 12% of the back office, some with one-off costs."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "twelve-options"
    words = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]
    spec["initiatives.yaml"]["initiatives"] = [
        _initiative(f"i{n}", f"Initiative {words[n - 1].lower()}", rate=0.07 * n,
                    **({"one_off_costs": [{"category": "ict", "amount": 50_000 * n, "years_from_start": 0}]}
                       if n % 3 else {}))
        for n in range(1, 13)]
    spec["scenarios.yaml"]["scenarios"] = [spec["scenarios.yaml"]["scenarios"][0]] + [
        _scenario(f"option-{n}", f"Option {words[n - 1].lower()}", [f"i{n}"]) for n in range(1, 13)]
    return spec


def gaps_spec() -> dict:
    """Three councils whose gaps are nothing, 30p (tiny) and £900m (huge)."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "gaps"
    north, south = spec["councils.yaml"]["councils"]
    north.update(name="Zero District Council", savings_required={"2020/21": 0})
    south.update(name="Tiny District Council", savings_required={"2020/21": 0.3})
    huge = copy.deepcopy(south)
    huge.update(id="huge", name="Huge County Council", net_budget=2_000_000_000, population=1_500_000,
                usable_reserves=500_000_000, minimum_reserves=100_000_000,
                savings_required={"2020/21": 300_000_000, "2022/23": 900_000_000})
    spec["councils.yaml"]["councils"].append(huge)
    spec["services.csv"] += [
        {"council": "huge", "service": "Finance", "category": "back_office", "net_cost": 1_000_000_000, "fte": 3000},
        {"council": "huge", "service": "Waste", "category": "front_line", "net_cost": 900_000_000, "fte": 5000},
    ]
    spec["initiatives.yaml"]["initiatives"].append(
        _initiative("big", "Big programme", rate=0.5, one_off_costs=[{"category": "ict", "amount": 2_000_000,
                                                                      "years_from_start": 0}]))
    spec["scenarios.yaml"]["scenarios"].append(_scenario("big", "Big programme", ["big"]))
    return spec


def all_negative_spec() -> dict:
    """Every option costs more than it saves (recurring costs above the savings, one-off costs)."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "all-negative"
    spec["initiatives.yaml"]["initiatives"] = [
        _initiative("costly", "Costly partnership", rate=0.01,
                    recurring_costs=[{"category": "other", "amount": 200_000}],
                    one_off_costs=[{"category": "legal", "amount": 300_000, "years_from_start": 0}]),
        _initiative("costlier", "Costlier company", rate=0.02,
                    recurring_costs=[{"category": "other", "amount": 500_000}],
                    one_off_costs=[{"category": "ict", "amount": 900_000, "years_from_start": 0}]),
    ]
    spec["scenarios.yaml"]["scenarios"] = [
        spec["scenarios.yaml"]["scenarios"][0],
        _scenario("costly", "Costly partnership", ["costly"]),
        _scenario("costlier", "Costlier company", ["costlier"], delivery_model="confederation"),
    ]
    return spec


def tied_spec() -> dict:
    """Two options with exactly the same figures."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "tied"
    first = spec["initiatives.yaml"]["initiatives"][0]
    first["one_off_costs"] = [{"category": "ict", "amount": 100_000, "years_from_start": 0}]
    second = copy.deepcopy(first)
    second.update(id="shared-finance-b", name="Shared finance, second supplier")
    spec["initiatives.yaml"]["initiatives"].append(second)
    spec["scenarios.yaml"]["scenarios"].append(
        _scenario("shared-b", "Shared services, second supplier", ["shared-finance-b"]))
    return spec


def comparison_best_spec() -> dict:
    """A comparison scenario with by far the highest NPV: never "the best", never the risk focus."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "comparison-best"
    spec["initiatives.yaml"]["initiatives"].append(_initiative("published", "Published totals", rate=0.9))
    spec["scenarios.yaml"]["scenarios"].append(
        _scenario("published", "Merger, totals as published", ["published"], role="comparison",
                  delivery_model="joint_authority"))
    spec["initiatives.yaml"]["initiatives"].append(_initiative("lean", "Lean review", rate=0.05))
    spec["scenarios.yaml"]["scenarios"].append(_scenario("lean", "Lean review", ["lean"]))
    return spec


def cash_spec() -> dict:
    """A case in cash (issue 15): pay awards by year, general prices, contract indexation and a
    deflator, and an option with a grant (the Green Book's social view differs)."""
    spec = minimal_spec()
    spec["case.yaml"].update(id="cash", price_base={"basis": "cash", "year": "2019/20"}, inflation={
        "pay": {"rate": 0.02, "by_year": {"2020/21": 0.0275, "2021/22": 0.035}},
        "general": {"rate": 0.021}, "contracts": {"rate": 0.05}, "deflator": {"rate": 0.0195}})
    spec["initiatives.yaml"]["initiatives"] = [
        _initiative("shared-finance", "Shared finance", 0.1, one_off_costs=[{"category": "ict", "amount": 150_000}],
                    external_funding=[{"name": "Delivery grant", "amount": 90_000}],
                    indexation={"recurring_costs": "contracts"},
                    recurring_costs=[{"category": "other", "description": "ICT support contract", "amount": 20_000}]),
    ]
    spec["scenarios.yaml"]["scenarios"] = [
        _scenario("status-quo", "Status quo", [], delivery_model="status_quo"),
        _scenario("shared", "Shared services", ["shared-finance"]),
    ]
    return spec


def preferred_spec() -> dict:
    """A case naming its preferred option (not the one with the highest NPV)."""
    spec = comparison_best_spec()
    spec["case.yaml"]["id"] = "preferred"
    spec["case.yaml"]["preferred"] = "lean"
    return spec


def warnings_spec() -> dict:
    """Every warning of issue 15 at councils with awkward names: reserves that run out and fall
    below the minimum, redundancies with no cost, a grant left unspent under two options and one paid
    back, and service lines above the net budget."""
    spec = minimal_spec()
    spec["case.yaml"]["id"] = "warnings"
    north, south = spec["councils.yaml"]["councils"]
    north.update(name="Sedgemoor & Taunton District Council", usable_reserves=600_000, net_budget=3_500_000)
    south.update(name="King's Lynn and West Norfolk Borough Council")
    spec["initiatives.yaml"]["initiatives"] = [
        _initiative("one-team", "One team, a single new council", fte_reduction={"rate": 0.2},
                    one_off_costs=[{"category": "ict", "amount": 100_000}],
                    external_funding=[{"name": "Transformation grant", "amount": 300_000}]),
        _initiative("ict", "ICT, HR and finance (shared)",
                    one_off_costs=[{"category": "ict", "amount": 100_000}],
                    external_funding=[{"name": "Grant (to be repaid)", "amount": 300_000,
                                       "return_unspent_in": "2021/22"}]),
    ]
    spec["scenarios.yaml"]["scenarios"] = [
        _scenario("as-is", "As is", [], delivery_model="status_quo"),
        _scenario("one-team", "One team, a single new council", ["one-team"], delivery_model="joint_authority"),
        _scenario("ict", "Share ICT, HR and finance (phase 1)", ["ict"]),
        _scenario("both", "The strategic alliance & procurement partnership", ["one-team", "ict"],
                  short_name="The alliance", delivery_model="strategic_alliance"),
    ]
    return spec


SYNTHETIC: dict[str, Callable[[], dict]] = {
    "names-punctuation": punctuation_spec,
    "one-option": one_option_spec,
    "twelve-options": twelve_options_spec,
    "gaps": gaps_spec,
    "all-negative": all_negative_spec,
    "tied": tied_spec,
    "comparison-best": comparison_best_spec,
    "preferred": preferred_spec,
    "cash": cash_spec,
    "warnings": warnings_spec,
}
OPTIONS_CASES = ("breckland-south-holland",)


def case_ids() -> list[str]:
    return list(model.example_case_ids()) + list(SYNTHETIC)


def load(case_id: str):
    if case_id not in SYNTHETIC:
        return model.load_case(case_id)
    with tempfile.TemporaryDirectory() as folder:
        return model.load_case(write_case(Path(folder) / case_id, SYNTHETIC[case_id]()))


# ----------------------------------------------------------------------------------------- lines


def _titles(add, kind: str, make: Callable[..., str]) -> None:
    """A title at full width, and at a narrow width where that changes the wording."""
    full = make()
    add(kind, full)
    narrow = make(fit=NARROW)
    if narrow != full:
        add(f"{kind}@narrow", narrow)


@functools.lru_cache(maxsize=None)
def build(case_id: str) -> Corpus:
    """Every sentence and title the model writes for the case, in a fixed order."""
    case = load(case_id)
    results = model.project_case(case)
    corpus = Corpus(case_id, results)
    risk = run_risk(case, draws=RISK_DRAWS, seed=RISK_SEED, results=results)
    swings = run_sensitivity(case, results=results)

    def adder(council: str, scenario: str = ""):
        def add(kind: str, text: str) -> None:
            for part in text.split("\n"):
                if part.strip():
                    corpus.lines.append(Line(council, kind, part, scenario))
        return add

    for council in case.council_ids + [s.id for s in case.successors]:
        add = adder(council)
        _titles(add, "gap_title", lambda **k: titles.gap_title(results, council, **k))
        _titles(add, "payback_title", lambda **k: titles.payback_title(results, council, **k))
        _titles(add, "one_off_costs_title", lambda **k: titles.one_off_costs_title(results, council, **k))
        _titles(add, "staffing_title", lambda **k: titles.staffing_title(results, council, **k))
        _titles(add, "comparison_title", lambda **k: titles.comparison_title(results, council, **k))
        for sentence in conclusions.council_findings(results, council):
            add("council_findings", sentence)
        add("workforce_summary", workforce.workforce_summary(results, council))
        focus = risk_words.focus_option(results, council)
        add("focus_sentence", risk_words.focus_sentence(results, council))
        _titles(add, "fan_title", lambda **k: risk_words.fan_title(risk, council, **k))
        _titles(add, "npv_distribution_title", lambda **k: risk_words.npv_distribution_title(risk, council, **k))
        for measure in ("npv", "remaining_gap"):
            _titles(adder(council, focus), f"tornado_title[{measure}]",
                    lambda **k: risk_words.tornado_title(swings, focus, council, measure, **k))
        for sentence in risk_words.risk_sentences(risk, council):
            add("risk_sentences", sentence)
        for sentence in risk_words.sensitivity_sentences(swings, council):
            add("sensitivity_sentences", sentence)
        add("optimism_bias_sentence", risk_words.optimism_bias_sentence(results, council))

    add = adder(PARTNERSHIP)
    _titles(add, "payback_title", lambda **k: titles.payback_title(results, None, **k))
    _titles(add, "comparison_title", lambda **k: titles.comparison_title(results, None, **k))
    _titles(add, "savings_shares_title", lambda **k: titles.savings_shares_title(results, **k))
    for sentence in conclusions.partnership_findings(results):
        add("partnership_findings", sentence)

    if case_id in OPTIONS_CASES:
        appraisal = appraise_options(case, results, draws=OPTIONS_DRAWS, seed=1)
        add = adder(OPTIONS)
        _titles(add, "ranking_title", lambda **k: options_words.ranking_title(appraisal, **k))
        _titles(add, "robustness_title", lambda **k: options_words.robustness_title(appraisal, **k))
        for sentence in options_words.ranking_sentences(appraisal):
            add("ranking_sentences", sentence)
        add("weighting_sentence", options_words.weighting_sentence(appraisal))
        for sentence in options_words.robustness_sentences(appraisal):
            add("robustness_sentences", sentence)
        for view in appraisal.views:
            add(f"weight_change_text[{view}]", options_words.weight_change_text(appraisal, view))
    return corpus


def snapshot_path(case_id: str) -> Path:
    return SNAPSHOTS / f"{case_id}.txt"


def option_names(case_id: str) -> list[str]:
    """Display names of the scenarios and options a case's words may name."""
    corpus = build(case_id)
    shown = list(names.scenario_names(corpus.results.case).values())
    if corpus.results.case.options is not None:
        shown += [names.display(o) for o in corpus.results.case.options.options]
    return shown


def comparisons(case_id: str) -> list[str]:
    """Display names of the comparison scenarios of a case."""
    results = build(case_id).results
    return [names.scenario_name(results.case, s) for s, role in outcomes.roles(results).items()
            if role == "comparison"]


if __name__ == "__main__":
    for case_id in sys.argv[1:] or case_ids():
        print(f"# {case_id}")
        print(build(case_id).text())
