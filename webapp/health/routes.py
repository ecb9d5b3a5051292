"""/healthz: the process answers. /readyz: it can serve requests (503 when not)."""
from flask import jsonify

from webapp.health import bp, services


@bp.route("/healthz")
def healthz():
    """Answer 200 while the process serves requests; touches nothing else."""
    return _plain({"status": "ok"}, 200)


@bp.route("/readyz")
def readyz():
    """200 if the database (and the shared store, when configured) answers, else 503."""
    checks = services.readiness()
    ready = all(checks.values())
    body = {"status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if up else "unavailable" for name, up in checks.items()}}
    return _plain(body, 200 if ready else 503)


def _plain(body, status):
    response = jsonify(body)
    response.status_code = status
    return response
