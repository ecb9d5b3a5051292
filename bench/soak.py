"""Soak: many clients, a real deployment, and faults; no acknowledged write may be lost.

Starts a throwaway PostgreSQL and Redis, loads the demo, then gunicorn (4 workers) and one
queue worker (`flask worker`), exactly as the README's production set-up. Concurrent
clients, each signed in as a different demo member, send an 80/20 mix of reads (the idea
board, a round report) and writes (votes, ideas, supports of action items, survey
answers); every write the app acknowledges (a redirect with no error message) goes to a
log. During the run it kills a gunicorn worker, kills the queue worker in the middle of a
theme run (and starts another), restarts PostgreSQL once and Redis once. At the end it
checks that every acknowledged write is in the database exactly once and that the theme
run finished or was marked failed, and prints requests, 5xx, p50/p99 per kind, and as its
last line ``acknowledged writes lost: N``.

    python bench/soak.py [--seconds 120] [--quick] [--clients 8]
"""
import argparse
import random
import signal
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from soak_parts import (Client, Deployment, free_port, percentile,  # noqa: E402
                        wait_until)

ROOT = Path(__file__).resolve().parent.parent
READ_SHARE = 0.8


class Load:
    """The clients' work and what they saw: latencies, 5xx, acknowledged writes."""

    def __init__(self, base, scenario, seed):
        self.base, self.scenario = base, scenario
        self.rng = random.Random(seed)
        self.latencies = defaultdict(list)
        self.errors = defaultdict(int)
        self.unreachable = 0
        # (acknowledged, kind, email, key, value) of every write sent, in order
        self.writes = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run_client(self, email, number):
        """One client's loop until told to stop."""
        rng = random.Random(self.rng.random())
        client = Client(self.base)
        while not self.stop.is_set() and not client.sign_in(email, self.scenario["password"]):
            time.sleep(0.2)
        answered, sequence = email in self.scenario["answered"], 0
        while not self.stop.is_set():
            sequence += 1
            if rng.random() < READ_SHARE:
                kind = rng.choice(("board", "report"))
                self._timed(kind, lambda: client.get(self.scenario[kind]))
                continue
            kind = rng.choice(["vote"] * 5 + ["idea"] * 3 + ["support"] * 2
                              + ([] if answered else ["survey"]))
            key, value, send = self._write(kind, client, rng, number, sequence)
            outcome = self._timed(kind, send)
            acknowledged = outcome is not None and outcome.acknowledged
            answered = answered or (acknowledged and kind == "survey")
            with self.lock:
                self.writes.append((acknowledged, kind, email, key, value))

    def _write(self, kind, client, rng, number, sequence):
        scenario = self.scenario
        if kind == "vote":
            idea_id, value = rng.choice(scenario["ideas"]), rng.choice(("agree", "disagree"))
            return idea_id, value, lambda: client.post(f"/ideas/{idea_id}/vote",
                                                       {"value": value})
        if kind == "idea":
            text = f"Soak idea {number}-{sequence}: a joint review of lost deals"
            return text, None, lambda: client.post(scenario["board"],
                                                   {"text": text, "confirm": "1"})
        if kind == "support":
            item_id = rng.choice(scenario["items"])
            return item_id, None, lambda: client.post(f"/actions/{item_id}/support", {})
        return scenario["round_id"], None, lambda: client.post(scenario["answer"],
                                                               scenario["answers"])

    def _timed(self, kind, send):
        began = time.perf_counter()
        try:
            outcome = send()
        except OSError:  # refused or reset while something restarts: not acknowledged
            with self.lock:
                self.unreachable += 1
            time.sleep(0.1)
            return None
        with self.lock:
            self.latencies[kind].append(time.perf_counter() - began)
            if outcome.status >= 500:
                self.errors[kind] += 1
        return outcome


def faults(deployment, load, scenario, seconds, log):
    """Kill and restart the parts during the run, at fixed shares of its length."""
    began = time.monotonic()

    def at(share):
        time.sleep(max(0.0, began + share * seconds - time.monotonic()))

    at(0.15)
    log.append(f"killed gunicorn worker {deployment.kill_web_worker()}")
    at(0.25)
    leader = Client(load.base)
    leader.sign_in(scenario["leader"], scenario["password"])
    before = deployment.newest_run()
    answer = leader.post(scenario["themes"], {"k": "", "seed": "0", "representation": "tfidf"})
    if not answer.acknowledged or deployment.newest_run() == before:
        raise RuntimeError(f"the leader could not start a theme run ({answer.status})")
    deployment.watched_run = deployment.newest_run()
    running = wait_until(lambda: deployment.run_status() == "running", 40, every=0.02)
    log.append(f"killed the queue worker {'mid-run' if running else 'before the run started'}"
               f" (pid {deployment.kill_queue_worker()}); started another")
    killed_at = time.monotonic()

    def watch():  # how long until the run is done or failed
        if wait_until(lambda: deployment.run_status() in ("done", "failed"), 150, every=0.5):
            deployment.settled_after = time.monotonic() - killed_at
    deployment.watcher = threading.Thread(target=watch)
    deployment.watcher.start()
    deployment.start_queue_worker()
    at(0.5)
    deployment.restart_postgres()
    log.append("restarted PostgreSQL")
    at(0.7)
    deployment.restart_redis()
    log.append("restarted Redis")


def check(deployment, writes):
    """Return the acknowledged writes that are not in the database exactly once.

    A vote may be changed later: the stored value must be the last acknowledged one, or
    that of a later vote whose answer was an error (it may have been saved all the same).
    """
    lost = []
    allowed = {}
    for acknowledged, kind, email, key, value in writes:
        if kind == "vote":
            if acknowledged:
                allowed[(email, key)] = {value}
            elif (email, key) in allowed:
                allowed[(email, key)].add(value)
        elif acknowledged and deployment.count(kind, email, key) != 1:
            lost.append((kind, email, key))
    for (email, idea_id), values in allowed.items():
        if deployment.vote_of(email, idea_id) not in values:
            lost.append(("vote", email, idea_id))
    return lost


def report(load, log, lost, run_status, seconds):
    """Print the figures; the last line is read by scripts."""
    total = sum(len(v) for v in load.latencies.values())
    print(f"soak: {seconds:.0f} s, {total} requests answered, "
          f"{load.unreachable} refused while a part restarted")
    for line in log:
        print(f"  fault: {line}")
    print(f"  {'kind':8} {'requests':>8} {'5xx':>5} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in sorted(load.latencies):
        times = load.latencies[kind]
        print(f"  {kind:8} {len(times):8} {load.errors[kind]:5} "
              f"{percentile(times, 50) * 1000:8.1f} {percentile(times, 99) * 1000:8.1f}")
    acknowledged = sum(1 for write in load.writes if write[0])
    print(f"  writes sent: {len(load.writes)}, acknowledged: {acknowledged}")
    print(f"  theme run after the queue worker was killed: {run_status}")
    for kind, email, key in lost[:10]:
        print(f"  LOST: {kind} by {email}: {key}")
    print(f"acknowledged writes lost: {len(lost)}")


def main(argv=None):
    """Run the soak; exit 1 if a write was lost or the run was left hanging."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--quick", action="store_true", help="20 s instead")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    seconds = 20 if args.quick else args.seconds
    with tempfile.TemporaryDirectory() as directory, Deployment(Path(directory)) as deployment:
        scenario = deployment.prepare(args.clients)
        load = Load(deployment.start(free_port()), scenario, args.seed)
        log = []
        threads = [threading.Thread(target=load.run_client, args=(email, number))
                   for number, email in enumerate(scenario["clients"])]
        chaos = threading.Thread(target=faults, args=(deployment, load, scenario, seconds, log))
        for thread in [*threads, chaos]:
            thread.start()
        time.sleep(seconds)
        chaos.join()  # every fault happens, however slow the machine
        load.stop.set()
        for thread in threads:
            thread.join()
        # A run whose worker was killed is failed by a worker's reaper within a minute.
        deployment.watcher.join()
        run_status = str(deployment.run_status())
        if deployment.settled_after is not None:
            run_status += f" ({deployment.settled_after:.0f} s after the kill)"
        lost = check(deployment, load.writes)
    report(load, log, lost, run_status, seconds)
    return 0 if not lost and run_status.startswith(("done", "failed")) else 1


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main())
