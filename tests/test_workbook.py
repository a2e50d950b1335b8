"""The Excel workbook: same tables as the CSVs, £ formats, frozen headers, an About sheet first."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

import model
from model.files.outputs import write_results
from model.files.workbook import GBP_FORMAT


@pytest.fixture
def workbook(spec, write, tmp_path):
    results = model.project_case(model.load_case(write(spec)))
    write_results(results, tmp_path / "out")
    return results, tmp_path / "out"


def test_sheets_in_order_with_about_first(workbook):
    _, out = workbook
    book = openpyxl.load_workbook(out / "results.xlsx")
    assert book.sheetnames == ["About", "Summary", "Summary with optimism bias", "Optimism bias", "Projection",
                               "One-off costs", "Workforce", "Warnings", "Assumptions"]
    about = {row[0]: row[1] for row in book["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Case"] == "Two councils, three years (mini)"
    assert about["Period"] == "2020/21 to 2022/23"
    assert about["Scenario shared"] == "Shared services"


def test_money_columns_have_pound_format_and_headers_are_frozen(workbook):
    _, out = workbook
    sheet = openpyxl.load_workbook(out / "results.xlsx")["Projection"]
    header = [cell.value for cell in sheet[1]]
    gross = header.index("Gross savings") + 1
    assert sheet.cell(row=2, column=gross).number_format == GBP_FORMAT
    assert sheet.cell(row=2, column=header.index("Year") + 1).number_format == "General"
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=1, column=1).font.b and sheet.cell(row=1, column=1).border.bottom.style == "medium"
    assert sheet.column_dimensions["A"].width >= len("Status quo")


def test_headings_are_human_with_names_first_and_ids_last(workbook):
    _, out = workbook
    summary = pd.read_excel(out / "results.xlsx", sheet_name="Summary")
    columns = list(summary.columns)
    assert columns[:3] == ["Scenario", "Council", "Gross savings over the period"]
    assert columns[-2:] == ["Scenario id", "Council id"]
    assert "total_gross_savings" not in columns and "Closes the gap" in columns
    row = summary[(summary["Scenario id"] == "shared") & (summary["Council id"] == "north")].iloc[0]
    assert row["Scenario"] == "Shared services" and row["Council"] == "North District"   # its name in full, as the case writes it
    assert set(summary["Closes the gap"]) <= {"Yes", "No"}          # never TRUE/FALSE
    assert set(summary["Something to pay back"]) <= {"Yes", "No"}


def test_workbook_tables_equal_the_csv_files(workbook):
    """Every figure of the workbook is the CSV's, under its heading (RUN_HEADINGS read backwards)."""
    from model.tables.headings import ID_HEADINGS, RUN_HEADINGS

    _, out = workbook
    back = {heading: column for column, heading in RUN_HEADINGS.items()}
    ids = {heading: column for column, heading in ID_HEADINGS.items()}
    for sheet, csv in (("Projection", "projection.csv"), ("Summary", "summary.csv")):
        from_excel = pd.read_excel(out / "results.xlsx", sheet_name=sheet)
        from_csv = pd.read_csv(out / csv)
        names = [c for c in from_excel.columns if back.get(c) in ID_HEADINGS]
        from_excel = from_excel.drop(columns=names).rename(columns=ids).rename(columns=back)[list(from_csv.columns)]
        for column in from_csv.columns:
            if from_csv[column].dtype == bool:   # Yes and No in the workbook
                from_excel[column] = from_excel[column].map({"Yes": True, "No": False})
        if sheet == "Summary":  # the workbook says what a payback year means where there is nothing to pay back
            nothing = ~from_csv.something_to_pay_back
            assert nothing.any() and (from_excel.payback_year[nothing] == "nothing to pay back").all()
            from_csv.loc[nothing, "payback_year"] = "nothing to pay back"
            assert from_excel.payback_years[nothing].isna().all()  # and no period of 0 years beside it
            from_csv.loc[nothing, "payback_years"] = float("nan")
        pd.testing.assert_frame_equal(from_excel, from_csv, check_dtype=False)


def test_assumptions_register_names_every_source(workbook):
    _, out = workbook
    register = pd.read_csv(out / "assumptions.csv")
    assert not register["source"].isna().any()
    row = register[(register.file == "councils.yaml") & (register.field == "councils 'north' .net_budget")]
    assert row.value.item() == 10_000_000
    assert row.source.item() == "test figure"   # the case's default_source


def test_a_what_ifs_values_are_numbers_in_the_workbook(workbook, tmp_path):
    """what-ifs.csv writes values as a case file does ("0.06"); the workbook holds the numbers."""
    import datetime as dt

    from model.case.what_ifs import Change
    from model.files.outputs import what_if_table
    from model.files.workbook import write_workbook

    results, _ = workbook
    changes = [Change("initiatives.shared.savings.rate", 0.15, 0.06), Change("case.scope", None, [0.5, 1])]
    write_workbook(results, tmp_path / "w.xlsx", dt.date(2026, 11, 23), what_if_table(changes))
    sheet = pd.read_excel(tmp_path / "w.xlsx", sheet_name="What-ifs")
    assert list(sheet.columns) == ["Assumption", "Value in the case's files", "Value in this what-if"]
    assert sheet.iloc[0].tolist() == ["initiatives.shared.savings.rate", 0.15, 0.06]
    assert sheet.iloc[1]["Value in this what-if"] == "[0.5, 1]" and pd.isna(sheet.iloc[1]["Value in the case's files"])
