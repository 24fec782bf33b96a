"""README, "Querying": every `newsflow query` example prints exactly the output shown, on the sample data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsflow.cli import app
from newsflow.views import MACROS, VIEWS
from tests.conftest import SAMPLE_RAW_DIR
from tests.sample_warehouse import build_sample_warehouse

README = SAMPLE_RAW_DIR.parents[1] / "README.md"
EXAMPLE = re.compile(r'```bash\nnewsflow query "([^"\n]+)"\n```\n\n```\n(.*?)\n```', re.S)


def querying_section() -> str:
    text = README.read_text()
    return text[text.index("## Querying") : text.index("## A report to look at")]


def examples() -> list[tuple[str, str]]:
    found = EXAMPLE.findall(querying_section())
    assert len(found) >= 10
    return found


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("readme")
    return build_sample_warehouse(SAMPLE_RAW_DIR, base / "out", base / "newsflow.duckdb")


@pytest.mark.parametrize(("sql", "shown"), examples(), ids=[sql[:50] for sql, _ in examples()])
def test_readme_example_output(sample_db: Path, sql: str, shown: str) -> None:
    result = CliRunner().invoke(app, ["query", sql, "--db", str(sample_db)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown.strip()


def test_every_view_and_macro_is_listed() -> None:
    section = querying_section()
    missing = [name for name in [v.name for v in VIEWS] + [m.name for m in MACROS] if f"`{name}" not in section]
    assert not missing
    assert "`search_sentences(" in section
