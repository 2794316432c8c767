"""Write documents as YAML that govsim reads back unchanged.

Generated files (counterexamples, variants) are read by people and by
``govsim check``: block style for structure, flow style for short lists of
plain values, dates as ISO dates, and every string that a YAML 1.1 reader
would take for a boolean (``yes``, ``no``, ``on``...) quoted, since govsim's
reader refuses those words bare.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

__all__ = ["dump_yaml"]

_AMBIGUOUS = frozenset(
    ("yes", "no", "y", "n", "on", "off", "true", "false", "null", "~", "")
)


class _Representer(RoundTripRepresenter):
    def represent_str(self, data: str) -> Any:
        if data.lower() in _AMBIGUOUS:
            return self.represent_scalar("tag:yaml.org,2002:str", data, style='"')
        return super().represent_str(data)


_Representer.add_representer(str, _Representer.represent_str)


def _plain(value: Any) -> bool:
    return isinstance(value, str | int | float | bool | dt.date) or value is None


def _shape(value: Any) -> Any:
    """Turn plain data into ruamel nodes with the flow style we want."""
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _shape(item)
        if value and len(value) <= 4 and all(_plain(v) for v in value.values()):
            out.fa.set_flow_style()
        return out
    if isinstance(value, Sequence) and not isinstance(value, str):
        seq = CommentedSeq(_shape(v) for v in value)
        if all(_plain(v) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def dump_yaml(data: Mapping[str, Any], header: str | None = None) -> str:
    """A document as YAML 1.2 text, with ``header`` as a leading comment."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    if header:
        out.write("".join(f"# {line}".rstrip() + "\n" for line in header.splitlines()))
    yaml.dump(_shape(data), out)
    return out.getvalue()
