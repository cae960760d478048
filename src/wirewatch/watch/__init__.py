"""Follow the news: sources, polite fetching, feed parsing, a restart-safe watcher and webhook alerts.

Modules: ``sources`` (the sources file), ``canon`` (canonical URLs, content hashes),
``fetch`` (HTTP with conditional requests, retries, rate limit, robots.txt, size and
redirect limits), ``feeds`` (RSS, Atom, JSON Feed, sitemaps), ``state`` (what was seen,
per-source status, saved searches; all in the database), ``alerts`` (matching and
webhooks) and ``watcher`` (the poll loop).  See docs/watch.md.
"""
