"""The precision audit's draw: a sample that a change of the coder perturbs only where the
coded events change."""

from __future__ import annotations

from eventwire.eval.audit import Drawn, draw_rank, recall, remember, stable_sample


def drawn(article: str, sentence: int, cameo: str, span: tuple[int, int]) -> Drawn:
    record = {"id": article, "sentence_span": [sentence, sentence + 50], "cameo": cameo,
              "span": list(span)}  # fmt: skip
    return Drawn(record, "")


def test_events_the_coder_still_codes_keep_their_place_in_the_draw():
    pool = [drawn(f"a{i}", s, "190", (s, s + 10)) for i in range(30) for s in (0, 100)]
    first = stable_sample(pool, 20)
    assert len(first) == 20
    # the coder now codes ten more events and no longer codes the last of the pool: every
    # event it still codes and drew keeps its place unless a new one outranks it
    second = stable_sample(pool[:-1] + [drawn(f"b{i}", 0, "040", (0, 8)) for i in range(10)], 20)
    cutoff = max(draw_rank(d.record) for d in second)
    assert all(d in second for d in first if d is not pool[-1] and draw_rank(d.record) <= cutoff)
    assert sum(d in second for d in first) >= 20 - 10 - 1


def test_the_rank_depends_on_the_event_not_on_its_place_in_the_list():
    a, b = drawn("x", 0, "190", (3, 9)), drawn("y", 0, "190", (3, 9))
    assert stable_sample([a, b], 1) == stable_sample([b, a], 1)
    assert draw_rank(a.record) != draw_rank(b.record)
    assert draw_rank(a.record) != draw_rank(drawn("x", 0, "040", (3, 9)).record)  # other root


def judged(source: str | None, target: str | None, **spans: list[int] | None) -> dict:
    return {"id": "a", "span": [0, 40], "cameo": "194", "source_code": source,
            "target_code": target, "negated": False, **spans}  # fmt: skip


def test_a_verdict_is_reused_only_for_the_words_the_judge_saw():
    known: dict = {}
    remember(known, judged("SYRMIL", None, source_span=[0, 9], target_span=[20, 35]), "town")
    # the same codes, but now no target at all: a different event for the judge
    assert recall(known, judged("SYRMIL", None, source_span=[0, 9], target_span=None)) is None
    assert recall(known, judged("SYRMIL", None, source_span=[0, 9], target_span=[20, 35]))


def test_older_verdicts_without_spans_count_only_where_both_actors_are_coded():
    known: dict = {}
    remember(known, judged("SYRMIL", "SYRREB"), "both coded")
    remember(known, judged("SYRMIL", None), "one side uncoded")
    spans = {"source_span": [0, 9], "target_span": [20, 30]}
    assert recall(known, judged("SYRMIL", "SYRREB", **spans)) == "both coded"
    assert recall(known, judged("SYRMIL", None, **spans)) is None
