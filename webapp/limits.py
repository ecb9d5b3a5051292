"""Lengths people may write, one name each: forms, services and columns share them.

Also how much one import of people may bring.
"""

TITLE_LIMIT = 200
"""Titles and names: rounds, action items, stories, theme names."""

IDEA_LIMIT = 1000
"""An idea, on the board or as a survey answer."""

TEXT_LIMIT = 2000
"""Longer text: survey answers, success measures, progress updates."""

COMMENT_LIMIT = 2000
"""A comment or reply on an idea or an action item (Markdown, as typed)."""

METRIC_LIMIT = 300
"""What a shared goal measures, in words."""

UNIT_LIMIT = 20
"""A shared goal's unit, such as "%", "days" or "leads"."""

REPLY_LIMIT = 2000
"""A message in a conversation on a survey comment."""

REASON_LIMIT = 500
"""Why an item was dropped or an idea hidden."""

STORY_LIMIT = 4000
"""The body of a spotlight story."""

LEARNING_LIMIT = 1000
"""What a person learned from their cross-team pairing."""

PASSWORD_LIMIT = 200
"""The longest password accepted (NIST asks for at least 64)."""

EMAIL_LIMIT = 254
"""An email address (the most an address may be)."""

PERSON_NAME_LIMIT = 120
"""A person's name."""

TEAM_NAME_LIMIT = 80
"""A team's name."""

ROLE_LIMIT = 10
"""A role's name, as stored."""

IMPORT_FILE_LIMIT = 10 * 1024 * 1024
"""Bytes in one uploaded CSV file of people (other requests may carry 2 MB at most)."""

IMPORT_ROWS_LIMIT = 100_000
"""People in one CSV import."""

RECOGNITION_LIMIT = 500
"""What a person did, in a recognition of a colleague in another team."""
