"""The marked regions of the library that the notebooks show, and the code cell each becomes.

A region in a module of rlhf_utils/:

    # region (*) TODO 12: advantages by GAE, then whitened
    def compute_gae(...): ...
    # endregion

becomes a notebook cell: a header line, the imports the region needs (library plumbing from its module,
anything else as the module imports it; names defined by earlier cells of the same notebook are not
imported, so the cells call each other's notebook versions), the region verbatim, and
`pieces.use(...)` of the pieces it defines (`rlhf_utils.pieces`), so the pipeline built with that `pieces` runs
them from then on.
"""

from __future__ import annotations

import ast
import builtins
import re
import symtable
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rlhf_utils.pieces import PLACES  # noqa: E402

_START = re.compile(r"^# region (?:\(\*\) )?((?:TODO|Option) \d+): (.+)$")


@dataclass(frozen=True)
class Region:
    key: str
    """"TODO 4" or "Option 5"."""
    title: str
    module: str
    """rlhf_utils module name, e.g. "sft"."""
    code: str

    @property
    def defines(self) -> list[str]:
        """Top-level names the region defines, in order."""
        names = []
        for node in ast.parse(self.code).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.append(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names += [t.id for t in targets if isinstance(t, ast.Name)]
        return names


def regions() -> dict[str, Region]:
    """Every region of rlhf_utils/*.py (and its packages), by key."""
    found: dict[str, Region] = {}
    for path in sorted((ROOT / "rlhf_utils").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT / "rlhf_utils").with_suffix("").parts)
        lines, current = path.read_text().splitlines(), None
        for i, line in enumerate(lines):
            match = _START.match(line)
            if match:
                current = (match.group(1), match.group(2), i + 1)
            elif line.strip() == "# endregion" and current:
                key, title, start = current
                if key in found:
                    raise ValueError(f"region {key!r} appears twice ({found[key].module} and {module})")
                found[key] = Region(key, title, module, "\n".join(lines[start:i]).strip("\n") + "\n")
                current = None
    return found


def _free_names(code: str) -> set[str]:
    """Global names the code reads (in bodies, annotations, defaults, decorators) minus what it defines."""
    top = symtable.symtable(code, "<region>", "exec")
    used: set[str] = set()

    def walk(table: symtable.SymbolTable) -> None:
        for sym in table.get_symbols():
            if sym.is_referenced() and (sym.is_global() or table is top):
                used.add(sym.get_name())
        for child in table.get_children():
            walk(child)

    walk(top)
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    return used - defined - set(dir(builtins))


def _module_imports(module: str) -> dict[str, tuple[str, str | None]]:
    """name -> (module to import from, original name or None for `import x [as y]`), from the module's imports
    (TYPE_CHECKING ones included); names the module defines itself map to (rlhf_utils.<module>, name)."""
    path = ROOT / "rlhf_utils" / (module.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text())
    table: dict[str, tuple[str, str | None]] = {}
    nodes = list(tree.body) + [n for top in tree.body if isinstance(top, ast.If) for n in top.body]
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                table[alias.asname or alias.name] = (node.module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                table[alias.asname or alias.name.split(".")[0]] = (alias.name, None)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            table[node.name] = (f"rlhf_utils.{module}", node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    table[t.id] = (f"rlhf_utils.{module}", t.id)
    return table


def import_lines(region: Region, earlier: set[str]) -> list[str]:
    """The import statements a cell holding `region` needs, given names defined by earlier cells."""
    table = _module_imports(region.module)
    froms: dict[str, list[str]] = {}
    plain: list[str] = []
    for name in sorted(_free_names(region.code) - earlier):
        if name not in table:
            raise ValueError(f"{region.key} ({region.module}) uses {name!r}, which its module neither defines nor "
                             "imports")
        source, original = table[name]
        if original is None:
            plain.append(f"import {source}" + ("" if source.split(".")[0] == name else f" as {name}"))
        else:
            froms.setdefault(source, []).append(original if original == name else f"{original} as {name}")
    lines = {f"import {p.split()[1]}": p for p in plain}
    lines.update({f"from {s}": _from_line(s, froms[s]) for s in froms})

    def group(key: str) -> int:  # standard library, then third party, then rlhf_utils, as isort would
        top = key.split()[1].split(".")[0]
        return 2 if top == "rlhf_utils" else 0 if top in sys.stdlib_module_names else 1

    groups = [[lines[k] for k in sorted(lines, key=lambda k: (k.split()[0] == "from", k.split()[1]))
               if group(k) == g] for g in range(3)]
    return "\n\n".join("\n".join(g) for g in groups if g).splitlines()


def _from_line(module: str, names: list[str]) -> str:
    """`from module import a, b` with names in isort's order (CONSTANTS, Classes, functions), wrapped as ruff
    formats it when longer than 120 characters."""
    names = sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
    line = f"from {module} import {', '.join(names)}"
    return line if len(line) <= 120 else f"from {module} import (\n" + "".join(f"    {n},\n" for n in names) + ")"


def cell_source(region: Region, earlier: set[str]) -> str:
    """The notebook cell of `region`: header, imports, the region verbatim, `pieces.use(...)` of its pieces."""
    header = (f"# {region.key}: {region.title}\n# (rlhf_utils/{region.module.replace('.', '/')}.py, copied here by "
              "tools/make_notebooks.py)")
    pieces = [name for name in region.defines if name in PLACES]
    imports = "\n".join(import_lines(region, earlier))
    gap = "\n\n\n" if region.code.startswith(("def ", "class ", "@", "#")) else "\n\n"  # as ruff's isort wants
    source = f"{header}\n\n{imports}{gap}{region.code.rstrip()}" if imports else f"{header}\n\n{region.code.rstrip()}"
    if pieces:
        source += (f"\n\n\npieces.use({', '.join(pieces)})  # the pipeline runs "
                   + ("these" if len(pieces) > 1 else "it") + " from now on")
    return source
