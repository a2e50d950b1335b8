"""The package's structure (issue 13): layers import only downward, no module uses another's
``_private`` names, and modules stay small. Read from the source with ``ast``, not by importing."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODEL = Path(__file__).resolve().parents[1] / "model"

#: each layer's rank, lowest first; a module may import its own layer and those ranked below it.
#: Layers of equal rank (risk and options; tables and charts) do not import each other.
LAYERS = {
    "rules": 0,
    "workforce": 1,
    "case": 2,
    "engine": 3,
    "results": 4,
    "sweep": 4,
    "risk": 5,
    "options": 5,
    "words": 6,
    "whatif": 6,
    "tables": 7,
    "charts": 7,
    "files": 8,
    "report": 9,
    "runs": 10,
    "explorer": 10,
    "": 11,  # the package's own top: cli, publish, __main__, __init__
}
MAX_LINES = 400


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(MODEL.rglob("*.py")):
        parts = list(path.relative_to(MODEL.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = modules()


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS and parts[1]) else ""


def package_of(module: str) -> str:
    path = MODULES[module]
    return module if path.name == "__init__.py" else module.rsplit(".", 1)[0]


def imports(module: str):
    """(line, imported module, names) for every import of a module of this package."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_of(module).split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source != "model" and not source.startswith("model."):
                continue
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                yield node.lineno, (sub if sub in MODULES else source), alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "model" or alias.name.startswith("model."):
                    yield node.lineno, alias.name, ""


def test_every_module_is_in_a_known_layer():
    unknown = sorted(m for m in MODULES if layer_of(m) not in LAYERS)
    assert not unknown


def test_the_layer_rule_sees_an_upward_import():
    """The rule itself, on a made-up module: rules importing words is upward."""
    assert LAYERS[layer_of("model.rules.appraisal")] < LAYERS[layer_of("model.words.findings")]
    assert layer_of("model.cli") == "" and layer_of("model.charts") == "charts"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "model"))
def test_imports_run_only_downward(module):
    mine = layer_of(module)
    wrong = []
    for line, target, _ in imports(module):
        theirs = layer_of(target)
        if theirs == mine:
            continue
        if target == "model":  # the package root is the top
            wrong.append(f"line {line}: imports the package root")
        elif LAYERS[theirs] > LAYERS[mine]:
            wrong.append(f"line {line}: {target} is in {theirs or 'the top'}, above {mine or 'the top'}")
        elif LAYERS[theirs] == LAYERS[mine]:
            wrong.append(f"line {line}: {target} is in {theirs}, beside {mine}")
    assert not wrong, f"{module}: " + "; ".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_used_outside_its_module(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    ours = {}
    wrong = []
    for line, target, name in imports(module):
        if name.startswith("_") and not name.startswith("__"):
            wrong.append(f"line {line}: imports {name} from {target}")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.names:
            for alias in node.names:
                ours[alias.asname or alias.name] = alias.name
    local_modules = {local for local, name in ours.items()}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in local_modules
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            wrong.append(f"line {node.lineno}: uses {node.value.id}.{node.attr}")
    assert not wrong, f"{module}: " + "; ".join(wrong)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by responsibility"
