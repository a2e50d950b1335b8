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
from ..case.loader import EXAMPLES, example_case_ids, find_case, load_case
from ..rules.errors import CaseError, CaseNotFound
from .app import Explorer


class Workspace:
    """A case chooser, a council chooser and the explorer of the chosen pair."""

    def __init__(self, case: str | Path = "", council: str = "", scenario: str = "",
                 overrides: Mapping[str, object] | None = None):
        self.explorer: Explorer | None = None
        self.quiet = False
        examples = example_case_ids()
        given = _case_id(case) if case else (examples[0] if examples else "")
        choices = [(e, e) for e in examples] + ([_choice(given)] if given and given not in examples else [])
        self.case_box = widgets.Dropdown(options=choices, value=given or None, description="Case")
        self.case_box.add_class("wi-case")
        self.council_box = widgets.Dropdown(options=[], description="Council")
        self.council_box.add_class("wi-council")
        self.body = widgets.VBox([])
        self.widget = widgets.VBox([widgets.HBox([self.case_box, self.council_box]), self.body])
        self._councils(given, council)
        self.open(given, council or self.council_box.value or "", scenario, overrides)
        self.case_box.observe(lambda c: None if self.quiet else self._new_case(c["new"]), names="value")
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
        """Another council of the same case: the what-ifs so far come along."""
        if not self.quiet and change["new"]:
            kept = ({path: o.value for path, o in self.explorer.session.overrides.items()}
                    if self.explorer is not None else None)
            self.open(self.case_box.value, change["new"], overrides=kept)

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
        explorer.on_saved = self._saved
        self.body.children = [explorer.widget]

    def _saved(self, folder: Path) -> None:
        """A saved version joins the list of cases (it opens like any other)."""
        name = _case_id(folder)
        if name not in [value for _, value in self.case_box.options]:
            current = self.case_box.value
            self.quiet = True
            try:
                self.case_box.options = list(self.case_box.options) + [_choice(name)]
                self.case_box.value = current
            finally:
                self.quiet = False


def _case_id(case: str | Path) -> str:
    """An example case by its id, even when given as its folder; any other case by its path."""
    path = Path(case)
    if path.is_dir() and path.parent.resolve() == EXAMPLES.resolve():
        return path.name
    return str(case)


def _choice(case: str) -> tuple[str, str]:
    """(label, value) for the case list: a case outside the examples is labelled by its folder's name."""
    return (Path(case).name or case, case)


def _problems(lines: list[str]) -> widgets.HTML:
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    box = widgets.HTML(f"<div style='color:#D4351C'><b>The explorer cannot open this case:</b><ul>{items}</ul></div>")
    box.add_class("wi-problems")
    return box


def explore(case: str | Path = "", council: str = "", scenario: str = "",
            overrides: Mapping[str, object] | None = None) -> Workspace:
    """The explorer page for a notebook cell: ``explore("south-somerset-sedgemoor", "sedgemoor")``."""
    return Workspace(case, council, scenario, overrides)
