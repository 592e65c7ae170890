"""Shared fixtures: the repository's editions and a built copy of each (built once per session)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "casebook.yaml"
SECOND = ROOT / "examples" / "second-edition" / "casebook.yaml"
# The seed beside the checkout; CASEBOOK_SEED points elsewhere (a worktree has no ../shared).
SEED = Path(os.environ.get("CASEBOOK_SEED", ROOT.parent / "shared" / "seed" / "000_6dc29b90e9f622f4.txt"))


@pytest.fixture(scope="session")
def bundled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casebook_pdf.build import build

    out = tmp_path_factory.mktemp("bundled") / "casebook.pdf"
    build(BUNDLED, out)
    return out


@pytest.fixture(scope="session")
def second_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casebook_pdf.build import build

    out = tmp_path_factory.mktemp("second") / "second.pdf"
    build(SECOND, out)
    return out


@pytest.fixture(autouse=True)
def _private_image_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write to the user's real cache folder."""
    monkeypatch.setenv("CASEBOOK_CACHE", str(tmp_path_factory.getbasetemp() / "image-cache"))


@pytest.fixture(autouse=True)
def _japanese_messages(monkeypatch: pytest.MonkeyPatch):
    """Messages in the default language, Japanese, whatever the locale of the machine running the tests."""
    from casebook_pdf.messages import choose_language

    monkeypatch.setenv("CASEBOOK_LANG", "ja")
    choose_language(None)
    yield
    choose_language(None)
