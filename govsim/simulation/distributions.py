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

__all__ = ["Beta", "Distribution", "Fixed", "Gamma", "LogNormal", "Normal", "Uniform"]


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
    value: float

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
    low: float
    high: float

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
    mean: float
    sd: float = Field(ge=0)
    low: float | None = None
    high: float | None = None

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
    mean: float = Field(gt=0)
    sd: float = Field(ge=0)

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
    mean: float = Field(gt=0)
    sd: float = Field(gt=0)

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
    a: float = Field(gt=0)
    b: float = Field(gt=0)

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
