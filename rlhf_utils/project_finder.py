"""Where the project (the folder holding rlhf_utils/) is, seen from a notebook: beside it, or in Google Drive.

Standard library only: the notebooks' setup cell runs this code before rlhf_utils can be imported
(tools/make_notebooks.py copies everything below the marker into that cell), and the tests import it.
Students often copy the project folder in Drive (one copy for Part 2, say): when several copies hold
rlhf_utils/, the one whose notebook of the same name was saved last is taken (Colab saves the open
notebook as you work), and every copy is listed with the reason; PROJECT_DIR in the config cell overrides.
"""

from __future__ import annotations

# notebook-setup-cell
import sys
import time
from pathlib import Path

DRIVE = Path("/content/drive")
DRIVE_PATTERNS = ("MyDrive/*/rlhf_utils", "MyDrive/*/*/rlhf_utils", "MyDrive/*/*/*/rlhf_utils",
                  "Shareddrives/*/*/rlhf_utils", "Shareddrives/*/*/*/rlhf_utils")


def is_project(folder: Path) -> bool:
    return (folder / "rlhf_utils" / "__init__.py").is_file()


def drive_copies(drive: Path = DRIVE) -> list[Path]:
    """Every folder in Drive (three levels deep) that holds rlhf_utils/, in path order."""
    found = {p.parent.resolve() for pattern in DRIVE_PATTERNS for p in drive.glob(pattern)}
    return sorted(c for c in found if is_project(c))


def pick_copy(copies: list[Path], notebook: str) -> tuple[Path, str]:
    """The copy whose `notebook` was modified last (copies without it count as oldest), and why."""
    def saved(folder: Path) -> float:
        path = folder / notebook
        return path.stat().st_mtime if path.is_file() else float("-inf")

    best = max(copies, key=saved)
    if len(copies) == 1:
        return best, "the only copy of the project in Drive"
    lines = [f"  {'->' if c == best else '  '} {c}   ({notebook} saved "
             f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(saved(c))) if saved(c) > float('-inf') else 'never'})"
             for c in copies]
    reason = (f"{len(copies)} copies of the project are in Drive; taking the one whose {notebook} was saved "
              "last (the notebook open now, as Colab saves it while you work):\n" + "\n".join(lines)
              + "\n  To take another, set PROJECT_DIR in the config cell.")
    return best, reason


def find_project(explicit: str | None = None, notebook: str = "", here: Path | None = None,
                 drive: Path = DRIVE, on_colab: bool | None = None) -> Path:
    """The project folder: `explicit` (PROJECT_DIR) if given, else beside the notebook (the working folder or
    its parent), else on Colab a copy in Google Drive (mounted if needed). Prints which one and why."""
    if explicit:
        folder = Path(explicit).expanduser()
        if not is_project(folder):
            raise FileNotFoundError(f"PROJECT_DIR={explicit!r} holds no rlhf_utils/: set it to the folder that "
                                    "contains rlhf_utils/ and the notebooks")
        return _chosen(folder, "PROJECT_DIR in the config cell")
    here = here or Path.cwd()
    for folder in (here, here.parent):
        if is_project(folder):
            return _chosen(folder, "beside this notebook")
    on_colab = "google.colab" in sys.modules if on_colab is None else on_colab
    if on_colab and not (drive / "MyDrive").is_dir():
        from google.colab import drive as colab_drive
        colab_drive.mount(str(drive))
    copies = drive_copies(drive) if drive.is_dir() else []
    if not copies:
        raise FileNotFoundError("rlhf_utils/ not found beside this notebook or in Google Drive: put the project "
                                "folder in your Drive and open the notebook from it, or set PROJECT_DIR in the "
                                "config cell")
    return _chosen(*pick_copy(copies, notebook))


def _chosen(folder: Path, why: str) -> Path:
    print(f"project: {folder.resolve()} ({why})" if "\n" not in why else f"project: {folder.resolve()}\n{why}")
    return folder.resolve()
