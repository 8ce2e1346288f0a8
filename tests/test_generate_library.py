"""The library generator writes valid, varied, deterministic briefings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from briefing.library import load_library

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("generate_library", BENCH / "generate_library.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Registered so that its dataclasses and its worker processes can find it by name.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_generated_briefings_are_valid_with_no_findings(generator, tmp_path: Path) -> None:
    generator.generate(tmp_path, 6, seed=3, jobs=1)
    library = load_library([tmp_path])
    assert len(library.entries) == 6
    assert [f.code for f in library.findings] == []
    assert len(library.briefings) == 6
    for briefing in library.briefings:
        assert briefing.positions and briefing.questions and briefing.timeline
        assert briefing.figures and briefing.quotes
        for _, item in briefing.all_items():
            for citation in getattr(item, "citations", ()):
                assert citation.passage  # a real span of the source text


def test_parties_shared_across_briefings_keep_one_name(generator, tmp_path: Path) -> None:
    generator.generate(tmp_path, 40, seed=1, jobs=1)
    library = load_library([tmp_path])
    names: dict[str, set[str]] = {}
    for briefing in library.briefings:
        for party in briefing.parties:
            names.setdefault(party.id, set()).add(party.name)
    assert all(len(n) == 1 for n in names.values())
    assert any(len(library.appearances(party_id)) > 1 for party_id in names)
    assert not [f for f in library.findings if f.code == "party-name-differs"]


def test_briefings_are_about_30_kb(generator, tmp_path: Path) -> None:
    generator.generate(tmp_path, 5, seed=2, jobs=1)
    sizes = [path.stat().st_size for path in tmp_path.glob("*.yaml")]
    assert all(20_000 < size < 45_000 for size in sizes), sizes


def test_same_seed_same_files_other_seed_other_files(generator, tmp_path: Path) -> None:
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generator.generate(first, 3, seed=7, jobs=1)
    generator.generate(second, 3, seed=7, jobs=1)
    generator.generate(third, 3, seed=8, jobs=1)

    def contents(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.*"))}

    assert contents(first) == contents(second)
    assert contents(first) != contents(third)


def test_parallel_workers_write_the_same_library(generator, tmp_path: Path) -> None:
    generator.generate(tmp_path / "serial", 400, seed=5, jobs=1)
    generator.generate(tmp_path / "parallel", 400, seed=5, jobs=2)
    serial = sorted(p.name for p in (tmp_path / "serial").rglob("*.*"))
    parallel = sorted(p.name for p in (tmp_path / "parallel").rglob("*.*"))
    assert serial == parallel
    name = serial[-1]
    found = next((tmp_path / "serial").rglob(name)).read_bytes()
    assert found == next((tmp_path / "parallel").rglob(name)).read_bytes()
