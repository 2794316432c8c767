"""Named extension points: one registry type, one policy, discovery by entry point.

govsim has a handful of places where new behaviour is added by name: the
invariants, the requirement rules (a model and a checker each), the lint
checks, the behaviours of simulation models and the kinds of sweep target.
Each is a :class:`Registry`. Every one of them

* starts with govsim's own items, registered by importing the modules that
  define them (``builtins``) the first time the registry is read, so that
  importing govsim registers nothing;
* then loads, once, every installed entry point of its group (for example
  ``govsim.invariants``): each names a module (or an object in one) whose
  import registers the plugin's items through the usual decorators
  (``@invariant``, ``@checker``, ``@lint_check``...);
* refuses a name registered twice with a :class:`~govsim.errors.PluginError`
  naming both providers - govsim and a plugin, or two plugins - since
  silently keeping either would change verdicts without anyone knowing.

A module imported a second time (``importlib.reload``) may register the same
function again; only a different object under a taken name is a clash.
"""

from __future__ import annotations

import difflib
import importlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, TypeVar

from govsim.errors import PluginError

__all__ = ["Registry"]

T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    item: T
    origin: object
    provider: str
    installed: bool
    """From govsim or an installed plugin's entry point, not registered at run time."""


class Registry(Mapping[str, T]):
    """Items of one kind by name, from govsim and from installed plugins.

    Reading it (``registry[name]``, ``name in registry``, iterating) loads
    the built-in items and the plugins first, once; :meth:`add` does not, so
    a module may register its items while the registry is being loaded.

    Args:
        noun: what an item is, for messages ("invariant", "lint check").
        group: the entry-point group plugins declare their items in.
        builtins: modules whose import registers govsim's own items.
    """

    def __init__(self, noun: str, group: str, builtins: tuple[str, ...] = ()) -> None:
        self.noun = noun
        self.group = group
        self.builtins = builtins
        self._entries: dict[str, _Entry[T]] = {}
        self._loaded = False
        self._busy = False
        self._lock = threading.RLock()
        self._loading: tuple[str, str] | None = None
        """While a plugin loads: its package, and its entry point in words."""

    def add(self, name: str, item: T, *, origin: object = None) -> T:
        """Register ``item`` under ``name``; returns it, so decorators can use it.

        Args:
            name: the name documents and commands use.
            item: what is registered.
            origin: the function or class the item was made from, when the
                item wraps one (an invariant wraps its check function): its
                module names the provider in messages, and registering the
                same origin again (a reloaded module) is no clash.

        Raises:
            PluginError: another item is registered under ``name``.
        """
        origin = item if origin is None else origin
        provider = self._provider(origin)
        taken = self._entries.get(name)
        if taken is not None and not _same(taken.origin, origin):
            raise PluginError(
                f"the {self.noun} '{name}' is registered twice: by {taken.provider} "
                f"and by {provider}. Uninstall one of the two packages, or rename "
                f"the {self.noun} in the one you maintain."
            )
        where = getattr(origin, "__module__", None) or ""
        installed = self._loading is not None or _is_govsim(where)
        self._entries[name] = _Entry(item, origin, provider, installed)
        return item

    def provider(self, name: str) -> str:
        """Who registered ``name``: govsim or a plugin, with the module or entry point."""
        if name not in self._entries:
            self.load()
        return self._entries[name].provider

    def installed(self) -> dict[str, T]:
        """The items of govsim and of installed plugins, not those registered at run time.

        What a document's JSON Schema may list: the same in every process
        of one installation, whatever a test or a notebook registered.
        """
        self.load()
        return {n: e.item for n, e in self._entries.items() if e.installed}

    def registered(self) -> dict[str, T]:
        """The items registered so far, without loading govsim's or the plugins'.

        For a decorator that checks a newcomer against its forerunners while
        the registry is being loaded.
        """
        return {name: entry.item for name, entry in self._entries.items()}

    def load(self) -> None:
        """Register govsim's own items, then every plugin of the group, once.

        Another thread (a Dask worker runs several) waits until the loading
        is done; the loading thread itself, when a module it imports reads
        the registry, sees what is registered so far.
        """
        if self._loaded:
            return
        with self._lock:
            if self._loaded or self._busy:
                return
            self._busy = True
            try:
                for module in self.builtins:
                    importlib.import_module(module)
                for point in sorted(entry_points(group=self.group), key=_point_key):
                    self._load_point(point)
            finally:
                self._busy = False
                self._loaded = True

    def unknown(self, name: str) -> str:
        """A sentence for a name nothing registered, with the nearest known ones."""
        known = sorted(self)
        close = difflib.get_close_matches(name, known, n=3)
        hint = (
            f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else "."
        )
        return f"no {self.noun} named '{name}'{hint} Known: {', '.join(known)}."

    @contextmanager
    def overriding(self, name: str, item: T) -> Iterator[None]:
        """Put ``item`` under ``name`` while the block runs, whatever was there.

        For tests that stand in for a registered item; the registry is as it
        was afterwards.
        """
        self.load()
        before = self._entries.get(name)
        self._entries[name] = _Entry(item, item, self._provider(item), False)
        try:
            yield
        finally:
            if before is None:
                self._entries.pop(name, None)
            else:
                self._entries[name] = before

    def remove(self, name: str) -> None:
        """Forget ``name`` (for tests that register an item of their own)."""
        self._entries.pop(name, None)

    def __getitem__(self, name: str) -> T:
        self.load()
        return self._entries[name].item

    def __iter__(self) -> Iterator[str]:
        self.load()
        return iter(list(self._entries))

    def __len__(self) -> int:
        self.load()
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.noun!r}, group={self.group!r})"

    def _provider(self, origin: object) -> str:
        where = getattr(origin, "__module__", None) or "an unknown module"
        if self._loading is not None:
            package, point = self._loading
            return f"{package} (module {where}, {point})"
        if _is_govsim(where):
            return f"govsim (module {where})"
        return f"module {where}"

    def _load_point(self, point: EntryPoint) -> None:
        dist = point.dist
        package = f"{dist.name} {dist.version}" if dist is not None else "a plugin"
        where = f"entry point '{point.name}' of {self.group}"
        self._loading = (package, where)
        try:
            point.load()
        except PluginError:
            raise
        except Exception as exc:
            raise PluginError(
                f"the plugin {package} ({where}: {point.value}) could not be "
                f"loaded: {type(exc).__name__}: {exc}. Fix or uninstall {package}."
            ) from exc
        finally:
            self._loading = None


def _is_govsim(module: str) -> bool:
    return module == "govsim" or module.startswith("govsim.")


def _point_key(point: EntryPoint) -> tuple[str, str]:
    return (point.dist.name if point.dist is not None else "", point.name)


def _same(old: object, new: object) -> bool:
    if old is new:
        return True
    # A reloaded module defines new objects with the same names.
    names = ("__module__", "__qualname__")
    return all(
        getattr(old, n, None) is not None
        and getattr(old, n, None) == getattr(new, n, None)
        for n in names
    )
