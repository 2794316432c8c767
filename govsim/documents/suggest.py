"""Spelling suggestions for unknown names.

A user who writes ``persn`` where ``person`` is meant should be told so. This
module holds the one helper that every "unknown ..." message uses, so that
unknown keys, unknown tags and unknown ids all suggest in the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["closest", "did_you_mean"]

# difflib's own default: close enough to catch a typo or a swapped letter, far
# enough to keep "board" from suggesting "bard" for every short word.
_CUTOFF = 0.6


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Suggest the known name closest to a misspelt one.

    Args:
        word: the name the user wrote, which matched nothing.
        candidates: the names that would have been accepted.

    Returns:
        A suffix ready to append to a message, such as
        ``" (did you mean 'person'?)"``, or ``""`` when no candidate is close.
        The word itself is never suggested back.

    Examples:
        >>> did_you_mean("persn", ["person", "body"])
        " (did you mean 'person'?)"
        >>> did_you_mean("xyz", ["person", "body"])
        ''
    """
    match = closest(word, candidates)
    return f" (did you mean {match!r}?)" if match is not None else ""


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """Return the known name closest to ``word``, or ``None`` if none is close.

    The rule :func:`did_you_mean` words; for messages that phrase the
    suggestion their own way.
    """
    others = sorted({name for name in candidates if name != word})
    matches = difflib.get_close_matches(word, others, n=1, cutoff=_CUTOFF)
    if not matches:
        # A difference only in case scores low for short words ("ID" vs "id").
        folded = [name for name in others if name.casefold() == word.casefold()]
        matches = folded[:1]
    return matches[0] if matches else None
