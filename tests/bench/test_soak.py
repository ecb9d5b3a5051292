"""The soak in its short form: a real deployment under load and faults loses no write."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_short_soak_loses_no_acknowledged_write():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "soak.py"), "--quick"],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    for fault in ("killed gunicorn worker", "killed the queue worker", "restarted PostgreSQL",
                  "restarted Redis"):
        assert f"fault: {fault}" in output
    assert re.search(r"writes sent: \d+, acknowledged: [1-9]\d*", output)
    assert re.search(r"theme run after the queue worker was killed: (done|failed)", output)
    assert output.strip().splitlines()[-1] == "acknowledged writes lost: 0"
