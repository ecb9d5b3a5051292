"""/healthz and /readyz: answered without sign-in, say only yes or no, 503 when not ready."""
import pytest
from limits.storage import RedisStorage

from tests.conftest import make_config
from tests.servers import free_port
from webapp import create_app
from webapp.extensions import db


def test_healthz_answers_without_sign_in_and_sets_no_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers
    assert "no-store" in response.headers["Cache-Control"]


def test_readyz_is_ready_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "Set-Cookie" not in response.headers


def test_probes_need_no_token_and_refuse_writes(client):
    assert client.post("/readyz").status_code == 405
    assert client.head("/healthz").status_code == 200


@pytest.fixture
def deployment(database_url):
    """Make an app with some settings changed; its connections are closed afterwards."""
    made = []

    def make(**overrides):
        made.append(create_app(make_config(overrides.pop("url", database_url), **overrides)))
        return made[-1].test_client()
    yield make
    for instance in made:
        with instance.app_context():
            db.engine.dispose()
        limiter = instance.extensions["signin_throttle"]
        if limiter is not None and isinstance(limiter.storage, RedisStorage):
            limiter.storage.storage.close()


def test_readyz_says_unavailable_when_the_database_is_not(deployment, tmp_path):
    missing = tmp_path / "no-such-directory" / "tandem.db"
    client = deployment(url=f"sqlite:///{missing}")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable",
                                   "checks": {"database": "unavailable"}}
    assert "no-such-directory" not in response.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200  # the process itself still answers


def test_readyz_checks_a_shared_store_when_one_is_configured(deployment, redis_url):
    client = deployment(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=redis_url)
    assert client.get("/readyz").get_json() == {
        "status": "ok", "checks": {"database": "ok", "shared store": "ok"}}


def test_readyz_is_503_when_the_shared_store_is_down(deployment):
    port = free_port()  # nothing listens there
    client = deployment(RATELIMIT_ENABLED=True,
                        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "ok", "shared store": "unavailable"}
    assert str(port) not in response.get_data(as_text=True)


def test_memory_counts_are_not_checked(deployment):
    client = deployment(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    assert client.get("/readyz").get_json()["checks"] == {"database": "ok"}
