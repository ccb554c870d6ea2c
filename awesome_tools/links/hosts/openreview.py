"""OpenReview papers through OpenReview's public API instead of its challenged pages.

openreview.net challenges automated clients on every page, so a page check says nothing (a
gone paper and a live one look alike). The API does not: ``GET /notes?id=<id>`` on API 2
(``https://api2.openreview.net``) answers ``{"notes": [...]}`` for a public note, 404
``NotFoundError`` (or an empty list) for one it does not have, 403 ``ForbiddenError`` for one
that is not public. Notes of older venues live only on the v1 API (``api.openreview.net``), so
a note is ``dead`` only when neither has it. Both bases are overridable (``openreview-api``,
``openreview-api-v1``; ``AWESOME_TOOLS_OPENREVIEW_API`` / ``..._V1``). One request at a time,
a second apart.

Claimed: ``openreview.net/forum?id=X`` and ``/pdf?id=X`` (one note, asked once).

The note the API returns says more than "it exists", and that is kept from the same answer:
its title, authors, and where it stands (``content.venue``: "ICLR 2021 Poster", "Submitted to
ICLR 2021"; ``content.venueid``: "ICLR.cc/2021/Conference", ".../Rejected_Submission"), the
publication date and a code link when the note has one. ``venue-outdated`` reads the decision
from the cache; nothing here asks anything more.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple
from urllib.parse import urlencode

from awesome_tools.links.hosts import Claim, LinkHost, Limits, Setting
from awesome_tools.links.policy import host_of, retryable_status
from awesome_tools.links.tasks import retry_or_give_up, why_for_status
from awesome_tools.links.types import Decision, LinkResult, Task, Verdict, Why, result
from awesome_tools.urls import openreview_id

if TYPE_CHECKING:  # pragma: no cover
    from awesome_tools.links.context import LinkContext
    from awesome_tools.links.targets import Target

HOST = LinkHost(
    "openreview", "OpenReview notes through the public API (API 2, then v1)",
    settings=(
        Setting("openreview-api", "url", "https://api2.openreview.net", "OpenReview API 2 base",
                env="AWESOME_TOOLS_OPENREVIEW_API"),
        Setting("openreview-api-v1", "url", "https://api.openreview.net",
                "OpenReview v1 API base (older venues)", env="AWESOME_TOOLS_OPENREVIEW_API_V1"),
    ))
MAX_JSON_BYTES = 4 * 1024 * 1024


@HOST.claims
def claim(url: str, host: str) -> Optional[Claim]:
    if host not in ("openreview.net", "www.openreview.net"):
        return None
    note = openreview_id(url)
    return Claim("openreview:" + note, (note,)) if note else None


@HOST.builds
def build(ctx: "LinkContext", targets: Sequence["Target"]) -> List[Task]:
    bases = (ctx.setting("openreview-api"), ctx.setting("openreview-api-v1"))
    return [NoteTask(t.key, t.url, t.ident[0], bases) for t in targets]


@HOST.politeness
def limits(settings: Mapping[str, Any]) -> Dict[str, Limits]:
    return {host_of(settings["openreview-api"]): Limits(1, 1.0),
            host_of(settings["openreview-api-v1"]): Limits(1, 1.0)}


class NoteTask(Task):
    """One note: API 2 first, then v1 when API 2 does not have it."""

    def __init__(self, key: str, url: str, note: str, bases: Tuple[str, str]) -> None:
        self.key, self.url, self.note, self.bases = key, url, note, bases
        self.step = 0  # index into bases
        self.retries = 0
        self.host = host_of(bases[0])

    def run(self, ctx: "LinkContext") -> Decision:
        base = self.bases[self.step].rstrip("/")
        api = "API 2" if self.step == 0 else "v1 API"
        outcome = ctx.fetch("GET", f"{base}/notes?{urlencode({'id': self.note})}", self.host,
                            headers={"Accept": "application/json"}, read_limit=MAX_JSON_BYTES)
        status = outcome.status
        if status is None:
            return self._retry(ctx, f"OpenReview {api}: {outcome.error}", {}, None)
        answer = _json(outcome.body)
        name = str(answer.get("name", "")) if isinstance(answer, dict) else ""
        notes = answer.get("notes") if isinstance(answer, dict) else None
        if status == 200 and isinstance(notes, list) and notes:
            title = _title(notes[0])
            return self._done(Verdict.ALIVE, Why.API_FOUND, 200, f"OpenReview {api}: "
                              + (title or f"note {self.note} found"),
                              note_metadata(notes[0], self.note) if title else None)
        if status == 404 or name == "NotFoundError" or (status == 200 and notes == []):
            if self.step == 0:
                self.step, self.retries = 1, 0
                self.host = host_of(self.bases[1])
                return Decision(again=self)
            return self._done(Verdict.DEAD, Why.API_NOT_FOUND, 404,
                              f"OpenReview has no note {self.note} (API 2 and v1 API)")
        if status == 403 or name == "ForbiddenError":
            return self._done(Verdict.UNKNOWN, Why.FORBIDDEN, status,
                              f"OpenReview {api}: note {self.note} is not public")
        if retryable_status(status):
            return self._retry(ctx, f"OpenReview {api}: HTTP {status}", outcome.headers, status)
        return self._done(Verdict.UNKNOWN, why_for_status(status), status,
                          f"OpenReview {api}: HTTP {status}")

    def _retry(self, ctx: "LinkContext", what: str, headers: Mapping[str, str],
               status: Optional[int]) -> Decision:
        why = Why.API_ERROR if status is None else why_for_status(status)
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._done(Verdict.UNKNOWN, why, status, reason))

    def _done(self, verdict: Verdict, why: Why, status: Optional[int], reason: str,
              extra: Optional[Mapping[str, Any]] = None) -> Decision:
        return Decision(results=(result(self.key, self.url, verdict, why, status, reason,
                                        extra=extra),))

    def abandon(self, why: Why, reason: str) -> Tuple[LinkResult, ...]:
        return (result(self.key, self.url, Verdict.UNKNOWN, why, None, reason),)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        return None


def _title(note: Any) -> str:
    """API 2 nests ``content.title.value``; v1 has ``content.title``."""
    content = note.get("content") if isinstance(note, dict) else None
    title = content.get("title") if isinstance(content, dict) else None
    if isinstance(title, dict):
        title = title.get("value")
    return " ".join(title.split())[:200] if isinstance(title, str) else ""


MAX_FIELD = 300
MAX_AUTHORS = 50


def _field(content: Any, name: str) -> Any:
    """``content[name]`` as API 2 (``{"value": ...}``) or v1 (the value itself) writes it."""
    value = content.get(name) if isinstance(content, dict) else None
    if isinstance(value, dict):
        value = value.get("value")
    return value


def _line(value: Any) -> str:
    return " ".join(value.split())[:MAX_FIELD] if isinstance(value, str) else ""


def note_metadata(note: Any, ident: str) -> Dict[str, Any]:
    """What the cache keeps of a note: title, authors, venue and venue id, publication date
    (``YYYY-MM-DD``), code link; each field bounded, empty ones left out."""
    import datetime

    content = note.get("content") if isinstance(note, dict) else None
    found: Dict[str, Any] = {"openreview_id": ident, "title": _title(note)}
    authors = _field(content, "authors")
    if isinstance(authors, list):
        names = [_line(name)[:120] for name in authors if _line(name)]
        if names:
            found["authors"] = names[:MAX_AUTHORS]
    for name in ("venue", "venueid"):
        value = _line(_field(content, name))
        if value:
            found[name] = value
    stamp = note.get("pdate") if isinstance(note, dict) else None
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and 0 < stamp < 4e12:
        day = datetime.datetime.fromtimestamp(stamp / 1000, datetime.timezone.utc)
        found["published"] = day.strftime("%Y-%m-%d")
    code = _line(_field(content, "code"))
    if code.startswith(("https://", "http://")) and " " not in code:
        found["code"] = code
    return found
