"""Wirewatch's exceptions.

::

    WirewatchError
    ├── InputError          bad input: names the input and the problem (code W1xx)
    ├── ConfigError         bad settings; says the command that fixes it (code W2xx)
    └── StoreError          storage problems (code W3xx)

Each error has a stable ``code`` users can search for.  Per-article problems inside
a batch are not raised past the batch: they become ``model.Failure`` records.  A code in
:data:`WARNING_CODES` is a warning: the article was processed and stored, and the record
says what was repaired, cut or left unknown (``severity(code)``).
"""

from __future__ import annotations


class WirewatchError(Exception):
    code = "W000"

    def __init__(self, message: str, *, code: str | None = None, source: str | None = None) -> None:
        self.code = code or self.code
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"[{self.code}] {prefix}{message}")
        self.message = message


class InputError(WirewatchError):
    code = "W100"


class ConfigError(WirewatchError):
    code = "W200"


class StoreError(WirewatchError):
    code = "W300"


# Stable input error codes.
EMPTY_INPUT = "W101"
BINARY_INPUT = "W102"
UNDECODABLE_INPUT = "W103"
BAD_RECORD = "W104"
BAD_HTML = "W105"
NOT_FOUND = "W106"
BAD_DATE = "W107"  # warning: a date value that is not a date (unreadable or impossible): left unknown
DATE_OUT_OF_RANGE = "W108"  # warning: a date outside 1900-01-01 .. a year from today: left unknown
RELATIVE_DATE = "W109"  # warning: "yesterday", "2 hours ago": read against the fetch or ingest time
DUPLICATE_ID = "W110"  # a record id already used earlier in the same batch: the later record is refused
TEXT_REPAIRED = "W120"  # warning: invalid UTF-8 bytes replaced by U+FFFD where they stood
NUL_REMOVED = "W121"  # warning: stray NUL bytes removed from a text file
UTF16_WITHOUT_BOM = "W122"  # warning: UTF-16 text without a byte-order mark, detected and decoded
BIDI_REMOVED = "W123"  # warning: bidirectional override/isolate controls removed from the text
TEXT_CUT = "W124"  # warning: text over PipelineConfig.max_chars cut at a paragraph or sentence end

WARNING_CODES = frozenset({BAD_DATE, DATE_OUT_OF_RANGE, RELATIVE_DATE, TEXT_REPAIRED, NUL_REMOVED,
                           UTF16_WITHOUT_BOM, BIDI_REMOVED, TEXT_CUT})


def severity(code: str) -> str:
    """``"warning"`` for the codes of repaired or partly read input, else ``"error"``."""
    return "warning" if code in WARNING_CODES else "error"

# Stable store error codes.
EVENT_ID_TAKEN = "W301"  # an event id that belongs to another article (or to a fused event): refused
