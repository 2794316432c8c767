"""A weighted urn: draw an index in proportion to its weight, then add weight.

Preferential attachment (a signature makes a proposal likelier to get the
next) needs a weighted draw after every change of weight. Recomputing the
cumulative weights each time costs time in proportion to the number of
choices, so a hundred thousand members signing a few thousand proposals
became quadratic. A Fenwick tree keeps prefix sums that both update and
search in logarithmic time.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Urn"]


class Urn:
    """Weights ``w[0..n)`` with O(log n) ``add`` and prefix search."""

    def __init__(self, weights: Iterable[float]) -> None:
        values = list(weights)
        if not values:
            raise ValueError("an urn needs at least one weight")
        self._size = len(values)
        self._tree = [0.0, *values]
        # Linear-time build: push each node's sum up to its parent.
        for i in range(1, self._size + 1):
            parent = i + (i & -i)
            if parent <= self._size:
                self._tree[parent] += self._tree[i]
        self.total = sum(values)
        self._top = 1 << (self._size.bit_length() - 1)

    def __len__(self) -> int:
        return self._size

    def add(self, index: int, amount: float) -> None:
        """Add ``amount`` to the weight at ``index``."""
        self.total += amount
        i = index + 1
        while i <= self._size:
            self._tree[i] += amount
            i += i & -i

    def find(self, target: float) -> int:
        """The first index whose cumulative weight exceeds ``target``.

        A ``target`` at or past the total gives the last index, so a draw of
        ``u * total`` with ``u`` in [0, 1) always lands on a choice.
        """
        position, step, tree = 0, self._top, self._tree
        while step:
            ahead = position + step
            if ahead <= self._size and tree[ahead] <= target:
                position = ahead
                target -= tree[ahead]
            step >>= 1
        return min(position, self._size - 1)

    def draw(self, u: float) -> int:
        """The index chosen by a uniform number ``u`` in [0, 1)."""
        return self.find(u * self.total)
