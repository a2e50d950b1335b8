"""A what-if session: one case read once, values changed by field path, the results at once.

:class:`WhatIf` reads the case's files once. Each change is written into the data as read
(:mod:`model.case.overrides`), the whole case is validated again by the same rules as a case on
disk, and projected with an :class:`model.engine.inputs.InputsMemo`, so only the initiatives that
changed are rebuilt, and no table is made until asked for (:meth:`WhatIf.results`). The results
are therefore exactly those of the case with its files edited
the same way (a test checks, to the penny). A value the rules refuse leaves the last valid
results in place and is reported, never raised.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from threadpoolctl import ThreadpoolController

from ..case import assumptions as a
from ..case import field_paths
from ..case.loader import CaseFiles, read_case, validate_case
from ..case.overrides import Override, Widened, apply, make
from ..engine.inputs import InputsMemo
from ..results.frames import Projected, Results, project_arrays, project_case
from ..rules.errors import CaseError, Problem


@dataclass(frozen=True)
class Change:
    """One field whose value differs from the plan's."""

    path: str
    plan: object
    now: object
    text: str


@dataclass(frozen=True)
class Refusal:
    """Why a value was not taken: the problems the case's rules found, in the user's words."""

    path: str
    text: str
    problems: tuple[Problem, ...]

    @property
    def messages(self) -> list[str]:
        return [short(p) for p in self.problems]


def short(problem: Problem) -> str:
    """A problem without the file path and the note about the files being unchanged: what an
    officer reads beside the control."""
    message = problem.message.split(" [the files are unchanged;", 1)[0]
    shown = f" (got {problem.value!r})" if problem.has_value and problem.value is not None else ""
    return f"{message}{shown}"


#: the engine's matrix products are small: on one thread they are quicker, and much quicker when
#: the machine is busy (synthetic case, build and project: 63 ms on OpenBLAS's two threads under
#: load, 16 ms on one)
THREADS = ThreadpoolController()


class WhatIf:
    """The plan of one case and its what-ifs."""

    def __init__(self, case: str | Path | CaseFiles, origin: str = "explorer"):
        self.files = case if isinstance(case, CaseFiles) else read_case(case)
        self.origin = origin
        self.memo = InputsMemo()
        self.plan_case = validate_case(self.files)
        self.plan: Results = project_case(self.plan_case, self.memo)
        self.current: Results | Projected = self.plan
        self.overrides: dict[str, Override] = {}
        self.widened: list[Widened] = []

    # ------------------------------------------------------------------------------ reading

    @property
    def case(self) -> a.Case:
        return self.current.case

    def plan_value(self, path: str) -> object:
        """The value the case's files give ``path`` (``None`` where they do not write it)."""
        return field_paths.read_value(self.files.yaml, path)

    def value(self, path: str) -> object:
        """The value in force: the what-if's, else the plan's."""
        return self.overrides[path].value if path in self.overrides else self.plan_value(path)

    def results(self) -> Results:
        """The what-if's full results, with every table (built when asked for)."""
        return self.current if isinstance(self.current, Results) else project_case(self.current.case, self.memo)

    def changes(self) -> list[Change]:
        return [Change(path, self.plan_value(path), o.value, o.text) for path, o in self.overrides.items()]

    # ----------------------------------------------------------------------------- changing

    def set(self, path: str, value: object) -> Refusal | None:
        """Set ``path`` to ``value`` (text is read as the case files read it). Returns why not, or
        ``None`` when the value was taken and the results updated."""
        return self.set_many({path: value})

    def set_many(self, values: dict[str, object]) -> Refusal | None:
        trial = dict(self.overrides)
        made = []
        for path, value in values.items():
            override = make(path, value, self.origin)
            made.append(override)
            try:
                same = _same(override.value, self.plan_value(path))
            except field_paths.UnknownPath:
                same = False
            if same:
                trial.pop(path, None)
            else:
                trial[path] = override
        return self._try(trial, made)

    def reset(self, path: str | None = None) -> Refusal | None:
        """Back to the plan's value for ``path``, or for everything."""
        trial = {} if path is None else {p: o for p, o in self.overrides.items() if p != path}
        return self._try(trial, [])

    def _try(self, trial: dict[str, Override], made: list[Override]) -> Refusal | None:
        path = made[-1].path if made else ""
        text = made[-1].text if made else ""
        try:
            with THREADS.limit(limits=1, user_api="blas"):
                widened, results = self._project(trial)
        except CaseError as exc:
            return Refusal(path, text, tuple(exc.problems))
        self.overrides, self.widened, self.current = trial, widened, results
        return None

    def _project(self, trial: dict[str, Override]) -> tuple[list[Widened], Projected]:
        _, widened = apply(self.files.yaml, trial.values())
        case = validate_case(self.files, list(trial.values()))
        results = project_arrays(case, self.memo)
        if not results.finite():
            project_case(case)   # raises the results' own bounds check, naming what is wrong
        return widened, results


def _same(value: object, plan: object) -> bool:
    """Whether a what-if value is the plan's own (so it is not a change)."""
    if isinstance(value, bool) or isinstance(plan, bool):
        return value is plan
    if isinstance(value, (int, float)) and isinstance(plan, (int, float)):
        return float(value) == float(plan)
    if isinstance(value, list) and isinstance(plan, list):
        return len(value) == len(plan) and all(_same(v, p) for v, p in zip(value, plan))
    return value == plan
