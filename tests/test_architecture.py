"""The domain does not depend on the user interface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DOMAIN = [
    "briefing.model",
    "briefing.format",
    "briefing.yamlsafe",
    "briefing.text",
    "briefing.findings",
    "briefing.provenance",
    "briefing.loader",
    "briefing.format_check",
    "briefing.resolve",
    "briefing.library",
]


def test_importing_and_using_the_domain_never_imports_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DOMAIN)
        + "from briefing.library import load_library, bundled_content_dir\n"
        + "load_library([bundled_content_dir()])\n"
        + "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        + "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_import_contract_holds() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout
