"""The contract documents in docs/ name everything the code offers (docs/checks.md is generated: test_check_cases)."""
from __future__ import annotations

import os
import re
from typing import get_args

from perfscore.grades import BUILTIN
from perfscore.model import Policy
from perfscore.rules import RULES
from perfscore.scoring import Status

from helpers import ROOT

RULES_MD = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_rules_md_has_a_section_per_rule_kind() -> None:
    assert re.findall(r"^### (\w+)$", RULES_MD, re.M) == list(RULES)


def test_rules_md_names_every_grade_scale_framework_policy_and_status() -> None:
    frameworks = sorted(n[:-5] for n in os.listdir(ROOT / "indicator_sets" / "frameworks") if n.endswith(".yaml"))
    for name in [*BUILTIN, *frameworks, *get_args(Policy), *get_args(Status)]:
        assert f"`{name}`" in RULES_MD, name


def test_the_code_cites_only_documents_inside_the_repository() -> None:
    for path in (ROOT / "src" / "perfscore").rglob("*.py"):
        assert "shared/spec" not in path.read_text(encoding="utf-8"), path


def test_the_text_output_shown_in_checks_md_is_the_seeds() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    shown = text.split("## 输出", 1)[1].split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    golden = (ROOT / "tests" / "golden" / "check.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in shown if line.strip() != "…" and line not in golden] == []
