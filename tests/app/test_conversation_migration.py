"""The conversations migration opens a conversation on every text answer given before."""
import flask_migrate
from sqlalchemy import inspect, text

from tests.app.test_migrations import fresh_app  # noqa: F401  (the fixture)
from webapp.extensions import db


def test_earlier_text_answers_get_conversations_with_random_numbers(fresh_app):  # noqa: F811
    flask_migrate.upgrade(revision="0017_open_round_tallies")
    with db.engine.begin() as connection:
        for statement in (
                "INSERT INTO survey_round (id, title, vision, anonymous, report_shared, "
                "reminder_days, created_at) VALUES "
                "(1, 'Earlier', '', true, false, '', CURRENT_TIMESTAMP)",
                "INSERT INTO survey_question (id, round_id, position, kind, text, help, "
                "required, options) VALUES (1, 1, 0, 'likert', 'Q', '', true, '[]'), "
                "(2, 1, 1, 'short_text', 'Why', '', false, '[]'), "
                "(3, 1, 2, 'long_text', 'Else', '', false, '[]'), "
                "(4, 1, 3, 'idea', 'Idea', '', false, '[]')",
                "INSERT INTO survey_response (id, round_id, team_id, held) VALUES "
                "('a', 1, 1, false), ('b', 1, 2, true), ('c', 1, 1, false)",
                "INSERT INTO survey_answer (response_id, question_id, number, text) VALUES "
                "('a', 1, 4, NULL), ('a', 2, NULL, 'Because'), ('a', 3, NULL, 'More'), "
                "('b', 2, NULL, 'Held back'), ('b', 4, NULL, 'An idea'), "
                "('c', 2, NULL, '')"):
            connection.execute(text(statement))
    flask_migrate.upgrade()
    with db.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, response_id, question_id FROM conversation")).all()
        keys = connection.execute(text("SELECT count(*) FROM conversation_access")).scalar()
    assert sorted((response, question) for _, response, question in rows) == [
        ("a", 2), ("a", 3), ("b", 2)]
    numbers = [number for number, _, _ in rows]
    assert len(set(numbers)) == 3 and all(0 < number < 2**31 for number in numbers)
    assert keys == 0, "nobody was given a key for what they wrote before"
    flask_migrate.downgrade(revision="0017_open_round_tallies")
    assert "conversation" not in inspect(db.engine).get_table_names()
