"""分别 / 依次: a list of conditions paired in order with a list of scores."""
from __future__ import annotations

import pytest

from perfscore.ruletext import RuleTextError
from perfscore.ruletext.text import distribute, normalise
from perfscore.ruletext.trial import score_sentence

BANDS = "3、培训覆盖率达到95%以上、85%以上及70%以上的,分别计8分、5分和3分。"


@pytest.mark.parametrize(("text", "written"), [
    (BANDS, "3、培训覆盖率达到95%以上计8分,85%以上计5分,70%以上计3分。"),
    ("满意度90%以上、80%以上,依次得4分、2分", "满意度90%以上得4分,80%以上得2分"),
    ("甲、乙、丙分别得3分、2分", "甲、乙、丙分别得3分、2分"),  # more conditions than scores: as written
    ("甲、乙分别得3分、2分、1分", "甲、乙分别得3分、2分、1分"),  # more scores than conditions: as written
    ("甲得3分、乙得2分", "甲得3分、乙得2分"),  # no 分别: untouched
])
def test_written_out(text: str, written: str) -> None:
    assert distribute(normalise(text)).text == written


def test_offsets_map_back_to_the_text_as_written() -> None:
    source = distribute(normalise(BANDS))
    at = source.text.index("85%")
    assert BANDS[source.where(at):source.where(at) + 3] == "85%"


@pytest.mark.parametrize(("actual", "score"), [("97%", "8.00"), ("90%", "5.00"), ("72%", "3.00")])
def test_bands_score(actual: str, score: str) -> None:
    assert str(score_sentence(BANDS, "8", None, actual).score) == score


def test_unpaired_list_is_refused_where_written() -> None:
    with pytest.raises(RuleTextError) as exc:
        score_sentence("覆盖率95%以上、85%以上分别得8分、5分、3分", "8", None, "90%")
    assert "覆盖率" in str(exc.value)
