"""Checks beyond the per-code cases (those are data: perfscore/checks/cases, run by test_check_cases.py):
rounding tolerances, caches that must not outlive a check, reachable scores printed rounded.

Every test starts from the cases' clean base (a small indicator set and evaluation with no finding).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from perfscore.checks import check as run_checks
from perfscore.checks.examples import apply, base, write

S, E = "indicator_sets/t.yaml", "evaluations/a.yaml"
BASE = {name: base()["texts"][name] for name in (S, E)}


def edit(files: dict[str, str], edits: list[tuple[str, str, str]]) -> dict[str, str]:
    return apply(files, tuple(edits))


def check(root: Path, files: dict[str, str]) -> list[dict]:
    """Write the files under root, check them all; every finding as the JSON contract's dict."""
    result = run_checks(write(str(root), files))
    assert result.errors == [], result.errors
    return [f.to_dict() for f in result.findings]


# ---------------------------------------------------------------- tolerances (docs/checks.md)

@pytest.mark.parametrize("actual, declared, expect", [
    ("86.3", "25.9", []),                  # 30×86.3/100 = 25.89: 25.9 is within half a unit of its last digit
    ("86.3", "25.89", []),
    ("86.3", "25.88", ["申报得分25.88，按规则重算为25.89：实际86.3份，目标≥100份，完成率86.3/100=86.3%，30×86.3/100，得25.89/30"]),
    ("86.3", "26", []),                    # printed as a whole number: within 0.5 of 25.89
    ("86.3", "25.8", ["申报得分25.8，按规则重算为25.89：实际86.3份，目标≥100份，完成率86.3/100=86.3%，30×86.3/100，得25.89/30"]),
])
def test_rounding_tolerance(actual: str, declared: str, expect: list[str], tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = edit(BASE, [(E, "actual: 100, score: 30", f"actual: {actual}, score: {declared}")])
    assert [f["message"] for f in check(tmp_path, files) if f["code"] == "PS203"] == expect


def test_a_renamed_indicator_set_is_found_by_the_next_check_in_the_same_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The id → file index of a directory must not outlive one check (an editor or notebook checks again)."""
    monkeypatch.chdir(tmp_path)
    assert check(tmp_path, BASE) == []
    renamed = edit(BASE, [(S, "indicator_set: t", "indicator_set: t2"), (E, "indicator_set: t", "indicator_set: t2")])
    assert check(tmp_path, renamed) == []


def test_a_reachable_score_printed_rounded_is_not_ps204(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: 16 equal shares of 30 are 1.875 each; one unmet gives 28.125, printed 28.13 — the rule's score."""
    monkeypatch.chdir(tmp_path)
    items = "[" + ", ".join(f"要点{i}" for i in range(1, 17)) + "]"
    files = edit(BASE, [
        (S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
         f"{{no: 2, name: 编制期数, weight: 30, rule: {{kind: checklist, mode: share, items: {items}}}}}"),
        (E, "{actual: 12, score: 30}", "{unmet: [要点16], score: 28.13}")])
    assert [f["code"] for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == []
    files[E] = files[E].replace("score: 28.13}", "score: 28.2}")
    shares = "/".join(["6.25%"] * 16)
    assert [(f["code"], f["message"]) for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == [
        ("PS203", f"申报得分28.2，按规则重算为28.13：16项要点，未达到1项（要点16），各项占比{shares}，得28.13/30")]


def test_a_discrete_reachable_score_printed_rounded_is_not_ps204(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Reachable {30, 29.875, 29.75, 29.625}: 29.88 is 29.875 printed to two places; 29.5 is none of them."""
    monkeypatch.chdir(tmp_path)
    files = edit(BASE, [
        (S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
         "{no: 2, name: 编制期数, weight: 30, rule: {kind: checklist, mode: deduct, items: 3, deduct: 0.125}}"),
        (E, "{actual: 12, score: 30}", "{unmet: 1, score: 29.88}")])
    assert [f["code"] for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == []
    files[E] = files[E].replace("score: 29.88}", "score: 29.5}")
    assert [(f["code"], f["message"]) for f in check(tmp_path, files) if f["code"] in ("PS203", "PS204")] == [
        ("PS204", "申报得分29.5不是规则可能给出的分值（可能的得分：30/29.875/29.75/29.625）；按实际重算为29.88分")]


# ---------------------------------------------------------------- which checks see a row (checks/evaluations.py)

@pytest.mark.parametrize("edits, codes", [
    # a missing row: PS209 and nothing else
    ([(E, "  编制期数: {actual: 12, score: 30}\n", "")], ["PS209"]),
    # an actual that cannot be scored: PS209, and its text is still read (PS213), but its score is not judged
    ([(E, "{actual: 12, score: 30}", "{actual: XX期, score: 30}")], ["PS209", "PS213"]),
    # a chosen score outside its level: PS211 instead of PS209; the score is not judged against the weight
    ([(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
       "{no: 2, name: 编制期数, weight: 30, rule: {kind: qualitative}}"),
      (E, "{actual: 12, score: 30}", "{level: 部分达成, score: 35}")], ["PS211"]),
    # no declared score: far above the target, yet no PS214 (only judged rows are)
    ([(E, "{actual: 12, score: 30}", "{actual: 20}")], []),
    # declared: far above the target with no 偏差原因
    ([(E, "{actual: 12, score: 30}", "{actual: 20, score: 30}")], ["PS214"]),
    # the rule itself is wrong (PS103 in the set): the declared score is not compared with it
    ([(S, 'target: "=12期", weight: 30}', 'target: "=12期", weight: 30, rule: {kind: ratio, full: 25}}')],
     ["PS103"]),
    # a score the rule cannot give is PS204, never PS203 as well
    ([(S, '{no: 2, name: 编制期数, target: "=12期", weight: 30}',
       "{no: 2, name: 编制期数, weight: 30, rule: {kind: checklist, mode: deduct, items: 3, deduct: 10}}"),
      (E, "{actual: 12, score: 30}", "{unmet: 1, score: 25}")], ["PS204"]),
    # above the weight: PS201 and PS203, and not PS204 (which only looks at scores within the weight)
    ([(E, "{actual: 12, score: 30}", "{actual: 12, score: 31}")], ["PS201", "PS203"]),
], ids=["missing", "invalid", "chosen", "undeclared", "far-above", "rule-fault", "unreachable", "above-weight"])
def test_a_rows_state_decides_which_checks_see_it(edits: list[tuple[str, str, str]], codes: list[str],
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    found = check(tmp_path, edit(BASE, edits))
    assert sorted({f["code"] for f in found if f["indicator"] in (None, "产出指标 > 数量 > 编制期数")}
                  - {"PS202", "PS207"}) == codes
