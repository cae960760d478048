"""Offline geoparsing: a gazetteer built from packages, recognition and resolution.

``Geoparser.load()`` returns the process's parser (the gazetteer is cached on disk under
``wirewatch.config.cache_dir()``); see docs/geo.md.
"""

from __future__ import annotations

from .parser import Geoparser

__all__ = ["Geoparser"]
