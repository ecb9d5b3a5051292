"""The parts bench/soak.py drives: a deployment of real servers, and an HTTP client."""
import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
VOTES = {1: "agree", -1: "disagree", 0: "pass"}


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds, every=0.25):
    """Poll ``condition`` until true or ``seconds`` pass; return whether it became true."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # a part may be restarting: ask again
            pass
        time.sleep(every)
    return False


def percentile(values, share):
    """The ``share`` percentile of ``values`` (nearest rank); 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share / 100 * len(ordered)) - 1))]


def flashes(cookie):
    """The flashed (category, message) pairs in a Flask session cookie value."""
    payload = cookie.split(".")[1] if cookie.startswith(".") else cookie.split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if cookie.startswith("."):
        data = zlib.decompress(data)
    session = json.loads(data)
    return [tuple(item[" t"] if isinstance(item, dict) else item)
            for item in session.get("_flashes", [])]


class Outcome:
    """A response: its status, and whether it acknowledged a write."""

    def __init__(self, status, acknowledged):
        self.status, self.acknowledged = status, acknowledged


class Client:
    """A signed-in browser, reduced to cookies, a CSRF token and one connection per call."""

    def __init__(self, base):
        host, port = base.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.cookies, self.token = {}, None

    def _send(self, method, path, form=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrf_token": self.token or ""})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        found = CSRF.search(text)
        if found:
            self.token = found.group(1)
        return response.status, text

    def get(self, path):
        """GET ``path``."""
        status, _ = self._send("GET", path)
        return Outcome(status, False)

    def post(self, path, form):
        """POST ``form``: acknowledged if answered with a redirect and no error message."""
        if self.token is None:
            self._send("GET", "/")
        status, _ = self._send("POST", path, form)
        errors = [m for c, m in flashes(self.cookies.get("session", "e30"))
                  if c == "error"] if status == 302 else []
        return Outcome(status, status == 302 and not errors)

    def sign_in(self, email, password):
        """Sign in; True if it worked."""
        try:
            self._send("GET", "/login")
            status, _ = self._send("POST", "/login", {"email": email, "password": password})
        except OSError:
            return False
        return status == 302


class Deployment:
    """PostgreSQL, Redis, gunicorn and a queue worker, started and stopped by the soak."""

    def __init__(self, directory):
        self.directory = directory
        self.pg_dir = self.web = self.queue_worker = self.redis = self.app = None
        self.redis_port = free_port()
        self.worker_groups = []
        self.watched_run = self.watcher = self.settled_after = None

    def __enter__(self):
        exports = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start"],
                                 check=True, capture_output=True, text=True).stdout
        values = dict(re.findall(r"export (\w+)=(\S+)", exports))
        self.pg_dir, database_url = values["PGDATA_DIR"], values["TEST_DATABASE_URL"]
        self.start_redis()
        redis_url = f"redis://127.0.0.1:{self.redis_port}"
        self.env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "soak-only",
                    "REDIS_URL": f"{redis_url}/1", "RATELIMIT_STORAGE_URI": f"{redis_url}/0",
                    "PYTHONPATH": str(ROOT)}
        return self

    def __exit__(self, *exc):
        for process in (self.web, self.queue_worker):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        for group in self.worker_groups:
            try:
                os.killpg(group, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.app is not None:
            from webapp.extensions import db
            with self.app.app_context():
                db.engine.dispose()
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait(timeout=10)
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", self.pg_dir],
                       check=False)
        return False

    def _flask(self, *args):
        subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT,
                       env=self.env, check=True, capture_output=True)

    def prepare(self, n_clients):
        """Build the schema, load the demo, and describe what the clients will use."""
        self._flask("db", "upgrade")
        self._flask("load-demo")
        os.environ.update({k: self.env[k] for k in ("DATABASE_URL", "SECRET_KEY")})
        from scenario import describe
        from webapp import create_app
        self.app = create_app()
        return describe(self.app, n_clients)

    def start(self, port):
        """Start gunicorn (4 workers) and one queue worker; return the site's address."""
        self.web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "4", "--bind",
             f"127.0.0.1:{port}", "--timeout", "60", "wsgi:app"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.start_queue_worker()
        base = f"http://127.0.0.1:{port}"
        if not wait_until(lambda: Client(base).get("/healthz").status == 200, 30):
            raise RuntimeError("gunicorn did not start")
        return base

    def start_queue_worker(self):
        """Start a `flask worker`."""
        # Its own process group, so that the scheduler it forks is stopped with it at the end.
        self.queue_worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT,
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        self.worker_groups.append(self.queue_worker.pid)

    def kill_queue_worker(self):
        """Kill the queue worker outright (as the kernel's OOM killer would); its pid."""
        self.queue_worker.send_signal(signal.SIGKILL)
        self.queue_worker.wait(timeout=10)
        return self.queue_worker.pid

    def kill_web_worker(self):
        """Kill one gunicorn worker outright; gunicorn starts another. Returns its pid."""
        children = Path(f"/proc/{self.web.pid}/task/{self.web.pid}/children").read_text()
        pid = int(children.split()[0])
        os.kill(pid, signal.SIGKILL)
        return pid

    def start_redis(self):
        """Start Redis on this deployment's port (again, after a restart)."""
        self.redis = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.redis_port), "--bind",
             "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        probe = socket.socket
        wait_until(lambda: probe().connect_ex(("127.0.0.1", self.redis_port)) == 0, 10, 0.05)

    def restart_redis(self):
        """Stop Redis and start it again (its queue and counts are lost, as with no disk)."""
        self.redis.terminate()
        self.redis.wait(timeout=10)
        self.start_redis()

    def restart_postgres(self):
        """Restart PostgreSQL (fast shutdown: open connections are cut)."""
        pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        # The server's output goes to its log: a pipe held open by it would never end.
        command = [str(pg_bin / "pg_ctl"), "-D", f"{self.pg_dir}/data", "-l",
                   f"{self.pg_dir}/server.log", "-m", "fast", "-w", "restart"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=60)

    def _scalar(self, sql, **params):
        from sqlalchemy import text

        from webapp.extensions import db
        with self.app.app_context():
            return db.session.execute(text(sql), params).scalar()

    def newest_run(self):
        """The id of the newest theme run, or None."""
        return self._scalar("SELECT max(id) FROM theme_run")

    def run_status(self):
        """The status of the run the soak started (None before it starts one)."""
        return self._scalar("SELECT status FROM theme_run WHERE id = :run",
                            run=self.watched_run)

    def count(self, kind, email, key):
        """How many rows hold the acknowledged write (kind, email, key)."""
        if kind == "idea":
            return self._scalar("SELECT count(*) FROM idea WHERE text = :key", key=key)
        if kind == "support":
            return self._scalar(
                "SELECT count(*) FROM action_support s JOIN user_account u ON u.id = s.user_id"
                " WHERE u.email = :email AND s.item_id = :key", email=email, key=key)
        return self._scalar(
            "SELECT count(*) FROM survey_receipt r JOIN user_account u ON u.id = r.user_id"
            " WHERE u.email = :email AND r.round_id = :key", email=email, key=key)

    def vote_of(self, email, idea_id):
        """The stored vote of ``email`` on ``idea_id``, as a word, or None."""
        value = self._scalar(
            "SELECT v.value FROM idea_vote v JOIN user_account u ON u.id = v.user_id"
            " WHERE u.email = :email AND v.idea_id = :idea", email=email, idea=idea_id)
        return VOTES.get(value)
