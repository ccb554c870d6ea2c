"""``parse()`` is re-entrant: parses in several threads give what they give one at a time.

Everything a parse records lives in its own ``env`` and builder; the engines' parsers are
built once and never changed. Texts differ per thread (links, images, code, HTML, tables,
references, headings) so a shared recorder would mix one thread's positions into another's.
"""
from __future__ import annotations

import gc
import threading

from awesome_tools.model.parse import gc_paused, parse


def _texts(seed_text: str) -> list:
    texts = [seed_text]
    for n in range(12):
        texts.append(
            f"# List {n}\n\n- [Contents](#tools-{n})\n\n## Tools {n}\n\n"
            + "".join(f"- [t{n}-{i}](https://x{n}.example/{i}) - `code {i}` <br> "
                      f"![b](https://img{n}.example/{i}.svg) [r{n}][d{n}]\n" for i in range(40 + n))
            + f"\n| a | [c{n}](#tools-{n}) |\n|---|---|\n| <a href=\"h{n}\">x</a> | y |\n"
            + f"\n[d{n}]: https://def{n}.example\n")
    return texts


def test_threads_give_the_sequential_documents(seed_text):
    texts = _texts(seed_text)
    expected = [parse(text) for text in texts]
    results = {}
    errors = []

    def work(worker: int) -> None:
        try:
            for round_ in range(3):
                order = list(range(len(texts)))[worker % len(texts):] + \
                    list(range(len(texts)))[:worker % len(texts)]
                for index in order:
                    results.setdefault((worker, index, round_), parse(texts[index]))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 4 * 3 * len(texts)
    for (_, index, _), doc in results.items():
        assert doc == expected[index]


def test_gc_pauses_nest_and_restore_the_collector():
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_threads_without_the_rust_engine_parse_with_the_reference():
    """Where markdown-it-pyrs is missing, the first parses of several threads at once all
    fall back to markdown-it-py, and the missing wheel is looked for once: a failing import
    tried by every parse raced in threads (one could take the module another was failing to
    import, without its names: seen in .ci/run's step without the wheel)."""
    import subprocess
    import sys

    code = (
        "import sys, threading, time\n"
        "asked = []\n"
        "class Missing:  # markdown-it-pyrs not installed, and slow to be found missing\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'markdown_it_pyrs':\n"
        "            asked.append(name)\n"
        "            time.sleep(0.05)\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Missing())\n"
        "from awesome_tools.model.parse import parse, reference_document\n"
        "texts = ['# T %d\\n\\n- [a%d](https://x.example/%d) - b `c`\\n' % (i, i, i)"
        " for i in range(8)]\n"
        "barrier, errors, docs = threading.Barrier(8), [], {}\n"
        "def work(i):\n"
        "    barrier.wait()\n"
        "    try:\n"
        "        docs[i] = [parse(texts[i]) for _ in range(3)]\n"
        "    except Exception as error:\n"
        "        errors.append(repr(error))\n"
        "threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert errors == [], errors\n"
        "assert all(doc == reference_document(texts[i]) for i in range(8) for doc in docs[i])\n"
        "assert 'awesome_tools.model.engine_rs' not in sys.modules\n"
        "assert len(asked) == 1, len(asked)\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
