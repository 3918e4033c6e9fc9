"""Catalogues from a URL, against a local HTTP server on 127.0.0.1 (no TLS, no network).

Plain http is fetched only with a pin; where a test is about what https URLs may do
without one, it widens ``remote.SECURE`` to take http as https.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from support import WAVE, Result, pinned_env, run

from modelsunset import remote, remote_copy
from modelsunset.loading import MAX_BYTES, is_url, split_list
from modelsunset.model import Catalogue
from modelsunset.wording import stale_warning

BODY = WAVE.read_bytes()
PIN = hashlib.sha256(BODY).hexdigest()
ETAG = '"wave-1"'
MODIFIED = "Fri, 30 Jan 2026 10:00:00 GMT"
Route = Callable[[BaseHTTPRequestHandler], None]


class Server:
    """A local HTTP server: ``routes`` maps a path to what answers it; ``seen`` records
    every request as (path, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()  # what hangs waits for this (set at the end)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.seen.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                else:
                    route(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def url(self, path: str, pin: str | None = None, auth: str = "") -> str:
        fragment = f"#sha256={pin}" if pin else ""
        return f"http://{auth}127.0.0.1:{self.port}{path}{fragment}"

    def stop(self) -> None:
        self.release.set()
        if self.thread.is_alive():
            self.httpd.shutdown()
            self.httpd.server_close()
            self.thread.join(5)


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The pinned environment, a cache of this test's own, and no proxy in the way."""
    base = pinned_env(tmp_path)
    return {key: value for key, value in base.items() if not key.lower().endswith("_proxy")}


@pytest.fixture
def as_https(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take http as https (the test server has no TLS)."""
    monkeypatch.setattr(remote, "SECURE", ("https", "http"))


def serve(body: bytes = BODY, etag: str | None = ETAG, modified: str | None = MODIFIED) -> Route:
    """200 with validators, or 304 when the request carries the ETag."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        if etag is not None and handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        if etag is not None:
            handler.send_header("ETag", etag)
        if modified is not None:
            handler.send_header("Last-Modified", modified)
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def status(code: int, location: str | None = None) -> Route:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        if location is not None:
            handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def resolve(url: str, env: dict[str, str], **extra: str) -> Result:
    return run("resolve", "gpt-4o", "-s", "chatgpt", "-f", "plain", "--catalogue", url,
               env={**env, **extra})  # fmt: skip


def copies(env: dict[str, str]) -> list[Path]:
    return sorted((Path(env["XDG_CACHE_HOME"]) / "modelsunset").glob("remote-*"))


# -- fetching, and the copy ------------------------------------------------------------------


def test_a_200_then_a_304_that_uses_the_copy(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    first = resolve(url, env)
    assert (first.returncode, first.stdout, first.stderr) == (0, "gpt-4o\n", "")
    assert [path.suffix for path in copies(env)] == [".body", ".json"]
    for path in copies(env):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = resolve(url, env)
    assert (second.returncode, second.stdout, second.stderr) == (0, "gpt-4o\n", "")
    (_, sent_first), (_, sent_second) = server.seen
    assert "If-None-Match" not in sent_first and "If-Modified-Since" not in sent_first
    assert sent_second["If-None-Match"] == ETAG
    assert sent_second["If-Modified-Since"] == MODIFIED
    assert sent_first["User-Agent"].startswith("modelsunset/")


def test_under_umask_777_the_copy_is_still_its_owners(server: Server, env: dict[str, str]) -> None:
    """No folder or file made with no permission at all (``umask 777``): the copy is
    written 0600 in a 0700 folder and used by the next run."""
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    before = os.umask(0o777)
    try:
        first, second = resolve(url, env), resolve(url, env)
    finally:
        os.umask(before)
    assert (first.returncode, first.stdout, second.stdout, second.stderr) == (
        0, "gpt-4o\n", "gpt-4o\n", "")  # fmt: skip
    folder = Path(env["XDG_CACHE_HOME"]) / "modelsunset"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [stat.S_IMODE(path.stat().st_mode) for path in copies(env)] == [0o600, 0o600]
    assert server.seen[1][1]["If-None-Match"] == ETAG


def test_an_https_url_needs_no_pin(server: Server, env: dict[str, str], as_https: None) -> None:
    server.routes["/wave.yaml"] = serve()
    done = run("status", "--catalogue", server.url("/wave.yaml"), env=env)
    assert done.returncode == 0, done.stderr
    assert "gpt-4o" in done.stdout


def test_overlays_from_urls_and_the_environment(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    overlay = b"version: 1\nmodels:\n  gpt-4o:\n    name: GPT-4o from afar\n"
    server.routes["/wave.yaml"] = serve()
    server.routes["/overlay.yaml"] = serve(overlay, etag='"o"')
    flags = run("status", "-f", "json", "--catalogue", server.url("/wave.yaml"),
                "--overlay", server.url("/overlay.yaml"), env=env)  # fmt: skip
    assert flags.returncode == 0, flags.stderr
    names = {row["name"] for row in json.loads(flags.stdout) if row["model"] == "gpt-4o"}
    assert names == {"GPT-4o from afar"}
    # MODELSUNSET_OVERLAY's ':' separator does not split a URL.
    listed = f"{server.url('/overlay.yaml')}{os.pathsep}{server.url('/overlay.yaml')}"
    environment = run("status", "-f", "json", env={
        **env, "MODELSUNSET_CATALOGUE": server.url("/wave.yaml"), "MODELSUNSET_OVERLAY": listed
    })  # fmt: skip
    assert environment.stdout == flags.stdout


def test_a_new_body_replaces_the_copy(server: Server, env: dict[str, str], as_https: None) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml")
    assert resolve(url, env).returncode == 0
    changed = BODY + b"# edited later\n"
    server.routes["/wave.yaml"] = serve(changed, etag='"wave-2"')
    assert resolve(url, env).returncode == 0
    body = next(path for path in copies(env) if path.suffix == ".body")
    assert body.read_bytes() == changed


def test_an_error_in_a_fetched_catalogue_names_the_url_and_line(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    server.routes["/bad.yaml"] = serve(b"version: 1\nupdated: 2026-02-30\n")
    done = run("status", "--catalogue", server.url("/bad.yaml", auth="me:s3cret@"), env=env)
    assert done.returncode == 3
    assert f"http://127.0.0.1:{server.port}/bad.yaml:2: updated 2026-02-30" in done.stderr
    assert "s3cret" not in done.stderr and "me:" not in done.stderr


# -- pins and schemes ------------------------------------------------------------------------


def test_a_wrong_pin_is_a_catalogue_error(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    wrong = "0" * 64
    done = resolve(server.url("/wave.yaml", wrong), env)
    assert done.returncode == 3
    assert f"http://127.0.0.1:{server.port}/wave.yaml: does not match its pin" in done.stderr
    assert f"expected sha256 {wrong}, got sha256 {PIN}" in done.stderr
    assert "#sha256" not in done.stderr
    assert copies(env) == []  # what does not match is not kept


def test_a_copy_of_another_pin_is_not_used(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    assert resolve(server.url("/wave.yaml", PIN), env).returncode == 0
    done = resolve(server.url("/wave.yaml", "f" * 64), env, MODELSUNSET_OFFLINE="1")
    assert done.returncode == 3
    assert "its copy (fetched " in done.stderr and f"got sha256 {PIN}" in done.stderr
    # With the network, a copy of another pin is not asked about: no conditional request.
    resolve(server.url("/wave.yaml", "f" * 64), env)
    assert "If-None-Match" not in server.seen[-1][1]


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://example.test/wave.yaml", "is not https: over plain http it is fetched only"),
        ("ftp://example.test/wave.yaml", "only https:// URLs are fetched"),
        ("file:///etc/passwd", "only https:// URLs are fetched"),
        ("https://example.test/wave.yaml#sha256=abc", "'#sha256=abc' is not a pin"),
        ("https://example.test/wave.yaml#top", "'#top' is not a pin"),
        ("https://example.test:port/wave.yaml", "is not a usable URL"),
        ("https:///wave.yaml", "names no host"),
        (f"http://me:s3cret@example.test/w.yaml#sha256={PIN}", "credentials are sent over https"),
    ],
)
def test_urls_that_may_not_be_fetched_are_usage_errors(
    url: str, says: str, env: dict[str, str]
) -> None:
    done = resolve(url, env)
    assert done.returncode == 2, done.stderr
    assert says in done.stderr
    assert "Traceback" not in done.stderr and "s3cret" not in done.stderr


def test_a_bad_url_is_refused_before_any_fetch(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    done = run("status", "--catalogue", server.url("/wave.yaml", PIN),
               "--overlay", "gopher://example.test/x.yaml", env=env)  # fmt: skip
    assert done.returncode == 2
    assert server.seen == []


# -- offline -----------------------------------------------------------------------------------


def test_offline_with_a_copy_warns_with_its_age(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    assert resolve(url, env).returncode == 0
    server.stop()
    done = resolve(url, env)
    assert (done.returncode, done.stdout) == (0, "gpt-4o\n")
    assert done.stderr.startswith(
        f"warning: http://127.0.0.1:{server.port}/wave.yaml cannot be fetched ("
    )
    assert "); using the copy fetched " in done.stderr and " UTC (just now)" in done.stderr


def test_a_server_error_with_a_copy_uses_the_copy(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml")
    assert resolve(url, env).returncode == 0
    server.routes["/wave.yaml"] = status(503)
    done = resolve(url, env)
    assert done.returncode == 0
    assert "cannot be fetched (the server answered 503 Service Unavailable)" in done.stderr


def test_offline_without_a_copy_is_a_catalogue_error(server: Server, env: dict[str, str]) -> None:
    url = server.url("/wave.yaml", PIN)
    server.stop()
    done = resolve(url, env)
    assert done.returncode == 3
    assert done.stderr.startswith(f"http://127.0.0.1:{server.port}/wave.yaml: cannot be fetched (")
    assert "and there is no copy of it to use" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_answer_that_is_not_the_file_is_an_error_even_with_a_copy(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml")
    assert resolve(url, env).returncode == 0
    server.routes["/wave.yaml"] = status(404)
    done = resolve(url, env)
    assert done.returncode == 3
    assert "wave.yaml: the server answered 404 Not Found" in done.stderr


def test_modelsunset_offline_forbids_the_network(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    without = resolve(url, env, MODELSUNSET_OFFLINE="1")
    assert without.returncode == 3
    assert "MODELSUNSET_OFFLINE is set, and there is no copy of it to use" in without.stderr
    assert server.seen == []
    assert resolve(url, env).returncode == 0
    with_copy = resolve(url, env, MODELSUNSET_OFFLINE="1")
    assert (with_copy.returncode, with_copy.stdout) == (0, "gpt-4o\n")
    assert with_copy.stderr.startswith("warning: MODELSUNSET_OFFLINE is set: using the copy of ")
    assert len(server.seen) == 1
    assert resolve(url, env, MODELSUNSET_OFFLINE="0").returncode == 0
    assert len(server.seen) == 2


def test_no_cache_keeps_no_copy(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    assert resolve(url, env, MODELSUNSET_NO_CACHE="1").returncode == 0
    assert copies(env) == []
    done = resolve(url, env, MODELSUNSET_NO_CACHE="1", MODELSUNSET_OFFLINE="1")
    assert done.returncode == 3 and "(MODELSUNSET_NO_CACHE is set)" in done.stderr


# -- what the copy trusts ----------------------------------------------------------------------


def _fetch_once(server: Server, env: dict[str, str]) -> str:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    assert resolve(url, env).returncode == 0
    return url


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs owners and modes")
def test_a_cache_folder_others_can_write_is_not_used(server: Server, env: dict[str, str]) -> None:
    url = _fetch_once(server, env)
    folder = Path(env["XDG_CACHE_HOME"]) / "modelsunset"
    folder.chmod(0o777)
    done = resolve(url, env, MODELSUNSET_OFFLINE="1")
    assert done.returncode == 3
    assert "is not used: others can write to it" in done.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda meta, body: body.write_bytes(body.read_bytes() + b"# more\n"),
        lambda meta, body: meta.write_text("{}"),
        lambda meta, body: meta.write_text(meta.read_text().replace('"size": ', '"size": -')),
        lambda meta, body: meta.write_bytes(b"\xff not json"),
        lambda meta, body: (body.unlink(), body.symlink_to(WAVE)),
    ],
)
def test_a_damaged_copy_is_no_copy(
    server: Server, env: dict[str, str], damage: Callable[[Path, Path], object]
) -> None:
    url = _fetch_once(server, env)
    body, meta = copies(env)
    damage(meta, body)
    done = resolve(url, env, MODELSUNSET_OFFLINE="1")
    assert done.returncode == 3
    assert "there is no copy of it to use" in done.stderr
    assert resolve(url, env).returncode == 0  # fetched again, in full
    assert "If-None-Match" not in server.seen[-1][1]


# -- bounds ----------------------------------------------------------------------------------


def test_a_server_that_hangs_is_given_up_on_in_time(
    server: Server, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "TIMEOUT", 0.3)
    server.routes["/wave.yaml"] = lambda handler: (server.release.wait(30), None)[1]
    started = time.monotonic()
    done = resolve(server.url("/wave.yaml", PIN), env)
    assert time.monotonic() - started < 5
    assert done.returncode == 3
    assert "cannot be fetched (no answer within 0.3 s)" in done.stderr


def test_a_server_that_trickles_is_cut_off(
    server: Server, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(remote, "TIMEOUT", 0.5)

    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(BODY)))
        handler.end_headers()
        for byte in BODY:
            if server.release.wait(0.1):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    server.routes["/wave.yaml"] = trickle
    started = time.monotonic()
    done = resolve(server.url("/wave.yaml", PIN), env)
    assert time.monotonic() - started < 5
    assert done.returncode == 3
    assert "cannot be fetched (the download took longer than 0.5 s)" in done.stderr


def test_a_body_over_the_limit_is_refused(server: Server, env: dict[str, str]) -> None:
    def declared(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(MAX_BYTES + 1))
        handler.end_headers()

    def undeclared(handler: BaseHTTPRequestHandler) -> None:
        handler.protocol_version = "HTTP/1.0"  # no length: the body ends when it closes
        handler.send_response(200)
        handler.end_headers()
        chunk = b"#" * (1024 * 1024)
        try:
            for _ in range(MAX_BYTES // len(chunk) + 2):
                handler.wfile.write(chunk)
        except OSError:
            pass  # the client stopped reading

    server.routes["/declared.yaml"] = declared
    server.routes["/undeclared.yaml"] = undeclared
    for path in ("/declared.yaml", "/undeclared.yaml"):
        done = resolve(server.url(path, PIN), env)
        assert done.returncode == 3
        assert f"{path}: is larger than 20 MiB, the most a catalogue file may be" in done.stderr


def test_a_local_file_over_the_limit_is_refused(tmp_path: Path, env: dict[str, str]) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    done = run("validate", str(big), env=env)
    assert done.returncode == 3
    assert "big.yaml: is larger than 20 MiB" in done.stderr


def test_a_redirect_to_http_is_refused(server: Server, env: dict[str, str]) -> None:
    server.routes["/wave.yaml"] = serve()
    target = server.url("/wave.yaml", auth="who:hidden@")
    server.routes["/moved.yaml"] = status(302, target)
    done = resolve(server.url("/moved.yaml", PIN), env)
    assert done.returncode == 3
    assert (
        f"/moved.yaml: redirects to http://127.0.0.1:{server.port}/wave.yaml, which is not https"
    ) in done.stderr
    assert "hidden" not in done.stderr
    assert [path for path, _ in server.seen] == ["/moved.yaml"]


def test_a_redirect_to_https_is_followed_without_the_credentials(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    server.routes["/wave.yaml"] = serve()
    server.routes["/moved.yaml"] = status(301, server.url("/wave.yaml"))
    done = resolve(server.url("/moved.yaml", auth="me:s3cret@"), env)
    assert done.returncode == 0, done.stderr
    (_, first), (_, second) = server.seen
    assert first["Authorization"].startswith("Basic ")
    assert "Authorization" not in second


# -- credentials -------------------------------------------------------------------------------


def test_credentials_are_sent_and_never_shown(
    server: Server, env: dict[str, str], as_https: None
) -> None:
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", auth="me:s3cret%21@")
    done = [
        resolve(url, env),
        run("validate", "--catalogue", url, env=env),
        resolve(url + "#sha256=" + "0" * 64, env),
        resolve(server.url("/missing.yaml", auth="me:s3cret%21@"), env),
    ]
    assert server.seen[0][1]["Authorization"] == "Basic bWU6czNjcmV0IQ=="  # me:s3cret!
    assert done[1].stdout.startswith(f"ok: http://127.0.0.1:{server.port}/wave.yaml\n")
    server.stop()
    done += [resolve(url, env), resolve(url, env, MODELSUNSET_OFFLINE="1")]
    assert [result.returncode for result in done] == [0, 0, 3, 3, 0, 0]
    for result in done:
        assert "s3cret" not in result.stdout + result.stderr
        assert "me:" not in result.stdout + result.stderr


# -- pieces ------------------------------------------------------------------------------------


def test_what_is_a_url_and_how_the_environment_list_splits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert is_url("https://example.test/x.yaml") and is_url("ftp://x")
    assert not is_url("x.yaml") and not is_url("C://x.yaml") and not is_url("/a/b://c")
    monkeypatch.setattr(os, "pathsep", ":")
    listed = "a.yaml:https://u:p@h.test:8443/x.yaml#sha256=ab::b.yaml:http://h.test/y"
    assert split_list(listed) == [
        "a.yaml",
        "https://u:p@h.test:8443/x.yaml#sha256=ab",
        "b.yaml",
        "http://h.test/y",
    ]
    assert split_list("https://h.test:/etc/x.yaml") == ["https://h.test", "/etc/x.yaml"]
    assert split_list("https://[::1]:8443/x.yaml:y.yaml") == ["https://[::1]:8443/x.yaml", "y.yaml"]


def test_a_url_is_shown_without_credentials_or_fragment() -> None:
    shown = remote.public("https://me:pw@example.test:8443/a/b.yaml?x=1#sha256=00")
    assert shown == "https://example.test:8443/a/b.yaml?x=1"
    assert remote.public("https://a@b@example.test/\x1b[31m") == "https://example.test/\\x1b[31m"


def test_the_age_of_a_copy() -> None:
    copy = remote_copy.Copy(b"", None, None, 1_769_940_000.0, PIN)  # 2026-02-01 10:00 UTC
    assert remote_copy.age(copy, 1_769_940_030) == "fetched 2026-02-01 10:00 UTC (just now)"
    ago = remote_copy.age(copy, 1_769_940_000 + 60)
    assert ago == "fetched 2026-02-01 10:00 UTC (1 minute ago)"
    assert remote_copy.age(copy, 1_769_940_000 + 5 * 3600).endswith("(5 hours ago)")
    assert remote_copy.age(copy, 1_769_940_000 + 3 * 86400).endswith("(3 days ago)")


def _catalogue(updated: date | None, verified: date | None) -> Catalogue:
    return Catalogue(1, updated, {}, {}, {}, verified=verified)


def test_the_stale_warning_is_about_the_verified_day_else_the_updated_one() -> None:
    today = date(2026, 4, 1)
    assert stale_warning(_catalogue(date(2026, 1, 31), None), today) is None  # 60 days
    old = stale_warning(_catalogue(date(2026, 1, 30), None), today)
    assert old == (
        "the catalogue was last updated 2026-01-30, 61 days ago; newer retirements may be "
        "missing (pip install --upgrade modelsunset, or use a fresher --catalogue)"
    )
    verified = stale_warning(_catalogue(date(2026, 3, 30), date(2026, 1, 1)), today)
    assert verified is not None
    assert verified.startswith("the catalogue was last verified 2026-01-01, 90 days ago")
    assert stale_warning(_catalogue(date(2025, 1, 1), date(2026, 3, 1)), today) is None
    assert stale_warning(_catalogue(None, None), today) is None


def test_check_and_validate_warn_on_a_stale_catalogue(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_DATE="2026-04-01")
    for args in (["validate"], ["check", "--model", "gpt-4o"]):
        done = run(*args, env=env, cwd=tmp_path)
        assert "warning: the catalogue was last updated 2026-01-30, 61 days ago" in done.stderr


def test_an_ordinary_run_does_not_load_the_network_code(tmp_path: Path) -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in ('modelsunset.remote', 'urllib.request',"
        " 'http.client', 'ssl') if m in sys.modules), file=sys.stderr))\n"
        "sys.argv = ['modelsunset', 'resolve', 'gpt-4o', '-f', 'plain']\n"
        "from modelsunset.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE)),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_with_no_home_folder_a_url_is_fetched_and_no_copy_kept(
    server: Server, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No HOME and no entry for the user (os.path.expanduser gives "~" back): no cache
    folder, so no copy; the fetch works, and offline says why there is no copy."""
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)
    for name in ("HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    server.routes["/wave.yaml"] = serve()
    url = server.url("/wave.yaml", PIN)
    done = run("resolve", "gpt-4o", "-s", "chatgpt", "-f", "plain", "--catalogue", url,
               env=env, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []
    done = run("resolve", "gpt-4o", "-s", "chatgpt", "-f", "plain", "--catalogue", url,
               env={**env, "MODELSUNSET_OFFLINE": "1"}, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 3
    assert "no copy of it to use (no home folder is known to keep a copy in)" in done.stderr
