"""The conda route (environment.yml) installs what pyproject.toml asks for, at the same versions."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: the conda-forge name of a PyPI package, where they differ
CONDA_NAMES = {"matplotlib": "matplotlib-base"}


def requirement(text: str) -> tuple[str, str]:
    name, spec = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*(.*?)\s*", text).groups()
    return name.lower(), spec.replace(" ", "")


def test_environment_yml_lists_every_dependency_of_pyproject_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    wanted = {CONDA_NAMES.get(name, name): spec for name, spec in wanted}
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(requirement(d) for d in environment["dependencies"] if isinstance(d, str))
    assert {name: conda.get(name) for name in wanted} == wanted
    assert conda["python"] == ">=" + project["requires-python"].removeprefix(">=")
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert pip == ["-e .[dev]"]  # the project itself, with the same extras
