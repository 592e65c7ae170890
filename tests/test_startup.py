"""Start-up: each command imports only what it uses (a small edition's build is mostly start-up)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import BUNDLED

# Only the modules the command itself imports: a machine's site-packages may hold .pth files that import
# things (certifi, hence importlib.resources) before any code of ours runs.
PROBE = """
import json, sys
before = set(sys.modules)
from casebook_pdf.cli import main
try:
    main(sys.argv[1:], prog_name="casebook-pdf")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(set(sys.modules) - before)}))
"""


def _modules(*args: str, cache: Path) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], check=False, capture_output=True, text=True,
                          env={"CASEBOOK_CACHE": str(cache), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None), done.stderr
    return set(result["modules"])


def test_check_draws_nothing_so_imports_no_pdf_writer(tmp_path: Path) -> None:
    loaded = _modules("check", str(BUNDLED), "--cache-dir", str(tmp_path / "c"), cache=tmp_path)
    assert "casebook_pdf.load.edition" in loaded and "casebook_pdf.layout" in loaded  # it did check
    assert set() == loaded & {"reportlab.pdfgen.canvas", "casebook_pdf.render", "PIL.ImageCms", "PIL.ImageDraw",
                              "watchfiles", "pypdfium2", "pypdf"}


def test_build_imports_neither_the_watcher_nor_the_previewer(tmp_path: Path) -> None:
    loaded = _modules("build", str(BUNDLED), "-o", str(tmp_path / "a.pdf"), "-q", "--cache-dir", str(tmp_path / "c"),
                      cache=tmp_path)
    assert (tmp_path / "a.pdf").is_file() and "reportlab.pdfgen.canvas" in loaded
    assert set() == loaded & {"watchfiles", "pypdfium2", "pypdf", "PIL.ImageDraw",
                              "casebook_pdf.render.impose", "PIL.ImageCms"}  # handouts and CMYK only


def test_build_imports_no_workflow_but_its_progress_display(tmp_path: Path) -> None:
    """`new`/`add` (their templates and YAML editing), previews, watching and preflight are other commands;
    importlib.resources is only for fonts inside an installed package; difflib only for a misspelt name
    (click imports it itself whenever a short option such as -o is given, hence the long ones here)."""
    loaded = _modules("build", str(BUNDLED), "--output", str(tmp_path / "a.pdf"), "--quiet", "--cache-dir", str(tmp_path / "c"),
                      cache=tmp_path)
    assert (tmp_path / "a.pdf").is_file() and "casebook_pdf.workflow.progress" in loaded
    assert set() == loaded & {"casebook_pdf.workflow.new", "casebook_pdf.workflow.templates", "casebook_pdf.workflow.yamltext",
                              "casebook_pdf.workflow.say", "casebook_pdf.workflow.add", "casebook_pdf.workflow.preview",
                              "casebook_pdf.workflow.watch", "casebook_pdf.preflight", "casebook_pdf.pdfread",
                              "casebook_pdf.pdftokens", "importlib.resources", "difflib"}


# What is imported by the time the pictures start being decoded: a build reads which pictures the
# edition names without parsing it (load/early.py), starts them on a worker thread, and only then imports
# YAML, the model, the fonts, the layout and the writer, so that the second core decodes while the first
# imports (see build.py). Only the first call of prefetch is recorded.
AT_PREFETCH = """
import json, sys
before = set(sys.modules)  # what the interpreter's start imported (a machine's .pth files) is not the build's
import casebook_pdf.images as images
seen = {}
real = images.ImageStore.prefetch
def prefetch(self, files):
    files = list(files)
    if not seen:
        seen.update(modules=sorted(set(sys.modules) - before), files=len(files))
    return real(self, files)
images.ImageStore.prefetch = prefetch
"""

# Run after a probe's own lines: the command, then what the probe saw (its `seen`) as JSON.
_THEN_BUILD = """
from casebook_pdf.cli import main
try:
    main(sys.argv[1:], prog_name="casebook-pdf")
except SystemExit:
    pass
print(json.dumps(seen))
"""


def _probe_build(probe: str, tmp_path: Path) -> object:
    """What `probe` saw while the bundled edition was built in a new process (which must succeed)."""
    done = subprocess.run([sys.executable, "-c", probe + _THEN_BUILD, "build", str(BUNDLED), "--output", str(tmp_path / "a.pdf"),
                           "--quiet", "--cache-dir", str(tmp_path / "c")], check=False, capture_output=True, text=True,
                          env={"CASEBOOK_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0 and (tmp_path / "a.pdf").is_file(), done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_build_starts_the_pictures_before_importing_yaml_the_model_fonts_layout_and_writer(tmp_path: Path) -> None:
    seen = _probe_build(AT_PREFETCH, tmp_path)
    assert isinstance(seen, dict)
    assert seen["files"] == 6 and "PIL.Image" in seen["modules"]
    late = {"yaml", "casebook_pdf.model", "casebook_pdf.load.edition", "casebook_pdf.load.source", "casebook_pdf.fonts",
            "casebook_pdf.frames", "casebook_pdf.layout.edition", "casebook_pdf.layout.style", "casebook_pdf.render.pdf",
            "reportlab.pdfbase.pdfmetrics", "reportlab.pdfgen.canvas", "tempfile", "calendar", "casebook_pdf.text.breaking",
            "casebook_pdf.text.clusters"}
    assert set() == late & set(seen["modules"])


# Modules imported by a thread other than the main one. An import is a string of system calls, and a
# thread making them waits for the GIL after each one while the main thread runs Python (see images.py).
THREAD_IMPORTS = """
import importlib.abc, json, sys, threading
seen = []
class Spy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if threading.current_thread() is not threading.main_thread():
            seen.append(name)
        return None
sys.meta_path.insert(0, Spy())
"""


def test_a_build_imports_nothing_on_its_picture_threads(tmp_path: Path) -> None:
    assert _probe_build(THREAD_IMPORTS, tmp_path) == []


def test_the_command_collects_garbage_less_often_than_python_by_default(tmp_path: Path) -> None:
    """cli.run raises the collector's thresholds (see GC_THRESHOLDS); cli.main, for other programs, does not."""
    probe = ("import gc, sys; sys.argv[0] = 'casebook-pdf'; import casebook_pdf.build as b; real = b.build\n"
             "def build(*a, **k):\n    print(gc.get_threshold(), file=sys.stderr); return real(*a, **k)\n"
             "b.build = build\nfrom casebook_pdf.cli import run; run()")
    done = subprocess.run([sys.executable, "-c", probe, "build", str(BUNDLED), "--output", str(tmp_path / "a.pdf"), "--quiet",
                           "--cache-dir", str(tmp_path / "c")], check=False, capture_output=True, text=True,
                          env={"CASEBOOK_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    from casebook_pdf.cli import GC_THRESHOLDS

    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == str(GC_THRESHOLDS) != str(gc.get_threshold())


def test_the_collector_is_set_before_the_command_imports_anything(tmp_path: Path) -> None:
    """The command's entry point (pyproject's script and python -m) sets GC_THRESHOLDS before click and
    cli's modules are imported: importing them ran the collector 18 times otherwise."""
    import tomllib

    from casebook_pdf.command import GC_THRESHOLDS

    scripts = tomllib.loads((BUNDLED.parent.parent / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["casebook-pdf"] == "casebook_pdf.command:run"
    probe = ("import gc, sys\n"
             "class Spy:\n    def find_spec(self, name, path=None, target=None):\n"
             "        if name == 'click': print(gc.get_threshold(), file=sys.stderr)\n"
             "sys.meta_path.insert(0, Spy())\nimport runpy; runpy.run_module('casebook_pdf', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", probe, "--version"], check=False, capture_output=True, text=True,
                          env={"CASEBOOK_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[0] == str(GC_THRESHOLDS)
