"""DOIs through the doi.org handle API instead of the publisher's bot-walled landing page.

``GET https://doi.org/api/handles/<doi>`` answers JSON: ``responseCode`` 1 and the handle's
values when the DOI exists, HTTP 404 with ``responseCode`` 100 when it does not. Publishers
answer link checkers with 403 and captchas; the registry answers facts.
"""
from __future__ import annotations

import json
import time
from typing import Optional
from urllib.parse import quote

from awesome_tools.linkcheck.checker import Context, Decision, Result, Task, host_of, retry_or_give_up
from awesome_tools.linkcheck.policy import retryable_status

MAX_JSON_BYTES = 1024 * 1024


class DoiTask(Task):
    def __init__(self, key: str, url: str, doi: str, api: str) -> None:
        self.key, self.url, self.doi = key, url, doi
        self.api_url = f"{api.rstrip('/')}/{quote(doi, safe='/')}"
        self.host = host_of(api)
        self.retries = 0

    def run(self, ctx: Context) -> Decision:
        outcome = ctx.fetch("GET", self.api_url, self.host, headers={"Accept": "application/json"},
                            read_limit=MAX_JSON_BYTES)
        if outcome.status is None:
            return self._retry(ctx, f"DOI API: {outcome.error}", {}, None)
        code = _response_code(outcome.body)
        if outcome.status == 200 and code == 1:
            return self._done("alive", 200, "DOI registered (handle API)")
        if outcome.status == 404 or code == 100:
            return self._done("dead", outcome.status, "DOI not found (handle API)")
        if code == 200:
            return self._done("unknown", outcome.status, "DOI has no values (handle API)")
        if not retryable_status(outcome.status):
            return self._done("unknown", outcome.status, f"DOI API: HTTP {outcome.status}")
        return self._retry(ctx, f"DOI API: HTTP {outcome.status}", outcome.headers,
                           outcome.status)

    def _retry(self, ctx: Context, what: str, headers, status: Optional[int]) -> Decision:
        return retry_or_give_up(self, ctx, what, headers, status,
                                lambda reason: self._done("unknown", status, reason))

    def _done(self, verdict: str, status: Optional[int], reason: str) -> Decision:
        return Decision(results=(Result(self.key, self.url, verdict, status, None, reason,
                                        checked_at=time.time()),))


def _response_code(body: bytes) -> Optional[int]:
    try:
        code = json.loads(body).get("responseCode")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, int) else None
