"""`fix --update-redirects`: the real link checker records a permanent redirect from a
loopback server, then `fix` rewrites that URL (and nothing else) from the cache."""
from __future__ import annotations

import pytest

from awesome_tools.cli import run
from linkservers import LinkServer, ok, redirect


pytestmark = pytest.mark.usefixtures("no_internet")


def test_update_redirects_from_the_links_cache(tmp_path, capsys):
    with LinkServer("127.0.0.43") as server:
        server.routes.update({"/new": ok(), "/old": redirect("/new", 301),
                              "/temp": redirect("/new", 302), "/same": ok()})
        readme = tmp_path / "README.md"
        text = (f"# List\n\n- [Old]({server.url('/old')}) - moved.\n"
                f"- [Temp]({server.url('/temp')}) - moved for now.\n"
                f"- [Same]({server.url('/same')}) - stays.\n")
        readme.write_text(text, encoding="utf-8")
        (tmp_path / ".git").mkdir()
        (tmp_path / ".awesome-tools.yaml").write_text(
            "links:\n  min-interval: 0\n  backoff: 0.01\n  retries: 1\n", encoding="utf-8")
        cache = tmp_path / "links.json"
        assert run(["links", str(readme), "--cache", str(cache)]) == 0
        capsys.readouterr()
        assert run(["fix", str(readme)]) == 0  # without the flag nothing moves
        assert readme.read_text(encoding="utf-8") == text
        assert run(["fix", str(readme), "--update-redirects", "--cache", str(cache)]) == 0
        out = capsys.readouterr().out
    assert "redirected-url 1" in out
    assert readme.read_text(encoding="utf-8") == text.replace(server.url("/old"),
                                                              server.url("/new"))
