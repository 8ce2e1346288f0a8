"""Settings: a small TOML file of the reader's theme and key bindings.

    theme = "nord"

    [keymap]
    "briefing.next-pane" = "ctrl+n"
    "briefing.quit" = "q,ctrl+q"

TOML, read by the standard library, suits a file of a few hand-written settings. Reading it never
raises: a setting that is wrong is reported, with its line and column, and left at its default,
while the rest apply. A file that is not TOML (a syntax error, which Python's TOML reader cannot
read past) gives every default, and a notice with the error's line and column. Whether a binding
id or a theme exists is for the reader to say, through `check_names`, since only it knows them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import msgspec

from briefing.findings import BriefingError, Finding, Location, Severity, line_excerpt
from briefing.text import did_you_mean, sanitise, shorten
from briefing.textfile import read_text_file

MAX_CONFIG_BYTES = 1024 * 1024
SETTINGS = ("theme", "keymap")

KeyPath = tuple[str, ...]


class Settings(msgspec.Struct, frozen=True):
    theme: str | None = None
    # Binding id -> keys, comma-separated, as `App.set_keymap` takes them.
    keymap: Mapping[str, str] = msgspec.field(default_factory=dict)
    path: Path | None = None
    # Where the theme and each keymap entry were written, to locate what the reader finds later.
    theme_location: Location | None = msgspec.field(default=None)
    keymap_locations: Mapping[str, Location] = msgspec.field(default_factory=dict)


def load_settings(path: Path) -> tuple[Settings, tuple[Finding, ...]]:
    """The settings in `path` (none there: the defaults) and a notice for each problem."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return Settings(path=path), ()
    try:
        text = read_text_file(path, max_bytes=MAX_CONFIG_BYTES, what="config")
    except BriefingError as error:
        return Settings(path=path), (_as_notice(error.finding),)
    return _Reader(path, text).read()


def check_names(
    settings: Settings,
    *,
    binding_ids: Collection[str] | None = None,
    themes: Collection[str] | None = None,
) -> tuple[Finding, ...]:
    """Notices for keymap entries naming no binding, and a theme that does not exist.

    Either check is skipped when its names are not given (None).
    """
    notices = []
    for binding_id in settings.keymap if binding_ids is not None else ():
        if binding_id not in binding_ids:
            guess = did_you_mean(binding_id, sorted(binding_ids))
            notices.append(
                _notice(
                    settings.path,
                    settings.keymap_locations.get(binding_id),
                    f"no key binding has the id `{_show(binding_id)}`; it is ignored",
                    hint=f"did you mean `{guess}`?" if guess else "see the key list: press ?",
                )
            )
    if themes is not None and settings.theme is not None and settings.theme not in themes:
        guess = did_you_mean(settings.theme, sorted(themes))
        known = "themes: " + ", ".join(sorted(themes))
        notices.append(
            _notice(
                settings.path,
                settings.theme_location,
                f"no theme is called `{_show(settings.theme)}`; the default is used",
                hint=f"did you mean `{guess}`?" if guess else known,
            )
        )
    return tuple(notices)


# --- reading -------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.split("\n")
        self.text = text
        self.notices: list[Finding] = []
        self.keys, self.values, self.repeated = _scan(self.lines)

    def read(self) -> tuple[Settings, tuple[Finding, ...]]:
        # Imported where used: a reader without a settings file never loads a TOML parser.
        import tomllib

        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            self.notices.append(self._syntax_notice(str(error)))
            return Settings(path=self.path), tuple(self.notices)
        except RecursionError:
            self.warn(
                None,
                "the settings file nests arrays or tables too deeply to be read; "
                "every setting is at its default",
            )
            return Settings(path=self.path), tuple(self.notices)
        for name in data:
            if name not in SETTINGS:
                guess = did_you_mean(name, SETTINGS)
                known = "settings: " + ", ".join(SETTINGS)
                self.warn(
                    self.key_location((name,)),
                    f"unknown setting `{_show(name)}`; it is ignored",
                    hint=f"did you mean `{guess}`?" if guess else known,
                )
        keymap, locations = self.keymap(data.get("keymap"))
        settings = Settings(
            theme=self.theme(data.get("theme")),
            keymap=keymap,
            path=self.path,
            theme_location=self.value_location(("theme",)),
            keymap_locations=locations,
        )
        return settings, tuple(self.notices)

    def theme(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.warn(
            self.value_location(("theme",)),
            f"`theme` must be a theme's name, not {_describe(value)}; the default is used",
            hint='for example: theme = "nord"',
        )
        return None

    def keymap(self, value: Any) -> tuple[dict[str, str], dict[str, Location]]:
        keymap: dict[str, str] = {}
        locations: dict[str, Location] = {}
        if value is None:
            return keymap, locations
        if not isinstance(value, dict):
            self.warn(
                self.value_location(("keymap",)),
                f"`keymap` must be a table of binding ids and keys, not {_describe(value)}; "
                "the default keys are used",
                hint='for example: [keymap] then "briefing.next-pane" = "ctrl+n"',
            )
            return keymap, locations
        for binding_id, keys in value.items():
            where = self.key_location(("keymap", binding_id))
            if not binding_id.strip() or any(c.isspace() or c == "," for c in binding_id):
                self.warn(
                    where,
                    f"`{_show(binding_id)}` is not a binding id; the entry is ignored",
                    hint="binding ids have no spaces or commas, e.g. `briefing.next-pane`",
                )
                continue
            normal = _keys(keys)
            if normal is None:
                self.warn(
                    self.value_location(("keymap", binding_id)),
                    f'the keys for `{_show(binding_id)}` must be text such as "ctrl+n" or '
                    f'"j,down", not {_describe(keys)}; the default keys are used',
                    hint='quote a binding id that has dots: "briefing.next-pane" = "ctrl+n"'
                    if isinstance(keys, dict)
                    else None,
                )
                continue
            keymap[binding_id] = normal
            if where:
                locations[binding_id] = where
        return keymap, locations

    # locations

    def key_location(self, path: KeyPath) -> Location | None:
        while path:
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return None

    def value_location(self, path: KeyPath) -> Location | None:
        return self.values.get(path) or self.key_location(path)

    def warn(self, where: Location | None, message: str, *, hint: str | None = None) -> None:
        self.notices.append(_notice(self.path, where, message, hint=hint, lines=self.lines))

    def _syntax_notice(self, message: str) -> Finding:
        """tomllib's message, with the place it names turned into a location."""
        where = None
        if match := _AT_LINE.search(message):
            where = Location(line=int(match["line"]), column=int(match["column"]))
            message = message[: match.start()]
        elif match := _AT_END.search(message):
            message = message[: match.start()]
            # tomllib places a repeated key at the end of the file; the scan finds the repeat.
            where = self.repeated or Location(line=len(self.lines), column=len(self.lines[-1]) + 1)
        return _notice(
            self.path,
            where,
            f"the settings file is not valid TOML ({_show(message.strip())}); "
            "every setting is at its default",
            lines=self.lines,
        )


_AT_LINE = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_TABLE = re.compile(r"^\s*\[(?P<name>[^\[\]]+)\]\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*(?P<key>(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
    r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=\s*(?P<value>\S)?"""
)


def _key_path(key: str) -> KeyPath | None:
    """A written TOML key (dotted, quoted) as its parts, read by tomllib itself."""
    import tomllib

    try:
        data: Any = tomllib.loads(f"{key} = 0")
    except tomllib.TOMLDecodeError:
        return None
    parts: list[str] = []
    while isinstance(data, dict) and len(data) == 1:
        ((name, data),) = data.items()
        parts.append(name)
    return tuple(parts)


def _scan(
    lines: list[str],
) -> tuple[dict[KeyPath, Location], dict[KeyPath, Location], Location | None]:
    """Where each key and value is written, and the first key written twice.

    tomllib gives no positions for values, so a line scan finds them. It is approximate (it
    does not follow multi-line strings), which is enough to point at a mistake.
    """
    keys: dict[KeyPath, Location] = {}
    values: dict[KeyPath, Location] = {}
    repeated: Location | None = None
    table: KeyPath = ()
    for number, line in enumerate(lines, 1):
        if match := _TABLE.match(line):
            table = _key_path(match["name"].strip()) or ()
            where = Location(line=number, column=match.start("name") + 1)
            if table in keys and repeated is None:
                repeated = where
            keys.setdefault(table, where)
            continue
        match = _KEY.match(line)
        if not match or (parts := _key_path(match["key"])) is None:
            continue
        path = table + parts
        where = Location(line=number, column=match.start("key") + 1)
        if path in keys and repeated is None:
            repeated = where
        keys.setdefault(path, where)
        if match["value"]:
            values.setdefault(path, Location(line=number, column=match.start("value") + 1))
    return keys, values, repeated


def _keys(value: Any) -> str | None:
    """Keys as `set_keymap` wants them ("a,b", no spaces), or None if they are no keys.

    A list of keys is accepted too: `["j", "down"]` reads as well as `"j,down"`.
    """
    if isinstance(value, list) and value and all(isinstance(key, str) for key in value):
        value = ",".join(value)
    if not isinstance(value, str):
        return None
    keys = [key.strip() for key in value.split(",")]
    if not all(keys) or any(any(c.isspace() for c in key) for key in keys):
        return None
    return ",".join(keys)


def _describe(value: Any) -> str:
    kinds = {bool: "true or false", int: "a number", float: "a number", list: "a list"}
    if isinstance(value, str):
        return f"`{_show(value)}`" if value.strip() else "empty text"
    if isinstance(value, dict):
        return "a table"
    return kinds.get(type(value), "a date or time")


def _show(text: str) -> str:
    return shorten(sanitise(text), 60)


def _notice(
    path: Path | None,
    where: Location | None,
    message: str,
    *,
    hint: str | None = None,
    lines: list[str] | None = None,
) -> Finding:
    line, caret = (None, None)
    if where and lines:
        line, caret = line_excerpt(lines, where.line, where.column)
    return Finding(
        severity=Severity.WARNING,
        code="config",
        message=message,
        file=path,
        location=where,
        hint=hint,
        source_line=line,
        caret=caret,
    )


def _as_notice(finding: Finding) -> Finding:
    """A file that cannot be read: a notice, and every setting at its default."""
    return Finding(
        severity=Severity.WARNING,
        code="config",
        message=f"{finding.message}; every setting is at its default",
        file=finding.file,
        location=finding.location,
        hint=finding.hint,
    )
