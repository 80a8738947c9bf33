"""The HTML 自评表 of seed B, rendered by headless Chromium (Debian's ``chromium``) to PNG and PDF."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

import perfscore
from helpers import SEED
from perfscore.formats import render

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="没有 /usr/bin/chromium（Debian 包 chromium，由 .ci/run 安装）")


def chromium(tmp_path: Path, *args: str) -> None:
    profile = tmp_path / "profile"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], check=True, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_html_of_seed_b_renders_to_png_and_pdf(tmp_path):
    card = perfscore.score(perfscore.load_evaluation(str(SEED / "市政府值班、信息化等专项工作经费-自评.yaml")))
    page = tmp_path / "b.html"
    page.write_text(render(card, "html"), encoding="utf-8")
    png, pdf = tmp_path / "b.png", tmp_path / "b.pdf"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1400,1900", page.as_uri())
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")) == (1400, 1900)
    assert png.stat().st_size > 50_000                   # a drawn form, not a blank page
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    # Every page A4 landscape: 842 × 595 points; seed B's 28 indicators take more than one page.
    boxes = {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)}
    assert boxes == {(842, 595)}
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2
    if os.environ.get("PERFSCORE_KEEP_RENDER"):          # to look at the page by eye
        keep = Path(os.environ["PERFSCORE_KEEP_RENDER"])
        keep.mkdir(parents=True, exist_ok=True)
        (keep / "b.png").write_bytes(png.read_bytes())
        (keep / "b.pdf").write_bytes(data)
