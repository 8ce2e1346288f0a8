"""Filters: positions and events by party and issue; briefings by tag, status, date; order."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from briefing.filters import (
    ItemFilter,
    LibraryFilter,
    SortOrder,
    arrange,
    filter_items,
    issue_choices,
    listings,
    parse_date_bound,
    party_choices,
    status_choices,
    tag_choices,
)
from briefing.loader import LoadResult
from briefing.model import Briefing, Event, Issue, Party, Position, Section, When

STATE = Party(id="state", name="The State", kind="state")
LEADER = Party(id="leader", name="The Leader", kind="person", part_of=STATE)
REBELS = Party(id="rebels", name="The Rebels", kind="armed-group")
IDLE = Party(id="idle", name="Bystanders", kind="population")
TRUCE = Issue(id="truce", title="A truce")
AID = Issue(id="aid", title="Aid")
UNUSED = Issue(id="unused", title="Nobody's issue")


def position(party: Party, issue: Issue) -> Position:
    return Position(
        id=f"pos-{party.id}-{issue.id}", party=party, issue=issue, stance="x", citations=()
    )


def event(number: int, *parties: Party) -> Event:
    return Event(
        id=f"ev-{number}",
        when=When.parse(f"2024-01-{number:02}"),
        when_sourced=True,
        label=None,
        event=f"Event {number}",
        parties=parties,
        citations=(),
    )


POSITIONS = (
    position(STATE, TRUCE),
    position(LEADER, AID),
    position(REBELS, TRUCE),
    position(REBELS, AID),
)
TIMELINE = (event(1, STATE, REBELS), event(2, LEADER), event(3, REBELS), event(4))


def briefing(
    briefing_id: str = "b",
    *,
    title: str = "A briefing",
    as_of: str = "2024-01-31",
    status: str = "developing",
    tags: tuple[str, ...] = (),
) -> Briefing:
    return Briefing(
        id=briefing_id,
        title=title,
        as_of=datetime.date.fromisoformat(as_of),
        status=status,
        summary="s",
        path=Path(f"{briefing_id}.yaml"),
        tags=tags,
        parties=(STATE, LEADER, REBELS, IDLE),
        issues=(TRUCE, AID, UNUSED),
        positions=POSITIONS,
        timeline=TIMELINE,
    )


def ids(items) -> list[str]:
    return [item.id for item in items]


# --- positions and events --------------------------------------------------------------------


def test_an_empty_filter_lets_everything_through() -> None:
    assert not ItemFilter().active
    assert filter_items(POSITIONS, ItemFilter()) == list(POSITIONS)
    assert filter_items(TIMELINE, ItemFilter()) == list(TIMELINE)


def test_positions_by_party() -> None:
    kept = filter_items(POSITIONS, ItemFilter(parties=frozenset({"rebels"})))
    assert ids(kept) == ["pos-rebels-truce", "pos-rebels-aid"]


def test_a_party_includes_its_people_and_offices() -> None:
    kept = filter_items(POSITIONS, ItemFilter(parties=frozenset({"state"})))
    assert ids(kept) == ["pos-state-truce", "pos-leader-aid"]
    # ...but not the other way round: the leader does not speak for the whole state's items.
    kept = filter_items(POSITIONS, ItemFilter(parties=frozenset({"leader"})))
    assert ids(kept) == ["pos-leader-aid"]


def test_positions_by_issue_and_by_party_and_issue_together() -> None:
    assert ids(filter_items(POSITIONS, ItemFilter(issues=frozenset({"truce"})))) == [
        "pos-state-truce",
        "pos-rebels-truce",
    ]
    both = ItemFilter(parties=frozenset({"rebels"}), issues=frozenset({"aid"}))
    assert ids(filter_items(POSITIONS, both)) == ["pos-rebels-aid"]


def test_several_parties_mean_any_of_them() -> None:
    either = ItemFilter(parties=frozenset({"leader", "rebels"}))
    assert ids(filter_items(POSITIONS, either)) == [
        "pos-leader-aid",
        "pos-rebels-truce",
        "pos-rebels-aid",
    ]


def test_events_by_party() -> None:
    assert ids(filter_items(TIMELINE, ItemFilter(parties=frozenset({"rebels"})))) == [
        "ev-1",
        "ev-3",
    ]
    assert ids(filter_items(TIMELINE, ItemFilter(parties=frozenset({"state"})))) == [
        "ev-1",
        "ev-2",
    ]


def test_events_have_no_issue_so_an_issue_filter_hides_them() -> None:
    assert filter_items(TIMELINE, ItemFilter(issues=frozenset({"truce"}))) == []


def test_choices_are_what_appears_in_the_section() -> None:
    b = briefing()
    assert [p.id for p in party_choices(b, Section.POSITIONS)] == ["state", "leader", "rebels"]
    assert [p.id for p in party_choices(b, Section.TIMELINE)] == ["state", "leader", "rebels"]
    assert [i.id for i in issue_choices(b, Section.POSITIONS)] == ["truce", "aid"]
    assert issue_choices(b, Section.TIMELINE) == []


def test_a_filter_describes_itself_by_names() -> None:
    both = ItemFilter(parties=frozenset({"rebels", "state"}), issues=frozenset({"aid"}))
    assert both.describe(briefing()) == "party: The State, The Rebels · issue: Aid"
    assert ItemFilter().describe(briefing()) == ""


# --- briefings -------------------------------------------------------------------------------


def entries() -> list[LoadResult]:
    made = [
        briefing("water", title="Silver river", as_of="2024-05-14", tags=("water", "treaty")),
        briefing("old", title="an old story", as_of="2022-03-01", status="archived"),
        briefing("port", title="Harbour talks", as_of="2024-03-04", tags=("trade",)),
        briefing(
            "done", title="Bridge deal", as_of="2023-07-30", status="resolved", tags=("trade",)
        ),
    ]
    results = [LoadResult(Path(f"{b.id}.yaml"), b, ()) for b in made]
    return [*results[:2], LoadResult(Path("broken.yaml"), None, ()), *results[2:]]


def shown(library_filter: LibraryFilter = LibraryFilter(), order=SortOrder.LIBRARY) -> list[str]:  # noqa: B008
    listed = entries()
    return [
        listed[i].briefing.id if listed[i].briefing else listed[i].path.name
        for i in arrange(listings(listed), library_filter, order)
    ]


def test_no_filter_keeps_the_library_order_and_the_broken_file() -> None:
    assert shown() == ["water", "old", "broken.yaml", "port", "done"]


def test_briefings_by_tag_any_of_those_chosen() -> None:
    assert shown(LibraryFilter(tags=frozenset({"trade"}))) == ["port", "done"]
    assert shown(LibraryFilter(tags=frozenset({"trade", "water"}))) == ["water", "port", "done"]


def test_briefings_by_status() -> None:
    assert shown(LibraryFilter(statuses=frozenset({"archived", "resolved"}))) == ["old", "done"]


def test_briefings_by_as_of_range_inclusive() -> None:
    since = datetime.date(2023, 7, 30)
    until = datetime.date(2024, 3, 4)
    assert shown(LibraryFilter(since=since, until=until)) == ["port", "done"]
    assert shown(LibraryFilter(since=since)) == ["water", "port", "done"]
    assert shown(LibraryFilter(until=since)) == ["old", "done"]


def test_filters_combine() -> None:
    combined = LibraryFilter(tags=frozenset({"trade"}), statuses=frozenset({"developing"}))
    assert shown(combined) == ["port"]


def test_sorting_by_title_ignores_case_and_puts_broken_files_last() -> None:
    assert shown(order=SortOrder.TITLE) == ["old", "done", "port", "water", "broken.yaml"]


def test_sorting_by_as_of_puts_the_newest_first() -> None:
    assert shown(order=SortOrder.AS_OF) == ["water", "port", "done", "old", "broken.yaml"]


def test_sorting_applies_to_what_the_filter_keeps() -> None:
    trade = LibraryFilter(tags=frozenset({"trade"}))
    assert shown(trade, SortOrder.TITLE) == ["done", "port"]


def test_sort_orders_cycle() -> None:
    assert SortOrder.LIBRARY.next() is SortOrder.TITLE
    assert SortOrder.TITLE.next() is SortOrder.AS_OF
    assert SortOrder.AS_OF.next() is SortOrder.LIBRARY


def test_choices_count_the_briefings() -> None:
    briefings = [entry.briefing for entry in entries() if entry.briefing]
    assert tag_choices(briefings) == [("trade", 2), ("treaty", 1), ("water", 1)]
    assert status_choices(briefings) == [("developing", 2), ("resolved", 1), ("archived", 1)]


def test_a_library_filter_describes_itself() -> None:
    described = LibraryFilter(
        tags=frozenset({"water", "trade"}), since=datetime.date(2024, 1, 1)
    ).describe()
    assert described == "tag: trade, water · as of 2024-01-01 to …"


# --- typed dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2024", False, datetime.date(2024, 1, 1)),
        ("2024", True, datetime.date(2024, 12, 31)),
        ("2024-02", False, datetime.date(2024, 2, 1)),
        ("2024-02", True, datetime.date(2024, 2, 29)),
        ("2023-12", True, datetime.date(2023, 12, 31)),
        (" 2024-05-14 ", True, datetime.date(2024, 5, 14)),
        ("", True, None),
        ("   ", False, None),
    ],
)
def test_date_bounds(text: str, end: bool, expected: datetime.date | None) -> None:
    assert parse_date_bound(text, end=end) == expected


@pytest.mark.parametrize("text", ["May 2024", "24-05-01", "2024-13", "2024-02-30", "2024/05"])
def test_a_bad_date_bound_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date_bound(text, end=False)


def test_a_catalog_is_listed_from_its_records_as_a_loaded_library_is(tmp_path: Path) -> None:
    from briefing.library import load_library
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    roots = [Path(__file__).parent / "fixtures" / "reader"]
    catalog = Catalog.open(roots, LibraryCache(tmp_path / "cache"))
    catalog.refresh(jobs=1)
    lazy = catalog.library()
    assert listings(lazy.entries) == listings(load_library(roots).entries)
    assert catalog.loaded == 0  # nothing was loaded to list it
