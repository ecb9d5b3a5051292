"""List the installed packages whose version differs from requirements.lock.

Run with the interpreter of an environment built from the newest releases
(`make test-latest` does): it shows what `make lock UPGRADE=1` would change.
"""
import re
import sys
from importlib import metadata

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def canonical(name):
    """PEP 503 normalised name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_versions(path):
    """Return {canonical name: version} for the ``name==version`` lines of a lock file."""
    pins = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            match = PIN.match(line)
            if match:
                pins[canonical(match.group(1))] = match.group(2)
    return pins


def main(path):
    """Print each locked package installed here at another version."""
    pins = locked_versions(path)
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    changed = sorted((name, pins[name], installed[name]) for name in pins
                     if name in installed and installed[name] != pins[name])
    for name, locked, now in changed:
        print(f"  {name}: {locked} in the lock, {now} here")
    print(f"{len(changed)} installed packages differ from {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock")
