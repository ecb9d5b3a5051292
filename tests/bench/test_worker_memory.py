"""A web worker serving everyday pages never imports the analysis stack."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_everyday_pages_leave_the_analysis_stack_unimported():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "worker_memory.py"),
                           "--pages", "25"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    lines = done.stdout.splitlines()
    assert "pages served: 100 (4 demo accounts)" in lines, done.stdout + done.stderr
    assert "analysis stack imported: no" in lines, done.stdout
