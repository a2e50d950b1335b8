"""The explorer page: choose a case and a council, then explore it (:class:`model.explorer.app.Explorer`).

This is what ``notebooks/explore.ipynb`` shows, in JupyterLab and as a Voilà page. A case that
cannot be read, or what-ifs it refuses, are shown as the list of problems (file, field, value),
never as a traceback.
"""
from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path

import ipywidgets as widgets

from ..case import names
from ..case.loader import example_case_ids, find_case, load_case
from ..rules.errors import CaseError, CaseNotFound
from .app import Explorer


class Workspace:
    """A case chooser, a council chooser and the explorer of the chosen pair."""

    def __init__(self, case: str | Path = "", council: str = "", scenario: str = "",
                 overrides: Mapping[str, object] | None = None):
        self.explorer: Explorer | None = None
        self.quiet = False
        examples = example_case_ids()
        given = str(case) if case else (examples[0] if examples else "")
        choices = list(examples) + ([given] if given and given not in examples else [])
        self.case_box = widgets.Dropdown(options=choices, value=given or None, description="Case")
        self.case_box.add_class("wi-case")
        self.council_box = widgets.Dropdown(options=[], description="Council")
        self.council_box.add_class("wi-council")
        self.body = widgets.VBox([])
        self.widget = widgets.VBox([widgets.HBox([self.case_box, self.council_box]), self.body])
        self._councils(given, council)
        self.open(given, council or self.council_box.value or "", scenario, overrides)
        self.case_box.observe(lambda c: self._new_case(c["new"]), names="value")
        self.council_box.observe(self._new_council, names="value")

    def _ipython_display_(self):  # pragma: no cover - Jupyter's display hook
        from IPython.display import display
        display(self.widget)

    def _councils(self, case: str, council: str = "") -> None:
        try:
            loaded = load_case(find_case(case))
        except (CaseError, CaseNotFound):
            self.council_box.options = []
            return
        options = [(names.council_name(loaded, c, short=False), c) for c in loaded.council_ids]
        self.council_box.options = options
        self.council_box.value = council if council in loaded.council_ids else loaded.council_ids[0]

    def _new_case(self, case: str) -> None:
        self.quiet = True
        try:
            self._councils(case)
        finally:
            self.quiet = False
        self.open(case, self.council_box.value or "")

    def _new_council(self, change) -> None:
        if not self.quiet and change["new"]:
            self.open(self.case_box.value, change["new"])

    def open(self, case: str, council: str, scenario: str = "", overrides: Mapping[str, object] | None = None) -> None:
        """Show the explorer of ``case`` for ``council``, or the problems that stop it."""
        try:
            explorer = Explorer(find_case(case), council, scenario)
            if overrides:
                refusal = explorer.session.set_many(dict(overrides))
                if refusal is not None:
                    raise CaseError(list(refusal.problems))
                for path, row in explorer.rows.items():
                    row.show(explorer.session.value(path))
                explorer.refresh()
        except CaseNotFound as exc:
            self.explorer = None
            self.body.children = [_problems([str(exc)])]
            return
        except CaseError as exc:
            self.explorer = None
            self.body.children = [_problems([str(p) for p in exc.problems])]
            return
        self.explorer = explorer
        self.body.children = [explorer.widget]


def _problems(lines: list[str]) -> widgets.HTML:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    box = widgets.HTML(f"<div style='color:#D4351C'><b>The explorer cannot open this case:</b><ul>{items}</ul></div>")
    box.add_class("wi-problems")
    return box


def explore(case: str | Path = "", council: str = "", scenario: str = "",
            overrides: Mapping[str, object] | None = None) -> Workspace:
    """The explorer page for a notebook cell: ``explore("south-somerset-sedgemoor", "sedgemoor")``."""
    return Workspace(case, council, scenario, overrides)
