"""The product notebooks: committed clean, parameterised, free of model logic, and they run.

The run test executes every notebook through papermill with a real kernel for one council of
every example case (the same machinery as ``python -m model batch``), then reads what it wrote.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys

import nbformat
import pytest
from openpyxl import load_workbook
from PIL import Image

import model
from model.batch import applies, product_notebooks, plan, run_jobs
from model.kernel import ensure_kernel

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
def test_notebooks_have_a_parameters_cell_with_case_council_and_out_dir(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assigned = {target.id for node in ast.parse(tagged[0].source).body if isinstance(node, ast.Assign)
                for target in node.targets}
    assert {"case", "council", "out_dir", "run_date"} <= assigned


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


#: publish's helpers whose result is for Jupyter to show (a chart, a finding, a table) or that show it themselves
DISPLAYED = {"publish.chart", "publish.text", "publish.table", "publish.tables"}


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


def _is_text(node: ast.BinOp) -> bool:
    """String concatenation for a heading is presentation, not arithmetic."""
    return any(isinstance(side, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(side, "value", ""), str)
               for side in (node.left, node.right)) or isinstance(node.left, ast.BinOp)


# ------------------------------------------------------------------------- run for real


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook, for the first council of every example case, through papermill."""
    out = tmp_path_factory.mktemp("batch")
    kernel = ensure_kernel()
    jobs = []
    for case_id in model.example_case_ids():
        case = model.load_case(case_id)
        jobs += plan(case, out / case_id, councils=[case.council_ids[0]], kernel_name=kernel)
    report = run_jobs(jobs, workers=2)
    return out, report


def test_every_notebook_runs_for_a_council_of_every_example_case(executed):
    out, report = executed
    expected = sum(applies(p, model.load_case(c)) for c in model.example_case_ids() for p in NOTEBOOKS)
    assert len(report.records) == expected
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
