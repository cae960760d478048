"""Wirewatch's exceptions.

::

    WirewatchError
    ├── InputError          bad input: names the input and the problem (code W1xx)
    ├── ConfigError         bad settings; says the command that fixes it (code W2xx)
    └── StoreError          storage problems (code W3xx)

Each error has a stable ``code`` users can search for.  Per-article problems inside
a batch are not raised past the batch: they become ``model.Failure`` records.
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
BAD_DATE = "W107"
