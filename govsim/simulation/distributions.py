"""Distributions written in model documents: durations, probabilities, sizes.

A behaviour parameter that varies between runs or between agents is written
as ``{dist: gamma, mean: 20, sd: 8}`` (or as a bare number for a fixed
value). Parameters are checked when the document is read, so an impossible
distribution (a negative spread, a probability above one) is reported at its
``file:line:col`` before any run starts, never half way through a sweep.
Sampling takes a :class:`numpy.random.Generator`, so every draw comes from the
run's own seeded stream.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from govsim.model.common import Strict

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "Beta",
    "Distribution",
    "Fixed",
    "Gamma",
    "LogNormal",
    "Normal",
    "Share",
    "Uniform",
]

Share = Annotated[float, Field(ge=0, le=1)]
"""A proportion or a chance: a number from 0 to 1, the same in every run."""


class _Base(Strict):
    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Draw ``size`` values."""
        raise NotImplementedError

    def draw(self, rng: np.random.Generator) -> float:
        """Draw one value."""
        return float(self.sample(rng, 1)[0])

    @property
    def mean_value(self) -> float:
        """The distribution's mean, for documentation and summaries."""
        raise NotImplementedError


class Fixed(_Base):
    """Always the same value."""

    dist: Literal["fixed"]
    """``fixed``: always the same value."""
    value: float
    """The value."""

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """``size`` copies of the value (no draw: the stream is not advanced)."""
        import numpy as np

        return np.full(size, self.value)

    @property
    def mean_value(self) -> float:
        """The value itself."""
        return self.value


class Uniform(_Base):
    """Any value between ``low`` and ``high``, equally likely."""

    dist: Literal["uniform"]
    """``uniform``: any value between ``low`` and ``high``, equally likely."""
    low: float
    """The lowest value."""
    high: float
    """The highest value, not below ``low``."""

    @model_validator(mode="after")
    def _ordered(self) -> Uniform:
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) is below low ({self.low})")
        return self

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Uniform draws."""
        return rng.uniform(self.low, self.high, size)

    @property
    def mean_value(self) -> float:
        """The midpoint."""
        return (self.low + self.high) / 2


class Normal(_Base):
    """A normal distribution, optionally clipped to ``[low, high]``."""

    dist: Literal["normal"]
    """``normal``: a bell curve around ``mean``, clipped to ``low`` and ``high`` if
    given."""
    mean: float
    """The mean."""
    sd: float = Field(ge=0)
    """The standard deviation (0 or more)."""
    low: float | None = None
    """Draws below this are raised to it (absent: no bound)."""
    high: float | None = None
    """Draws above this are lowered to it (absent: no bound)."""

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Normal draws, clipped to the bounds given."""
        import numpy as np

        values = rng.normal(self.mean, self.sd, size)
        if self.low is not None or self.high is not None:
            values = np.clip(values, self.low, self.high)
        return values

    @property
    def mean_value(self) -> float:
        """The mean before clipping."""
        return self.mean


class LogNormal(_Base):
    """Positive and right-skewed, given by its own ``mean`` and ``sd``.

    Stated by the mean and spread of the values themselves, not of their
    logarithm, because that is what people know about durations and sizes.
    """

    dist: Literal["lognormal"]
    """``lognormal``: positive and right-skewed, stated by the values' own mean and
    spread."""
    mean: float = Field(gt=0)
    """The mean of the values (above 0)."""
    sd: float = Field(ge=0)
    """The standard deviation of the values (0 or more)."""

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Log-normal draws with the stated mean and spread."""
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        mu = math.log(self.mean) - sigma2 / 2
        return rng.lognormal(mu, math.sqrt(sigma2), size)

    @property
    def mean_value(self) -> float:
        """The stated mean."""
        return self.mean


class Gamma(_Base):
    """Positive durations with a stated ``mean`` and ``sd``."""

    dist: Literal["gamma"]
    """``gamma``: positive durations with a stated mean and spread."""
    mean: float = Field(gt=0)
    """The mean (above 0)."""
    sd: float = Field(gt=0)
    """The standard deviation (above 0)."""

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Gamma draws: shape (mean/sd)², scale sd²/mean."""
        shape = (self.mean / self.sd) ** 2
        return rng.gamma(shape, self.sd**2 / self.mean, size)

    @property
    def mean_value(self) -> float:
        """The stated mean."""
        return self.mean


class Beta(_Base):
    """Shares and probabilities between 0 and 1, with shape ``a`` and ``b``."""

    dist: Literal["beta"]
    """``beta``: shares and probabilities between 0 and 1."""
    a: float = Field(gt=0)
    """The first shape (above 0): the mean is ``a / (a + b)``."""
    b: float = Field(gt=0)
    """The second shape (above 0)."""

    def sample(self, rng: np.random.Generator, size: int) -> NDArray[np.float64]:
        """Beta draws."""
        return rng.beta(self.a, self.b, size)

    @property
    def mean_value(self) -> float:
        """The mean, ``a / (a + b)``."""
        return self.a / (self.a + self.b)


Distribution = Annotated[
    Fixed | Uniform | Normal | LogNormal | Gamma | Beta, Field(discriminator="dist")
]
"""A distribution in a model document, chosen by its ``dist`` key."""
