"""PyYAML, imported with its pattern of refused characters compiled in a tenth of the time.

As it is imported, PyYAML compiles the characters a YAML stream may not contain as the negation of the
ones it may (`[^\\t\\n\\r\\x20-\\x7e\\x85\\xa0-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]`): Python's
regular expression compiler builds that class of ranges reaching U+10FFFF in 5-7 ms, in every process,
about 2 % of a small edition's build. The same set written as what it holds (the few ranges YAML
refuses) compiles in under 1 ms and matches the same code points (tests/test_source.py checks every
one), so it is what PyYAML gets when it asks for its own. Every other pattern is compiled as asked, and
if PyYAML ever writes its pattern otherwise, it simply compiles its own.
"""

from __future__ import annotations

import re
import sys
from types import ModuleType

ALLOWED = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # as yaml/reader.py writes it
REFUSED = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"  # the same set


def _imported() -> ModuleType:
    if "yaml" in sys.modules:
        return sys.modules["yaml"]
    compile_as_asked = re.compile

    def compile_refused(pattern, flags=0):  # type: ignore[no-untyped-def]
        return compile_as_asked(REFUSED if pattern == ALLOWED else pattern, flags)

    re.compile = compile_refused
    try:
        import yaml
    finally:
        re.compile = compile_as_asked
    return yaml


yaml = _imported()
