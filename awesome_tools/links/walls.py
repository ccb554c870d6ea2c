"""Bot walls: answers that say "a robot was stopped here", not "this page is gone or alive".

What real hosts do, from the issue trackers of lychee, markdown-link-check, linkinator, Sphinx
linkcheck and awesome_bot: Cloudflare sites answer 403 (or 503/429) with
``cf-mitigated: challenge`` and a "Just a moment..." page; AWS WAF answers an empty 202 with
``x-amzn-waf-action: challenge`` for every path, missing ones included; LinkedIn answers 999;
IEEE Xplore answers 418 to Python clients and an empty 202 to others; arXiv's pages answer 403
"robot detection"; PerimeterX, DataDome, Imperva, Akamai and DDoS-Guard leave their names in
the page. Each is recognised here and named in the reason, with how to verify the link
instead; the verdict is ``unknown``, never ``dead`` or ``alive``.
"""
from __future__ import annotations

import re
from typing import Optional

from awesome_tools.links.types import Outcome

# (pattern, name, also on a 2xx page): only markers no ordinary page carries are believed on
# a 200 (a lab page about CAPTCHA research must stay alive).
_MARKERS = (
    (re.compile(rb"<title>\s*just a moment\.\.\.|cf-chl-|/cdn-cgi/challenge-platform/|"
                rb"cf_chl_opt|attention required! \| cloudflare", re.I),
     "Cloudflare challenge page", True),
    (re.compile(rb"px-captcha|captcha\.px-cdn", re.I), "PerimeterX bot check", True),
    (re.compile(rb"geo\.captcha-delivery\.com|datadome", re.I), "DataDome bot check", False),
    (re.compile(rb"incapsula incident|_incapsula_resource", re.I), "Imperva bot check", True),
    (re.compile(rb"ddos-guard", re.I), "DDoS-Guard check", False),
    (re.compile(rb"robot[ -]detection|automated access", re.I), "robot detection page", False),
    (re.compile(rb"access denied.{0,400}reference #\d", re.I | re.S), "Akamai block page",
     False),
    (re.compile(rb"captcha", re.I), "CAPTCHA page", False),
)

VERIFY = "the host blocks automated checks; open the link in a browser to verify"


def recognise(outcome: Outcome) -> Optional[str]:
    """The name of the wall this answer is (``"Cloudflare challenge (cf-mitigated:
    challenge)"``), or None when it is an ordinary answer."""
    status = outcome.status or 0
    mitigated = outcome.header("cf-mitigated").strip().lower()
    if mitigated:
        return f"Cloudflare {mitigated} (cf-mitigated: {mitigated})"
    waf = outcome.header("x-amzn-waf-action").strip().lower()
    if waf:
        return f"AWS WAF {waf} (x-amzn-waf-action: {waf})"
    if status == 999:
        return "bot block (HTTP 999, as LinkedIn answers robots)"
    if status == 418:
        return "bot block (HTTP 418, as IEEE Xplore answers scripts)"
    if status == 202 and _empty(outcome):
        return "empty HTTP 202 (a bot challenge, as AWS WAF and IEEE Xplore send)"
    if outcome.body:
        refused = status >= 400 or status == 202
        for pattern, name, on_ok in _MARKERS:
            if (refused or on_ok) and pattern.search(outcome.body[:65536]):
                return f"{name} (HTTP {status})"
    return None


def _empty(outcome: Outcome) -> bool:
    length = outcome.header("content-length").strip()
    if length.isdigit():
        return int(length) == 0
    return not outcome.body.strip()
