"""The committee report (issue 17): its structure, its figures against summary.csv (rounded here
by hand, to the nearest £1,000 with halves away from zero), Word done properly (headings, header
rows that repeat, alternative text, language), a council's own template, bad input, and the PDF.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn

from casebuilder import minimal_spec, write_case
from model.case.loader import load_case
from model.cli import main
from model.report.cells import cell_text, thousands, whole_pounds
from model.report.committee import write_reports
from reorg_fixtures import merger_spec

RUN_DATE = "2026-12-02"
SECTIONS = ["Purpose of the report", "Recommendations", "Executive summary", "Background", "Options considered",
            "Financial implications", "Workforce implications", "Legal implications", "Equalities implications",
            "Climate and environmental implications", "Consultation", "Background papers",
            "Appendix A: assumptions register", "Checklist for the author"]


def k(value: float) -> str:
    """Thousands of pounds as the report prints them, worked independently of model.report.cells."""
    shown = (Decimal(repr(float(value))) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return "0" if shown == 0 else f"{shown:,}"


@pytest.fixture(scope="module")
def somerset(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    code = main(["report", "south-somerset-sedgemoor", "--council", "south-somerset", "--out", str(out),
                 "--run-date", RUN_DATE, "--draws", "500", "--meeting", "Full Council",
                 "--meeting-date", "15 December 2026", *([] if shutil.which("soffice") else ["--no-pdf"])])
    assert code == 0
    run = tmp_path_factory.mktemp("run")
    assert main(["run", "south-somerset-sedgemoor", "--out", str(run), "--run-date", RUN_DATE]) == 0
    return out, pd.read_csv(run / "summary.csv"), pd.read_csv(run / "projection.csv")


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_with(document, heading: str):
    return next(t for t in document.tables if any(c.text == heading for c in t.rows[0].cells))


def test_cells_round_half_away_from_zero():
    assert thousands(4_100_000) == "4,100"
    assert thousands(2_500) == "3" and thousands(-2_500) == "-3"   # Python's round(2.5) is 2
    assert thousands(-400) == "0"                                   # never "-0"
    assert whole_pounds(-1_234.5) == "-£1,235" and whole_pounds(0.4) == "£0"
    assert cell_text(True, None) == "Yes" and cell_text(float("nan"), "gbp") == ""
    assert cell_text(0.475, "percent") == "48%" and cell_text(1.8333, "years") == "1 year 10 months"


def test_sections_in_the_order_of_a_committee_report(somerset):
    out, _, _ = somerset
    document = Document(out / "committee-report.docx")
    assert headings(document, 1) == [f"{n}. {s}" for n, s in enumerate(SECTIONS, start=1)]
    assert document.paragraphs[0].style.name == "Title"
    block = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert block["Council"] == "South Somerset District Council" and block["Wards"] == "All"
    assert block["Meeting"] == "Full Council" and block["Date of meeting"] == "15 December 2026"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "2.1 That Full Council notes the financial appraisal of the options in section 6" in text
    assert "Status quo (do nothing)" in text      # the do-nothing option is among those considered


def test_financial_implications_equal_summary_csv(somerset):
    out, summary, projection = somerset
    document = Document(out / "committee-report.docx")
    names = {"Status quo": "status-quo", "Joint authority": "joint-authority", "Solo business cases": "solo",
             "Strategic alliance": "strategic-alliance"}
    mine = summary[summary.council == "south-somerset"].set_index("scenario")
    table = table_with(document, "Net present value (£000)")
    header = [c.text for c in table.rows[0].cells]
    assert len(table.rows) == 5
    for row in table.rows[1:]:
        cells = dict(zip(header, (c.text for c in row.cells)))
        s = mine.loc[names[cells["Option"]]]
        assert cells["Net present value (£000)"] == k(s.npv)
        assert cells["Recurring savings 2020/21 (£000)"] == k(s.final_year_recurring_savings)
        assert cells["Budget gap 2020/21 (£000)"] == k(s.final_year_savings_required)
        assert cells["Closes the gap"] == ("Yes" if s.gap_met else "No")
        assert cells["Pays back in"] == (s.payback_year if s.something_to_pay_back else "nothing to pay back")
    funding = table_with(document, "One-off costs (£000)")
    header = [c.text for c in funding.rows[0].cells]
    rows = projection[projection.council == "south-somerset"]
    for row in funding.rows[1:]:
        cells = dict(zip(header, (c.text for c in row.cells)))
        scenario = names[cells["Option"]]
        own = rows[rows.scenario == scenario]
        assert cells["One-off costs (£000)"] == k(mine.loc[scenario].total_one_off_costs)
        assert cells["External funding (£000)"] == k(own.external_funding.sum())
        reserves = own.one_off_costs.sum() - own.external_funding.sum() - own.earmarked_reserves_applied.sum() \
            - own.capital_receipts_applied.sum()
        assert cells["General reserves (£000)"] == k(reserves)


def test_word_done_properly(somerset):
    out, _, _ = somerset
    path = out / "committee-report.docx"
    document = Document(path)
    for table in document.tables[1:]:          # the title block has no header row
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
        media = [n for n in package.namelist() if n.startswith("word/media/")]
    pictures = re.findall(r"<wp:docPr [^>]*>", body)
    assert len(pictures) >= 3 and len(media) >= 3
    for picture in pictures:
        alt = re.search(r'descr="([^"]*)"', picture)
        assert alt and len(alt.group(1)) > 40, picture
    assert "gap is closed by 2020/21 under Solo business cases or Strategic alliance" in body  # the gap chart's finding
    assert 'w:lang w:val="en-GB"' in styles
    assert 'TOC \\o "1-2"' in body
    core = document.core_properties
    assert core.language == "en-GB" and core.title.startswith("South Somerset and Sedgemoor")
    assert core.created.date().isoformat() == RUN_DATE


def test_every_instruction_to_the_author_is_in_the_checklist(somerset):
    out, _, _ = somerset
    document = Document(out / "committee-report.docx")
    instructions = [p.text.removeprefix("For the author: ") for p in document.paragraphs
                    if p.style.name == "For the author"]
    checklist = [p.text for p in document.paragraphs if p.style.name == "List Bullet"][-len(instructions):]
    assert len(instructions) >= 5 and checklist == instructions
    legal = [p.text for p in document.paragraphs if p.text.startswith("For the author: Set out the council's powers")]
    assert legal


def test_the_same_run_date_gives_the_same_bytes(tmp_path):
    for n in (1, 2):
        assert main(["report", "south-somerset-sedgemoor", "--council", "sedgemoor", "--out", str(tmp_path / str(n)),
                     "--run-date", RUN_DATE, "--draws", "200", "--no-pdf"]) == 0
    assert (tmp_path / "1/committee-report.docx").read_bytes() == (tmp_path / "2/committee-report.docx").read_bytes()


def test_a_councils_template_gives_its_styles_and_header(tmp_path):
    template = Document()
    template.styles["Heading 1"].font.name = "Georgia"
    template.sections[0].header.paragraphs[0].text = "Anytown Borough Council"
    template.add_paragraph("This text is the template's, not the report's.")
    path = tmp_path / "anytown.docx"
    template.save(path)
    assert main(["report", "south-somerset-sedgemoor", "--council", "sedgemoor", "--out", str(tmp_path / "r"),
                 "--template", str(path), "--draws", "200", "--no-pdf", "--run-date", RUN_DATE]) == 0
    report = Document(tmp_path / "r/committee-report.docx")
    assert report.styles["Heading 1"].font.name == "Georgia"
    assert report.sections[0].header.paragraphs[0].text == "Anytown Borough Council"
    assert all("template's" not in p.text for p in report.paragraphs)
    assert "For the author" in {s.name for s in report.styles}   # added: the template lacked it


@pytest.mark.parametrize("content, expected", [
    (None, "no such file"), (b"not a zip", "not a Word document"), ("odt", "saved as .docx")])
def test_a_bad_template_is_bad_input(tmp_path, capsys, content, expected):
    path = tmp_path / ("template.odt" if content == "odt" else "template.docx")
    if content == "odt":
        path.write_bytes(b"x")
    elif content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    code = main(["report", "south-somerset-sedgemoor", "--out", str(out), "--template", str(path), "--no-pdf"])
    err = capsys.readouterr().err
    assert code == 2 and str(path) in err and expected in err and "Traceback" not in err
    assert not out.exists()


def test_an_unknown_council_is_bad_input(tmp_path, capsys):
    assert main(["report", "south-somerset-sedgemoor", "--council", "nowhere", "--out", str(tmp_path / "o"),
                 "--no-pdf"]) == 2
    assert "no council 'nowhere'" in capsys.readouterr().err


def test_without_libreoffice_the_word_document_is_written_and_the_pdf_skipped(tmp_path, capsys, monkeypatch):
    from model.report import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert main(["report", "south-somerset-sedgemoor", "--council", "sedgemoor", "--out", str(tmp_path),
                 "--draws", "200"]) == 0
    assert (tmp_path / "committee-report.docx").is_file() and not (tmp_path / "committee-report.pdf").exists()
    assert "no PDF was written" in capsys.readouterr().err


def test_a_new_councils_report_has_its_council_tax_and_awkward_names_read_well(tmp_path):
    spec = merger_spec()
    merger = spec["scenarios.yaml"]["scenarios"][-1]
    merger["name"] = "Merge, then share"
    successor = merger["reorganisation"]["successors"][0]
    successor["name"] = "King's Lynn, Downham & District Council"
    successor["short_name"] = "King's Lynn & District"
    councils = spec["councils.yaml"]["councils"]
    councils[0]["council_tax"] = {"band_d": 200.0, "tax_base": 40_000}
    councils[1]["council_tax"] = {"band_d": 210.0, "tax_base": 100_000}
    successor["council_tax"] = {"policy": "converge", "years": 2, "referendum_threshold": {"2021/22": 0.05}}
    case = load_case(write_case(tmp_path / "c" / "mini", spec))
    written = write_reports(case, tmp_path / "out", draws=100, pdf=False)
    assert len(written.documents) == 1 + len(case.councils) + len(case.successors)
    new = Document(tmp_path / "out" / successor["id"] / "committee-report.docx")
    text = "\n".join(p.text for p in new.paragraphs)
    assert "Council tax harmonisation" in headings(new, 1)[7]
    assert "King's Lynn, Downham & District Council" in text
    for paragraph in new.paragraphs:   # no machine ids in what the report says
        assert "merger" not in paragraph.text.split() and "status-quo" not in paragraph.text
    case_report = Document(tmp_path / "out" / "committee-report.docx")
    assert headings(case_report, 1)[:3] == [f"{n}. {s}" for n, s in enumerate(SECTIONS[:3], start=1)]


def test_every_example_case_has_a_report_for_each_council(tmp_path):
    case = load_case(write_case(tmp_path / "c" / "mini", minimal_spec()))
    written = write_reports(case, tmp_path / "out", draws=100, pdf=False)
    assert [p.relative_to(tmp_path / "out").as_posix() for p in written.documents] == [
        "committee-report.docx", "north/committee-report.docx", "south/committee-report.docx"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and poppler-utils")
def test_the_pdf_has_the_pages_and_the_figures(somerset):
    out, summary, _ = somerset
    pdf = out / "committee-report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 10 <= pages <= 40
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    alliance = summary[(summary.council == "south-somerset") & (summary.scenario == "strategic-alliance")].iloc[0]
    assert k(alliance.npv) in text and k(alliance.final_year_recurring_savings) in text
    assert "Financial implications" in text and "Checklist for the author" in text
