"""What real hosts do (issue 13), played by loopback fakes: every verdict and its reason.

Bot walls, soft 404s, login and generic redirects, HEAD refused, DNS failures and refusals
that need a second answer, the network down, the run's budget, Ctrl-C, progress, the User-
Agent, and the report a maintainer acts on. Host names resolve to 127.0.0.x through the
policy's test resolver; the autouse guard in conftest refuses anything else.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from awesome_tools.cli import run
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.policy import Policy, with_overrides
from awesome_tools.links.run import check_links
from linkservers import (LinkServer, aws_waf_challenge, closed_port, cloudflare_challenge,
                         empty_202, head_rejected, ok, page, redirect, resolver,
                         same_page_host, soft_404_host)

OFFLINE_APIS = {name: "http://127.0.0.250:9/api" for name in (
    "arxiv_api", "github_api", "doi_api", "openreview_api", "openreview_api_v1")}
FAST = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=1, deadline=5.0,
                      connect_timeout=2.0, read_timeout=3.0, confirm_wait=0.0, **OFFLINE_APIS)
ROOT = Path(__file__).resolve().parents[1]


def checked(urls, policy=FAST):
    return check_links(targets_from_urls(urls), policy)


def check(urls, policy=FAST):
    return {target.url: result for target, result in checked(urls, policy).pairs}


# --- bot walls --------------------------------------------------------------------------------

@pytest.mark.parametrize("handler, named", [
    (cloudflare_challenge(403), "Cloudflare challenge (cf-mitigated: challenge)"),
    (cloudflare_challenge(503), "Cloudflare challenge (cf-mitigated: challenge)"),
    (aws_waf_challenge(), "AWS WAF challenge (x-amzn-waf-action: challenge)"),
    (ok(999), "HTTP 999, as LinkedIn answers robots"),
    (ok(418), "HTTP 418, as IEEE Xplore answers scripts"),
    (empty_202(), "empty HTTP 202"),
    (lambda h: h.reply(405) if h.command == "HEAD" else page(
        "Just a moment...", 200, "<script src='/cdn-cgi/challenge-platform/x.js'>")(h),
     "Cloudflare challenge page (HTTP 200)"),
    (page("arXiv", 403, "Robot detection: your client looks automated"),
     "robot detection page (HTTP 403)"),
])
def test_bot_walls_are_named_unknown_never_dead_or_alive(handler, named):
    with LinkServer("127.0.0.51", {"/paper/1": handler}) as server:
        result = check([server.url("/paper/1")])[server.url("/paper/1")]
        assert server.count("/paper/1") <= 2  # HEAD, then GET to see the page: no retries
    assert (result.verdict, result.why) == ("unknown", "bot-wall")
    assert named in result.reason and "open the link in a browser" in result.reason


def test_an_aws_waf_host_hides_every_404_so_nothing_there_is_alive():
    """AWS WAF challenges every path, missing ones included: no false alive, no false dead."""
    with LinkServer("127.0.0.51", {"*": aws_waf_challenge()}) as server:
        results = check([server.url("/exists"), server.url("/gone")])
    assert {r.verdict for r in results.values()} == {"unknown"}


def test_a_page_about_captchas_stays_alive():
    """Weak markers ("captcha") are believed only on refusals, not on a 200 page."""
    with LinkServer("127.0.0.51", {"/captcha-paper": page("Breaking CAPTCHAs with GANs")}) as s:
        result = check([s.url("/captcha-paper")])[s.url("/captcha-paper")]
    assert result.verdict == "alive"


def test_head_refused_then_get_works_is_alive():
    with LinkServer("127.0.0.51", {"/a": head_rejected(405), "/b": head_rejected(404)}) as s:
        results = check([s.url("/a"), s.url("/b")])
    assert {r.verdict for r in results.values()} == {"alive"}


# --- no false alive ---------------------------------------------------------------------------

def test_soft_404_host_is_asked_once_for_a_missing_path_and_compared():
    """A host answering 200 "Page not found" for every path: its gone pages are dead, found
    by comparing with its answer to a path that cannot exist; its real pages stay alive."""
    with LinkServer("127.0.0.52") as server:
        server.routes.update({"*": soft_404_host(), "/paper/real": page("A Real Paper")})
        results = check([server.url("/paper/real"), server.url("/paper/gone"),
                         server.url("/paper/gone-too")])
        assert server.probes() == 1
    assert results[server.url("/paper/real")].verdict == "alive"
    gone = results[server.url("/paper/gone")]
    assert (gone.verdict, gone.why) == ("dead", "soft-404")
    assert "soft 404" in gone.reason and "Page not found" in gone.reason


def test_a_host_that_answers_every_path_alike_is_unknown_not_alive():
    with LinkServer("127.0.0.52", {"*": same_page_host("My App")}) as server:
        result = check([server.url("/docs/intro")])[server.url("/docs/intro")]
    assert (result.verdict, result.why) == ("unknown", "same-for-every-path")
    assert "open it in a browser" in result.reason


def test_the_host_probe_is_cached_per_host(tmp_path):
    from awesome_tools.links.cache import LinkCache

    with LinkServer("127.0.0.52", {"/a": page("A"), "/b": page("B")}) as server:
        cache = LinkCache(tmp_path / "links.json")
        check_links(targets_from_urls([server.url("/a")]), FAST, cache)
        cache.save()
        cache = LinkCache(tmp_path / "links.json").load()
        check_links(targets_from_urls([server.url("/b")]), FAST, cache)
        assert server.probes() == 1
    assert list(json.loads((tmp_path / "links.json").read_text())["hosts"]) == \
        [f"http://127.0.0.52:{server.port}"]


def test_a_redirect_to_a_login_page_is_redirected_with_that_reason():
    with LinkServer("127.0.0.53") as server:
        server.routes.update({"/team/private-doc": redirect("/accounts/login?next=/team", 302),
                              "/accounts/login": page("Sign in")})
        result = check([server.url("/team/private-doc")])[server.url("/team/private-doc")]
    assert (result.verdict, result.why) == ("redirected", "login-redirect")
    assert "login page" in result.reason and not result.updatable


def test_a_deep_link_redirected_to_the_front_page_or_a_listing_is_redirected():
    with LinkServer("127.0.0.54") as server:
        server.routes.update({"/projects/2019/gone-model": redirect("/", 301),
                              "/papers/12345": redirect("/papers", 302),
                              "/papers": page("All papers"), "/": page("Home"),
                              "/old-name": redirect("/new-name", 301),
                              "/new-name": page("New")})
        urls = [server.url(p) for p in ("/projects/2019/gone-model", "/papers/12345",
                                        "/old-name")]
        results = check(urls)
    home, listing, moved = (results[u] for u in urls)
    assert (home.verdict, home.why) == ("redirected", "generic-redirect")
    assert (listing.verdict, listing.why) == ("redirected", "generic-redirect")
    assert "probably gone" in home.reason and not home.updatable
    assert (moved.verdict, moved.why, moved.updatable) == ("redirected", "moved", True)


def test_a_redirect_where_missing_paths_go_is_a_generic_redirect():
    """The probe shows where this host sends a missing path; a link sent there is gone."""
    with LinkServer("127.0.0.54") as server:
        server.routes.update({"*": redirect("/not-found.html", 302),
                              "/not-found.html": page("Oops"),
                              "/docs/v1/guide": redirect("/not-found.html", 302),
                              "/docs/v2/guide": page("Guide")})
        results = check([server.url("/docs/v1/guide"), server.url("/docs/v2/guide")])
    assert results[server.url("/docs/v1/guide")].why == "generic-redirect"
    assert results[server.url("/docs/v2/guide")].verdict == "alive"


# --- dead needs proof -------------------------------------------------------------------------

def test_a_name_that_fails_once_is_asked_again_and_only_a_repeat_is_dead():
    with LinkServer("127.0.0.55", {"/x": ok()}) as server:
        answers = iter([None, server])
        flaky = {"flaky.example": lambda: next(answers)}

        def lookup(host, port, *args, **kwargs):
            if host == "flaky.example":
                target = flaky["flaky.example"]()
                if target is None:
                    import socket

                    raise socket.gaierror(socket.EAI_NONAME, "not known")
                return resolver({"flaky.example": target})(host, port)
            return resolver({"alive.example": server})(host, port)

        policy = with_overrides(FAST, resolve=lookup)
        results = check(["http://flaky.example/x", "http://gone.example/x",
                         "http://alive.example/x"], policy)
    assert results["http://flaky.example/x"].verdict == "alive"
    gone = results["http://gone.example/x"]
    assert (gone.verdict, gone.why) == ("dead", "no-such-host")
    assert "twice" in gone.reason


def test_network_down_reports_nothing_dead_and_exits_2(tmp_path, capsys, monkeypatch):
    """Every host refuses and so do the API hosts: the network is down, not the links."""
    ports = [closed_port("127.0.0.56") for _ in range(3)]
    for name in ("ARXIV_API", "GITHUB_API", "DOI_API", "OPENREVIEW_API", "OPENREVIEW_API_V1"):
        monkeypatch.setenv(f"AWESOME_TOOLS_{name}", f"http://127.0.0.56:{ports[0]}/api")
    readme = tmp_path / "README.md"
    readme.write_text("# L\n\n" + "".join(f"- [p{n}](http://127.0.0.56:{port}/p{n})\n"
                                          for n, port in enumerate(ports)), encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".awesome-tools.yaml").write_text("links:\n  confirm-wait: 0\n  retries: 0\n",
                                                  encoding="utf-8")
    assert run(["links", str(readme), "--no-cache", "--format", "json"]) == 2
    captured = capsys.readouterr()
    items = json.loads(captured.out)
    assert {item["verdict"] for item in items} == {"unknown"}
    assert {item["why"] for item in items} == {"network-down"}
    assert "network unreachable" in captured.err and "nothing is reported dead" in captured.err


# --- a bounded, visible run -------------------------------------------------------------------

def test_max_time_ends_the_run_with_a_report(tmp_path, capsys):
    """12 URLs that keep answering 429 Retry-After: 3 (issue 12 item 6): the budget ends the
    run, every unfinished URL says why, and the report is written."""
    with LinkServer("127.0.0.57", {"*": ok(429, {"Retry-After": "3"})}) as server:
        readme = tmp_path / "README.md"
        readme.write_text("# L\n\n" + "".join(f"- [p{n}]({server.url(f'/p{n}')})\n"
                                              for n in range(12)), encoding="utf-8")
        (tmp_path / ".git").mkdir()
        code = run(["links", str(readme), "--no-cache", "--max-time", "1", "--format", "json"])
    captured = capsys.readouterr()
    items = json.loads(captured.out)
    assert code == 0 and len(items) == 12
    assert {item["why"] for item in items} == {"budget"}
    assert all("--max-time" in item["reason"] for item in items)
    assert "budget (1 s) ran out" in captured.err


def test_retry_after_is_capped_by_max_wait():
    with LinkServer("127.0.0.57", {"/x": ok(429, {"Retry-After": "86400"})}) as server:
        result = check([server.url("/x")])[server.url("/x")]
        assert server.count("/x") == 1
    assert (result.verdict, result.why) == ("unknown", "rate-limited")
    assert "more than max-wait 60 s" in result.reason


def test_ctrl_c_writes_the_partial_report_and_exits_130(tmp_path):
    hold = threading.Event()

    def stall(handler):
        hold.wait(20)
        handler.reply(200)

    with LinkServer("127.0.0.58", {"/": ok(), "/slow": stall}) as server:
        readme = tmp_path / "README.md"
        readme.write_text(f"# L\n\n- [a]({server.url('/')})\n- [b]({server.url('/slow')})\n",
                          encoding="utf-8")
        (tmp_path / ".git").mkdir()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        process = subprocess.Popen([sys.executable, "-m", "awesome_tools", "links", str(readme),
                                    "--no-cache", "--format", "json"], cwd=tmp_path, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(400):  # both asked (a front page needs no soft-404 probe)
                if server.count("/slow") and server.count("/"):
                    break
                threading.Event().wait(0.05)
            threading.Event().wait(0.5)  # let the front page's answer reach the checker
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=30)
        finally:
            hold.set()
            if process.poll() is None:
                process.kill()
    assert process.returncode == 130, err
    items = {item["url"].rsplit("/", 1)[1] or "fast": item for item in json.loads(out)}
    assert items["fast"]["verdict"] == "alive"
    assert (items["slow"]["verdict"], items["slow"]["why"]) == ("unknown", "interrupted")
    assert "partial" in err


def test_progress_line_fits_the_terminal_and_names_the_busy_hosts():
    from awesome_tools.commands.links import progress_line
    from awesome_tools.links.scheduler import Snapshot

    snap = Snapshot(done=120, waiting={"github.com": 80, "dl.acm.org": 3}, in_flight={},
                    slow_host="dl.acm.org", slow_for=12.0, elapsed=60.0)
    wide = progress_line(snap, 400, 200)
    assert wide.startswith("links: 120/400") and "~2 min left" in wide
    assert "github.com 80" in wide and "waiting on dl.acm.org (12 s)" in wide
    for width in (20, 40, 60):
        line = progress_line(snap, 400, width)
        assert len(line) <= width and line.startswith("links: 120/400")


def test_progress_is_plain_periodic_lines_off_a_terminal_and_redrawn_on_one():
    from awesome_tools.commands.links import _Display
    from awesome_tools.links.scheduler import Snapshot

    class Session:
        class scheduler:
            @staticmethod
            def snapshot():
                return Snapshot(3, {"a.org": 2}, {}, None, 0.0, 5.0)

    plain, tty = io.StringIO(), io.StringIO()
    display = _Display(Session(), 10, tty=False, every=3600, stream=plain)
    display.draw()
    display.draw()
    display.stop()
    assert plain.getvalue().splitlines() == ["links: 3/10 · ~12 s left · queued: a.org 2"] * 2
    display = _Display(Session(), 10, tty=True, every=3600, stream=tty)
    display.draw()
    display.stop()
    assert tty.getvalue().startswith("\rlinks: 3/10") and tty.getvalue().endswith("\r")


# --- identity, proxies, CA bundles ------------------------------------------------------------

def test_user_agent_names_awesome_tools():
    seen = []

    def record(handler):
        seen.append(handler.headers.get("User-Agent"))
        handler.reply(200)

    with LinkServer("127.0.0.59", {"/x": record}) as server:
        check([server.url("/x")])
    assert seen and seen[0].startswith("awesome-tools/")
    assert "+https://github.com/awesome-tools/awesome-tools" in seen[0]


def _tls_server(tmp_path):
    import shutil
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.60", "-addext", "subjectAltName=IP:127.0.0.60",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def test_ca_bundle_variable_is_honoured(tmp_path, monkeypatch):
    cert, context = _tls_server(tmp_path)
    server = LinkServer("127.0.0.60", {"/secure": ok()})
    with server:
        server._server.socket = context.wrap_socket(server._server.socket, server_side=True)
        url = f"https://127.0.0.60:{server.port}/secure"
        untrusted = check([url])[url]
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
        trusted = check([url])[url]
    assert (untrusted.verdict, untrusted.why) == ("unknown", "network-error")
    assert untrusted.reason.startswith("TLS error: certificate verify failed")
    assert trusted.verdict == "alive"


# --- the report a maintainer acts on ----------------------------------------------------------

def test_markdown_report_groups_dead_by_section_and_unknown_by_host_and_reason(tmp_path, capsys):
    with LinkServer("127.0.0.61") as site, LinkServer("127.0.0.62", {"*": cloudflare_challenge()}
                                                     ) as walled:
        site.routes.update({"/gone": ok(404), "/ok": page("Fine")})
        lines = ["# List", "", "## Vision", "", f"- [a]({site.url('/gone')})",
                 f"- [b]({walled.url('/p1')})", "", "## Language", "",
                 f"- [c]({walled.url('/p2')})", f"- [d]({walled.url('/p3')})",
                 f"- [e]({site.url('/ok')})"]
        readme = tmp_path / "README.md"
        readme.write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / ".git").mkdir()
        assert run(["links", str(readme), "--no-cache", "--format", "markdown"]) == 1
    report = capsys.readouterr().out
    assert report.index("## Dead links (1)") < report.index("### List › Vision")
    assert "**Action:** remove the link" in report
    host = "### 127.0.0.62: Cloudflare challenge \\(cf\\-mitigated: challenge\\) (3)"
    assert host in report, report
    assert "open the links in a browser to verify" in report
    assert report.index("## Could not tell (3), by host") < report.index("## Counts")


def test_text_report_groups_unknown_by_host(tmp_path, capsys):
    with LinkServer("127.0.0.62", {"*": ok(999)}) as walled:
        readme = tmp_path / "README.md"
        readme.write_text("# L\n\n" + "".join(f"- [p]({walled.url(f'/in/{n}')})\n"
                                              for n in range(3)), encoding="utf-8")
        (tmp_path / ".git").mkdir()
        assert run(["links", str(readme), "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "unknown: 127.0.0.62: 3 links, bot block (HTTP 999, as LinkedIn answers robots)" in out
