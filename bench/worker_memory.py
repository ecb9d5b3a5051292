"""Memory of a web worker that serves everyday pages, and whether it loads the analysis.

Loads the demo into a temporary SQLite database (in a process of its own: loading runs
theme analyses), then, in a fresh process as a web worker would be, signs in as each demo
account and follows the links of the pages it sees (home, board, ideas, report, themes,
action items, ...), up to --pages pages per account. Prints the worker's peak memory
after importing the app and after the walk, and whether any of scikit-learn, scipy or
nltk (the analysis stack, about 120 MB) was imported by it. Aim: under 120 MB, and no.
The peak includes the 32 MB that each scrypt password check holds while it runs (at
sign-in); the resident memory after the walk is what the worker keeps.

    python bench/worker_memory.py [--pages 60]
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("sklearn", "scipy", "nltk")
LINK = re.compile(r'href="(/[^"#]*)"')


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _resident_mb():
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _walk(client, max_pages):
    """Visit the home page and the pages it links to, breadth first; return the count."""
    seen, queue = set(), ["/"]
    while queue and len(seen) < max_pages:
        url = queue.pop(0)
        if url in seen or "logout" in url or url.startswith("/static"):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code == 200 and "html" in response.content_type:
            queue += LINK.findall(response.get_data(as_text=True))
    return len(seen)


def worker(max_pages):
    """Act as a web worker on the prepared database; print a JSON line of figures."""
    sys.path.insert(0, str(ROOT))
    from webapp import create_app
    from webapp.demo import DEMO_PASSWORD, DEMO_PEOPLE
    app = create_app()
    after_import = _resident_mb()
    app.config["WTF_CSRF_ENABLED"] = False
    pages = 0
    for email, *_ in DEMO_PEOPLE[:4]:
        client = app.test_client()
        client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
        pages += _walk(client, max_pages)
    print(json.dumps({"after_import_mb": after_import, "peak_mb": _peak_mb(),
                      "resident_mb": _resident_mb(), "pages": pages,
                      "heavy": [name for name in HEAVY if name in sys.modules]}))


def main(argv=None):
    """Prepare the demo database, run the worker in a fresh process, print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=60, help="pages per account")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.pages)
    with tempfile.TemporaryDirectory() as directory:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{directory}/bench.db",
               "SECRET_KEY": "bench-only", "PYTHONPATH": str(ROOT)}
        flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
        for step in (["db", "upgrade"], ["load-demo"]):
            subprocess.run(flask + step, cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        done = subprocess.run([sys.executable, __file__, "--worker", "--pages",
                               str(args.pages)], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"pages served: {row['pages']} (4 demo accounts)")
    print(f"resident memory after importing the app: {row['after_import_mb']:.0f} MB")
    print(f"peak memory (scrypt at sign-in included): {row['peak_mb']:.0f} MB")
    print(f"analysis stack imported: {', '.join(row['heavy']) or 'no'}")
    print(f"worker resident memory MB: {row['resident_mb']:.0f} (analysis stack imported: "
          f"{'yes' if row['heavy'] else 'no'})")
    return 0 if not row["heavy"] and row["resident_mb"] < 120 else 1


if __name__ == "__main__":
    sys.exit(main())
