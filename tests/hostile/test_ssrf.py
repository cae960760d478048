"""Issue #15, finding 6: links inside fetched content never reach loopback, private, link-local or
metadata addresses unless the operator allows the network; errors say what happened."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from test_watch_support import LOCAL, Redirect, Site, Slow, Static, page_html, rss

from wirewatch.store import open_store
from wirewatch.watch import fetch as fetch_mod
from wirewatch.watch.fetch import Fetcher, FetchError, FetchPolicy
from wirewatch.watch.sources import Source, source_from_table
from wirewatch.watch.watcher import Watcher

QUICK = dict(timeout=1.0, connect_timeout=0.5, retries=0, backoff=0.01, host_interval=0.0)
SECRET = page_html("Internal admin page", ["The internal payroll database password is hunter2. " * 5])


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "::1", "fe80::1",
                                     "fd00::1", "::ffff:127.0.0.1", "2002:7f00:1::1", "64:ff9b::a00:1"])
def test_internal_addresses_are_not_public(address):
    from wirewatch.watch.netguard import is_public

    assert not is_public(ipaddress.ip_address(address))


def test_public_addresses_are():
    from wirewatch.watch.netguard import is_public

    assert is_public(ipaddress.ip_address("93.184.216.34")) and is_public(ipaddress.ip_address("2606:4700::1"))


def test_feed_link_to_loopback_is_not_fetched_unless_allowed(tmp_path):
    with Site() as site:
        site.routes["/feed"] = Static(rss([("s1", site.url("/admin"), "Admin")]), "application/rss+xml")
        site.routes["/admin"] = Static(SECRET)
        db = str(tmp_path / "w.sqlite")
        with open_store(db) as store:
            w = Watcher(store, [Source("feed", site.url("/feed"))], policy=FetchPolicy(**QUICK), fuse=False,
                        alerts=False)
            result = w.poll(w.sources[0])  # the feed itself is the operator's URL: fetched
            assert result.ok and result.items == 1 and result.stored == 0 and result.failed == 1
            assert site.count("/admin") == 0
            assert any(f["code"] == "W406" for f in store.failures()) and store.counts()["articles"] == 0
        with open_store(str(tmp_path / "ok.sqlite")) as store:  # the sources file allows the network
            src = source_from_table({"name": "feed", "url": site.url("/feed"), "allow_networks": ["127.0.0.0/8"]}, "t")
            w = Watcher(store, [src], policy=FetchPolicy(**QUICK), fuse=False, alerts=False)
            assert w.poll(src).stored == 1 and site.count("/admin") == 1


def test_redirect_into_the_network_is_checked_after_every_hop():
    with Site() as site:
        site.routes["/start"] = Redirect(site.url("/admin"))
        site.routes["/admin"] = Static(SECRET)
        with Fetcher(FetchPolicy(**QUICK)) as f:
            with pytest.raises(FetchError) as err:
                f.get(site.url("/start"), trusted=True)  # the first hop is trusted, the redirect is not
            assert err.value.code == "W406" and site.count("/admin") == 0
        with Fetcher(FetchPolicy(allow_networks=LOCAL, **QUICK)) as f:
            assert f.get(site.url("/start")).body == SECRET


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://2130706433/",
                                 "http://[::ffff:127.0.0.1]/", "http://0x7f.1/", "http://localhost/",
                                 "file:///etc/passwd", "gopher://127.0.0.1/"])
def test_metadata_and_disguised_loopback_urls_are_refused_before_any_connection(url, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(fetch_mod.Fetcher, "_once", lambda self, u, h: opened.append(u))
    with Fetcher(FetchPolicy(**QUICK)) as f:
        with pytest.raises(FetchError) as err:
            f.get(url)
    assert err.value.code == "W406" and not opened


def test_connect_time_check_catches_a_name_that_changes_its_answer(monkeypatch):
    """DNS rebinding: the pre-check sees a public address, the connection would get loopback."""
    with Site() as site:
        port = site.server.server_address[1]
        answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]])
        real = socket.getaddrinfo

        def fake(host, *a, **k):
            if host == "rebind.example":
                return next(answers, [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))])
            return real(host, *a, **k)

        monkeypatch.setattr(socket, "getaddrinfo", fake)
        with Fetcher(FetchPolicy(robots=False, **QUICK)) as f:
            with pytest.raises(FetchError) as err:
                f.get(f"http://rebind.example:{port}/x")
        assert err.value.code == "W406" and site.count("/x") == 0


def test_refused_and_timeout_have_their_own_codes():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with Fetcher(FetchPolicy(allow_networks=LOCAL, **QUICK)) as f:
        with pytest.raises(FetchError) as err:
            f.get(f"http://127.0.0.1:{closed}/feed")
        assert err.value.code == "W407" and "robots" in err.value.message  # not "robots.txt disallows"
    with Site() as site:
        site.routes["/robots.txt"] = Slow(3.0, Static(b"", "text/plain"))
        with Fetcher(FetchPolicy(allow_networks=LOCAL, **QUICK)) as f:
            with pytest.raises(FetchError) as err:
                f.get(site.url("/x"))
            assert err.value.code == "W408"


def test_cli_allow_network_must_be_a_network(tmp_path, capsys):
    from wirewatch.cli import main

    assert main(["watch", "http://example.org/feed", "--once", "--allow-network", "not-a-net",
                 "--db", str(tmp_path / "x.sqlite")]) == 2
    assert "not an IP network" in capsys.readouterr().err
