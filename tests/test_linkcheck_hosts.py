"""arXiv, GitHub and DOI through fake APIs on loopback that answer like the real ones."""
from __future__ import annotations

import pytest

from awesome_tools.linkcheck.command import check_targets
from awesome_tools.linkcheck.extract import targets_from_urls
from awesome_tools.linkcheck.hosts.arxiv import parse_feed
from awesome_tools.linkcheck.policy import Policy, with_overrides
from linkservers import FakeGitHub, LinkServer, arxiv_api, doi_api, ok

BASE = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=2, deadline=5.0,
                      arxiv_interval=0.05)


pytestmark = pytest.mark.usefixtures("no_internet")


def check(urls, policy):
    pairs, _ = check_targets(targets_from_urls(urls), policy)
    return {target.url: result for target, result in pairs}


# --- arXiv ------------------------------------------------------------------------------------

def test_arxiv_batches_found_missing_and_titles():
    papers = {"2101.00001": "Attention & Friends", "1706.03762": "Attention Is All You Need",
              "hep-th/9901001": "An Old One"}
    with LinkServer("127.0.0.21") as api:
        api.routes["/api/query"] = arxiv_api(api, papers)
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"), arxiv_batch=3)
        urls = ["https://arxiv.org/abs/2101.00001", "https://arxiv.org/pdf/1706.03762v5.pdf",
                "http://arxiv.org/abs/hep-th/9901001", "https://arxiv.org/abs/2101.99999",
                "https://export.arxiv.org/abs/2101.00001v2"]
        results = check(urls, policy)
        batches = api.notes["arxiv_batches"]
        assert api.max_in_flight == 1
    assert [r.verdict for r in (results[u] for u in urls[:4])] == ["alive", "alive", "alive",
                                                                   "dead"]
    assert urls[4] not in results  # the same paper as urls[0]: asked once
    assert results[urls[0]].extra["title"] == "Attention & Friends"
    # 4 distinct ids in batches of 3, then the missing id asked again before calling it dead
    assert batches[0] == ["2101.00001", "1706.03762", "hep-th/9901001"]
    assert batches[1:] == [["2101.99999"], ["2101.99999"]]


def test_arxiv_error_entry_and_rate_exceeded_and_empty_glitch():
    with LinkServer("127.0.0.21") as api:
        api.routes["/api/query"] = arxiv_api(api, {"2101.00001": "T"}, rate_exceeded_first=1,
                                             empty_first=1)
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"))
        results = check(["https://arxiv.org/abs/2101.00001"], policy)
    # rate exceeded -> retried; empty feed -> asked again; then found
    assert results["https://arxiv.org/abs/2101.00001"].verdict == "alive"
    feed = parse_feed(b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
      <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.1</id>
      <title>Error</title><summary>incorrect id format for 1234.1</summary></entry></feed>""")
    assert feed.errors == ["incorrect id format for 1234.1"] and feed.titles == {}


def test_arxiv_api_down_is_unknown_never_dead():
    with LinkServer("127.0.0.21", {"/api/query": ok(500)}) as api:
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"), retries=1)
        result = check(["https://arxiv.org/abs/2101.00001"], policy)[
            "https://arxiv.org/abs/2101.00001"]
    assert result.verdict == "unknown" and "HTTP 500" in result.reason


def test_arxiv_mirror_is_fetched_itself_not_by_id():
    with LinkServer("127.0.0.22", {"*": ok(404)}) as mirror:
        url = f"http://127.0.0.22:{mirror.port}/abs/2101.00001"
        result = check([url], BASE)[url]
    assert result.verdict == "dead"


# --- GitHub -----------------------------------------------------------------------------------

REPOS = {"Owner/Alive": {}, "Owner/Old-Archive": {"archived": True}, "NewOwner/Renamed": {}}


def _github_policy(server, token=None):
    return with_overrides(BASE, github_api=server.url("").rstrip("/"),
                          github_graphql=server.url("/graphql"), github_token=token)


def test_github_rest_alive_archived_moved_and_gone():
    with LinkServer("127.0.0.23") as server:
        fake = FakeGitHub(server, REPOS, moved={"owner/renamed-old": "NewOwner/Renamed"})
        urls = ["https://github.com/Owner/Alive", "https://github.com/owner/old-archive/",
                "https://github.com/owner/renamed-old", "https://github.com/owner/gone.git"]
        results = check(urls, _github_policy(server))
        assert server.max_in_flight == 1 and set(fake.auth) == {None}
    alive, archived, moved, gone = (results[u] for u in urls)
    assert alive.verdict == "alive" and alive.warnings == ()
    assert archived.verdict == "alive" and archived.warnings == ("archived-repo",)
    assert (moved.verdict, moved.final_url) == ("redirected", "https://github.com/NewOwner/Renamed")
    assert gone.verdict == "dead" and gone.status == 404


def test_github_graphql_batches_with_token_and_confirms_not_found_over_rest():
    with LinkServer("127.0.0.23") as server:
        fake = FakeGitHub(server, REPOS, moved={"owner/renamed-old": "NewOwner/Renamed"})
        urls = ["https://github.com/Owner/Alive", "https://github.com/owner/old-archive",
                "https://github.com/owner/renamed-old", "https://github.com/owner/gone"]
        results = check(urls, with_overrides(_github_policy(server, "tkn-secret"),
                                             github_batch=10))
        assert server.count("/graphql", "POST") == 1
        assert server.count("/repos/owner/gone") == 1  # only the unresolved one over REST
        assert server.count("/repos/Owner/Alive") == 0
        assert set(fake.auth) == {"Bearer tkn-secret"}
    assert [results[u].verdict for u in urls] == ["alive", "alive", "redirected", "dead"]
    assert results[urls[1]].warnings == ("archived-repo",)


def test_github_rate_limit_exhausted_falls_back_to_the_web_page():
    """Run the REST task by hand: its fallback (a github.com page) must not be fetched here."""
    from awesome_tools.linkcheck.checker import Context, HttpTask
    from awesome_tools.linkcheck.hosts.github import EXHAUSTED, RepoTask

    with LinkServer("127.0.0.23") as server:
        FakeGitHub(server, REPOS, moved={}, remaining=1)
        ctx = Context(_github_policy(server))
        first = RepoTask("k1", "https://github.com/Owner/Alive", ("Owner", "Alive")).prepare(ctx)
        second = RepoTask("k2", "https://github.com/Owner/Old-Archive",
                          ("Owner", "Old-Archive")).prepare(ctx)
        third = RepoTask("k3", "https://github.com/Owner/Gone", ("Owner", "Gone")).prepare(ctx)
        try:
            answered = first.run(ctx)
            limited = second.run(ctx)  # 403, remaining 0, reset an hour away
            skipped = third.run(ctx)  # no request at all once the budget is known spent
        finally:
            ctx.close()
        assert len(server.requests) == 2
    assert answered.results[0].verdict == "alive"
    assert ctx.shared[EXHAUSTED] is True
    for decision, url in ((limited, second.url), (skipped, third.url)):
        assert isinstance(decision.again, HttpTask) and decision.again.url == url
        assert decision.again.host == "github.com" and not decision.results


# --- DOI --------------------------------------------------------------------------------------

def test_doi_handle_api():
    with LinkServer("127.0.0.25") as api:
        api.routes["*"] = doi_api({"10.1000/182": "https://www.doi.org/the-handbook"})
        policy = with_overrides(BASE, doi_api=api.url("/api/handles"))
        results = check(["https://doi.org/10.1000/182", "https://dx.doi.org/10.9999/nope"],
                        policy)
        assert api.count("/api/handles/10.1000/182") == 1
    assert results["https://doi.org/10.1000/182"].verdict == "alive"
    assert results["https://dx.doi.org/10.9999/nope"].verdict == "dead"
