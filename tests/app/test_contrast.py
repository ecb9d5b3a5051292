"""Text on a coloured background in the style sheet stays readable (WCAG AA, 4.5:1)."""
import re
from pathlib import Path

import pytest

STYLES = Path(__file__).resolve().parents[2] / "webapp" / "static" / "tandem.css"
RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
BACKGROUND = re.compile(r"(?<![-\w])background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})\b")
COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6})\b")


def luminance(hex_colour):
    """Relative luminance of an sRGB colour given as #rgb or #rrggbb (WCAG 2)."""
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    """WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def coloured_rules():
    """(selector, text colour, background) of each rule that sets both."""
    rules = []
    for selector, body in RULE.findall(STYLES.read_text()):
        background, colour = BACKGROUND.search(body), COLOUR.search(body)
        if background and colour:
            rules.append((" ".join(selector.split()), colour.group(1), background.group(1)))
    return rules


def test_contrast_against_hand_computed_values():
    assert contrast("#fff", "#000") == pytest.approx(21)
    assert contrast("#ffffff", "#2e8b57") == pytest.approx(4.24, abs=0.01)
    assert contrast("#fff", "#1e7a46") == pytest.approx(5.34, abs=0.01)


def test_the_style_sheet_has_coloured_rules_to_check():
    selectors = [selector for selector, _, _ in coloured_rules()]
    assert ".vote-form .vote.chosen.vote-agree" in selectors
    assert len(selectors) >= 10


@pytest.mark.parametrize("selector, colour, background", coloured_rules())
def test_text_is_readable_on_its_background(selector, colour, background):
    assert contrast(colour, background) >= 4.5, selector
