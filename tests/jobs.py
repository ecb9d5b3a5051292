"""Job functions for the queue tests (importable by a worker process started from the root)."""
import os
from pathlib import Path


def flaky(marker):
    """Fail the first time (as if the database were restarting), succeed the second."""
    path = Path(marker)
    attempts = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(attempts))
    if attempts == 1:
        raise ConnectionError("the database is restarting")
    return os.getpid()
