"""What a new password must be, after NIST SP 800-63B.

Length is what counts: at least ``PASSWORD_MIN_LENGTH`` characters (12), up to
``PASSWORD_LIMIT`` (200), any characters, no rules about mixing kinds. Refused are
passwords that attackers try first: the most common passwords (zxcvbn's list of
30,000), one character or a short part repeated, runs along the alphabet, the digits or
the keyboard, and passwords built from the person's own name or email address or from
the name of the product.
"""
import re
from functools import lru_cache

from flask import current_app
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from webapp.errors import ServiceError
from webapp.limits import PASSWORD_LIMIT

# Runs that count as sequential, read forwards or backwards, wrapping round.
SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm",
             "qazwsxedcrfvtgbyhnujmikolp", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")
PRODUCT_WORDS = ("tandem",)
# Parts of a name or an email's local part shorter than this are not checked on their
# own: they turn up inside too many ordinary words.
CONTEXT_WORD_MIN = 4

TOO_COMMON = "This is one of the most common passwords; choose another."
PATTERN = "Repeated or sequential characters (such as aaaa, abab or 1234) are easy to guess."
PERSONAL = "Do not use your name or email address in your password."
PRODUCT = "Do not use the name of this site in your password."


@lru_cache(maxsize=1)
def common_passwords():
    """Return zxcvbn's common passwords, lower-cased, as a set."""
    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])


def _repeats_a_shorter_part(text):
    """True if ``text`` is a shorter part written out again and again (aaaa, abcabc)."""
    return bool(re.fullmatch(r"(.+?)\1+", text, re.DOTALL))


def _runs_along_a_sequence(text):
    """True if ``text`` steps along one of SEQUENCES, forwards or backwards."""
    for sequence in SEQUENCES:
        looped = sequence * (len(text) // len(sequence) + 2)
        if text in looped or text[::-1] in looped:
            return True
    return False


def context_words(email, name):
    """The words of the person a password must not contain, lower-cased."""
    email = (email or "").strip().lower()
    local = email.split("@", 1)[0]
    name = " ".join((name or "").lower().split())
    words = {email, name, name.replace(" ", "")}
    words.update(part for part in re.split(r"[\W_]+", f"{local} {name}") if part)
    words.add(local)
    return {word for word in words if len(word) >= CONTEXT_WORD_MIN}


def _refusal(password, email, name):
    """Return the message for the first rule ``password`` breaks (lower-cased), or None."""
    rules = (
        (lambda: password in common_passwords(), TOO_COMMON),
        (lambda: _repeats_a_shorter_part(password) or _runs_along_a_sequence(password),
         PATTERN),
        (lambda: any(word in password for word in context_words(email, name)), PERSONAL),
        (lambda: any(word in password for word in PRODUCT_WORDS), PRODUCT),
    )
    return next((message for broken, message in rules if broken()), None)


def problem(password, email="", name=""):
    """Return why ``password`` is not acceptable as a new password, or None."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    password = password or ""
    if len(password) < minimum:
        return f"Use at least {minimum} characters."
    if len(password) > PASSWORD_LIMIT:
        return f"Use at most {PASSWORD_LIMIT} characters."
    return _refusal(password.lower(), email, name)


def check_new_password(password, email="", name=""):
    """Raise ServiceError at the password field unless ``password`` may be used.

    ``email`` and ``name`` are the person's, whose password it will be.
    """
    message = problem(password, email, name)
    if message is not None:
        raise ServiceError(message, field="password")
