"""Fuzzing the readers: damaged case files never give a traceback and never change a figure silently.

For each example case, hypothesis (derandomized, so every run tries the same inputs) replaces
one of its files with random bytes, or applies one named mutation to it, and runs
``python -m model validate`` through :func:`model.cli.main`. It must return 0 or 2 and nothing
else may escape (an exception here is a traceback for the user). When a mutated case still
validates, its figures are compared with the original's; each mutation says what it may do:

* ``FIGURE_PRESERVING`` mutations (quoting a key with spaces round it, writing a number with
  thousands separators, swapping two sibling keys or two CSV data rows) must give the same
  projection (rows compared in a fixed order) when they validate;
* ``AMBIGUOUS_NUMBER`` puts a number the grammar refuses (``010``, ``0x1F``, ``2:50``, ...) in
  place of a number: the case must be refused (exit 2), whatever the field;
* the others (deleting, duplicating or re-indenting a line, changing a number's digits,
  inserting YAML syntax, replacing a value with a nasty token) may change figures, which is
  why they are named: only exit codes and the absence of tracebacks are checked for them, and
  for a nasty token that is neither null-like nor a valid value of some field, figures too.
"""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

import model
from model.cli import main

CASES = model.example_case_ids()
#: a failing example is reported as drawn: shrinking a whole case folder takes minutes
NO_SHRINKING = (Phase.explicit, Phase.reuse, Phase.generate)
AMBIGUOUS = ["010", "0x1F", "2:50", "1_0", "12,5", "£5", "0o17", "4.2m", "12%", "0121000", "1,25,000"]
#: tokens that are, or may be, a valid value of some field (null, an anchor with no value, an empty
#: list or mapping, a real date): with these a validated case may have different figures
MAY_BE_VALID = ["~", "&a", "[]", "{}", "9999-12-31", "null", "''"]
NASTY = AMBIGUOUS + MAY_BE_VALID + [
    ".inf", "-.nan", "*a", "!!python/object:os.system", "!!int 010", "2016-02-30", "10000-01-01", "x" * 5000,
    '=HYPERLINK("x")', "on", "yes", "[[[[", "{a: *b}", "'unterminated", "| ", "%YAML 1.1", "\t", "\x85",
    "?", "- - -", ": :", "@", "`",
]
SYNTAX = list(":-[]{}&*!|>#'\"%@`,?") + ["\t", "\n", " "]
FILES = {case: sorted(p.name for p in (model.case.loader.EXAMPLES / case).iterdir()) for case in CASES}
_SCALAR_LINE = re.compile(r"^(?P<lead>\s*(?:- )?[A-Za-z0-9_/'\" ]+:\s+)(?P<value>[^\s#][^#]*?)(?P<tail>\s*(?:#.*)?)$")
_NUMBER_LINE = re.compile(r"^(?P<lead>\s*(?:- )?[A-Za-z0-9_/'\" ]+:\s+)(?P<value>-?[0-9]+(?:\.[0-9]+)?)"
                          r"(?P<tail>\s*(?:#.*)?)$")
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[A-Za-z0-9_/]+):(?P<rest>\s.*|)$")
_SIBLING = re.compile(r"^(?P<indent>\s+)[a-z_]+: \S")


def validate(folder: Path) -> tuple[int, str]:
    """Exit code and stderr of ``validate``; any exception escaping main is a failure of the test."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(["validate", str(folder)])
        except SystemExit as exc:  # argparse; not expected here, but it is not a traceback
            code = exc.code
    return code, err.getvalue()


def figures(folder: Path) -> pd.DataFrame:
    """The projection with its rows in a fixed order (so row order in the files does not count)."""
    projection = model.project_case(model.load_case(folder)).projection
    return projection.sort_values(["scenario", "council", "year"]).reset_index(drop=True)


def same_figures(folder: Path, case: str) -> bool:
    """Equal to the original's up to the last bits of a float (adding rows in another order)."""
    try:
        pd.testing.assert_frame_equal(figures(folder), original(case), check_exact=False, rtol=1e-9, atol=1e-6)
    except AssertionError:
        return False
    return True


_ORIGINAL: dict[str, pd.DataFrame] = {}


def original(case: str) -> pd.DataFrame:
    if case not in _ORIGINAL:
        _ORIGINAL[case] = figures(model.case.loader.EXAMPLES / case)
    return _ORIGINAL[case]


def damaged_copy(case: str, name: str, content: bytes, root: Path) -> Path:
    folder = root / case
    shutil.copytree(model.case.loader.EXAMPLES / case, folder)
    (folder / name).write_bytes(content)
    return folder


# ------------------------------------------------------------------------------- mutations


def mutate(text: str, name: str, data) -> tuple[str, str]:
    """One named mutation of ``text`` (a file called ``name``), drawn with ``data``."""
    lines = text.split("\n")
    csv_file = name.endswith(".csv")
    kinds = ["delete", "duplicate", "indent", "digits", "syntax", "token", "ambiguous", "swap"]
    kinds += ["grouped"] if csv_file else ["quote-key", "grouped"]
    kind = data.draw(st.sampled_from(kinds), label="mutation")
    i = data.draw(st.integers(0, max(len(lines) - 1, 0)), label="line")
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "indent":
        lines[i] = " " * data.draw(st.integers(0, 6)) + lines[i].lstrip(" ")
    elif kind == "syntax":
        at = data.draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:at] + data.draw(st.sampled_from(SYNTAX)) + lines[i][at:]
    elif kind == "digits":
        spots = [m for m in re.finditer(r"[0-9]", text)]
        if not spots:
            return text, "none"
        spot = data.draw(st.sampled_from(spots))
        return text[:spot.start()] + data.draw(st.sampled_from("0123456789")) + text[spot.end():], kind
    elif kind in ("token", "ambiguous"):
        return _replace_value(text, lines, csv_file, data, kind)
    elif kind == "swap":
        return _swap(lines, csv_file, data)
    elif kind == "quote-key":
        candidates = [k for k, line in enumerate(lines) if _KEY_LINE.match(line)]
        if not candidates:
            return text, "none"
        k = data.draw(st.sampled_from(candidates))
        m = _KEY_LINE.match(lines[k])
        lines[k] = f"{m['indent']}{m['dash'] or ''}' {m['key']}  ':{m['rest']}"
    elif kind == "grouped":
        return _grouped(text, lines, csv_file, data)
    return "\n".join(lines), kind


def _replace_value(text: str, lines: list[str], csv_file: bool, data, kind: str) -> tuple[str, str]:
    token = data.draw(st.sampled_from(AMBIGUOUS if kind == "ambiguous" else NASTY), label="token")
    if csv_file:
        header = lines[0].split(",")
        numeric = [c for c, col in enumerate(header) if col in
                   ("net_cost", "fte", "age", "years_of_service", "weekly_pay", "headcount", "lgps_members")]
        rows = [r for r in range(1, len(lines)) if lines[r].count(",") == len(header) - 1 and '"' not in lines[r]]
        if not rows or not numeric:
            return text, "none"
        r = data.draw(st.sampled_from(rows))
        cells = lines[r].split(",")
        c = data.draw(st.sampled_from(numeric if kind == "ambiguous" else range(len(cells))))
        cells[c] = '"' + token.replace('"', '""') + '"'
        lines[r] = ",".join(cells)
        return "\n".join(lines), f"{kind}:{token}"
    pattern = _NUMBER_LINE if kind == "ambiguous" else _SCALAR_LINE
    candidates = [k for k, line in enumerate(lines) if pattern.match(line)]
    if not candidates:
        return text, "none"
    k = data.draw(st.sampled_from(candidates))
    m = pattern.match(lines[k])
    lines[k] = m["lead"] + token + m["tail"]
    return "\n".join(lines), f"{kind}:{token}"


def _swap(lines: list[str], csv_file: bool, data) -> tuple[str, str]:
    if csv_file:
        rows = [r for r in range(1, len(lines) - 1) if lines[r].strip() and lines[r + 1].strip()]
    else:
        rows = [r for r in range(len(lines) - 2) if _sibling_pair(lines, r)]
    if not rows:
        return "\n".join(lines), "none"
    r = data.draw(st.sampled_from(rows))
    lines[r], lines[r + 1] = lines[r + 1], lines[r]
    return "\n".join(lines), "swap"


def _sibling_pair(lines: list[str], r: int) -> bool:
    """Two adjacent ``key: value`` lines of one mapping (same indent, nothing nested under the second)."""
    first, second = _SIBLING.match(lines[r]), _SIBLING.match(lines[r + 1])
    if not first or not second or first["indent"] != second["indent"]:
        return False
    after = lines[r + 2]
    return not after.strip() or len(after) - len(after.lstrip(" ")) <= len(first["indent"])


def _grouped(text: str, lines: list[str], csv_file: bool, data) -> tuple[str, str]:
    if csv_file:
        spots = [(r, c) for r in range(1, len(lines)) for c, cell in enumerate(lines[r].split(","))
                 if re.fullmatch(r"[1-9][0-9]{3,}", cell)]
        if not spots:
            return text, "none"
        r, c = data.draw(st.sampled_from(spots))
        cells = lines[r].split(",")
        cells[c] = f'"{int(cells[c]):,}"'
        lines[r] = ",".join(cells)
        return "\n".join(lines), "grouped"
    candidates = [k for k, line in enumerate(lines) if (m := _NUMBER_LINE.match(line)) and
                  re.fullmatch(r"[1-9][0-9]{3,}", m["value"])]
    if not candidates:
        return text, "none"
    k = data.draw(st.sampled_from(candidates))
    m = _NUMBER_LINE.match(lines[k])
    lines[k] = m["lead"] + f"{int(m['value']):_}" + m["tail"]
    return "\n".join(lines), "grouped"


FIGURE_PRESERVING = {"quote-key", "grouped", "swap", "none"}


def may_change_figures(kind: str) -> bool:
    if kind in FIGURE_PRESERVING:
        return False
    if kind.startswith("token:"):
        return kind.removeprefix("token:") in MAY_BE_VALID
    return True


# ----------------------------------------------------------------------------------- tests


@pytest.mark.parametrize("case", CASES)
@settings(max_examples=12, deadline=None, derandomize=True, phases=NO_SHRINKING,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_bytes_in_place_of_a_case_file_give_exit_0_or_2_and_no_traceback(case, data):
    name = data.draw(st.sampled_from(FILES[case]), label="file")
    content = data.draw(st.binary(max_size=600) | st.text(max_size=300).map(str.encode), label="bytes")
    with tempfile.TemporaryDirectory() as root:
        code, err = validate(damaged_copy(case, name, content, Path(root)))
    assert code in (0, 2) and "Traceback" not in err
    assert all(len(line) < 700 for line in err.splitlines())


@pytest.mark.parametrize("case", CASES)
@settings(max_examples=45, deadline=None, derandomize=True, phases=NO_SHRINKING,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_case_files_are_refused_or_give_the_same_figures_unless_the_mutation_may_change_them(case, data):
    name = data.draw(st.sampled_from(FILES[case]), label="file")
    text = (model.case.loader.EXAMPLES / case / name).read_text(encoding="utf-8")
    mutated, kind = mutate(text, name, data)
    with tempfile.TemporaryDirectory() as root:
        folder = damaged_copy(case, name, mutated.encode("utf-8"), Path(root))
        code, err = validate(folder)
        event(f"{kind.split(':')[0]}: {'validates' if code == 0 else 'refused'}")  # --hypothesis-show-statistics
        assert code in (0, 2), err
        assert "Traceback" not in err
        assert all(len(line) < 700 for line in err.splitlines())
        if kind.startswith("ambiguous:"):
            assert code == 2, f"{kind} in {name} was accepted"
        if code == 0 and not may_change_figures(kind):
            assert same_figures(folder, case), f"{kind} in {name} changed the figures silently"
        if kind in ("quote-key", "grouped") and kind != "none":
            assert code == 0, f"{kind} in {name} should still validate:\n{err}"
