"""Which files a case folder may hold, and reading only ordinary files inside it.

Near misses of a case file's name are errors naming the expected name (read as absent, they
would drop figures silently); other files are listed as ignored. Links outside the folder,
devices, pipes and folders under a case file's name are refused without being opened.
"""
from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest

import model
from model.case import case_files
from model.cli import main

BANDS = ("council,service,age_band,service_band,headcount,fte,weekly_pay,lgps_members,source\n"
         "north,Finance,25-34,0-4,3,3,500,2,\n")


def refused(folder: Path, capsys) -> list[str]:
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return err.splitlines()


def only_line(folder: Path, capsys) -> str:
    lines = refused(folder, capsys)
    assert len(lines) == 1, lines
    return lines[0]


# ------------------------------------------------------------------------------------ names


def test_staff_bands_in_another_case_is_an_error_naming_the_expected_name(spec, write, capsys):
    spec["Staff_Bands.csv"] = BANDS
    line = only_line(write(spec), capsys)
    assert "Staff_Bands.csv: " in line and "rename it staff_bands.csv" in line


def test_a_misnamed_file_does_not_hide_the_other_files_problems(spec, write, capsys):
    spec["Staff_Bands.csv"] = BANDS
    spec["councils.yaml"]["councils"][0]["net_budget"] = -5
    spec["initiatives.yaml"]["initiatives"][0]["start_month"] = 13
    lines = refused(write(spec), capsys)
    assert len(lines) == 3, lines
    assert "Staff_Bands.csv: " in lines[0]
    assert "councils.yaml: councils 'north' .net_budget: must not be negative (got -5)" in lines[1]
    assert "initiatives.yaml: initiatives 'shared-finance' .start_month: " in lines[2] and "(got 13)" in lines[2]


def test_options_yml_is_an_error_naming_options_yaml(spec, write, capsys):
    spec["options.yml"] = "criteria: []\n"
    line = only_line(write(spec), capsys)
    assert "options.yml: " in line and "rename it options.yaml" in line


@pytest.mark.parametrize("name, expected", [
    ("initiatves.yaml", "initiatives.yaml"),
    ("councils.yaml.txt", "councils.yaml"),
    ("Case.YAML", "case.yaml"),
    ("scenario.yaml", "scenarios.yaml"),
    ("workforce.yml", "workforce.yaml"),
])
def test_near_misses_of_case_file_names_are_errors(spec, write, capsys, name, expected):
    spec[name] = "x: 1\n"
    line = only_line(write(spec), capsys)
    assert f"{name}: " in line and expected in line


def test_a_near_miss_beside_the_real_file_is_called_a_copy(spec, write, capsys):
    spec["councils.yml"] = "councils: []\n"
    line = only_line(write(spec), capsys)
    assert "councils.yml: looks like a copy of councils.yaml" in line


def test_a_spreadsheet_under_a_csv_files_name_is_told_to_save_it_as_csv(spec, write, capsys):
    spec["staff_bands.xlsx"] = b"PK\x03\x04 not really a workbook"
    line = only_line(write(spec), capsys)
    assert "staff_bands.xlsx: is a spreadsheet; save it as CSV under the name staff_bands.csv" in line


def test_other_files_hidden_files_and_folders_are_ignored_and_listed_by_validate(spec, write, capsys):
    spec["README.md"] = "notes"
    spec["notes.docx"] = b"PK\x03\x04"
    spec[".DS_Store"] = b"\x00"
    folder = write(spec)
    (folder / "old").mkdir()
    assert main(["validate", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("mini: OK")
    ignored = [f"{folder}/{name}" for name in (".DS_Store", "README.md", "notes.docx", "old/")]
    assert err.splitlines() == [f"note: {name} is not a case file; it was ignored" for name in ignored]
    assert model.load_case(folder).ignored_files == ignored


def test_near_miss_rule_on_names_written_by_hand():
    assert case_files.near_miss("Staff_Bands.csv") == "staff_bands.csv"
    assert case_files.near_miss("services.xlsx") == "services.csv"
    assert case_files.near_miss("README.md") is None
    assert case_files.near_miss("notes.docx") is None
    assert case_files.near_miss("staff_old.csv") is None  # below the similarity cut-off, 0.85


# --------------------------------------------------------------------------- bounded reading


def test_a_case_file_that_is_a_link_to_dev_zero_is_refused_without_reading_it(spec, write, capsys):
    spec["workforce.yaml"] = None
    folder = write(spec)
    os.symlink("/dev/zero", folder / "workforce.yaml")
    line = only_line(folder, capsys)
    assert "workforce.yaml: is a link to a file outside the case folder" in line


def test_a_fifo_under_a_case_file_name_is_refused_without_blocking(spec, write, capsys):
    folder = write(spec)
    os.mkfifo(folder / "workforce.yaml")
    done = threading.Event()
    result: list[str] = []

    def validate():
        result.extend(refused(folder, capsys))
        done.set()

    worker = threading.Thread(target=validate, daemon=True)
    worker.start()
    assert done.wait(10), "validate blocked on the FIFO"
    assert len(result) == 1 and "workforce.yaml: is a pipe (FIFO), not a file" in result[0]


def test_a_socket_under_a_case_file_name_is_refused(spec, write, capsys, tmp_path):
    folder = write(spec)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "options.yaml"))
        assert "options.yaml: is a socket, not a file" in only_line(folder, capsys)
    finally:
        server.close()


def test_a_folder_under_a_case_file_name_is_refused(spec, write, capsys):
    spec["initiatives.yaml"] = None
    folder = write(spec)
    (folder / "initiatives.yaml").mkdir()
    assert "initiatives.yaml: is a folder, not a file" in only_line(folder, capsys)


def test_a_link_outside_the_case_folder_is_refused_and_its_lines_never_shown(spec, write, tmp_path, capsys):
    secret = tmp_path / "secret.yaml"
    secret.write_text("councils:\n  - id: SECRET-LINE-do-not-show\n    password: hunter2\n")
    spec["councils.yaml"] = None
    folder = write(spec)
    os.symlink(secret, folder / "councils.yaml")
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert "councils.yaml: is a link to a file outside the case folder" in err
    assert "SECRET" not in err + out and "hunter2" not in err + out


def test_a_link_inside_the_case_folder_is_read(spec, write, capsys):
    folder = write(spec)
    (folder / "kept").mkdir()
    os.rename(folder / "scenarios.yaml", folder / "kept" / "s.dat")
    os.symlink("kept/s.dat", folder / "scenarios.yaml")
    assert main(["validate", str(folder)]) == 0


def test_a_dangling_link_is_refused(spec, write, capsys):
    spec["workforce.yaml"] = None
    folder = write(spec)
    os.symlink(folder / "nowhere.yaml", folder / "workforce.yaml")
    assert "workforce.yaml: is a link to nothing" in only_line(folder, capsys)


def test_a_file_over_5_mb_is_refused_from_its_size(spec, write, capsys):
    folder = write(spec)
    with (folder / "initiatives.yaml").open("ab") as handle:
        handle.truncate(case_files.MAX_FILE_BYTES + 1)
    assert "initiatives.yaml: file is larger than 5 MB" in only_line(folder, capsys)


def test_reading_never_takes_more_than_the_cap(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * (case_files.MAX_FILE_BYTES + 10))
    problems: list = []
    assert case_files.read_bytes(path, problems) is None and "larger than 5 MB" in problems[0].message


def test_a_csv_cell_over_the_field_limit_is_one_problem(spec, write, capsys):
    spec["services.csv"] = ("council,service,category,net_cost,fte,source\n"
                            "north,Finance,back_office,1000000,20,\"" + "x" * 200_000 + "\"\n")
    line = only_line(write(spec), capsys)
    assert "services.csv: row 2: cannot be read as CSV: a cell is too long" in line
    assert len(line) < 300


def test_a_long_unknown_column_name_is_shown_as_a_short_prefix(spec, write, capsys):
    spec["services.csv"] = "council,service,category,net_cost,fte," + "y" * 5000 + "\nnorth,F,back_office,1,1,x\n"
    lines = refused(write(spec), capsys)
    assert lines and all(len(line) < 400 for line in lines)
