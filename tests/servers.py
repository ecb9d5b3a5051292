"""Real servers the tests start on loopback: Redis (Debian's redis-server)."""
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def redis_server(directory):
    """Run a throwaway Redis server on a free loopback port; yield its URL."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: scripts/system-deps.sh installs it")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(url, process, timeout=10):
    deadline = time.monotonic() + timeout
    with redis.Redis.from_url(url) as connection:
        while True:
            try:
                connection.ping()
                return
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
