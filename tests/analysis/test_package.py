import subprocess
import sys
from pathlib import Path

import analysis

ROOT = Path(__file__).resolve().parents[2]


def test_public_names_exist():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None


def test_analysis_imports_no_web_or_database_code():
    code = ("import sys, analysis, analysis.measures, analysis._cli; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'sqlalchemy', 'flask_sqlalchemy', 'webapp')]; print(bad)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_modules_stay_small():
    for path in (ROOT / "analysis").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
