"""The library's shape, checked statically: imports go one way (no cycle, function-local imports included), the
student-facing core imports only itself (and `runtime`), every module is in one layer, and README's Layout table
says which."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rlhf_utils"
CORE = ("config", "profiles", "data", "models", "sft", "reward", "ppo", "ppo_models", "generation", "evaluation",
        "checks", "training", "stats", "reads", "sections")
"""What a Part 1 TODO cell and its check reach."""
PART2 = ("experiments", "reward_length", "dpo", "steering", "report", "writeup")
ENGINE = ("pipeline", "stages", "context", "pieces", "cache", "notebook", "project_finder", "__main__")
"""Plumbing around the pieces: resume, caching, stage wiring, notebooks."""
RESULTS = ("plots", "summary")
"""Part 1's figures and summary table."""
BELOW = ("runtime",)
"""The hub probe and the notices that loading from the hub needs: below every layer."""
LAYERS = {"core": CORE, "results of Part 1": RESULTS, "engine": ENGINE, "Part 2 and the write-up": PART2,
          "below all": BELOW}
"""Each layer by the first words of its row in README's Layout table."""
MAY_IMPORT = {"core": ("core", "below all"), "results of Part 1": ("core", "below all"), "below all": ()}
"""The layers the lower layers may import (the engine and Part 2 build on the core, and may import each other)."""


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def runtime_imports(path: Path, known: set[str]) -> set[str]:
    """rlhf_utils modules `path` imports at run time: every import statement, inside functions too, except those
    under `if TYPE_CHECKING:` (annotations only)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rlhf_utils"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from rlhf_utils import plots`
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    mods = modules()
    edges = {name: runtime_imports(path, set(mods)) - {name} for name, path in mods.items()}
    for name in edges:  # importing a submodule runs its package first: that is not an edge of the submodule
        edges[name] = {d for d in edges[name] if not name.startswith(d + ".")}
    return edges


def test_no_import_cycle():
    edges, cycles = graph(), []

    def walk(node: str, path: list[str]) -> None:
        for dep in sorted(edges[node]):
            if dep in path:
                cycles.append(path[path.index(dep):] + [dep])
            else:
                walk(dep, path + [dep])

    for name in sorted(edges):
        walk(name, [name])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles[:5])


MAX_FILE_LINES, MAX_FUNCTION_LINES = 350, 60
"""Issue 19's per-file and per-function budgets (the whole library's and the notebook's reach are not met yet)."""


def test_no_file_over_the_budget():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text().splitlines())) > MAX_FILE_LINES}
    assert not long, f"files over {MAX_FILE_LINES} lines: {long}"


def test_no_function_over_the_budget():
    long = {f"{p.relative_to(ROOT)}:{node.name}": node.end_lineno - node.lineno + 1
            for p in PACKAGE.rglob("*.py") for node in ast.walk(ast.parse(p.read_text()))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES}
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_core_its_results_and_runtime_import_only_what_is_below_them():
    edges = graph()
    for layer, below in MAY_IMPORT.items():
        allowed = {name for other in below for name in LAYERS[other]}
        for name in LAYERS[layer]:
            module = f"rlhf_utils.{name}"
            bad = {d for d in edges[module] if d.split(".")[1] not in allowed}
            assert not bad, f"{module} ({layer}) may import only {' and '.join(below) or 'nothing'}: {sorted(bad)}"


def readme_layout() -> dict[str, set[str]]:
    """README's Layout table: layer -> the module names (`a` or `a.b`, in backticks) its row gives."""
    text = (ROOT / "README.md").read_text()
    section = text[text.index("\n## Layout\n"):]
    section = section[: section.index("\n## ", 1)]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not set(cells[0]) <= set("-") and cells[0] != "layer":
            layer = next(k for k in LAYERS if cells[0].startswith(k))
            rows[layer] = set(re.findall(r"`([A-Za-z_][\w.]*)`", cells[1]))
    return rows


def test_every_module_is_in_one_layer_and_readme_names_it_there():
    names = {m.removeprefix("rlhf_utils.") for m in modules() if m != "rlhf_utils"}
    layer_of = {}
    for layer, tops in LAYERS.items():
        for top in tops:
            assert top not in layer_of, f"{top} is in two layers: {layer_of[top]} and {layer}"
            layer_of[top] = layer
    homeless = sorted({n.split(".")[0] for n in names} - set(layer_of))
    assert not homeless, f"modules in no layer: {homeless}"
    rows = readme_layout()
    assert set(rows) == set(LAYERS), f"README's Layout rows: {sorted(rows)}"
    for layer in LAYERS:
        expected = {n for n in names if layer_of[n.split(".")[0]] == layer}
        named = {n for n in rows[layer] if n in names}
        assert named == expected, (f"README's {layer} row: missing {sorted(expected - named)}, "
                                   f"names what is elsewhere {sorted(named - expected)}")
        assert not {n for n in rows[layer] if n.split(".")[0] in layer_of and n not in names}, \
            f"README's {layer} row names a module that does not exist"
