"""Failed sign-ins are limited per account and per client address.

The counts live in a store that several workers share.
"""
import time

import pytest
from limits.storage import RedisStorage

from tests import factories
from tests.conftest import make_config
from tests.servers import free_port
from webapp import create_app
from webapp.auth.services import BAD_SIGNIN, wait_in_words
from webapp.extensions import db

LIMITED = {"RATELIMIT_ENABLED": True, "SIGNIN_LIMIT": "5 per minute",
           "SIGNIN_ACCOUNT_LIMIT": "3 per 15 minutes"}


def _attempt(client, email, password=factories.PASSWORD, address="192.0.2.1"):
    return client.post("/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def _refused(response, wait):
    """True for a refusal saying ``wait`` ("1 minute" also takes 50 to 59 seconds).

    The failures before it may take a few seconds on a busy machine.
    """
    text = response.get_data(as_text=True)
    waits = [wait] + ([f"{n} seconds" for n in range(50, 60)] if wait == "1 minute" else [])
    return (response.status_code == 429
            and any(f"Too many failed sign-ins. Try again in {each}." in text for each in waits))


def _failed(response):
    return response.status_code == 200 and BAD_SIGNIN in response.get_data(as_text=True)


@pytest.mark.parametrize("seconds, words", [(0.2, "1 second"), (1, "1 second"),
                                            (40, "40 seconds"), (59.5, "1 minute"),
                                            (60, "1 minute"), (61, "2 minutes"),
                                            (240, "4 minutes"), (900, "15 minutes")])
def test_waits_are_said_in_words(seconds, words):
    assert wait_in_words(seconds) == words


@pytest.mark.parametrize("config_overrides", [LIMITED])
def test_an_account_is_limited_from_any_address(client, people, config_overrides):
    member = people["member"]
    for number in range(3):
        assert _failed(_attempt(client, member.email, "wrong", address=f"192.0.2.{number}"))
    refused = _attempt(client, member.email, address="198.51.100.9")
    assert _refused(refused, "15 minutes"), "even the right password, from a new address"
    assert 880 <= int(refused.headers["Retry-After"]) <= 900
    assert _attempt(client, people["leader"].email).status_code == 302, "others sign in"


@pytest.mark.parametrize("config_overrides", [LIMITED])
def test_an_unknown_email_is_limited_like_a_known_one(client, config_overrides):
    for _ in range(3):
        assert _failed(_attempt(client, "nobody@example.com", "wrong"))
    assert _refused(_attempt(client, " NOBODY@example.com "), "15 minutes")


@pytest.mark.parametrize("config_overrides", [LIMITED])
def test_an_address_is_limited_across_accounts(client, people, config_overrides):
    for number in range(5):
        assert _failed(_attempt(client, f"guess{number}@example.com", "wrong"))
    assert _refused(_attempt(client, people["member"].email), "1 minute")
    assert _attempt(client, people["member"].email, address="198.51.100.9").status_code == 302


@pytest.mark.parametrize("config_overrides", [LIMITED])
def test_only_failed_attempts_count(client, auth, people, config_overrides):
    member = people["member"]
    for _ in range(6):
        assert _attempt(client, member.email).status_code == 302
        auth.logout()
    for _ in range(2):
        assert _failed(_attempt(client, member.email, "wrong"))
    assert _attempt(client, member.email).status_code == 302


@pytest.mark.parametrize("config_overrides",
                         [{**LIMITED, "SIGNIN_ACCOUNT_LIMIT": "2 per 1 second"}])
def test_after_the_wait_the_right_password_works_again(client, people, config_overrides):
    member = people["member"]
    for _ in range(2):
        assert _failed(_attempt(client, member.email, "wrong"))
    refused = _attempt(client, member.email)
    assert _refused(refused, "1 second")
    time.sleep(int(refused.headers["Retry-After"]) + 0.1)
    assert _attempt(client, member.email).status_code == 302


def test_no_limit_when_rate_limiting_is_off(client, people):
    for _ in range(12):
        assert _failed(_attempt(client, people["member"].email, "wrong"))
    assert _attempt(client, people["member"].email).status_code == 302


@pytest.fixture
def workers(app, database_url):
    """Make app instances on the test database, as the workers of one deployment."""
    made = []

    def make(storage):
        worker = create_app(make_config(database_url, RATELIMIT_STORAGE_URI=storage,
                                        **LIMITED))
        made.append(worker)
        return worker.test_client()
    yield make
    for worker in made:
        with worker.app_context():
            db.engine.dispose()
        storage = worker.extensions["signin_throttle"].storage
        if isinstance(storage, RedisStorage):
            storage.storage.close()


def _split_failures(first, second, people):
    """Five failures from one address, taking turns between two workers."""
    for number in range(5):
        worker = (first, second)[number % 2]
        assert _failed(_attempt(worker, f"guess{number}@example.com", "wrong"))
    return _attempt(second, people["member"].email)


def test_workers_share_counts_through_redis(workers, people, redis_url):
    first, second = workers(redis_url), workers(redis_url)
    assert _refused(_split_failures(first, second, people), "1 minute")


def test_workers_share_account_counts_through_redis(workers, people, redis_url):
    first, second = workers(redis_url), workers(redis_url)
    email = people["member"].email
    for number, worker in enumerate((first, second, first)):
        assert _failed(_attempt(worker, email, "wrong", address=f"192.0.2.{number}"))
    assert _refused(_attempt(second, email, address="198.51.100.9"), "15 minutes")


def test_workers_each_counting_in_memory_do_not_share(workers, people):
    """Why a shared store is needed: in memory each worker sees only its own failures."""
    first, second = workers("memory://"), workers("memory://")
    assert _split_failures(first, second, people).status_code == 302


def test_an_unreachable_store_neither_fails_sign_in_nor_lifts_the_limit(
        workers, people, caplog):
    """With Redis down, each worker counts in its own memory until it answers again."""
    worker = workers(f"redis://127.0.0.1:{free_port()}")  # nothing listens there
    assert _attempt(worker, people["member"].email).status_code == 302
    other = workers(f"redis://127.0.0.1:{free_port()}")
    for number in range(5):
        assert _failed(_attempt(other, f"guess{number}@example.com", "wrong"))
    assert _refused(_attempt(other, people["member"].email), "1 minute")
    assert "the shared store is unreachable" in caplog.text


def test_counting_returns_to_the_shared_store_when_it_answers(workers, people, redis_url):
    first, second = workers(redis_url), workers(redis_url)
    assert _refused(_split_failures(first, second, people), "1 minute")
    assert "signin_throttle_fallback" not in first.application.extensions


@pytest.mark.parametrize("config_overrides", [{**LIMITED, "RATELIMIT_DEFAULT": "3 per minute"}])
def test_a_configured_limit_for_every_request_is_still_applied(client, config_overrides):
    # By default no page is limited, and the limiter's check before each request is off.
    codes = [client.get("/healthz").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
