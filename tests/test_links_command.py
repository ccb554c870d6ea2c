"""``awesome-tools links`` end to end: real files, real servers, exit codes, formats, issue."""
from __future__ import annotations

import io
import json

import pytest

from awesome_tools.cli import run
from linkservers import FakeGitHub, LinkServer, ok, redirect


pytestmark = pytest.mark.usefixtures("no_internet")


@pytest.fixture
def site():
    with LinkServer("127.0.0.41") as server:
        server.routes.update({"/ok": ok(), "/dead": ok(404), "/wall": ok(403),
                              "/moved": redirect("/ok")})
        yield server


def _write(tmp_path, text, name="README.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / ".git").mkdir(exist_ok=True)  # stop the config search here
    (tmp_path / ".awesome-tools.yaml").write_text(
        "links:\n  min-interval: 0\n  backoff: 0.01\n  retries: 1\n", encoding="utf-8")
    return str(path)


def _list(server, *paths):
    lines = ["# List", "", "## Tools", ""]
    lines += [f"- [{p}]({server.url(p)}) - a tool." for p in paths]
    return "\n".join(lines) + "\n"


def test_exit_codes_follow_fail_on(tmp_path, site, capsys):
    alive = _write(tmp_path, _list(site, "/ok", "/moved", "/wall"), "alive.md")
    dead = _write(tmp_path, _list(site, "/ok", "/dead"), "dead.md")
    assert run(["links", alive, "--no-cache"]) == 0
    assert run(["links", dead, "--no-cache"]) == 1
    assert run(["links", alive, "--no-cache", "--fail-on", "unknown"]) == 1
    assert run(["links", alive, "--no-cache", "--fail-on", "redirected"]) == 1
    assert run(["links", dead, "--no-cache", "--fail-on", "none"]) == 0
    out = capsys.readouterr().out
    assert "dead-link" in out and "3 links checked: 1 alive, 1 redirected, 0 dead, 1 unknown" in out


def test_usage_and_input_errors_exit_2(tmp_path, site, capsys):
    path = _write(tmp_path, _list(site, "/ok"))
    assert run(["links", str(tmp_path / "missing.md")]) == 2
    assert run(["links", path, "--fail-on", "broken"]) == 2
    assert run(["links", path, "--exclude", "("]) == 2
    assert run(["links", path, "--report-issue", "--no-cache"]) == 2  # no GITHUB_TOKEN
    (tmp_path / ".awesome-tools.yaml").write_text("links:\n  per-host: zero\n")
    assert run(["links", path]) == 2
    err = capsys.readouterr().err
    assert ".awesome-tools.yaml:2" in err and "links.per-host" in err
    assert "Traceback" not in err
    assert site.requests == []  # nothing is fetched when the input is wrong


def test_json_lists_every_checked_url_with_locations(tmp_path, site, capsys):
    text = _list(site, "/ok", "/dead", "/moved") + f"\nSee [again]({site.url('/dead')}#x).\n"
    path = _write(tmp_path, text)
    assert run(["links", path, "--format", "json", "--no-cache"]) == 1
    items = json.loads(capsys.readouterr().out)
    assert [item["url"] for item in items] == [site.url(p) for p in ("/ok", "/dead", "/moved")]
    assert set(items[0]) == {"url", "verdict", "why", "status", "final_url", "reason", "action",
                             "locations"}
    dead = items[1]
    assert (dead["verdict"], dead["status"], dead["final_url"]) == ("dead", 404, None)
    assert dead["locations"] == [{"path": path, "line": 6, "column": 3},
                                 {"path": path, "line": 9, "column": 5}]
    assert (items[2]["verdict"], items[2]["final_url"]) == ("redirected", site.url("/ok"))


def test_markdown_sarif_and_github_formats(tmp_path, site, capsys):
    path = _write(tmp_path, _list(site, "/ok", "/dead", "/wall", "/moved"))
    assert run(["links", path, "--format", "markdown", "--no-cache"]) == 1
    markdown = capsys.readouterr().out
    assert markdown.index("## Dead links (1)") < markdown.index("### List › Tools")
    assert markdown.index("### List › Tools") < markdown.index("## Redirected (1)")
    assert markdown.index("## Redirected") < markdown.index("## Could not tell (1), by host")
    assert f"`{path}:6` `{site.url('/dead')}`: HTTP 404. **Action:** remove the link" in markdown
    assert "| dead | 1 |" in markdown
    assert run(["links", path, "--format", "sarif", "--no-cache"]) == 1
    sarif = json.loads(capsys.readouterr().out)
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels == {"dead-link": "error", "unknown-link": "warning", "redirected-link": "note"}
    assert run(["links", path, "--format", "github", "--no-cache"]) == 1
    github = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::error file=") and "line=6" in line for line in github)


def test_cache_makes_the_second_run_ask_only_failures(tmp_path, site, capsys):
    path = _write(tmp_path, _list(site, "/ok", "/dead"))
    cache = str(tmp_path / "cache.json")
    run(["links", path, "--cache", cache])
    run(["links", path, "--cache", cache])
    assert site.count("/ok") == 1  # alive: answered from the cache the second time
    # dead: asked again (failures are never cached), but GET first since HEAD failed before
    assert site.count("/dead", "HEAD") == 1 and site.count("/dead", "GET") == 2
    (tmp_path / "cache.json").write_text("garbage")
    assert run(["links", path, "--cache", cache]) == 1
    assert "cache is unreadable" in capsys.readouterr().err


def test_report_issue_opens_updates_and_closes_one_issue(tmp_path, site, monkeypatch, capsys):
    with LinkServer("127.0.0.42") as api:
        fake = FakeGitHub(api, {}, {})
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", api.url("").rstrip("/"))
        monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRET")
        monkeypatch.setenv("GITHUB_REPOSITORY", "me/list")
        dead = _write(tmp_path, _list(site, "/ok", "/dead"), "dead.md")
        fine = _write(tmp_path, _list(site, "/ok"), "fine.md")
        assert run(["links", dead, "--no-cache", "--report-issue"]) == 1
        assert run(["links", dead, "--no-cache", "--report-issue"]) == 1
        assert len(fake.issues) == 1 and fake.issues[1]["state"] == "open"
        assert site.url("/dead") in fake.issues[1]["body"]
        assert run(["links", fine, "--no-cache", "--report-issue"]) == 0
        assert fake.issues[1]["state"] == "closed" and len(fake.comments) == 1
        assert run(["links", fine, "--no-cache", "--report-issue"]) == 0
        assert len(fake.issues) == 1
        assert set(fake.auth) == {"Bearer ghs_SECRET"}
    captured = capsys.readouterr()
    assert "opened issue #1" in captured.err and "updated issue #1" in captured.err
    assert "closed issue #1" in captured.err
    assert "ghs_SECRET" not in captured.out + captured.err


def test_report_issue_failure_is_one_line_without_the_token(tmp_path, site, monkeypatch,
                                                            capsys):
    with LinkServer("127.0.0.42", {"*": lambda h: h.reply_json(
            401, {"message": "Bad credentials"})}) as api:
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", api.url("").rstrip("/"))
        monkeypatch.setenv("GITHUB_TOKEN", "ghs_SECRET")
        monkeypatch.setenv("GITHUB_REPOSITORY", "me/list")
        path = _write(tmp_path, _list(site, "/dead"))
        assert run(["links", path, "--no-cache", "--report-issue"]) == 2
    err = capsys.readouterr().err
    assert "HTTP 401: Bad credentials" in err and "ghs_SECRET" not in err


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch, capsys):
    from awesome_tools.commands import links as command

    class Terminal:
        def isatty(self):
            return True

    monkeypatch.setattr(command.sys, "stderr", Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert command._progress_wanted() is True
    monkeypatch.setenv("CI", "true")
    assert command._progress_wanted() is False
    monkeypatch.setattr(command.sys, "stderr", io.StringIO())  # redirected: no terminal
    monkeypatch.delenv("CI")
    assert command._progress_wanted() is False


# --- last run's failures are asked first, while the list is read ------------------------------

def _links_json(capsys):
    return {item["url"]: item["verdict"] for item in json.loads(capsys.readouterr().out)}


def test_last_runs_failures_are_asked_again_and_only_they(tmp_path, site, capsys):
    path = _write(tmp_path, _list(site, "/ok", "/dead", "/wall"))
    cache = str(tmp_path / "links.json")
    assert run(["links", path, "--cache", cache, "--format", "json"]) == 1
    stored = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert sorted(item["url"] for item in stored["recheck"].values()) == \
        [site.url("/dead"), site.url("/wall")]
    capsys.readouterr()
    site.requests.clear()
    assert run(["links", path, "--cache", cache, "--format", "json"]) == 1
    assert _links_json(capsys) == {site.url("/ok"): "alive", site.url("/dead"): "dead",
                                   site.url("/wall"): "unknown"}
    assert sorted(path for _, path in site.asked()) == ["/dead", "/wall"]  # one GET each


def test_an_early_answer_counts_only_for_the_list_as_it_is_now(tmp_path, site, capsys):
    cache = str(tmp_path / "links.json")
    path = _write(tmp_path, _list(site, "/dead", "/wall/"))
    assert run(["links", path, "--cache", cache]) == 1
    # /dead left the list; /wall/ is now written /wall (the same link, spelled differently).
    _write(tmp_path, _list(site, "/ok", "/wall"))
    capsys.readouterr()
    site.requests.clear()
    assert run(["links", path, "--cache", cache, "--format", "json"]) == 0
    assert _links_json(capsys) == {site.url("/ok"): "alive", site.url("/wall"): "unknown"}
    asked = sorted(path for _, path in site.asked())
    assert "/wall" in asked and "/ok" in asked  # the list's own spellings were checked
    stored = json.loads((tmp_path / "links.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in stored["recheck"].values()] == [site.url("/wall")]


def test_no_early_request_for_an_excluded_url_another_list_or_a_bad_input(tmp_path, site,
                                                                          capsys):
    cache = str(tmp_path / "links.json")
    first = _write(tmp_path, _list(site, "/dead"), "first.md")
    other = _write(tmp_path, _list(site, "/ok"), "other.md")
    assert run(["links", first, "--cache", cache]) == 1
    site.requests.clear()
    assert run(["links", first, "--cache", cache, "--exclude", "/dead"]) == 0
    assert run(["links", other, "--cache", cache]) == 0  # first.md's failure is not its own
    assert [path for _, path in site.asked()] == ["/ok"]
    # issue 17: a bad input is reported on one line and the good list is still checked
    # (exit 2 at the end); it costs no request of its own.
    site.requests.clear()
    assert run(["links", first, str(tmp_path / "missing.md"), "--cache", cache]) == 2
    assert capsys.readouterr().err.count("missing.md: no such file") == 1
    assert [path for _, path in site.asked()] == ["/dead"]


def test_an_unchanged_list_is_not_parsed_again(tmp_path, site, capsys, monkeypatch):
    import awesome_tools.model.parse as document

    text = "# List\n\n## Papers\n\n" + _list(site, "/ok", "/dead").split("## Tools\n\n")[1] + \
        f"\n## More\n\n- [again]({site.url('/ok')}) and <{site.url('/dead')}>\n"
    path = _write(tmp_path, text)
    cache = str(tmp_path / "links.json")
    assert run(["links", path, "--cache", cache, "--format", "json"]) == 1
    first = json.loads(capsys.readouterr().out)

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(document, "parse", refuse)
    assert run(["links", path, "--cache", cache, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == first  # same places, same verdicts
    assert run(["links", path, "--cache", cache, "--format", "markdown"]) == 1
    assert "More" in capsys.readouterr().out  # sections survive the cache too
    (tmp_path / "README.md").write_text(text + f"- [new]({site.url('/ok')})\n", "utf-8")
    with pytest.raises(AssertionError, match="parsed again"):
        run(["links", path, "--cache", cache])
