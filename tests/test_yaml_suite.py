"""The loader survives every input of the public YAML test suite and arbitrary input."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.findings import BriefingError
from briefing.loader import load_briefing
from briefing.yamlsafe import read_yaml

from .conftest import TESTS

# The inputs of the public YAML test suite, kept in the repository (see yaml_suite/README.md).
SUITE = TESTS / "yaml_suite" / "cases"
CASES = sorted(SUITE.glob("*.yaml"))


def test_the_suite_is_there() -> None:
    assert len(CASES) == 402, f"expected the 402 cases of the YAML test suite under {SUITE}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_case_loads_or_fails_with_a_located_error(case: Path) -> None:
    result = load_briefing(case)  # must not raise
    if result.briefing is None:
        assert result.errors
        for error in result.errors:
            assert error.file == case
            assert error.message
            # Unreadable-file errors have no position; everything else is located.
            if error.code != "unreadable-file":
                assert error.location is not None, error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_raises_only_our_error(text: str) -> None:
    try:
        read_yaml(text)
    except BriefingError as error:
        assert error.finding.message


YAMLISH = st.lists(
    st.sampled_from(
        [
            "a",
            ":",
            " ",
            "\n",
            "-",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&x",
            "*x",
            "!!str",
            "'",
            '"',
            "#",
            "---",
            "...",
            "|",
            ">",
            "?",
            "\t",
            "é",
            "\\",
            "%YAML 1.1",
            "\x1b",
            "1",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yaml_like_text_raises_only_our_error(text: str) -> None:
    try:
        read_yaml(text)
    except BriefingError as error:
        assert error.finding.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        result = load_briefing(path)
        assert result.briefing is None or result.briefing.id


def test_deep_nesting_is_refused_without_recursion() -> None:
    for text in (
        "[" * 5000 + "]" * 5000,
        "a:\n" + "".join(" " * i + "- \n" for i in range(1, 3000)),
    ):
        with pytest.raises(BriefingError) as caught:
            read_yaml(text)
        assert caught.value.finding.location is not None


def test_alias_bomb_is_refused_at_the_first_alias() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(BriefingError) as caught:
        read_yaml(bomb)
    assert caught.value.finding.code == "yaml-anchor"


def test_one_and_yes_are_distinct_string_keys() -> None:
    # Under YAML 1.1 both would be 1/True and collide; here keys are text, as written.
    assert read_yaml("1: a\nyes: b\n").data == {"1": "a", "yes": "b"}
