"""model.xlsx, the live-formula model: formulas over labelled inputs that give the Python model's figures.

Fast tests read the file as written (its formulas, names and cached values). Slow tests have
LibreOffice recalculate it: files written with every cached value 0, so only a recalculation can
give the figures compared with projection.csv and summary.csv; and a saving rate changed in the
workbook, against the Python model run with the same what-if.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from casebuilder import minimal_spec, write_case

import model
from model.case import loader, what_ifs
from model.files.live_cells import FIRST_YEAR_COLUMN, FUNCTIONS
from model.files.live_model import ALLOWED_CONSTANTS, write_live_model

RUN_DATE = dt.date(2026, 12, 3)
PROJECTION = ["gross_savings", "income", "recurring_costs", "one_off_costs", "external_funding", "net_benefit",
              "cumulative_net_benefit", "savings_required", "remaining_gap", "reserves_balance", "fte_reduction"]
SUMMARY = ["total_gross_savings", "total_one_off_costs", "total_net_benefit", "npv", "payback_year",
           "final_year_recurring_savings", "final_year_savings_required", "gap_met"]
PENNY = 0.005
CALCULATION_SHEETS_START = 2          # About, Inputs, then Timing and the scenario sheets
#: inputs changed in the workbook, each with the what-if that makes the same change to the case:
#: (case, the input's defined name, new value, --set)
CHANGES = [
    ("bath-north-east-somerset-north-somerset", "Rate_shared_hr_payroll", 0.2,
     "initiatives.shared-hr-payroll.savings.rate=0.2"),
    ("south-somerset-sedgemoor", "Reserves_south_somerset", 2_000_000,
     "councils.south-somerset.usable_reserves=2000000"),
    ("suffolk-reorganisation-2025", "NetBudget_ipswich", 40_000_000,          # the net budget sharing key
     "councils.ipswich.net_budget=40000000"),
    ("suffolk-reorganisation-2025", "Population_ipswich", 200_000,            # the county split by population
     "councils.ipswich.population=200000"),
    ("suffolk-reorganisation-2025", "BandD_babergh", 150.0,                  # harmonising to the lowest Band D
     "councils.babergh.council_tax.band_d=150"),
    ("suffolk-reorganisation-2025", "Savings_one_management", 10_000_000,      # successors from vesting
     "initiatives.one-management.savings.amount=10000000"),
]


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """Each example case's results and its model.xlsx (with cached values) and formula count."""
    folder = tmp_path_factory.mktemp("live")
    out = {}
    for case_id in loader.example_case_ids():
        results = model.project_case(model.load_case(case_id))
        path = folder / f"{case_id}.xlsx"
        out[case_id] = (results, path, write_live_model(results, path, RUN_DATE))
    return out


_LOADED: dict[tuple[Path, bool], openpyxl.Workbook] = {}


def loaded(path: Path, data_only: bool = False) -> openpyxl.Workbook:
    """The workbook at ``path`` (formulas, or the values it holds), read once for all the tests."""
    if (path, data_only) not in _LOADED:
        _LOADED[(path, data_only)] = openpyxl.load_workbook(path, data_only=data_only)
    return _LOADED[(path, data_only)]


def figures(path: Path) -> dict[str, list]:
    """Id (column D) -> the row's values from column F on, as the file holds them (cached or recalculated)."""
    book = loaded(path, data_only=True)
    out = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=1, values_only=True):
            if len(row) > 3 and isinstance(row[3], str) and "|" in row[3]:
                out[row[3]] = list(row[FIRST_YEAR_COLUMN - 1:])
    return out


def mismatches(results, path: Path) -> tuple[int, list]:
    """Every projection.csv and summary.csv figure against the workbook's cell for it: (compared, wrong)."""
    got = figures(path)
    labels = results.inputs.year_labels
    wrong, compared = [], 0
    for column in PROJECTION:
        for scenario, council, year, want in results.projection[["scenario", "council", "year", column]].itertuples(
                index=False):
            value = got.get(f"{scenario}|{council}|{column}", [None] * (len(labels) + 1))[1 + labels.index(year)]
            compared += 1
            if not isinstance(value, (int, float)) or abs(value - want) > PENNY:
                wrong.append((scenario, council, year, column, value, want))
    for record in results.summary.to_dict("records"):
        for column in SUMMARY:
            value = got.get(f"{record['scenario']}|{record['council']}|summary.{column}", [None])[0]
            want = record[column]
            compared += 1
            if column == "gap_met":
                ok = value == ("Yes" if want else "No")
            elif column == "payback_year":
                ok = (value or "") == (want or "")
            else:
                ok = isinstance(value, (int, float)) and abs(value - want) <= PENNY
            if not ok:
                wrong.append((record["scenario"], record["council"], column, value, want))
    return compared, wrong


def test_every_calculated_cell_is_a_formula_and_every_input_a_number(examples):
    for case_id, (_, path, count) in examples.items():
        book = loaded(path)
        formulas = 0
        assert book.worksheets[0].title == "About"
        for n, sheet in enumerate(book.worksheets[1:], start=1):
            for row in sheet.iter_rows(min_row=4):
                if not (isinstance(row[3].value, str) and row[3].value):
                    continue                                  # a heading or a blank line
                figures_ = [c for c in row[5:] if c.value is not None]
                if n < CALCULATION_SHEETS_START:              # Inputs: given numbers, never a formula
                    assert figures_ and all(c.data_type == "n" for c in figures_), (case_id, row[3].value)
                else:
                    assert figures_ and all(c.data_type == "f" for c in figures_), (case_id, sheet.title, row[3].value)
                    formulas += len(figures_)
        assert formulas == count > 1000, case_id


def test_formulas_hold_no_number_but_0_and_1_and_only_plain_functions(examples):
    # allowed: 0 and 1 (a flag, "nothing", the first position); the months in a year, the discount rate and
    # half a penny are named input cells. Sheet names, text in quotes, cell references and names are taken
    # out first (a name or a reference may hold digits)
    reference = re.compile(r"'[^']*'!|\"[^\"]*\"|\$?\b[A-Z]{1,3}\$?\d+\b|\b[A-Za-z_][A-Za-z0-9_.]*")
    for case_id, (_, path, _) in examples.items():
        book = loaded(path)
        numbers, functions = set(), set()
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        functions |= set(re.findall(r"([A-Z]+)\(", cell.value))
                        numbers |= set(re.findall(r"\d+(?:\.\d+)?", reference.sub(" ", cell.value)))
        assert numbers <= set(ALLOWED_CONSTANTS), (case_id, numbers)
        assert functions <= FUNCTIONS, (case_id, functions - FUNCTIONS)
    # the check can fail: a hard-coded 0.5 is found, the digits of references and names are not
    example = "=IF('2 Shared'!G$12>=Vesting_s_2025,1,0)*$F$7+0.5"
    assert set(re.findall(r"\d+(?:\.\d+)?", reference.sub(" ", example))) == {"1", "0", "0.5"}


def named_value(book, name: str):
    """The value of the cell a workbook name points at."""
    sheet, cell = next(book.defined_names[name].destinations)
    return book[sheet][cell.replace("$", "")].value


def test_key_inputs_have_names_that_hold_the_cases_values(examples):
    for results, path, _ in examples.values():
        book = loaded(path)
        names = book.defined_names

        def value(name, book=book):
            return named_value(book, name)

        case = results.case
        assert value("DiscountRate") == case.case.discount_rate.value == 0.035
        assert value("MonthsInYear") == 12
        for council in case.councils:
            assert value("Reserves_" + council.id.replace("-", "_")) == council.usable_reserves.value
        for item in case.initiatives:
            if item.savings is not None and item.savings.rate is not None:
                assert value("Rate_" + item.id.replace("-", "_")) == item.savings.rate.value
        for scenario in case.scenarios:
            if scenario.reorganisation is not None:
                vesting = case.year_index(scenario.reorganisation.vesting)
                assert value("Vesting_" + scenario.id.replace("-", "_")) == vesting
        assert "YearLabels" in names and "YearNumber" in names
        assert value("FirstYear") == case.year_labels[0]


def test_cached_values_are_the_projection_and_summary_to_half_a_penny(examples):
    for case_id, (results, path, _) in examples.items():
        compared, wrong = mismatches(results, path)
        assert compared == len(results.projection) * len(PROJECTION) + len(results.summary) * len(SUMMARY)
        assert not wrong, (case_id, wrong[:5])


def test_the_same_results_and_run_date_give_the_same_bytes(examples, tmp_path):
    results, path, _ = examples["suffolk-coastal-waveney"]
    write_live_model(results, tmp_path / "again.xlsx", RUN_DATE)
    assert (tmp_path / "again.xlsx").read_bytes() == path.read_bytes()


def hand_spec(spec):
    spec["initiatives.yaml"]["initiatives"] = [{
        "id": "shared-finance", "name": "Shared finance service", "scope": {"categories": ["back_office"]},
        "start_year": "2020/21", "start_month": 10, "ramp": [0.5, 1.0],
        "savings": {"rate": 0.1},                           # north: 10% of its 1.0m back office
        "one_off_costs": [{"category": "ict", "amount": 100_000}],   # equal: 50k each in 2020/21
    }]
    return spec


def test_a_small_case_worked_by_hand(spec, write, tmp_path):
    results = model.project_case(model.load_case(write(hand_spec(spec))))
    write_live_model(results, tmp_path / "model.xlsx", RUN_DATE)
    got = figures(tmp_path / "model.xlsx")
    # October start, ramp 0.5 then 1, no posts removed (so no anniversary step):
    # 2020/21 0.1 x 1,000,000 x 0.5 x 6/12 = 25,000; 2021/22 and 2022/23 0.1 x 1,000,000 x 1.0 = 100,000
    assert got["shared|north|gross_savings"][1:] == pytest.approx([25_000, 100_000, 100_000])
    # net benefit -25,000 (25,000 - 50,000), 100,000, 100,000; the first year undiscounted:
    # -25,000 + 100,000 / 1.035 + 100,000 / 1.035^2 = -25,000 + 96,618.36 + 93,351.07 = 164,969.43
    assert got["shared|north|summary.npv"][0] == pytest.approx(-25_000 + 100_000 / 1.035 + 100_000 / 1.035 ** 2)
    book = openpyxl.load_workbook(tmp_path / "model.xlsx")
    sheet = next(s for s in book.worksheets if s.title.endswith("Shared services"))
    row = next(r for r in sheet.iter_rows() if r[3].value == "shared|north|summary.npv")
    assert re.fullmatch(r"=G\d+\+NPV\(DiscountRate,H\d+:I\d+\)", row[5].value)
    saving = next(r for r in sheet.iter_rows() if r[3].value == "shared|north|gross_savings")
    assert saving[6].value.startswith("=SUMPRODUCT(") and saving[7].value == saving[6].value.replace("G$", "H$")


# ------------------------------------------------------------------------------------------------
# LibreOffice recalculates

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def small_cases() -> dict[str, dict]:
    """Small cases that use what the example cases do not: grants, earmarks and capital receipts together,
    a grant paid back unspent, the years whose direction allows statutory redundancy pay only, a case in cash,
    a shared pot over a one-year horizon (an NPV of the first year alone), a merger from the first year, a
    county split between two unitaries by population, by agreed shares and service by service."""
    from test_engine import hand_spec as engine_spec  # posts, income, recurring costs, a grant, an earmark
    from test_prices import cash_spec

    funding = engine_spec(minimal_spec())
    funding["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2020/21": 30_000, "2021/22": 50_000}
    funding["initiatives.yaml"]["initiatives"][0]["one_off_costs"].append({"category": "legal", "amount": 300_000})
    funding["initiatives.yaml"]["initiatives"][0]["external_funding"].append(
        {"name": "Paid back", "amount": 90_000, "years_from_start": 1, "return_unspent_in": "2021/22"})
    direction = engine_spec(minimal_spec())
    direction["case.yaml"]["first_year"] = "2022/23"
    for council in direction["councils.yaml"]["councils"]:
        council["savings_required"] = {"2022/23": 500_000}
    direction["councils.yaml"]["councils"][0]["flexible_capital_receipts"] = {"2022/23": 100_000, "2023/24": 50_000}
    item = direction["initiatives.yaml"]["initiatives"][0]
    item["start_year"] = "2022/23"
    item["external_funding"] = []
    pot = minimal_spec()                                   # a shared pot by population, one year only
    pot["case.yaml"]["horizon_years"] = 1
    pot["councils.yaml"]["councils"][0]["savings_required"] = {"2020/21": 500_000}
    pot["initiatives.yaml"]["initiatives"][0]["savings"] = {"amount": 100_000, "sharing_key": "population"}
    from reorg_fixtures import county_spec, joining_unitary_spec, merger_spec

    status_quo_only = minimal_spec()                       # no initiatives at all: nothing to sum over
    del status_quo_only["initiatives.yaml"]
    status_quo_only["scenarios.yaml"]["scenarios"] = status_quo_only["scenarios.yaml"]["scenarios"][:1]
    first_year = merger_spec()                             # councils replaced from the first year
    first_year["scenarios.yaml"]["scenarios"][-1]["reorganisation"]["vesting"] = "2020/21"
    return {"hand": engine_spec(minimal_spec()), "funding": funding, "direction": direction,
            "cash": cash_spec(minimal_spec()), "pot": pot, "merger-first-year": first_year,
            "status-quo-only": status_quo_only, "joining-unitary": joining_unitary_spec(),
            "county": county_spec(), "county-fixed": county_spec({"key": "fixed", "shares": {
                "north-unitary": 0.3, "south-unitary": 0.7}}),
            "county-by-service": county_spec({"key": "population", "services": {"Adult social care": {
                "key": "fixed", "shares": {"north-unitary": 0.2, "south-unitary": 0.8}}}})}


@pytest.fixture(scope="module")
def recalculated(examples, tmp_path_factory):
    """Every example case's model.xlsx written with its cached values 0, and the rate case's with one
    saving rate changed, recalculated by LibreOffice in one call: name -> recalculated file."""
    folder = tmp_path_factory.mktemp("recalc")
    (folder / "in").mkdir()
    (folder / "profile" / "user").mkdir(parents=True)
    # a private profile that recalculates an xlsx on load (OOXMLRecalcMode 0 = always)
    (folder / "profile" / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    for case_id, (results, _, _) in examples.items():
        write_live_model(results, folder / "in" / f"{case_id}.xlsx", RUN_DATE, cached=False)
    small = {}
    (folder / "cached").mkdir()
    for name, spec in small_cases().items():
        results = model.project_case(model.load_case(write_case(folder / "cases" / name, spec)))
        write_live_model(results, folder / "cached" / f"small-{name}.xlsx", RUN_DATE)
        write_live_model(results, folder / "in" / f"small-{name}.xlsx", RUN_DATE, cached=False)
        small[name] = (results, folder / "cached" / f"small-{name}.xlsx")
    for n, (case_id, name, value, _) in enumerate(CHANGES):
        book = openpyxl.load_workbook(examples[case_id][1])
        sheet, cell = next(book.defined_names[name].destinations)
        book[sheet][cell.replace("$", "")].value = value
        book.save(folder / "in" / f"changed-{n}.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "xlsx",
                    "--outdir", str(folder / "out"), *sorted(str(p) for p in (folder / "in").iterdir())],
                   check=True, capture_output=True, timeout=240)
    return {p.stem: p for p in (folder / "out").iterdir()}, folder / "in", small


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_every_example_case_to_the_projection_and_summary(examples, recalculated):
    out, written, _ = recalculated
    for case_id, (results, cached_path, _) in examples.items():
        # written with nothing cached: only a recalculation can give the figures
        assert mismatches(results, written / f"{case_id}.xlsx")[1], case_id
        compared, wrong = mismatches(results, out[case_id])
        assert compared > 0 and not wrong, (case_id, wrong[:5])
        assert not _cells_off(cached_path, out[case_id]), case_id


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_small_cases_with_every_funding_rule_and_prices(recalculated):
    out, _, small = recalculated
    for name, (results, cached_path) in small.items():
        compared, wrong = mismatches(results, out[f"small-{name}"])
        assert compared > 0 and not wrong, (name, wrong[:5])
        assert not _cells_off(cached_path, out[f"small-{name}"]), name
    funding = small["funding"][0].projection.set_index(["scenario", "council"]).loc[("shared", "north")]
    assert (funding.capital_receipts_applied.sum() > 0 and funding.external_funding_returned.sum() > 0
            and funding.earmarked_reserves_applied.sum() > 0)
    direction = small["direction"][0].projection
    assert direction.capital_receipts_applied.sum() > 0
    assert small["cash"][0].inputs.prices == "cash"


def _cells_off(cached_path: Path, recalculated_path: Path) -> list:
    """Every calculated cell (timing, funding, payback helpers too) where LibreOffice's figure is not the
    one the Python model cached."""
    cached, again = _numbers(cached_path), _numbers(recalculated_path)
    assert len(cached) > 100
    return [(k, cached.get(k), again.get(k)) for k in cached.keys() | again.keys()
            if not _close(cached.get(k, ("", ""))[0], again.get(k, ("", ""))[0], cached.get(k, again.get(k))[1])]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_an_input_changed_in_the_workbook_gives_the_models_what_if(recalculated):
    out, _, _ = recalculated
    for n, (case_id, _, _, setting) in enumerate(CHANGES):
        changed = model.project_case(what_ifs.load(case_id, what_ifs.settings([setting])).case)
        compared, wrong = mismatches(changed, out[f"changed-{n}"])
        assert compared > 0 and not wrong, (setting, wrong[:5])
        plan = model.project_case(model.load_case(case_id))
        assert mismatches(plan, out[f"changed-{n}"])[1], setting      # the change moved the figures


def _numbers(path: Path) -> dict[tuple, tuple]:
    """(sheet, cell) -> (value, unit) of every figure on the calculation sheets."""
    book = loaded(path, data_only=True)
    out = {}
    for sheet in book.worksheets[CALCULATION_SHEETS_START:]:
        for row in sheet.iter_rows(min_row=4):
            if len(row) < 4 or not (isinstance(row[3].value, str) and row[3].value):
                continue
            for cell in row[5:]:
                if cell.value is not None:
                    out[(sheet.title, cell.coordinate)] = (cell.value, row[2].value)
    return out


def _close(a, b, unit) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return (a or "") == (b or "")
    return math.isclose(a, b, abs_tol=PENNY if unit in ("£", "FTE") else 1e-9)
