"""How the app is put together: one request boundary, one role check, one-way imports."""
import ast
import re
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"
ROUTES = sorted(WEBAPP.glob("*/routes.py"))


def _modules():
    return sorted(WEBAPP.rglob("*.py"))


def _module_name(path):
    parts = path.relative_to(WEBAPP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path):
    """Yield (node, imported module name) for every import of webapp code in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("webapp"):
            for alias in node.names:
                # "from webapp.surveys import services" imports webapp.surveys.services.
                child = f"{node.module}.{alias.name}"
                known = any(_module_name(p) == child for p in _modules())
                yield node, child if known else node.module


def test_there_are_views_to_check():
    assert len(ROUTES) >= 10


@pytest.mark.parametrize("path", ROUTES, ids=lambda p: p.parent.name)
def test_views_leave_the_unit_of_work_to_the_boundary(path):
    source = path.read_text(encoding="utf-8")
    # Views parse input, call a service and render: no queries, no transactions, and
    # refusals through webapp.access.
    for forbidden in ("db.", "sqlalchemy", "try:", "before_request", "abort("):
        assert forbidden not in source, f"{path.parent.name}/routes.py uses {forbidden}"


def test_refusals_come_from_the_access_module_only():
    users = [p for p in _modules() if "abort(" in p.read_text(encoding="utf-8")]
    assert users == [WEBAPP / "access.py"]


def test_each_limit_is_defined_once():
    definitions = [(path.name, match) for path in _modules()
                   for match in re.findall(r"^([A-Z_]+_LIMIT) = ", path.read_text(encoding="utf-8"),
                                           re.MULTILINE)]
    assert {path for path, _ in definitions} == {"limits.py"}
    names = [name for _, name in definitions]
    assert len(names) == len(set(names))


def test_every_import_is_at_the_top_of_its_module():
    nested = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                nested += [f"{path.relative_to(WEBAPP)}:{inner.lineno}"
                           for inner in ast.walk(node)
                           if isinstance(inner, (ast.Import, ast.ImportFrom))]
    assert nested == []


def _area(module):
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "webapp"


def test_only_the_factory_imports_views():
    importers = {_module_name(path) for path in _modules()
                 for _node, name in _imports(path) if name.endswith(".routes")}
    assert importers == {"webapp"}


def test_services_of_the_areas_import_each_other_one_way():
    """Below the views, the areas form a hierarchy: no two import each other."""
    graph = defaultdict(set)
    for path in _modules():
        module = _module_name(path)
        if module == "webapp" or module.endswith(".routes"):
            continue
        for _node, name in _imports(path):
            if _area(name) != _area(module):
                graph[_area(module)].add(_area(name))
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as cycle:
        pytest.fail(f"areas import each other: {cycle.args[1]}")
    # The round's lifecycle sits above the areas it coordinates.
    for area in ("surveys", "ideas", "reports"):
        assert order.index(area) < order.index("lifecycle")
    assert order.index("surveys") < order.index("ideas") < order.index("reports")


def test_every_csv_is_written_through_the_spreadsheet_module():
    """One writer makes exported text safe to open in a spreadsheet; nothing goes around it."""
    writers = [path.relative_to(WEBAPP).as_posix() for path in _modules()
               if re.search(r"csv\.(writer|DictWriter)|from csv import",
                            path.read_text(encoding="utf-8"))]
    assert writers == ["spreadsheet.py"]
