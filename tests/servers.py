"""Real servers the tests start on loopback: Redis (Debian's redis-server) and SMTP."""
import email
import email.policy
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis
from aiosmtpd.controller import Controller


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


class SMTPInbox:
    """What a loopback SMTP server received; it refuses the addresses in ``refused``.

    Set ``down`` to answer every message with 421 (service not available, try later).
    """

    def __init__(self, port):
        self.port = port
        self.messages = []
        self.refused = set()
        self.down = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Take or refuse one recipient."""
        if address in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message, parsed, with the envelope's recipients."""
        if self.down:
            return "421 4.3.2 Service not available, try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def to(self, address):
        """The messages to ``address``."""
        return [message for recipients, message in self.messages if address in recipients]

    def recipients(self):
        """Every recipient of every message, in order."""
        return [address for recipients, _ in self.messages for address in recipients]


@contextmanager
def smtp_server():
    """Run an SMTP server (aiosmtpd) on a free loopback port; yield its SMTPInbox."""
    inbox = SMTPInbox(free_port())
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
