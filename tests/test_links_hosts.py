"""Host plugins against fake APIs on loopback that answer like the real ones: arXiv, GitHub,
DOI, OpenReview, paperswithcode. Real host names (github.com, openreview.net) resolve to
loopback servers through the policy's test resolver; nothing else is ever asked."""
from __future__ import annotations

import pytest

from awesome_tools.links.run import check_targets
from awesome_tools.links.extract import targets_from_urls
from awesome_tools.links.hosts.arxiv import parse_feed
from awesome_tools.links.policy import Policy, with_overrides
from linkservers import (FakeGitHub, LinkServer, arxiv_api, doi_api, ok, openreview_api, page,
                         redirect, resolver)

OFFLINE_APIS = {name: "http://127.0.0.250:9/api" for name in (
    "arxiv_api", "github_api", "doi_api", "openreview_api", "openreview_api_v1")}
BASE = with_overrides(Policy(), min_interval=0.0, backoff=0.01, retries=2, deadline=5.0,
                      arxiv_interval=0.05, confirm_wait=0.0, **OFFLINE_APIS)


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
    assert results[urls[3]].why == "api-not-found"
    assert "the same answer lists other papers" in results[urls[3]].reason
    # 4 distinct ids in batches of 3; the second batch's answer listed nothing, so the id is
    # asked again with a paper the API did list (a witness that the answer is a real one)
    # before it is called dead. (Changed by issue 13: a missing id used to be asked again
    # alone, and two empty answers, which the API gives for valid ids, made it "dead".)
    assert batches[0] == ["2101.00001", "1706.03762", "hep-th/9901001"]
    assert batches[1] == ["2101.99999"]
    assert batches[2][0] == "2101.99999" and batches[2][1] in papers and len(batches) == 3


def test_arxiv_a_missing_id_beside_found_ones_is_dead_in_one_answer():
    with LinkServer("127.0.0.21") as api:
        api.routes["/api/query"] = arxiv_api(api, {"2101.00001": "A"})
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"))
        results = check(["https://arxiv.org/abs/2101.00001", "https://arxiv.org/abs/2101.99999"],
                        policy)
        assert len(api.notes["arxiv_batches"]) == 1
    assert results["https://arxiv.org/abs/2101.99999"].verdict == "dead"


def test_arxiv_empty_feed_for_several_ids_is_an_api_error_never_dead():
    """The real API sometimes answers a valid multi-id query with an empty feed."""
    with LinkServer("127.0.0.21") as api:
        api.routes["/api/query"] = arxiv_api(api, {"2101.00001": "A", "2101.00002": "B"},
                                             empty_first=100)
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"), retries=2)
        results = check(["https://arxiv.org/abs/2101.00001", "https://arxiv.org/abs/2101.00002"],
                        policy)
    assert {r.verdict for r in results.values()} == {"unknown"}
    assert {r.why for r in results.values()} == {"api-error"}
    assert all("empty answer for several ids" in r.reason for r in results.values())


def test_arxiv_single_missing_id_without_any_witness_is_unknown():
    with LinkServer("127.0.0.21") as api:
        api.routes["/api/query"] = arxiv_api(api, {})
        policy = with_overrides(BASE, arxiv_api=api.url("/api/query"), retries=1)
        result = check(["https://arxiv.org/abs/2101.99999"], policy)[
            "https://arxiv.org/abs/2101.99999"]
    assert (result.verdict, result.why) == ("unknown", "api-error")
    assert "no answer listed any other paper" in result.reason


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


def _github_policy(server, token=None, **changes):
    changes.setdefault("github_graphql", server.url("/graphql"))
    return with_overrides(BASE, github_api=server.url("").rstrip("/"), github_token=token,
                          **changes)


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


def test_github_budget_without_a_token_warns_and_caps_the_page_fallback():
    """60 calls an hour without a token: once spent (reset an hour away), the run warns
    naming GITHUB_TOKEN, checks at most github-page-fallback repositories as github.com
    pages (served here by a loopback "github.com"), and says why for the rest."""
    from awesome_tools.links.run import check_links

    with LinkServer("127.0.0.23") as api, LinkServer("127.0.0.24") as web:
        FakeGitHub(api, {f"o/r{n}": {} for n in range(6)}, moved={}, remaining=2)
        web.routes.update({f"/o/r{n}": page(f"o/r{n}") for n in range(6)})
        policy = _github_policy(api, github_page_fallback=2,
                                resolve=resolver({"github.com": web}))
        urls = [f"https://github.com/o/r{n}" for n in range(6)]
        targets = targets_from_urls([url.replace("https://", "http://") for url in urls])
        checked = check_links(targets, policy)
        assert len([p for _, p in api.requests if p.startswith("/repos/")]) == 3
        assert len(web.asked()) == 2  # the capped fallback
    verdicts = [result.verdict for _, result in checked.pairs]
    assert verdicts.count("alive") == 4 and verdicts.count("unknown") == 2
    unknown = [result for _, result in checked.pairs if result.verdict == "unknown"]
    assert {r.why for r in unknown} == {"no-token"} and "GITHUB_TOKEN" in unknown[0].reason
    assert any("GITHUB_TOKEN" in warning and "60 requests" in warning
               for warning in checked.warnings)


def test_github_secondary_limit_without_retry_after_pauses_and_retries(monkeypatch):
    """GitHub's secondary limit: 403 with a message and no Retry-After; wait, then retry
    (never taken for a bad token and never a fall back to pages)."""
    from awesome_tools.links.hosts import github

    monkeypatch.setattr(github, "SECONDARY_WAIT", 0.05)
    with LinkServer("127.0.0.23") as server:
        FakeGitHub(server, REPOS, moved={}, secondary_first=2)
        results = check(["https://github.com/Owner/Alive"], _github_policy(server))
        assert server.count("/repos/Owner/Alive") == 3
    assert results["https://github.com/Owner/Alive"].verdict == "alive"


def test_github_token_never_follows_a_redirect_to_another_port():
    """A renamed repository's 301 that points at another port is not followed with the
    token (the origin includes the port); the repository's page is checked instead."""
    with LinkServer("127.0.0.23") as server, LinkServer("127.0.0.23") as elsewhere, \
            LinkServer("127.0.0.24", {"/owner/renamed-old": page("x")}) as web:
        FakeGitHub(server, REPOS, moved={"owner/renamed-old": "NewOwner/Renamed"},
                   moved_to=elsewhere.url("").rstrip("/"))
        elsewhere.routes["*"] = ok()
        policy = _github_policy(server, "tkn-secret", resolve=resolver({"github.com": web}))
        from awesome_tools.links.hosts.github import RepoTask
        from awesome_tools.links.context import LinkContext

        ctx = LinkContext(policy)
        task = RepoTask("k", "http://github.com/owner/renamed-old",
                        ("owner", "renamed-old")).prepare(ctx)
        try:
            decision = task.run(ctx)
        finally:
            ctx.close()
        assert elsewhere.requests == []
    assert decision.again is not None and decision.again.url == task.url  # the page instead


def test_github_token_only_over_https_or_loopback(monkeypatch):
    """A config that points the API at plain http on a non-loopback host gets no token."""
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.policy import build_policy

    policy = build_policy({"github-api": "http://api.example.org"}, {"GITHUB_TOKEN": "s3cret"})
    ctx = LinkContext(policy)
    try:
        assert ctx.token_for("http://api.example.org/repos/a/b") is None
        assert ctx.token_for("https://api.github.com/repos/a/b") == "s3cret"
        assert ctx.token_for("http://127.0.0.9:8080/repos/a/b") == "s3cret"
    finally:
        ctx.close()
    assert any("not sent" in warning for warning in ctx.warnings)


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


def test_dois_in_publisher_urls_go_to_the_handle_api_not_the_walled_page():
    """dl.acm.org answers robots with a Cloudflare challenge; its DOI answers facts."""
    with LinkServer("127.0.0.25") as api, LinkServer("127.0.0.26") as acm:
        api.routes["*"] = doi_api({"10.1145/1234.5678": "https://dl.acm.org/doi/10.1145/1234.5678"})
        acm.routes["*"] = lambda h: h.reply(403, {"cf-mitigated": "challenge"}, b"")
        policy = with_overrides(BASE, doi_api=api.url("/api/handles"),
                                resolve=resolver({"dl.acm.org": acm}))
        urls = ["http://dl.acm.org/doi/abs/10.1145/1234.5678",
                "http://dl.acm.org/doi/10.1145/9999.0000"]
        results = check(urls, policy)
        assert acm.requests == []
    assert (results[urls[0]].verdict, results[urls[0]].why) == ("alive", "api-found")
    assert (results[urls[1]].verdict, results[urls[1]].why) == ("dead", "api-not-found")


def test_acl_doi_unknown_to_the_registry_falls_back_to_the_page():
    with LinkServer("127.0.0.25") as api, LinkServer("127.0.0.27") as acl:
        api.routes["*"] = doi_api({})
        acl.routes["/W99-0101.pdf"] = ok()
        policy = with_overrides(BASE, doi_api=api.url("/api/handles"),
                                resolve=resolver({"aclanthology.org": acl}))
        results = check(["http://aclanthology.org/W99-0101.pdf"], policy)
        assert acl.count("/W99-0101.pdf") == 1
    assert results["http://aclanthology.org/W99-0101.pdf"].verdict == "alive"


# --- OpenReview -------------------------------------------------------------------------------

def test_openreview_asks_api2_then_v1_and_never_the_challenged_pages():
    with LinkServer("127.0.0.28") as v2, LinkServer("127.0.0.29") as v1, \
            LinkServer("127.0.0.30", {"*": lambda h: h.reply(403, {"cf-mitigated": "challenge"},
                                                            b"")}) as site:
        v2.routes["*"] = openreview_api({"New2024": "A New Paper"}, forbidden={"Hidden1"})
        v1.routes["*"] = openreview_api({"Old2019": "An Old Paper"}, version=1)
        policy = with_overrides(BASE, openreview_api=v2.url("").rstrip("/"),
                                openreview_api_v1=v1.url("").rstrip("/"),
                                resolve=resolver({"openreview.net": site}))
        urls = ["https://openreview.net/forum?id=New2024", "https://openreview.net/pdf?id=Old2019",
                "https://openreview.net/forum?id=Gone0000", "https://openreview.net/forum?id=Hidden1",
                "https://openreview.net/pdf?id=New2024"]
        results = check(urls, policy)
        assert site.requests == []
        assert v1.count("/notes") == 2  # Old2019 and Gone0000: API 2 did not have them
    new, old, gone, hidden = (results[u] for u in urls[:4])
    assert (new.verdict, new.reason) == ("alive", "OpenReview API 2: A New Paper")
    assert (old.verdict, old.reason) == ("alive", "OpenReview v1 API: An Old Paper")
    assert (gone.verdict, gone.why) == ("dead", "api-not-found")
    assert "API 2 and v1 API" in gone.reason
    assert (hidden.verdict, hidden.why) == ("unknown", "forbidden")
    assert urls[4] not in results  # the pdf of a note already asked: one request


def test_openreview_api_base_is_overridable_from_the_environment():
    from awesome_tools.links.policy import build_policy

    policy = build_policy({}, {"AWESOME_TOOLS_OPENREVIEW_API": "http://127.0.0.28:1",
                               "AWESOME_TOOLS_OPENREVIEW_API_V1": "http://127.0.0.29:1"})
    assert policy.setting("openreview-api") == "http://127.0.0.28:1"
    assert policy.setting("openreview-api-v1") == "http://127.0.0.29:1"
    assert Policy().setting("openreview-api") == "https://api2.openreview.net"


# --- paperswithcode ---------------------------------------------------------------------------

def test_paperswithcode_paper_pages_have_a_successor_the_rest_does_not(tmp_path):
    from awesome_tools.links.cache import LinkCache, cached_redirects
    from awesome_tools.links.run import check_links

    hf_paper = "https://huggingface.co/papers/1706.03762"
    with LinkServer("127.0.0.31") as pwc, LinkServer("127.0.0.32") as hf:
        pwc.routes.update({"/paper/attention-is-all-you-need": redirect(hf_paper, 302),
                           "/method/attention": redirect("https://huggingface.co/papers/trending",
                                                         302)})
        hf.routes.update({"/papers/1706.03762": page("Attention"),
                          "/papers/trending": page("Trending papers")})
        policy = with_overrides(BASE, resolve=resolver({"paperswithcode.com": pwc,
                                                        "huggingface.co": hf}))
        from awesome_tools.links.hosts import paperswithcode

        urls = ["http://paperswithcode.com/paper/attention-is-all-you-need",
                "http://paperswithcode.com/method/attention"]
        cache = LinkCache(tmp_path / "links.json")
        checked = check_links(targets_from_urls(urls), policy, cache)
        results = {t.url: r for t, r in checked.pairs}
        assert hf.requests == []  # the redirect itself decides
    assert paperswithcode.is_successor(hf_paper)
    paper, method = results[urls[0]], results[urls[1]]
    assert (paper.verdict, paper.why, paper.final_url) == ("redirected", "successor", hf_paper)
    assert (method.verdict, method.why) == ("redirected", "generic-redirect")
    cache.save()
    assert cached_redirects(str(tmp_path / "links.json")) == {urls[0]: hf_paper}
