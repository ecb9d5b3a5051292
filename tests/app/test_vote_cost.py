"""What one vote costs the database: few statements, and the write lock only to write."""
from sqlalchemy import event, select

from tests import factories
from webapp.extensions import db
from webapp.ideas import services
from webapp.models import Idea, IdeaVote, User, Vote

TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def _statements_of_a_vote(app, client, auth, make_user):
    """Five of Sales have agreed; a sixth disagrees. Return the SQL of that request."""
    voters = [make_user(team="Sales") for _ in range(6)]
    with app.app_context():
        round_id = factories.make_round(template=False)
        idea_id = factories.make_idea(round_id)
        for person in voters[:5]:
            services.cast_vote(idea_id, db.session.get(User, person.id), Vote.AGREE)
        db.session.commit()
        engine = db.engine
    auth.login_as(voters[5])
    statements = []

    def record(_connection, _cursor, statement, *_args):
        statements.append(" ".join(statement.split()))
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.post(f"/ideas/{idea_id}/vote", data={"value": "disagree"})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Idea, idea_id).support < 0.6, "rescored: 5 of 6 agree"
    return statements


def test_a_vote_is_five_statements(app, client, auth, make_user):
    statements = _statements_of_a_vote(app, client, auth, make_user)
    work = [_table(s) for s in statements if not s.startswith(TRANSACTION)]
    # The person; the idea with its round and the round's teams, locked; the upsert;
    # the idea's votes per team; its new scores.
    assert work == ["SELECT user_account", "SELECT idea", "INSERT idea_vote",
                    "SELECT idea_vote", "UPDATE idea"]
    assert not any("survey_question" in s for s in statements), "no questions loaded"
    assert sum("FOR UPDATE" in s for s in statements) == (0 if _sqlite(app) else 1)


def test_on_sqlite_the_write_lock_is_taken_after_the_person_is_read(
        app, client, auth, make_user):
    statements = _statements_of_a_vote(app, client, auth, make_user)
    begins = [n for n, s in enumerate(statements) if s.startswith("BEGIN")]
    if _sqlite(app):
        assert [statements[n] for n in begins] == ["BEGIN", "BEGIN IMMEDIATE"]
        assert "FROM user_account" in statements[begins[0] + 1]
        assert "FROM idea" in statements[begins[1] + 1], "the lock comes with the vote"
    else:
        assert begins == [], "PostgreSQL begins implicitly; its row lock does the work"


def _table(statement):
    """The verb and first table of a statement, such as "SELECT idea"."""
    words = statement.replace('"', "").split()
    verb = words[0]
    after = {"SELECT": "FROM", "INSERT": "INTO", "UPDATE": "UPDATE", "DELETE": "FROM"}[verb]
    return f"{verb} {words[words.index(after) + 1]}"


def _sqlite(app):
    with app.app_context():
        return db.engine.dialect.name == "sqlite"


def test_votes_still_count_once_per_person(app, make_user):
    person = make_user(team="Sales")
    with app.app_context():
        idea_id = factories.make_idea(factories.make_round(template=False))
        for value in (Vote.AGREE, Vote.DISAGREE, Vote.PASS):
            services.cast_vote(idea_id, db.session.get(User, person.id), value)
        db.session.commit()
        assert db.session.execute(select(IdeaVote.user_id, IdeaVote.value)).all() == \
            [(person.id, Vote.PASS)]
