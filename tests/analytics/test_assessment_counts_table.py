"""An assessment's counts table read back from its JSON: the same table ``pa.Table.from_pydict`` makes
(types, values, nulls, non-ASCII names), and reading an assessment does not import pandas (it cost
a fresh web process about half a second on every page that reads the adopted assessment)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from csphub.analytics.assessment import COUNTS_COLUMNS, Assessment, _counts_table

SCHEMA = pa.schema(
    [("month", pa.string()), ("crime_type", pa.string()), ("lsoa_code", pa.string()), ("count", pa.int64())]
)


@pytest.mark.parametrize(
    "columns",
    [
        {
            "month": ["2024-01", "2024-01", "2024-02"],
            "crime_type": ["Anti-social behaviour", "Trosedd casineb – é", "Burglary"],
            "lsoa_code": ["E01019830", None, "W01000001"],
            "count": [3, 0, 2**40],
        },
        {},  # an assessment without counts
    ],
)
def test_the_counts_table_is_what_from_pydict_makes(columns: dict[str, list[object]]) -> None:
    expected = pa.Table.from_pydict({c: list(columns.get(c, [])) for c in COUNTS_COLUMNS}, schema=SCHEMA)
    table = _counts_table(columns)
    assert table.schema == SCHEMA
    assert table.equals(expected)
    assert table.to_pydict() == expected.to_pydict()


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        _counts_table({"month": ["2024-01"], "crime_type": [], "lsoa_code": [], "count": []})


def test_reading_an_assessment_does_not_import_pandas(sample_assessment: Assessment, tmp_path: Path) -> None:
    path = tmp_path / "assessment.json"
    path.write_text(sample_assessment.to_json(), encoding="utf-8")
    assert len(json.loads(path.read_text())["counts"]["month"]) > 0
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from csphub.analytics.assessment import Assessment\n"
        f"a = Assessment.from_json(Path({str(path)!r}).read_text(encoding='utf-8'))\n"
        "assert a.counts.num_rows > 0\n"
        "print('pandas' in sys.modules)\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
