"""The weighted urn behind preferential attachment agrees with a plain search."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsim.simulation.urn import Urn

weights = st.lists(
    st.integers(min_value=0, max_value=50).map(lambda n: n + 0.5),
    min_size=1,
    max_size=70,
)


def _plain(values: list[float], target: float) -> int:
    return min(bisect_right(list(accumulate(values)), target), len(values) - 1)


@given(
    weights, st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 10)))
)
def test_draws_match_a_search_of_the_cumulative_weights(
    values: list[float], steps: list[tuple[float, int]]
) -> None:
    urn, plain = Urn(values), list(values)
    for u, extra in steps:
        k = urn.draw(u)
        assert k == _plain(plain, u * sum(plain))
        urn.add(k, extra)
        plain[k] += extra
        assert urn.total == pytest.approx(sum(plain))


def test_a_draw_at_the_top_lands_on_the_last_choice() -> None:
    urn = Urn([1.0, 2.0, 3.0])
    assert urn.find(6.0) == 2
    assert urn.find(0.0) == 0
    assert urn.find(0.999) == 0
    assert urn.find(1.0) == 1


def test_an_empty_urn_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one weight"):
        Urn([])
