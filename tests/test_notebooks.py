"""The product notebooks: committed clean, parameterised, free of model logic, and they run.

The run test executes every notebook through papermill with a real kernel for one council of
every example case (the same machinery as ``python -m model batch``), then reads what it wrote.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from openpyxl import load_workbook
from PIL import Image

import model
from model import publish
from model.runs.batch import applies, product_notebooks, plan, run_jobs
from model.runs.kernel import ensure_kernel

NOTEBOOKS = product_notebooks()
NAMES = [p.name for p in NOTEBOOKS]


def test_the_product_notebooks_are_there():
    assert {"council_scenarios.ipynb", "partnership_comparison.ipynb", "risk.ipynb",
            "options_appraisal.ipynb"} <= set(NAMES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebooks_are_committed_without_outputs(path):
    """What nbstripout would remove is not there (run ``nbstripout notebooks/*.ipynb`` to fix)."""
    done = subprocess.run([sys.executable, "-m", "nbstripout", "--dry-run", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", f"{path.name} has outputs: {done.stdout}"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebooks_have_a_parameters_cell_with_case_council_out_dir_and_batch_folder(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assigned = {target.id for node in ast.parse(tagged[0].source).body if isinstance(node, ast.Assign)
                for target in node.targets}
    assert {"case", "council", "out_dir", "batch_folder", "run_date", "overrides"} <= assigned
    defaults = {target.id: ast.literal_eval(node.value) for node in ast.parse(tagged[0].source).body
                if isinstance(node, ast.Assign) for target in node.targets}
    assert defaults["batch_folder"] == ""  # by hand: the outputs line names out_dir's folder
    assert defaults["overrides"] == {}  # by default the plan: no what-ifs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_the_by_hand_instructions_are_one_tagged_markdown_cell_just_before_the_parameters(path):
    """JupyterLab shows them; a batch drops the cell by its tag, so no other cell may say "To use it"."""
    nb = nbformat.read(path, as_version=4)
    tagged = [n for n, c in enumerate(nb.cells) if "instructions" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    cell = nb.cells[tagged[0]]
    assert cell.cell_type == "markdown" and cell.source.startswith("**To use it:**")
    assert "parameters" in nb.cells[tagged[0] + 1].metadata.get("tags", [])  # "set ... in the next cell"
    assert [c for c in nb.cells if "to use it" in c.source.lower()] == [cell]
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")  # the narrative stays


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebooks_hold_calls_not_model_logic(path):
    """No functions, classes, loops or arithmetic in code cells: logic belongs in model/."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.Lambda,
                                         ast.ListComp, ast.DictComp)), (path.name, cell.source)
            if isinstance(node, ast.BinOp):
                assert isinstance(node.op, ast.Add) and _is_text(node), (path.name, cell.source)


def _is_text(node: ast.BinOp) -> bool:
    """String concatenation for a heading is presentation, not arithmetic."""
    return any(isinstance(side, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(side, "value", ""), str)
               for side in (node.left, node.right)) or isinstance(node.left, ast.BinOp)


#: publish's helpers whose result is for Jupyter to show (a chart, a finding, a table) or that show it themselves
DISPLAYED = {"publish.chart", "publish.text", "publish.table", "publish.tables", "publish.council_tax",
             "publish.committee_report"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_a_cell_ends_with_an_expression_only_to_show_a_chart_a_finding_or_a_table(path):
    """Jupyter echoes the value of a cell's last expression: a path or a number there would be shown."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        last = ast.parse(cell.source).body[-1]
        if isinstance(last, ast.Expr):
            shown = isinstance(last.value, ast.Call) and ast.unparse(last.value.func) in DISPLAYED
            assert shown, (path.name, cell.source)


def test_the_outputs_line_names_the_councils_folder_in_the_batch_folder_or_the_folder_given(tmp_path):
    assert publish.outputs_line(".", "south-somerset", "risk") == (
        "Outputs: `south-somerset/` in the batch folder: charts in `south-somerset/charts/`, "
        "tables in `south-somerset/risk.xlsx`.")
    assert publish.outputs_line(".", "north/") == "Outputs: `north/` in the batch folder: charts in `north/charts/`."
    by_hand = tmp_path / "mine"
    assert publish.outputs_line(by_hand, "", "risk") == (
        f"Outputs: `{by_hand}{os.sep}`: charts in `{by_hand / 'charts'}{os.sep}`, tables in `{by_hand / 'risk.xlsx'}`.")


# ------------------------------------------------------------------------- run for real


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook, for the first council of every example case (and the reorganisation notebook
    for the first new council of a case with successors), through papermill."""
    out = tmp_path_factory.mktemp("batch")
    kernel = ensure_kernel()
    jobs = []
    for case_id in model.example_case_ids():
        case = model.load_case(case_id)
        jobs += plan(case, out / case_id, councils=[case.council_ids[0]], kernel_name=kernel)
        if case.successors:
            jobs += plan(case, out / case_id, councils=[case.successors[0].id], kernel_name=kernel,
                         notebooks=[p for p in NOTEBOOKS if p.name == "reorganisation.ipynb"])
    report = run_jobs(jobs, workers=2)
    return out, report


def test_every_notebook_runs_for_a_council_of_every_example_case(executed):
    out, report = executed
    cases = [model.load_case(c) for c in model.example_case_ids()]
    expected = sum(applies(p, case, case.council_ids[0]) for case in cases for p in NOTEBOOKS)
    expected += sum(1 for case in cases if case.successors)   # the reorganisation notebook, once each
    assert len(report.records) == expected
    assert {r.case for r in report.records if r.notebook == "reorganisation.ipynb"} == {
        case.id for case in cases if case.successors}
    assert {r.notebook for r in report.records if r.notebook == "options_appraisal.ipynb"} and \
        {r.case for r in report.records if r.notebook == "options_appraisal.ipynb"} == {"breckland-south-holland"}
    failed = [(r.case, r.council, r.notebook, r.error) for r in report.records if r.status != "succeeded"]
    assert not failed


def test_executed_notebooks_have_no_errors_and_state_a_conclusion(executed):
    out, report = executed
    for record in report.records:
        nb = nbformat.read(out / record.case / record.council / record.notebook, as_version=4)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        text = json.dumps([o.get("data", {}).get("text/markdown", "") for o in outputs], ensure_ascii=False)
        if record.notebook == "options_appraisal.ipynb":
            assert "ranks first" in text and "weight points" in text   # the ranking and its robustness
        else:
            assert "£" in text  # the conclusion and headline state money


def test_each_council_folder_has_charts_as_png_and_svg_and_a_workbook(executed):
    out, report = executed
    for case_id in model.example_case_ids():
        case = model.load_case(case_id)
        folder = out / case_id / case.council_ids[0]
        pngs = sorted((folder / "charts").glob("*.png"))
        assert {p.stem for p in pngs} >= {"gap-vs-savings", "cumulative-net-benefit", "one-off-costs", "staffing",
                                          "scenario-comparison", "savings-shares", "partnership-comparison",
                                          "risk-fan", "npv-distribution", "tornado-npv", "tornado-gap"}
        for png in pngs:
            assert png.with_suffix(".svg").is_file()
            dpi = Image.open(png).info["dpi"]
            assert round(dpi[0]) == 300
        council_book = load_workbook(folder / "council-scenarios.xlsx")
        assert council_book.sheetnames[0] == "About"
        assert "Summary" in council_book.sheetnames
        partnership_book = load_workbook(folder / "partnership-comparison.xlsx")
        assert "Savings by council" in partnership_book.sheetnames
        if case.options is not None:
            assert {"options-ranking", "options-robustness"} <= {p.stem for p in pngs}
            options_book = load_workbook(folder / "options-appraisal.xlsx")
            assert options_book.sheetnames[0] == "About" and len(options_book.sheetnames) > 4
        risk_book = load_workbook(folder / "risk.xlsx")
        assert {"Chances", "Tornado", "Switching values", "Optimism bias"} <= set(risk_book.sheetnames)


def test_the_risk_notebook_states_the_chances_from_its_own_draws(executed):
    """The chances printed by the risk notebook are those of a risk run with the same case and seed."""
    from model.risk.monte_carlo import run_risk

    out, _ = executed
    case = model.load_case("south-somerset-sedgemoor")
    risk = run_risk(case, 10_000, 1)
    nb = nbformat.read(out / case.id / case.council_ids[0] / "risk.ipynb", as_version=4)
    text = json.dumps([o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                       for o in c.outputs], ensure_ascii=False)
    row = risk.summary.set_index(["scenario", "council"]).loc[("strategic-alliance", case.council_ids[0])]
    assert f"in {round(row.prob_gap_met * 100)}% of the 10,000 draws" in text
    assert "optimism bias" in text


#: the workbook each notebook writes, as the README names them
WORKBOOKS = {"council_scenarios.ipynb": "council-scenarios.xlsx", "risk.ipynb": "risk.xlsx",
             "partnership_comparison.ipynb": "partnership-comparison.xlsx",
             "options_appraisal.ipynb": "options-appraisal.xlsx", "reorganisation.ipynb": "reorganisation.xlsx",
             "progress.ipynb": "progress.xlsx"}
#: what a cell's result may be shown as: a chart, a table, a finding (each also has a text/plain fallback)
SHOWN = {"image/png", "text/html", "text/markdown"}


def test_executed_notebooks_echo_no_return_value(executed):
    """No ``PosixPath(...)``: every execute_result is a chart, a table or a finding."""
    out, report = executed
    for record in report.records:
        nb = nbformat.read(out / record.case / record.council / record.notebook, as_version=4)
        results = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "execute_result"]
        assert results
        for result in results:
            kinds = set(result.data) - {"text/plain"}
            assert kinds and kinds <= SHOWN, (record.notebook, result.data.get("text/plain"))
            assert "Path(" not in result.data.get("text/plain", "")


def test_executed_notebooks_say_where_their_outputs_are_in_the_batch_folder_and_drop_the_instructions(executed):
    out, report = executed
    for record in report.records:
        batch_folder = out / record.case  # the fixture's batch folder for the case
        council = record.council  # council ids are already safe folder names
        nb = nbformat.read(batch_folder / council / record.notebook, as_version=4)
        assert not [c for c in nb.cells if "instructions" in c.metadata.get("tags", [])]
        assert not [c for c in nb.cells if "to use it" in c.source.lower()]
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        shown = [o.data["text/markdown"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if "text/markdown" in o.get("data", {})]
        lines = [s for s in shown if "Outputs:" in s]
        assert len(lines) == 1, (record.notebook, lines)
        workbook = WORKBOOKS[record.notebook]
        first_paragraph = lines[0].split("\n\n")[0]  # the risk notebook adds which option it looks at
        assert first_paragraph.endswith(f"Outputs: `{council}/` in the batch folder: charts in `{council}/charts/`, "
                                        f"tables in `{council}/{workbook}`."), (record.notebook, lines[0])
        if record.notebook == "risk.ipynb":
            assert "These pages look closely at" in lines[0] or "no option to compare" in lines[0]
        assert (batch_folder / council / "charts").is_dir() and (batch_folder / council / workbook).is_file()


def test_the_risk_notebook_writes_the_councils_committee_report_as_the_report_command_does(executed, tmp_path):
    """The batch's report (written by the risk notebook from its own draws, with the charts the
    notebooks saved) is the same document, to the byte, as ``python -m model report`` writes."""
    import datetime as dt

    from model.cli import main

    out, report = executed
    for case_id in model.example_case_ids():
        case = model.load_case(case_id)
        assert (out / case_id / case.council_ids[0] / "committee-report.docx").is_file()
    council = "south-somerset"
    assert main(["report", "south-somerset-sedgemoor", "--council", council, "--out", str(tmp_path), "--no-pdf",
                 "--run-date", dt.date.today().isoformat()]) == 0
    batch = (out / "south-somerset-sedgemoor" / council / "committee-report.docx").read_bytes()
    assert batch == (tmp_path / "committee-report.docx").read_bytes()


def test_a_notebook_run_in_the_councils_kept_kernel_is_the_one_a_fresh_kernel_gives(executed, tmp_path):
    """The batch runs a council's notebooks one after another in one kernel, wiped between them; the
    last of them (every earlier one has run in its kernel) matches papermill in a new kernel."""
    import datetime as dt

    import papermill

    from model.runs.notebook_files import INSTRUCTIONS, normalise_notebook

    out, report = executed
    case_id, council = "south-somerset-sedgemoor", "south-somerset"
    last = [r for r in report.records if r.case == case_id and r.council == council][-1]
    assert last.notebook == "risk.ipynb"   # after council_scenarios and partnership_comparison
    folder = tmp_path / council
    folder.mkdir()
    notebook = next(p for p in NOTEBOOKS if p.name == last.notebook)
    case_folder = str(Path(model.load_case(case_id).folder).resolve())
    papermill.execute_notebook(str(notebook), str(folder / last.notebook),
                               parameters={"case": case_folder, "council": council,
                                           "out_dir": ".", "batch_folder": council,
                                           "run_date": dt.date.today().isoformat()},
                               kernel_name=ensure_kernel(), cwd=str(folder), progress_bar=False)
    normalise_notebook(folder / last.notebook, replace={folder: out / case_id / council}, drop_tags=(INSTRUCTIONS,))
    fresh = (folder / last.notebook).read_text(encoding="utf-8")
    assert fresh == (out / case_id / council / last.notebook).read_text(encoding="utf-8")


def test_each_executed_notebook_has_a_web_page_without_code_and_with_each_charts_alternative_text(executed):
    from html.parser import HTMLParser

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.images, self.scripts, self.title, self._in_title = [], [], "", False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "img":
                self.images.append(attrs.get("alt"))
            if tag == "script" and attrs.get("src"):
                self.scripts.append(attrs["src"])
            self._in_title = tag == "title"

        def handle_data(self, data):
            if self._in_title:
                self.title += data

        def handle_endtag(self, tag):
            self._in_title = False

    out, report = executed
    for record in report.records:
        path = out / record.case / record.council / record.notebook
        html = path.with_suffix(".html").read_text(encoding="utf-8")
        assert path.with_suffix(".html").name in " ".join(record.outputs)   # the manifest lists it
        nb = nbformat.read(path, as_version=4)
        alts = [o.metadata["image/png"]["alt"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
                if "image/png" in o.get("data", {})]
        page = Page()
        page.feed(html)
        assert alts and page.images == alts and all(a.strip() for a in alts), record.notebook
        assert not page.scripts                                   # nothing fetched from the internet
        assert page.title == nb.cells[0].source.splitlines()[0].lstrip("# ").strip()
        assert '<html lang="en-GB">' in html
        for cell in nb.cells:                                     # no line of code shows
            if cell.cell_type == "code":
                for line in cell.source.splitlines():
                    if len(line.strip()) > 12 and not line.lstrip().startswith("#"):
                        assert line.strip() not in html, (record.notebook, line)
        assert "jp-InputPrompt jp-InputArea-prompt" not in html  # no prompts
