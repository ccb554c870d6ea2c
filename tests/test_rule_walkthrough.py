"""The CONTRIBUTING walkthrough, done for real: a rule with an option and a fix is one module
plus its fixtures. A copy of the package gets ``rules/trailing_space.py`` and nothing else;
the registry finds it, the config accepts its option, ``check`` reports it, ``fix`` applies
it, and the guide generator documents it."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import awesome_tools

RULE = '''\
"""Link text ends with a space.

**On by default:** yes · **Severity:** error · **Fixed by `fix`:** yes.

Bad:

```markdown
- [Name ](https://example.com/) - What it is.
```

Good:

```markdown
- [Name](https://example.com/) - What it is.
```
"""
from __future__ import annotations

from typing import Iterator

from awesome_tools.config.schema import Option, strings
from awesome_tools.findings import Edit
from awesome_tools.model import Document
from awesome_tools.rules import Problem, Rule, RuleContext

RULE = Rule("trailing-space", "Link text ends with a space.", fix="safe",
            options=(Option("ignore", strings, (), "link texts to leave alone"),),
            docs=__doc__)


@RULE.check
def check(doc: Document, ctx: RuleContext) -> Iterator[Problem]:
    for link in doc.links:
        if link.kind != "link" or not link.text.endswith(" ") or link.dest is None:
            continue
        if link.text.strip() in ctx.options["ignore"]:
            continue
        start = doc.text.rfind("]", 0, link.dest.start)
        end = start
        while doc.text[start - 1] == " ":
            start -= 1
        yield Problem(link.line, link.column, "link text ends with a space",
                      fix=(Edit(start, end, ""),))
'''


def test_a_new_rule_is_one_module(tmp_path):
    package = Path(awesome_tools.__file__).parent
    copy = tmp_path / "src" / "awesome_tools"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "rules" / "trailing_space.py").write_text(RULE, encoding="utf-8")
    work = tmp_path / "list"
    (work / ".git").mkdir(parents=True)
    (work / ".awesome-tools.yaml").write_text("rules:\n  trailing-space: {ignore: [Kept]}\n")
    readme = work / "README.md"
    readme.write_text("- [Name ](https://example.com/) - One.\n"
                      "- [Kept ](https://example.org/) - Two.\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "awesome_tools", *args], cwd=work,
                              env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True)

    checked = run("check", "README.md", "--select", "trailing-space")
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.splitlines()[0] == \
        "README.md:1:3: trailing-space link text ends with a space [fixable]"
    assert run("fix", "README.md").returncode == 0
    assert readme.read_text(encoding="utf-8").splitlines()[0] == \
        "- [Name](https://example.com/) - One."
    assert "[Kept ]" in readme.read_text(encoding="utf-8")  # the option was honoured
    (work / ".awesome-tools.yaml").write_text("rules:\n  trailing-space: {ignor: [Kept]}\n")
    typo = run("check", "README.md")
    assert typo.returncode == 2
    assert "rules.trailing-space.ignor: unknown key (did you mean ignore?)" in typo.stderr
    guide = tmp_path / "guide.md"
    guide.write_text(textwrap.dedent("""\
        # Guide
        <!-- BEGIN rules: x -->
        <!-- END rules -->
        """), encoding="utf-8")
    from awesome_tools.rules import _docs

    guide.write_text(guide.read_text().replace("<!-- BEGIN rules: x -->", _docs.BEGIN))
    generated = subprocess.run([sys.executable, "-m", "awesome_tools.rules._docs", str(guide)],
                               cwd=work,
                               env={"PYTHONPATH": str(tmp_path / "src"), "PATH": "/usr/bin:/bin"},
                               capture_output=True, text=True)
    assert generated.returncode == 0, generated.stderr
    assert "### trailing-space" in guide.read_text() and \
        "| [trailing-space](#trailing-space) | Link text ends with a space. |" in guide.read_text()
