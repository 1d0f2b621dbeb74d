"""The notebooks' project finder (rlhf_utils/project_finder.py, copied into their setup cell): beside the
notebook first, then the copy in Drive whose notebook was saved last, saying which and why."""
import os

import nbformat
import pytest
from conftest import ROOT

from rlhf_utils.project_finder import find_project


def make_copy(folder, saved_at=None):
    (folder / "rlhf_utils").mkdir(parents=True)
    (folder / "rlhf_utils" / "__init__.py").write_text("")
    if saved_at is not None:
        nb = folder / "Improved_RLHF.ipynb"
        nb.write_text("{}")
        os.utime(nb, (saved_at, saved_at))
    return folder


def test_beside_the_notebook_wins(tmp_path, capsys):
    project = make_copy(tmp_path / "proj")
    drive = tmp_path / "drive"
    make_copy(drive / "MyDrive" / "other", saved_at=2e9)
    assert find_project(None, "Improved_RLHF.ipynb", here=project, drive=drive) == project.resolve()
    assert find_project(None, "Improved_RLHF.ipynb", here=project / "sub", drive=drive) == project.resolve()
    assert "beside this notebook" in capsys.readouterr().out


def test_several_drive_copies_take_the_last_saved_notebook_and_list_all(tmp_path, capsys):
    drive = tmp_path / "drive"
    old = make_copy(drive / "MyDrive" / "HW5", saved_at=1.7e9)
    new = make_copy(drive / "MyDrive" / "courses" / "HW5 part2", saved_at=1.8e9)
    bare = make_copy(drive / "MyDrive" / "a" / "b" / "copy")  # no notebook: counts as oldest
    here = tmp_path / "content"
    here.mkdir()
    assert find_project(None, "Improved_RLHF.ipynb", here=here, drive=drive) == new.resolve()
    out = capsys.readouterr().out
    assert "3 copies of the project are in Drive" in out and "PROJECT_DIR" in out
    assert f"-> {new.resolve()}" in out and str(old.resolve()) in out and str(bare.resolve()) in out
    assert find_project(str(old), "Improved_RLHF.ipynb", here=here, drive=drive) == old.resolve()
    assert "PROJECT_DIR in the config cell" in capsys.readouterr().out


def test_one_copy_and_no_copy(tmp_path, capsys):
    drive, here = tmp_path / "drive", tmp_path / "content"
    here.mkdir()
    with pytest.raises(FileNotFoundError, match="not found beside this notebook or in Google Drive"):
        find_project(None, "Simple_RLHF.ipynb", here=here, drive=drive)
    only = make_copy(drive / "MyDrive" / "rlhf")
    assert find_project(None, "Simple_RLHF.ipynb", here=here, drive=drive) == only.resolve()
    assert "the only copy of the project in Drive" in capsys.readouterr().out
    with pytest.raises(FileNotFoundError, match="PROJECT_DIR='/nowhere' holds no rlhf_utils/"):
        find_project("/nowhere", "Simple_RLHF.ipynb", here=here, drive=drive)


def test_setup_cells_run_this_code():
    source = (ROOT / "rlhf_utils" / "project_finder.py").read_text().split("# notebook-setup-cell\n", 1)[1]
    for name in ("Simple_RLHF.ipynb", "Improved_RLHF.ipynb"):
        setup = next(c.source for c in nbformat.read(ROOT / name, as_version=4).cells if "find_project(" in c.source)
        assert source in setup and f"find_project(PROJECT_DIR, notebook={name!r})" in setup
