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
