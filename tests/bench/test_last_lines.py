"""The last line each benchmark prints is read by scripts: its wording is an interface."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("script, args, last_line", [
    ("board.py", ["--ideas", "60", "--votes", "300", "--repeat", "1"],
     r"worst sort ratio to newest: \d+\.\d\d"),
    ("report.py", ["--scale", "0.01", "--repeat", "1"],
     r"report time ratio for 10x data: \d+\.\d\d"),
    ("signin.py", ["--repeat", "1"], r"sign-in time ratio unknown/known: \d+\.\d\d"),
    ("import_people.py", ["--rows", "200"], r"import seconds for 200 rows: \d+\.\d\d"),
    ("lineage.py", ["--trials", "2"], r"lineage answers right at the defaults: \d\.\d\d\d"),
    ("load.py", ["--quick", "--database", "sqlite"], r"worst ratio to target: \d+\.\d\d"),
    ("pages.py", ["--repeat", "1"], r"slowest page median ms: \d+\.\d\d"),
    ("worker_memory.py", ["--pages", "5"],
     r"worker resident memory MB: \d+ \(analysis stack imported: (yes|no)\)"),
])
def test_last_line_is_exact(script, args, last_line):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: over its target, still a result
    assert re.fullmatch(last_line, done.stdout.strip().splitlines()[-1])
