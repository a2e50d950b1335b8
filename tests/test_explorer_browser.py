"""The explorer in a real browser, as an officer uses it, and JupyterLab opening the project root.

The browser test serves the explorer notebook with Voilà on 127.0.0.1 with a token, drives
headless Chromium with Selenium, changes one assumption and waits for the what-if NPV on the page
to show the figure this test works out on its own: the case folder copied, the same value edited
in its YAML text, loaded and projected. It serves ``notebooks/explore.ipynb`` itself, from a
copy whose parameters name the case folder and the council (Voilà has no parameters). It needs
Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and skips, saying so,
where they are missing. The JupyterLab test needs no browser: plain HTTP requests.

The explorer's DOM contract (what the notebook promises and this test relies on):

* each control's input box is an ipywidgets ``Text`` with the CSS classes ``wi-control`` and
  ``wi-path-<slug>``, the slug being the field path with every character outside [a-z0-9-]
  replaced by ``_``; it fires on Enter or on leaving the box;
* the controls are grouped in an ``Accordion`` titled by the initiative's or council's display
  name, or "Case";
* the summary table is an ``HTML`` widget with class ``wi-summary`` whose cells are
  ``<td data-scenario=ID data-measure="npv" data-version="plan|whatif">`` holding
  ``model.rules.formats.money(value)``, the what-if's followed, where it differs, by the change
  (``−£3.8m``) on a line of its own;
* an ``HTML`` widget with class ``wi-status`` says what happened last.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest

import model
from model.case import names
from model.rules.formats import money

from servers import free_port, get, new_token, running, wait_until_serving

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXPLORER = ROOT / "notebooks" / "explore.ipynb"
CASE, COUNCIL, SCENARIO = "south-somerset-sedgemoor", "south-somerset", "solo"
INITIATIVE = "solo-south-somerset"
PATH = f"initiatives.{INITIATIVE}.savings.amount"
PLAN_TEXT, NEW_VALUE = "amount: {value: 4200000,", 3000000   # inside the declared range 2.52m to 4.62m
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT_S = 60


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9-]", "_", path)


def npv(case_folder: Path, scenario: str, council: str) -> float:
    summary = model.project_case(model.load_case(case_folder)).summary
    row = summary[(summary.scenario == scenario) & (summary.council == council)]
    assert len(row) == 1
    return float(row.npv.iloc[0])


def edited_copy(tmp_path: Path) -> Path:
    """The case folder copied, with the saving changed in the YAML text as an officer would."""
    folder = shutil.copytree(ROOT / "data" / "cases" / CASE, tmp_path / "edited-case")
    initiatives = folder / "initiatives.yaml"
    text = initiatives.read_text(encoding="utf-8")
    assert text.count(PLAN_TEXT) == 1
    initiatives.write_text(text.replace(PLAN_TEXT, f"amount: {{value: {NEW_VALUE},"), encoding="utf-8")
    return folder


def served_copy(notebook: Path, folder: Path, case: Path, council: str) -> Path:
    """A copy of ``notebook`` in ``folder`` that runs for ``case`` and ``council``: Voilà has no
    parameters, so a cell setting them goes after the one tagged *parameters*, as papermill does."""
    nb = nbformat.read(notebook, as_version=4)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert tagged, f"{notebook.name} has no cell tagged 'parameters'"
    injected = nbformat.v4.new_code_cell(f"case = {str(case)!r}\ncouncil = {council!r}")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(tagged[0] + 1, injected)
    path = folder / notebook.name
    nbformat.write(nb, path)
    return path


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1200",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


@pytest.mark.browser
@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                    reason="needs Chromium and its driver: apt-get install chromium chromium-driver (.ci/run does)")
def test_changing_a_saving_in_the_explorer_page_shows_the_npv_of_the_case_edited_the_same_way(tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    case = ROOT / "data" / "cases" / CASE
    plan_npv, expected_npv = npv(case, SCENARIO, COUNCIL), npv(edited_copy(tmp_path), SCENARIO, COUNCIL)
    plan, expected = money(plan_npv), money(expected_npv)
    assert plan != expected  # otherwise the page could pass without reacting

    served = served_copy(EXPLORER, tmp_path, case, COUNCIL)
    initiative = next(i for i in model.load_case(case).initiatives if i.id == INITIATIVE)
    port, token = free_port(), new_token()
    argv = [str(BIN / "voila"), served.name, "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}",
            f"--token={token}"]
    started = time.monotonic()
    with running(argv, cwd=tmp_path, log=tmp_path / "voila.log", port=port, token=token,
                 env={"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}) as server:
        wait_until_serving(server, "voila/static/voila.js", deadline_s=WAIT_S)
        status, headers, body = get(server.url(token=False))
        assert status in (302, 403), f"served without the token: HTTP {status}"
        assert status == 403 or headers.get("Location", "").startswith("/login"), headers
        assert b"wi-control" not in body

        driver = browser()
        try:
            wait = WebDriverWait(driver, WAIT_S)
            driver.get(server.url())
            cell = ('td[data-scenario="{}"][data-measure="npv"][data-version="{}"]')
            whatif = (By.CSS_SELECTOR, f".wi-summary {cell.format(SCENARIO, 'whatif')}")
            try:
                wait.until(lambda d: d.find_elements(*whatif))
            except Exception:
                raise AssertionError(f"the explorer's summary table did not appear within {WAIT_S} s; the page says "
                                     f"{driver.find_element(By.TAG_NAME, 'body').text[:500]!r}\n{server.log_tail()}")
            assert driver.find_element(By.CSS_SELECTOR, f".wi-summary {cell.format(SCENARIO, 'plan')}").text == plan
            assert driver.find_element(*whatif).text == plan  # nothing changed yet

            title = names.display(initiative)
            header = (By.XPATH, f"//*[contains(@class, 'Collapse-header')][normalize-space(.)={title!r}]")
            wait.until(lambda d: d.find_elements(*header), f"no control group titled {title!r}")
            driver.find_element(*header).click()
            box = (By.CSS_SELECTOR, f".wi-control.wi-path-{slug(PATH)} input")
            wait.until(lambda d: d.find_element(*box).is_displayed(), f"the control for {PATH} did not open")
            field = driver.find_element(*box)
            field.send_keys(Keys.CONTROL, "a")
            field.send_keys(str(NEW_VALUE), Keys.ENTER)
            # the what-if cell: the figure, then the change from the plan in words
            difference = expected_npv - plan_npv
            moved = ("+" if difference > 0 else "\u2212") + money(abs(difference))
            try:
                wait.until(lambda d: d.find_element(*whatif).text.splitlines()[0] == expected)
            except Exception:
                shown = driver.find_element(*whatif).text
                said = " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".wi-status"))
                raise AssertionError(f"the what-if NPV shows {shown!r}, not {expected!r}; status: {said!r}")
            assert driver.find_element(*whatif).text.splitlines() == [expected, moved]
            assert driver.find_element(By.CSS_SELECTOR, f".wi-summary {cell.format(SCENARIO, 'plan')}").text == plan
            shot = tmp_path / "explorer.png"
            driver.save_screenshot(str(shot))
            assert shot.stat().st_size > 10_000
            if os.environ.get("EXPLORER_SCREENSHOT"):
                Path(os.environ["EXPLORER_SCREENSHOT"]).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(shot, os.environ["EXPLORER_SCREENSHOT"])
        finally:
            driver.quit()
    print(f"explorer page: served, changed and checked in {time.monotonic() - started:.1f} s")


def readme_jupyterlab_command() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### In JupyterLab", 1)[1]
    return re.search(r"```\n(.+?)\n```", section).group(1).split()


def test_the_readme_jupyterlab_command_opens_the_project_root_behind_a_token(tmp_path):
    command = readme_jupyterlab_command()
    assert command == [".venv/bin/jupyter", "lab"], command  # no folder: the project root, where it is run
    port, token = free_port(), new_token()
    argv = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0"]
    if os.geteuid() == 0:  # CI containers run as root, which JupyterLab refuses unless told
        argv.append("--allow-root")
    with running(argv, cwd=ROOT, log=tmp_path / "lab.log", port=port, token=token,
                 env={"JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}) as server:
        wait_until_serving(server, "api/status", deadline_s=WAIT_S)
        listed = {}
        for folder in ("data/cases", "notebooks"):
            status, _, body = get(server.url(f"api/contents/{folder}"))
            assert status == 200, (folder, status)
            listed[folder] = {item["name"] for item in json.loads(body)["content"]}
        assert set(model.example_case_ids()) <= listed["data/cases"]
        assert {p.name for p in (ROOT / "notebooks").glob("*.ipynb")} <= listed["notebooks"]
        status, _, _ = get(server.url("api/contents/data/cases", token=False))
        assert status == 403
