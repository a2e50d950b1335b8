"""Committee tables (model.tables), their workbooks, and the notebook helpers (model.publish)."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

import model
from model.case import names
from model import publish
from model.tables import committee as tables
from model.case.assumptions import ONE_OFF_CATEGORIES
from model.files.workbook import GBP_FORMAT, PERCENT_FORMAT


@pytest.fixture(scope="module")
def somerset():
    return model.project_case(model.load_case("south-somerset-sedgemoor"))


@pytest.fixture(scope="module")
def cherwell():
    return model.project_case(model.load_case("cherwell-south-northants-stratford"))


def test_every_one_off_category_has_a_plain_english_name():
    assert set(names.CATEGORY_NAMES) == set(ONE_OFF_CATEGORIES)


def test_council_summary_in_words(somerset):
    summary = tables.council_summary(somerset, "south-somerset").set_index("Scenario")
    joint = summary.loc["Joint authority"]
    assert joint["Final-year recurring savings"] == pytest.approx(1_200_000)
    assert joint["Final-year budget gap"] == 4_100_000
    assert joint["Closes the gap"] == "No"
    assert summary.loc["Solo business cases", "Closes the gap"] == "Yes"
    # summary.csv says 2016/17 (the contract's literal reading); a committee table says what it means
    assert summary.loc["Status quo", "Pays back in"] == "nothing to pay back"
    assert summary.attrs["formats"]["Net present value"] == "gbp"


def test_no_payback_reads_not_in_period(spec, write):
    spec["initiatives.yaml"]["initiatives"][0]["one_off_costs"] = [{"category": "ict", "amount": 5_000_000}]
    results = model.project_case(model.load_case(write(spec)))
    summary = tables.council_summary(results, "north").set_index("Scenario")
    assert summary.loc["Shared services", "Pays back in"] == "not in period"


def test_gap_by_year_puts_the_gap_beside_each_scenarios_recurring_savings(somerset):
    table = tables.gap_by_year(somerset, "south-somerset").set_index("Year")
    assert table["Budget gap"].tolist() == [1_000_000, 2_100_000, 3_100_000, 4_100_000, 4_100_000]
    assert table.loc["2020/21", "Joint authority"] == pytest.approx(1_200_000)
    assert list(table.columns) == ["Budget gap", "Status quo", "Joint authority", "Solo business cases",
                                   "Strategic alliance"]


def test_one_off_costs_total_row_equals_the_summary_total(cherwell):
    for council in ("cherwell", "south-northants", "stratford-on-avon"):
        table = tables.one_off_costs_by_category(cherwell, council).set_index("Category")
        summary = cherwell.summary[cherwell.summary.council == council].set_index("scenario")
        names = tables.scenario_names(cherwell)
        for scenario, name in names.items():
            assert table.loc["Total", name] == pytest.approx(summary.loc[scenario, "total_one_off_costs"])
            assert table.drop("Total")[name].sum() == pytest.approx(table.loc["Total", name])


def test_joint_authority_one_off_costs_by_category_by_hand(somerset):
    table = tables.one_off_costs_by_category(somerset, "south-somerset").set_index("Category")
    # given: 48 % of ICT 600k; redundancy and strain are costed from the staff profile
    assert table.loc["ICT", "Joint authority"] == pytest.approx(0.48 * 600_000)
    staff = somerset.workforce.set_index(["scenario", "council"]).loc[("joint-authority", "south-somerset")]
    assert table.loc["Redundancy", "Joint authority"] == pytest.approx(
        staff.statutory_redundancy_pay + staff.discretionary_compensation)
    assert table.loc["Pension strain", "Joint authority"] == pytest.approx(staff.pension_strain_costs)
    assert staff.redundancy_costs > 0 and staff.pension_strain_costs > 0


def test_savings_shares_add_up_to_the_whole(cherwell):
    shares = tables.savings_shares(cherwell).set_index("Scenario")
    savings = tables.savings_by_council(cherwell).set_index("Scenario")
    for scenario in shares.index:
        if savings.loc[scenario, "All councils"] == 0:
            assert shares.loc[scenario].isna().all()
        else:
            assert shares.loc[scenario].sum() == pytest.approx(1.0)
    councils = [c.name for c in cherwell.case.councils]
    assert savings[councils].sum(axis=1).tolist() == pytest.approx(savings["All councils"].tolist())


def test_gap_met_by_council_reads_yes_or_no(somerset):
    table = tables.gap_met_by_council(somerset).set_index("Scenario")
    assert table.loc["Joint authority", "South Somerset District Council"] == "No"
    assert table.loc["Solo business cases", "South Somerset District Council"] == "Yes"


def test_an_unknown_council_is_a_clear_error(somerset):
    with pytest.raises(ValueError, match="council 'yeovil' is not in case south-somerset-sedgemoor; its "
                                         "councils are: south-somerset, sedgemoor"):
        publish.council_name(somerset, "yeovil")
    with pytest.raises(KeyError):
        tables.council_summary(somerset, "yeovil")


def test_tables_workbook_has_about_first_money_formats_and_frozen_headers(somerset, tmp_path):
    path = publish.tables_workbook(somerset, tables.council_tables(somerset, "south-somerset"), tmp_path,
                                   "council-scenarios", dt.date(2026, 11, 23), "south-somerset")
    book = load_workbook(path)
    assert book.sheetnames == ["About", "Summary", "Gap and savings by year", "Cumulative net benefit", "Charts",
                               "One-off costs", "Staffing", "Workforce", "Warnings"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Council"] == "South Somerset District Council"
    assert about["Date on the charts"] == "2026-11-23"
    assert about["Assumptions version"] == "2026-11 example"
    summary = book["Summary"]
    assert summary.freeze_panes == "A2"
    header = [cell.value for cell in summary[1]]
    npv = summary.cell(row=2, column=header.index("Net present value") + 1)
    assert npv.number_format == GBP_FORMAT
    widths = [summary.column_dimensions[c].width for c in "ABCDEFGHI"]
    assert all(w >= len("Scenario") for w in widths)


def test_percent_format_for_shares(cherwell, tmp_path):
    path = publish.tables_workbook(cherwell, tables.partnership_tables(cherwell), tmp_path, "p",
                                   dt.date(2026, 11, 23))
    sheet = load_workbook(path)["Savings shares"]
    assert sheet.cell(row=3, column=2).number_format == PERCENT_FORMAT


def test_output_folder_defaults_under_outputs(tmp_path, monkeypatch):
    assert publish.output_folder(str(tmp_path / "x"), "case", "c") == tmp_path / "x"
    (tmp_path / "project" / "data" / "cases").mkdir(parents=True)
    monkeypatch.setattr(publish, "PACKAGE_PARENT", tmp_path / "project")  # not the real outputs/
    default = publish.output_folder("", "south-somerset-sedgemoor", "../south-somerset")
    assert default == tmp_path / "project" / "outputs" / "notebooks" / "south-somerset-sedgemoor" / "south-somerset"
    assert default.is_dir()


def test_run_date(monkeypatch):
    assert publish.run_date("2026-11-23") == dt.date(2026, 11, 23)
    assert publish.run_date("") == dt.date.today()
    with pytest.raises(ValueError, match="run_date is written YYYY-MM-DD"):
        publish.run_date("23/11/2026")


def test_workforce_table_suppresses_small_counts_of_people_but_not_posts(spec, write):
    bath = model.project_case(model.load_case("bath-north-east-somerset-north-somerset"))
    table = tables.workforce_by_scenario(bath, "north-somerset").set_index("Scenario")
    existing = table.loc["Existing joint working only"]
    assert existing["Redundancies (people)"] == "fewer than 5"      # 1.5 expected people
    assert existing["Posts removed (FTE)"] == pytest.approx(1.5)    # posts are the plan, not people
    staff = bath.workforce.set_index(["scenario", "council"]).loc[("existing-joint-working", "north-somerset")]
    assert existing["Statutory redundancy pay"] == pytest.approx(staff.statutory_redundancy_pay)
    agreement = table.loc["Co-operation agreement"]
    assert agreement["Redundancies (people)"] == pytest.approx(
        bath.workforce.set_index(["scenario", "council"]).loc[("co-operation-agreement", "north-somerset")].redundancies)
    assert table.attrs["formats"]["Redundancies (people)"] == "count"


def test_workforce_table_goes_into_the_council_workbook(somerset):
    assert "Workforce" in tables.council_tables(somerset, "sedgemoor")


def test_the_warnings_table_puts_reserves_that_run_out_first(somerset):
    table = tables.warnings_by_scenario(somerset, "south-somerset")
    # South Somerset's status quo: 9.0m of reserves less gaps of 1.0m, 2.1m, 3.1m and 4.1m leaves
    # 8.0m, 5.9m, 2.8m, then -1.3m in 2019/20 (out, and below the 2.5m minimum) and -5.4m; the joint
    # authority runs out a year later and is below the minimum from 2019/20 too
    assert table[["Scenario", "Warning", "From"]].values.tolist() == [
        ["Status quo", "Reserves run out", "2019/20"], ["Joint authority", "Reserves run out", "2020/21"],
        ["Status quo", "Reserves fall below the minimum", "2019/20"],
        ["Joint authority", "Reserves fall below the minimum", "2019/20"]]
    assert table.attrs["formats"]["Lowest reserves balance"] == "gbp"
    assert table["Lowest reserves balance"].iloc[0] == pytest.approx(-5_400_000)
