"""The explorer (issue 14): a control change gives exactly the figures of the case edited on disk,
a value the rules refuse is explained beside its control and changes nothing, and the case's
files are never written.

The reference for every figure is the case folder copied and edited as text (a string
replacement in the YAML, not the model's own override code), then loaded and projected as any
case is."""
from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest

import model
from model.case.loader import find_case
from model.explorer.app import Explorer
from model.explorer.workspace import explore
from model.rules.formats import money
from model.words import explorer as words

CASE = "south-somerset-sedgemoor"
COUNCIL = "south-somerset"
SAVINGS = "initiatives.solo-south-somerset.savings.amount"


def edited_copy(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], case: str = CASE) -> Path:
    """The case copied to ``tmp_path`` with each file's text edited by exact replacements."""
    folder = tmp_path / case
    shutil.copytree(find_case(case), folder)
    for name, replacements in edits.items():
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, f"{old!r} must occur once in {name}"
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def summary_of(folder: Path):
    return model.project_case(model.load_case(folder)).summary.set_index(["scenario", "council"])


def assert_same_figures(explorer: Explorer, reference, council: str = COUNCIL) -> None:
    """Every scenario's NPV, payback, final gap, one-off costs and redundancies, to the penny."""
    for scenario in [s.id for s in explorer.session.plan_case.scenarios]:
        row = reference.loc[(scenario, council)]
        _, now = explorer.figures(scenario)
        assert now.npv == pytest.approx(row.npv, abs=0.005)
        assert now.one_off_costs == pytest.approx(row.total_one_off_costs, abs=0.005)
        assert now.redundancies == pytest.approx(row.total_redundancies, abs=1e-9)
        assert now.final_gap == pytest.approx(max(row.final_year_savings_required - row.final_year_recurring_savings,
                                                  0.0), abs=0.005)
        expected_payback = row.payback_year if row.something_to_pay_back else words.NOTHING_TO_PAY_BACK
        assert now.payback == (expected_payback or words.NOT_IN_HORIZON)


def cell(explorer: Explorer, scenario: str, measure: str = "npv", version: str = "whatif") -> str:
    found = re.search(rf'data-scenario="{scenario}" data-measure="{measure}" data-version="{version}">([^<]*)<',
                      explorer.summary.value)
    assert found, f"no {version} {measure} cell for {scenario}"
    return found.group(1)


def shown(widget) -> str:
    """What an HTML widget shows, as text."""
    return html.unescape(re.sub(r"<[^>]+>", "", widget.value))


def folder_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def explorer() -> Explorer:
    return Explorer(CASE, COUNCIL)


# ------------------------------------------------------------------------ figures to the penny


CHANGES = [
    # (control path, value typed, file, text in the file, the same text edited)
    (SAVINGS, "3900000", "initiatives.yaml", "amount: {value: 4200000,", "amount: {value: 3900000,"),
    ("initiatives.solo-south-somerset.one_off_costs.ict.amount", "1250000", "initiatives.yaml",
     "{category: ict, amount: {value: 1000000,", "{category: ict, amount: {value: 1250000,"),
    ("councils.south-somerset.usable_reserves", "5e6", "councils.yaml", "usable_reserves: 9000000",
     "usable_reserves: 5000000"),
    ("councils.south-somerset.savings_required.2019/20", "4600000", "councils.yaml",
     "2019/20: {value: 4100000,", "2019/20: {value: 4600000,"),
    ("case.discount_rate", "0.03", "case.yaml", "discount_rate: {value: 0.035,", "discount_rate: {value: 0.03,"),
    ("initiatives.solo-south-somerset.ramp", "0.5, 1", "initiatives.yaml", "ramp: [0.25, 0.5, 0.75, 1.0]",
     "ramp: [0.5, 1]"),
    ("initiatives.solo-south-somerset.start_month", 10, "initiatives.yaml",
     "    ramp: [0.25, 0.5, 0.75, 1.0]", "    start_month: 10\n    ramp: [0.25, 0.5, 0.75, 1.0]"),
    ("initiatives.solo-south-somerset.start_year", "2017/18", "initiatives.yaml",
     "councils: [south-somerset]\n    source: \"seed-004 para 3.3(d)\"\n    start_year: 2016/17",
     "councils: [south-somerset]\n    source: \"seed-004 para 3.3(d)\"\n    start_year: 2017/18"),
]


@pytest.mark.parametrize("path, typed, file, old, new", CHANGES, ids=[c[0] for c in CHANGES])
def test_one_control_gives_the_figures_of_the_case_edited_on_disk(tmp_path, path, typed, file, old, new):
    explorer = Explorer(CASE, COUNCIL)
    row = explorer.rows[path]
    row.box.value = typed  # what typing and pressing Enter, or choosing from the list, does
    assert explorer.session.overrides, explorer.rows[path].message.value
    reference = summary_of(edited_copy(tmp_path, {file: [(old, new)]}))
    assert_same_figures(explorer, reference)
    focus = explorer.scenario
    assert cell(explorer, focus) == money(reference.loc[(focus, COUNCIL)].npv)


def test_several_controls_together_give_the_figures_of_the_case_edited_on_disk(tmp_path):
    explorer = Explorer(CASE, COUNCIL)
    edits: dict[str, list] = {}
    for path, typed, file, old, new in CHANGES[:5]:
        assert explorer.apply(path, typed)
        edits.setdefault(file, []).append((old, new))
    assert_same_figures(explorer, summary_of(edited_copy(tmp_path, edits)))
    assert "5 values differ" in explorer.changed.value


def test_a_sharing_key_and_the_other_council(tmp_path):
    explorer = Explorer("cherwell-south-northants-stratford", "south-northants")
    key = next(c for c in explorer.controls if c.path.endswith(".sharing_key"))
    plan_key = key.plan
    new_key = "population" if plan_key != "population" else "equal"
    assert explorer.apply(key.path, new_key)
    initiative = key.path.split(".")[1]
    folder = edited_copy(tmp_path, {}, "cherwell-south-northants-stratford")
    text = (folder / "initiatives.yaml").read_text(encoding="utf-8")
    block = re.search(rf"  - id: {initiative}\n(.*?)(?=\n  - id: |\Z)", text, re.S)
    assert block
    body = block.group(0)
    edited = (body.replace(f"sharing_key: {plan_key}", f"sharing_key: {new_key}") if "sharing_key:" in body
              else body.replace("    start_year:", f"    sharing_key: {new_key}\n    start_year:", 1))
    assert edited != body
    (folder / "initiatives.yaml").write_text(text.replace(body, edited), encoding="utf-8")
    assert_same_figures(explorer, summary_of(folder), "south-northants")


# ---------------------------------------------------------------------------- never a traceback


@pytest.mark.parametrize("typed, says", [
    ("4.2m", "write the number in full"),
    ("abc", "number"),
    ("-5", "must not be negative"),
])
def test_a_refused_value_is_explained_beside_its_control_and_the_results_stay(typed, says):
    explorer = Explorer(CASE, COUNCIL)
    assert explorer.apply(SAVINGS, "3900000")
    before = explorer.summary.value
    figures = explorer.figures(explorer.scenario)
    explorer.rows[SAVINGS].box.value = typed
    message = explorer.rows[SAVINGS].message.value
    assert "Not taken" in message and says in message
    assert explorer.summary.value == before and explorer.figures(explorer.scenario) == figures
    assert explorer.session.overrides[SAVINGS].value == 3900000
    assert "Not taken" in explorer.status.value


def test_a_rate_above_one_and_a_month_past_march_are_refused(explorer):
    other = Explorer("cherwell-south-northants-stratford", "cherwell")
    rate = next(c.path for c in other.controls if c.path.endswith("savings.rate"))
    assert not other.apply(rate, "1.5")
    assert "must be at most 1 (got 1.5)" in other.rows[rate].message.value
    assert not explorer.apply("initiatives.solo-south-somerset.start_month", 13)
    assert "must be at most 12" in explorer.rows["initiatives.solo-south-somerset.start_month"].message.value


def test_fixed_shares_that_do_not_add_up_are_refused():
    explorer = Explorer("bath-north-east-somerset-north-somerset", "north-somerset")
    share = "initiatives.shared-hr-payroll.shares.north-somerset"
    assert share in explorer.rows
    assert not explorer.apply(share, "0.9")
    assert "Not taken" in explorer.rows[share].message.value and "add up to" in shown(explorer.rows[share].message)
    assert explorer.session.overrides == {}
    key = "initiatives.joint-land-charges.sharing_key"
    assert not explorer.apply(key, "fixed")                 # fixed needs its shares
    assert "Not taken" in explorer.rows[key].message.value


def test_a_what_if_past_the_risk_range_is_taken_and_says_so(tmp_path):
    explorer = Explorer(CASE, COUNCIL)
    assert explorer.apply(SAVINGS, "5000000")        # the declared range ends at 4,620,000
    note = shown(explorer.rows[SAVINGS].message)
    assert "Outside the case's risk range of £2.5m to £4.6m" in note and "Not taken" not in note
    assert "outside the case's risk range" in shown(explorer.changed)
    reference = summary_of(edited_copy(tmp_path, {"initiatives.yaml": [
        ("amount: {value: 4200000,", "amount: {value: 5000000,"),
        ("distribution: {shape: pert, low: 2520000, high: 4620000,", "distribution: {shape: pert, low: 2520000, "
                                                                     "high: 5000000,")]}))
    assert_same_figures(explorer, reference)


# ------------------------------------------------------------------------------ reset, views


def test_reset_one_and_reset_all_return_to_the_plan():
    explorer = Explorer(CASE, COUNCIL)
    plan = explorer.summary.value
    explorer.apply(SAVINGS, "3900000")
    explorer.apply("councils.south-somerset.usable_reserves", "1")
    explorer.rows[SAVINGS].reset.click()
    assert list(explorer.session.overrides) == ["councils.south-somerset.usable_reserves"]
    assert explorer.rows[SAVINGS].box.value == "4200000"
    explorer.reset()
    assert explorer.session.overrides == {} and explorer.summary.value == plan
    assert "Showing the plan" in explorer.changed.value


def test_typing_the_plan_value_is_not_a_change(explorer):
    assert explorer.apply(SAVINGS, "4,200,000")
    assert SAVINGS not in explorer.session.overrides


def test_optimism_bias_shows_the_adjusted_figures():
    explorer = Explorer(CASE, COUNCIL)
    explorer.bias_box.value = True
    adjusted = explorer.session.plan.summary_adjusted.set_index(["scenario", "council"])
    scenario = explorer.scenario
    assert cell(explorer, scenario, version="plan") == money(adjusted.loc[(scenario, COUNCIL)].npv)
    assert "with optimism bias" in explorer.summary.value


def test_ranges_show_p10_p50_p90_of_a_quick_monte_carlo():
    explorer = Explorer(CASE, COUNCIL)
    explorer.apply(SAVINGS, "3900000")
    explorer.ranges_box.value = True
    risk = model.risk.monte_carlo.run_risk(model.load_case(find_case(CASE), [
        model.case.overrides.make(SAVINGS, "3900000")]), 2000, 1)
    row = risk.summary.set_index(["scenario", "council"]).loc[("solo", COUNCIL)]
    for label in ("p10", "p50", "p90"):
        assert cell(explorer, "solo", f"npv_{label}") == money(getattr(row, f"npv_{label}"))


def test_the_charts_redraw_in_place_with_alternative_text():
    explorer = Explorer(CASE, COUNCIL)
    figure = explorer.gap_chart.fig
    before = explorer.gap_image.value
    explorer.apply(SAVINGS, "3000000")
    assert explorer.gap_chart.fig is figure                # the same figure, updated
    assert explorer.gap_image.value != before
    assert 'alt="Line chart of South Somerset' in explorer.gap_image.value
    assert explorer.scenario_box.value == explorer.scenario


def test_the_explorer_never_writes_to_the_case_folder(tmp_path):
    folder = edited_copy(tmp_path, {})
    before = folder_hash(folder)
    explorer = Explorer(folder, COUNCIL)
    for path, typed, *_ in CHANGES:
        explorer.apply(path, typed)
    explorer.apply(SAVINGS, "4.2m")
    explorer.reset()
    assert folder_hash(folder) == before


# ------------------------------------------------------------------------------ the workspace


def test_the_workspace_opens_any_council_and_says_what_stops_it():
    page = explore(CASE, "sedgemoor", overrides={"case.discount_rate": 0.03})
    assert page.explorer.council == "sedgemoor" and "1 value differs" in page.explorer.changed.value
    page.explorer.apply("councils.sedgemoor.usable_reserves", "1000000")
    page.council_box.value = "south-somerset"                  # the what-ifs come along
    assert page.explorer.council == "south-somerset" and "2 values differ" in page.explorer.changed.value
    page.case_box.value = "cherwell-south-northants-stratford"
    assert page.explorer.session.plan_case.case.id == "cherwell-south-northants-stratford"
    for bad, says in [({"case.discount_rat": 0.03}, "nearest valid paths: case.discount_rate"),
                      ({"case.discount_rate": "3%"}, "case.yaml")]:
        stopped = explore(CASE, "sedgemoor", overrides=bad)
        assert stopped.explorer is None and says in stopped.body.children[0].value
    assert "is not a council of the case" in explore(CASE, "nowhere").body.children[0].value
    by_folder = explore(Path(model.__file__).parents[1] / "data" / "cases" / CASE, "sedgemoor")
    assert by_folder.case_box.value == CASE and by_folder.case_box.label == CASE   # an example by its id


def test_the_explorer_notebook_is_committed_clean_with_its_parameters():
    import nbformat
    notebook = nbformat.read(Path(model.__file__).parents[1] / "notebooks" / "explore.ipynb", as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count") for c in notebook.cells if c.cell_type == "code")
    parameters = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    for name in ("case", "council", "scenario", "overrides"):
        assert re.search(rf"^{name} = ", parameters.source, re.M)
    assert notebook.metadata["council_joint_working"]["interactive"] is True


def test_save_as_a_new_case_version_from_the_explorer(tmp_path):
    folder = edited_copy(tmp_path, {})
    before = folder_hash(folder)
    page = explore(folder, COUNCIL)
    explorer = page.explorer
    assert explorer.save("prudent", "lower savings") is None and "Nothing to save" in explorer.saved.value
    explorer.apply(SAVINGS, "3900000")
    saved = explorer.save("prudent", "lower savings for the prudent case")
    assert saved == tmp_path / f"{CASE}-prudent" and (saved / "CHANGES.md").is_file()
    assert (saved.name, str(saved)) in page.case_box.options and page.case_box.value == str(folder)
    assert page.case_box.label == folder.name                  # a case outside the examples: its folder's name
    assert_same_figures(explorer, summary_of(saved))           # the version is the what-if
    assert folder_hash(folder) == before                       # the case itself is unchanged
    again = explorer.save("prudent", "the same label again")
    assert again is None and "Not saved" in explorer.saved.value and "already" in shown(explorer.saved)


def test_a_ramp_speed_fills_in_the_profile():
    explorer = Explorer(CASE, COUNCIL)
    row = explorer.rows["initiatives.solo-south-somerset.ramp"]
    row.speed.value = "0.5, 1"                                  # "over 2 years"
    assert row.box.value == "0.5, 1" and row.speed.value == ""
    assert explorer.session.overrides["initiatives.solo-south-somerset.ramp"].value == [0.5, 1]
