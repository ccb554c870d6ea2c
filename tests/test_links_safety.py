"""What a hostile list, server or cache can do to the link job (issue 12), on 127.0.0.x only.

Each test is one probe of the issue: a redirect target written into the list, private and
metadata addresses (also by DNS rebinding and after redirects), the token, reports and issue
bodies built from untrusted text, a crafted cache, the cache path, headers that never end.
"""
from __future__ import annotations

import json
import re

import pytest

from awesome_tools.cli import run
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.policy import Policy, with_overrides
from awesome_tools.links.run import check_links
from linkservers import FakeGitHub, LinkServer, ok, page, redirect, resolver, status_line_then_close

OFFLINE_APIS = {name: "http://127.0.0.250:9/api" for name in (
    "arxiv_api", "github_api", "doi_api", "openreview_api", "openreview_api_v1")}
FAST = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=1, deadline=5.0,
                      confirm_wait=0.0, **OFFLINE_APIS)


def check(urls, policy=FAST):
    return {t.url: r for t, r in check_links(targets_from_urls(urls), policy).pairs}


def _repo(tmp_path, text, config="links:\n  min-interval: 0\n  backoff: 0.01\n  retries: 1\n"):
    (tmp_path / ".git").mkdir(exist_ok=True)
    (tmp_path / ".awesome-tools.yaml").write_text(config, encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    return readme


# --- 1. fix --update-redirects never writes Markdown structure --------------------------------

@pytest.mark.parametrize("location", [
    "/x)](https://evil.example/phish",
    '/x" onmouseover="alert(1)',
    "/x> <img src=https://evil.example/t.png>",
    "/x`<!-- hide -->` | cell",
])
def test_a_redirect_target_cannot_change_the_lists_markdown(tmp_path, capsys, location):
    from awesome_tools.model.parse import parse

    with LinkServer("127.0.0.71") as server:
        server.routes["/old"] = redirect(location, 301)
        server.routes["*"] = lambda h: (page("moved here") if h.path.startswith("/x")
                                        else ok(404))(h)
        text = f"# List\n\n- [Tool]({server.url('/old')}) - a tool.\n"
        readme = _repo(tmp_path, text)
        cache = tmp_path / "links.json"
        assert run(["links", str(readme), "--cache", str(cache), "--format", "json"]) == 0
        capsys.readouterr()
        assert run(["fix", str(readme), "--update-redirects", "--cache", str(cache)]) == 0
    fixed = readme.read_text(encoding="utf-8")
    assert fixed != text  # the redirect was applied ...
    doc = parse(fixed, "README.md")
    assert len(doc.links) == 1 and doc.links[0].url.startswith(server.url("/x"))  # ... as one URL
    written = re.search(r"\]\((.*)\) - a tool\.", fixed).group(1)
    assert not set(written) & set(" ()[]<>\"'`|")
    assert "evil.example" not in fixed or "%" in written


def test_a_non_http_redirect_target_is_never_written(tmp_path):
    from awesome_tools.rules.redirected_url import safe_target

    assert safe_target("javascript:alert(1)") is None
    assert safe_target("https://user:password@evil.example/") is None
    assert safe_target("data:text/html,<script>") is None
    assert safe_target("https://a.org/b c") == "https://a.org/b%20c"


# --- 2 and 3. private, link-local and metadata addresses ---------------------------------------

def test_link_local_and_metadata_addresses_are_never_fetched_even_without_the_flag(
        network_guard):
    """The autouse guard would record any attempt to connect there; none is made."""
    urls = ["http://169.254.169.254/latest/meta-data/", "http://100.100.100.200/latest/",
            "http://[fd00:ec2::254]/latest/", "http://metadata.test/computeMetadata/"]
    policy = with_overrides(FAST, resolve=resolver({"metadata.test": "169.254.169.254"}))
    checked = check_links(targets_from_urls(urls), policy)
    assert checked.pairs == [] and checked.excluded == 4
    assert network_guard == []


def test_exclude_private_checks_the_address_connected_to_including_rebinding():
    """A name that resolves to an allowed address first and a private one later (DNS
    rebinding) is refused on the second connection: the check is on the connection."""
    with LinkServer("127.0.0.72", {"/a": ok(), "/b": ok()}) as public, \
            LinkServer("127.0.0.73", {"/a": ok(), "/b": ok()}) as private:
        answers = iter([public, private, private, private])
        policy = with_overrides(FAST, exclude_private=True, trusted_addresses=("127.0.0.72",),
                                resolve=resolver({"rebind.test": lambda: next(answers)}))
        from awesome_tools.links.context import LinkContext

        ctx = LinkContext(policy)
        try:
            first = ctx.fetch("GET", f"http://rebind.test:{public.port}/a", "rebind.test")
            ctx.network.close()
            ctx = LinkContext(policy)
            second = ctx.fetch("GET", f"http://rebind.test:{private.port}/b", "rebind.test")
        finally:
            ctx.close()
        assert private.requests == []
    assert first.status == 200
    assert (second.status, second.kind) == (None, "private")
    assert "127.0.0.73 is a private" in second.error


def test_exclude_private_applies_after_redirects():
    with LinkServer("127.0.0.72") as public, LinkServer("127.0.0.73", {"*": ok()}) as private:
        public.routes["/go"] = redirect(private.url("/internal"), 302)
        policy = with_overrides(FAST, exclude_private=True, trusted_addresses=("127.0.0.72",))
        result = check([public.url("/go")], policy)[public.url("/go")]
        assert private.requests == []
    assert (result.verdict, result.why) == ("unknown", "private-address")
    assert "not followed" in result.reason


@pytest.mark.parametrize("address", ["10.0.0.8", "100.64.1.1", "192.168.1.1", "[fd12::1]",
                                     "[::ffff:10.0.0.1]"])
def test_exclude_private_refuses_private_literals_without_connecting(address, network_guard):
    policy = with_overrides(FAST, exclude_private=True)
    checked = check_links(targets_from_urls([f"http://{address}/x"]), policy)
    assert checked.excluded == 1 and network_guard == []


def test_a_name_resolving_to_a_private_address_is_excluded_with_the_flag():
    with LinkServer("127.0.0.74", {"*": ok()}) as server:
        policy = with_overrides(FAST, exclude_private=True,
                                resolve=resolver({"intranet.test": server}))
        checked = check_links(targets_from_urls(["http://intranet.test/wiki"]), policy)
        assert server.requests == []
    assert checked.excluded == 1


# --- 4. the token ------------------------------------------------------------------------------

def test_report_issue_refuses_a_plain_http_api(tmp_path, monkeypatch, capsys):
    with LinkServer("127.0.0.75", {"/ok": ok()}) as site:
        readme = _repo(tmp_path, f"# L\n\n- [a]({site.url('/ok')})\n",
                       "links:\n  issue-api: http://api.example.org\n")
        monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRET")
        monkeypatch.setenv("GITHUB_REPOSITORY", "me/list")
        assert run(["links", str(readme), "--no-cache", "--report-issue"]) == 2
        assert site.requests == []
    err = capsys.readouterr().err
    assert "only sent over https" in err and "ghs_SECRET" not in err


def test_report_issue_does_not_follow_redirects_with_the_token(tmp_path, monkeypatch, capsys):
    with LinkServer("127.0.0.75", {"/gone": ok(404)}) as site, \
            LinkServer("127.0.0.76") as api, LinkServer("127.0.0.76") as other:
        seen = []
        other.routes["*"] = lambda h: (seen.append(h.headers.get("Authorization")),
                                       h.reply_json(200, []))
        api.routes["*"] = redirect(other.url("/repos/me/list/issues"), 307)
        readme = _repo(tmp_path, f"# L\n\n- [a]({site.url('/gone')})\n")
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", api.url("").rstrip("/"))
        monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRET")
        monkeypatch.setenv("GITHUB_REPOSITORY", "me/list")
        assert run(["links", str(readme), "--no-cache", "--report-issue"]) == 2
    assert seen == [] and "not followed" in capsys.readouterr().err


# --- 5. reports and issue bodies are inert -----------------------------------------------------

HOSTILE_HEADING = ("Tools @octocat <img src=x onerror=alert(1)> <!-- #1 "
                   "[x](https://e.invalid/a)")


def test_markdown_report_and_issue_body_are_escaped(tmp_path, monkeypatch, capsys):
    with LinkServer("127.0.0.77") as site, LinkServer("127.0.0.78") as api:
        fake = FakeGitHub(api, {}, {})
        site.routes["/gone"] = ok(404)
        site.routes["/login-wall"] = redirect("/login?next=@admin <!--", 302)
        site.routes["/login"] = page("Sign in")
        text = (f"# List\n\n## {HOSTILE_HEADING}\n\n- [a]({site.url('/gone')}?q=`x`)\n"
                f"- [b]({site.url('/login-wall')})\n")
        readme = _repo(tmp_path, text)
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", api.url("").rstrip("/"))
        monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRET")
        monkeypatch.setenv("GITHUB_REPOSITORY", "me/list")
        assert run(["links", str(readme), "--no-cache", "--format", "markdown",
                    "--report-issue"]) == 1
        body = fake.issues[1]["body"]
    report = capsys.readouterr().out
    for output in (report, body):
        assert "<img" not in output and "<!-- #" not in output
        assert "<!--" not in output.replace("<!-- awesome-tools:links-report -->", "")
        prose = re.sub(r"(`+)[^`].*?\1", "", output)  # code spans: mentions are inert there
        assert not re.search(r"@(octocat|admin)\b", prose)  # no live mentions
        assert "@\u200boctocat" in prose
        assert "](https://e.invalid/a)" not in output  # no new links
        assert "#\u200b1" in output  # issue references broken
        assert f"`{site.url('/gone')}?q=%60x%60`" in output  # URL in a code span
        assert "Tools @\u200boctocat" in output  # the heading is there, escaped


def test_text_and_annotations_escape_control_characters(tmp_path, capsys):
    from awesome_tools.links.summary import plain

    assert plain("a\x1b[31mred\x07\u202ebidi") == "a\\x1b[31mred\\x07\\u202ebidi"
    with LinkServer("127.0.0.77") as site:
        site.routes["/x"] = lambda h: h.reply(301, {"Location": "/y\x1b[2J"}, b"")
        site.routes["*"] = ok(404)
        readme = _repo(tmp_path, f"# L\n\n- [a]({site.url('/x')})\n")
        run(["links", str(readme), "--no-cache"])
        run(["links", str(readme), "--no-cache", "--format", "github"])
    out = capsys.readouterr().out
    assert "\x1b" not in out


# --- 11. the cache is validated, never a source of URLs, and stays in the repository ----------

def test_early_rechecks_ask_only_urls_the_list_contains(tmp_path, capsys):
    """A crafted recheck entry for a URL not in the list is never fetched."""
    with LinkServer("127.0.0.79", {"/ok": ok(), "*": ok(404)}) as site:
        readme = _repo(tmp_path, f"# L\n\n- [a]({site.url('/ok')})\n")
        cache = tmp_path / "links.json"
        cache.write_text(json.dumps({"version": 2, "recheck": {
            "url:x": {"url": site.url("/planted"), "paths": [str(readme)],
                      "expires": 4e12}}}), encoding="utf-8")
        assert run(["links", str(readme), "--cache", str(cache)]) == 0
        assert site.count("/planted") == 0


@pytest.mark.parametrize("setting", ["../outside.json", "/tmp/links-elsewhere.json",
                                     "link-dir/links.json"])
def test_a_cache_path_that_leaves_the_repository_is_refused(tmp_path, capsys, monkeypatch,
                                                            setting):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "repo").mkdir()
    repo = tmp_path / "repo"
    (repo / "link-dir").symlink_to(outside)
    with LinkServer("127.0.0.79", {"/ok": ok()}) as site:
        readme = _repo(repo, f"# L\n\n- [a]({site.url('/ok')})\n",
                       f"links:\n  cache: {setting}\n")
        monkeypatch.chdir(repo)
        assert run(["links", str(readme)]) == 2
        assert site.requests == []
    assert "outside the repository" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


# --- 14. a status line is not an answer ---------------------------------------------------------

def test_a_status_line_without_the_end_of_the_headers_is_not_alive():
    with LinkServer("127.0.0.80", {"/x": status_line_then_close()}) as server:
        result = check([server.url("/x")])[server.url("/x")]
    assert result.verdict == "unknown"
    assert "never finished its headers" in result.reason
