"""Lengths people may write, one name each: forms, services and columns share them."""

TITLE_LIMIT = 200
"""Titles and names: rounds, action items, stories, theme names."""

IDEA_LIMIT = 1000
"""An idea, on the board or as a survey answer."""

TEXT_LIMIT = 2000
"""Longer text: survey answers, success measures, progress updates."""

REASON_LIMIT = 500
"""Why an item was dropped or an idea hidden."""

STORY_LIMIT = 4000
"""The body of a spotlight story."""

PASSWORD_LIMIT = 200
"""The longest password accepted (NIST asks for at least 64)."""
