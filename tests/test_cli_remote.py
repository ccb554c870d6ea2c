"""Issue 17: a list on GitHub, read through a loopback fake of the GitHub contents API.

``AWESOME_TOOLS_GITHUB_API`` points the API base at the fake (as for ``links``); tests never
contact any other address (the autouse network guard of conftest.py refuses them).
"""
from __future__ import annotations

import base64
import json
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

import pytest

from awesome_tools.cli import run
from awesome_tools.errors import InputError
from awesome_tools.remote import parse_list_url
from linkservers import LinkServer, ok

README = ("# Remote List\n\n- [A](#missing) - One.\n- [Doc](docs/missing.md) - Two.\n"
          "![logo](images\\logo.png)\n")
GUIDE = "# Guide\n\n[x](#nope)\n"


class ContentsAPI:
    """GET /repos/OWNER/REPO/readme and /repos/OWNER/REPO/contents/PATH?ref=REF, as
    api.github.com answers them (base64 content in JSON), plus one renamed repository."""

    def __init__(self, server: LinkServer, files: Dict[Tuple[str, str], str]) -> None:
        self.server = server
        self.files = files
        self.asked: List[Tuple[str, Optional[str]]] = []
        server.routes["*"] = self.handle

    def handle(self, h) -> None:
        parts = urlsplit(h.path)
        self.asked.append((h.path, h.headers.get("Authorization")))
        segments = parts.path.strip("/").split("/")
        if segments[:3] == ["repos", "old", "name"]:
            h.reply(301, {"Location": parts.path.replace("/old/name/", "/owner/list/")}, b"")
            return
        if len(segments) < 4 or segments[0] != "repos":
            h.reply_json(404, {"message": "Not Found"})
            return
        repo = f"{segments[1]}/{segments[2]}"
        if segments[3] == "readme":
            path = "README.md"
        elif segments[3] == "contents":
            path = "/".join(segments[4:])
            assert parse_qs(parts.query).get("ref") == ["main"]
        else:
            h.reply_json(404, {"message": "Not Found"})
            return
        text = self.files.get((repo, path))
        if text is None:
            h.reply_json(404, {"message": "Not Found"})
            return
        content = base64.encodebytes(text.encode("utf-8")).decode("ascii")
        h.reply_json(200, {"type": "file", "encoding": "base64", "content": content,
                           "name": path.rsplit("/", 1)[-1], "path": path})


@pytest.fixture()
def api(monkeypatch, tmp_path):
    with LinkServer("127.0.0.43") as server:
        fake = ContentsAPI(server, {("owner/list", "README.md"): README,
                                    ("owner/list", "docs/guide.md"): GUIDE})
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", server.url("/").rstrip("/"))
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        monkeypatch.chdir(tmp_path)
        (tmp_path / ".git").mkdir()
        yield fake


def cli(capsys, *argv: str) -> Tuple[int, str, str]:
    capsys.readouterr()
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_a_repository_by_its_url(api, capsys) -> None:
    code, out, err = cli(capsys, "check", "https://github.com/owner/list", "--format", "json")
    assert code == 1
    found = json.loads(out)
    assert [(f["path"], f["rule"]) for f in found] == [("https://github.com/owner/list",
                                                        "broken-anchor")]
    assert err == ("awesome-tools: note: https://github.com/owner/list: skipped the rules that "
                   "read the repository's files (backslash-path, broken-file-anchor, "
                   "missing-file): its tree is not local\n")
    assert api.asked == [("/repos/owner/list/readme", None)]


def test_blob_and_raw_urls_read_that_file(api, capsys) -> None:
    for url in ("https://github.com/owner/list/blob/main/docs/guide.md",
                "https://raw.githubusercontent.com/owner/list/main/docs/guide.md"):
        code, out, _ = cli(capsys, "check", url)
        assert code == 1 and out.startswith(f"{url}:3:1: broken-anchor")
    asked = "/repos/owner/list/contents/docs/guide.md?ref=main"
    assert [path for path, _ in api.asked] == [asked, asked]


def test_the_token_goes_to_the_api_only(api, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "secret-token")
    assert cli(capsys, "check", "https://github.com/old/name")[0] == 1  # renamed: followed
    assert api.asked == [("/repos/old/name/readme", "Bearer secret-token"),
                         ("/repos/owner/list/readme", "Bearer secret-token")]


def test_a_missing_repository_and_a_local_file_together(api, capsys, tmp_path) -> None:
    (tmp_path / "local.md").write_text("# L\n\n[y](#y)\n", encoding="utf-8")
    code, out, err = cli(capsys, "check", "https://github.com/owner/absent", "local.md",
                         "https://example.com/list.md")
    assert code == 2
    assert out.startswith("local.md:3:1: broken-anchor")
    assert err.splitlines() == [
        "awesome-tools: error: https://github.com/owner/absent: not found on GitHub (no such "
        "repository, file or README; a private one needs GITHUB_TOKEN)",
        "awesome-tools: error: https://example.com/list.md: only GitHub lists can be read "
        "from the web: https://github.com/OWNER/REPO, or a file's blob or raw URL"]


def test_the_local_config_is_not_the_remote_lists(api, capsys, tmp_path) -> None:
    (tmp_path / ".awesome-tools.yaml").write_text("rules:\n  broken-anchor: off\n",
                                                  encoding="utf-8")
    assert cli(capsys, "check", "https://github.com/owner/list")[0] == 1
    code, out, _ = cli(capsys, "check", "https://github.com/owner/list", "--config",
                       ".awesome-tools.yaml")
    assert (code, out) == (0, "No problems in 1 file.\n")


def test_fix_refuses_a_url(api, capsys) -> None:
    code, _, err = cli(capsys, "fix", "https://github.com/owner/list")
    assert code == 2 and "read by check and links only" in err
    assert api.asked == []


@pytest.mark.usefixtures("no_internet")
def test_links_of_a_remote_list(tmp_path, capsys, monkeypatch) -> None:
    with LinkServer("127.0.0.44") as site, LinkServer("127.0.0.43") as server:
        site.routes.update({"/ok": ok(), "/dead": ok(404)})
        ContentsAPI(server, {("owner/list", "README.md"):
                             f"# L\n\n- [a]({site.url('/ok')}) - A.\n- [d]({site.url('/dead')})"
                             " - D.\n"})
        monkeypatch.setenv("AWESOME_TOOLS_GITHUB_API", server.url("/").rstrip("/"))
        monkeypatch.chdir(tmp_path)
        (tmp_path / ".git").mkdir()
        code, out, _ = cli(capsys, "links", "https://github.com/owner/list", "--no-cache")
        assert code == 1
        assert f"https://github.com/owner/list:4:3: dead-link {site.url('/dead')}" in out


def test_parse_list_url() -> None:
    assert parse_list_url("https://github.com/o/r/").path is None
    assert parse_list_url("https://github.com/o/r/blob/v1/a/b.md").ref == "v1"
    for bad in ("https://github.com/o", "https://github.com/o/r/issues/1",
                "http://127.0.0.1/x", "https://github.com/../x"):
        with pytest.raises(InputError):
            parse_list_url(bad)
