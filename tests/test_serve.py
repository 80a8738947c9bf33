"""``perfscore serve``: the review page, driven over HTTP and in a real browser (Playwright with
Debian's /usr/bin/chromium; never a downloaded browser).

One server for the whole module, over a copy of the seed in a temporary directory; each test that
edits puts the seed's bytes back first. The shipped seed is never written.
"""
from __future__ import annotations

import difflib
import http.client
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path
from typing import Any, Iterator

import pytest

from helpers import ROOT, SEED, perfscore

DEPT = "evaluations/2024/景德镇市人民政府办公室"
A = f"{DEPT}/政府公报编制及印发专项经费-自评.yaml"
B = f"{DEPT}/市政府值班、信息化等专项工作经费-自评.yaml"
C = f"{DEPT}/政府公报编制及印发专项经费-部门评价.yaml"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Server:
    def __init__(self, root: Path) -> None:
        self.root = root
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "perfscore", "serve", str(root), "--port", "0",
                                      "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env)
        assert self.proc.stdout is not None
        self.banner = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", self.banner)
        if not m:
            self.proc.kill()
            raise AssertionError(f"no address printed: {self.banner!r} {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.port = int(m.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """One request with the path sent exactly as given (no client-side normalisation)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            conn.putheader("Host", f"127.0.0.1:{self.port}")
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def token(self) -> str:
        _, _, page = self.request("GET", "/")
        m = re.search(rb'name="perfscore-token" content="([^"]+)"', page)
        assert m
        return m.group(1).decode()

    def stop(self) -> tuple[int, str]:
        """Ctrl+C, as a user stops it: (exit code, what it printed after its address)."""
        import signal

        self.proc.send_signal(signal.SIGINT)
        try:
            out, _ = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise
        return self.proc.returncode, out


def url_of(rel: str) -> str:
    return urllib.parse.quote(rel)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve") / "景德镇市2024年度绩效自评材料"      # a directory as a user names one
    shutil.copytree(ROOT / "indicator_sets", root / "indicator_sets")
    shutil.copytree(ROOT / "evaluations", root / "evaluations")
    srv = Server(root)
    yield srv
    assert srv.stop() == (0, "perfscore serve 已停止\n")


@pytest.fixture
def seed_a(server: Server) -> Path:
    """Seed A in the served copy, as shipped (whatever an earlier test did to it)."""
    path = server.root / A
    path.write_bytes((SEED / Path(A).name).read_bytes())
    return path


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --------------------------------------------------------------------------- safety, over plain HTTP

@pytest.mark.parametrize("path", [
    "/../../etc/passwd",
    "/eval/../../etc/passwd",
    "/eval/..%2F..%2Fetc%2Fpasswd",
    "/eval/%2e%2e/%2e%2e/etc/passwd",
    "/eval/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/eval/evaluations/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/eval/%252e%252e%252fetc%252fpasswd",
    "/eval//etc/passwd",
    "/eval/evaluations%5C..%5C..%5Cetc%5Cpasswd",
    "/api/eval/..%2F..%2Fetc%2Fpasswd",
    "/api/hash/..%2F..%2Fetc%2Fpasswd",
    "/download/..%2F..%2Fetc%2Fpasswd?as=csv",
    "/static/..%2F__init__.py",
    "/static/app.py",
    "/eval/%2e%2e/",
    "/static/%2e%2e/",
    "/eval/indicator_sets/2024/景德镇市人民政府办公室/政府公报编制及印发专项经费-自评.yaml",
])
def test_paths_outside_dir_or_not_an_evaluation_are_404(server: Server, path: str) -> None:
    parts = path.split("/")
    quoted = "/".join(urllib.parse.quote(p, safe="%?=") for p in parts)
    status, _, body = server.request("GET", quoted)
    assert status == 404
    assert b"root:" not in body


def test_a_symlink_leading_out_of_dir_is_not_served(server: Server, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_bytes((SEED / Path(A).name).read_bytes())
    link = server.root / "evaluations" / "link.yaml"
    link.symlink_to(outside)
    try:
        status, _, _ = server.request("GET", "/eval/" + url_of("evaluations/link.yaml"))
        assert status == 404
        _, _, page = server.request("GET", "/")
        assert b"link.yaml" not in page
    finally:
        link.unlink()


def test_a_post_without_the_token_is_refused_and_changes_nothing(server: Server, seed_a: Path) -> None:
    before = seed_a.read_bytes()
    body = json.dumps({"file": A, "indicator": "政府公报刊物印刷份数", "field": "actual", "value": "31200",
                       "hash": "x"}).encode()
    for headers in ({}, {"X-Perfscore-Token": "guess"}, {"Content-Type": "application/x-www-form-urlencoded"}):
        status, _, reply = server.request("POST", "/api/edit", body, headers)
        assert status == 403
        assert json.loads(reply)["error"] == "缺少或错误的会话令牌：请从 perfscore serve 打开的页面修改"
    # The right token from another site's page (a cross-site Origin) is refused too.
    status, _, _ = server.request("POST", "/api/edit", body, {"X-Perfscore-Token": server.token(),
                                                              "Origin": "http://evil.example"})
    assert status == 403
    assert seed_a.read_bytes() == before


def test_another_host_name_is_refused(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.request("GET", "/", headers={"Host": f"evil.example:{server.port}"})
    assert conn.getresponse().status == 421
    conn.close()


def test_the_server_listens_on_127_0_0_1_only(server: Server) -> None:
    assert server.banner.startswith(f"perfscore serve：http://127.0.0.1:{server.port}/")
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port = local.rsplit(":", 1)
            if state == "0A" and int(port, 16) == server.port:       # 0A: LISTEN
                listening.add(address)
    assert listening == {"0100007F"}                                 # 127.0.0.1, little-endian hex
    with pytest.raises(OSError):                                     # another loopback address: refused
        socket.create_connection(("127.0.0.2", server.port), timeout=5)


def test_another_interface_needs_host_and_prints_a_warning() -> None:
    from perfscore.serve import announce, is_loopback

    out = io.StringIO()
    announce("0.0.0.0", "http://0.0.0.0:8765/", "/srv/评价", out)
    assert out.getvalue().splitlines()[0].startswith("警告：正在 0.0.0.0 上监听，同一网络中的其他计算机也能打开此页面")
    out = io.StringIO()
    announce("127.0.0.1", "http://127.0.0.1:8765/", "/srv/评价", out)
    assert out.getvalue() == "perfscore serve：http://127.0.0.1:8765/（目录 /srv/评价；按 Ctrl+C 停止）\n"
    assert [is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "192.168.1.2")] == \
        [True, True, True, False, False]


def test_serve_does_not_load_on_help() -> None:
    code = ("import sys\nfrom perfscore.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'perfscore.serve') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


# --------------------------------------------------------------------------- the list and downloads

def test_the_list_has_every_evaluation_with_its_numbers(server: Server, seed_a: Path) -> None:
    status, headers, page = server.request("GET", "/")
    assert status == 200
    assert "script-src 'self'" in headers["content-security-policy"]
    html = page.decode()
    rows = re.findall(r'<tr data-project="([^"]+)"[^>]*data-kind="([^"]+)"\s+data-total="([^"]*)" '
                      r'data-declared="([^"]*)" data-grade="([^"]*)"[^>]*data-complete="([^"]*)"\s+'
                      r'data-errors="(\d+)" data-warnings="(\d+)" data-notices="(\d+)"', html)
    assert rows == [
        ("市政府值班、信息化等专项工作经费", "自评", "100", "100", "优", "是", "0", "0", "0"),
        ("政府公报编制及印发专项经费", "自评", "95.92", "96", "优", "是", "2", "4", "0"),
        ("政府公报编制及印发专项经费", "部门评价", "96", "95", "优", "是", "0", "5", "4"),
    ]
    # PS3xx where they belong: PS301/PS305 on the 部门评价's row, PS304 under the department summary.
    c_row = html[html.index('data-kind="部门评价"'):html.index("</tr>", html.index('data-kind="部门评价"'))]
    assert re.findall(r'class="code"[^>]*>(PS\d+)<', c_row) == ["PS305", "PS301"]      # by line
    summary = html[html.index('class="summary-card"'):]
    assert "PS304" in summary[:summary.index("</section>")]


def test_downloads(server: Server, seed_a: Path) -> None:
    from openpyxl import load_workbook

    base = "/download/" + url_of(A)
    status, headers, body = server.request("GET", base + "?as=xlsx")
    assert status == 200 and body[:2] == b"PK"
    assert "filename*=UTF-8''" + urllib.parse.quote("政府公报编制及印发专项经费-自评-自评表.xlsx") \
        in headers["content-disposition"]
    assert load_workbook(io.BytesIO(body)).sheetnames[0] == "自评表"
    status, _, body = server.request("GET", base + "?as=compare")
    assert status == 200 and "问题清单" in load_workbook(io.BytesIO(body)).sheetnames
    status, headers, body = server.request("GET", base + "?as=csv")
    assert status == 200 and body.startswith(b"\xef\xbb\xbf") and "政府公报刊物印刷份数" in body.decode("utf-8-sig")
    status, headers, body = server.request("GET", base + "?as=html")
    assert status == 200 and b"<!DOCTYPE html>" in body and b"2.54" in body
    status, _, _ = server.request("GET", base + "?as=exe")
    assert status == 404
    status, _, body = server.request("GET", "/summary.xlsx")
    wb = load_workbook(io.BytesIO(body))
    assert wb.sheetnames == ["评价汇总", "问题清单", "等级分布"]
    assert [r[1] for r in wb["评价汇总"].iter_rows(min_row=2, values_only=True)] == [
        "市政府值班、信息化等专项工作经费", "政府公报编制及印发专项经费", "政府公报编制及印发专项经费"]


def test_explain_text_on_demand(server: Server) -> None:
    from perfscore.checks import explain

    status, _, body = server.request("GET", "/api/explain/PS203")
    assert status == 200
    assert json.loads(body) == {"code": "PS203", "text": explain("PS203")}       # what `perfscore explain` prints
    assert [server.request("GET", f"/api/explain/{c}")[0] for c in ("PS999", "ps203", "..%2F")] == [404, 404, 404]


# --------------------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("没有 /usr/bin/chromium（Debian 包 chromium，由 .ci/run 安装）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # A refused edit (409 conflict, 422 invalid) is an answer the page handles, not an error of the page.
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and not re.search(
        r"status of (409|422)", m.text) else None)
    yield pg
    context.close()
    assert errors == []


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def field(page: Any, indicator: str, name: str) -> Any:
    return page.locator(f'.edit[data-indicator$="{indicator}"][data-field="{name}"]')


def open_a(page: Any, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_role("link", name="政府公报编制及印发专项经费").first.click()
    page.wait_for_selector("#sheet")
    assert page.locator("h1").inner_text() == "项目支出绩效自评表（2024年度）"
    page.evaluate("window.notReloaded = true")


def test_edit_an_actual_rescores_without_reload_and_changes_one_line(page: Any, server: Server,
                                                                     seed_a: Path) -> None:
    before = seed_a.read_text(encoding="utf-8")
    open_a(page, server)
    assert page.locator("#total").inner_text() == "95.92"
    row_findings = page.locator("tr:has(.edit[data-indicator$='政府公报刊物印刷份数']) + tr .finding .code")
    assert row_findings.all_inner_texts() == ["PS201", "PS203", "PS205"]
    box = field(page, "政府公报刊物印刷份数", "actual")
    box.fill("31200")
    box.press("Enter")
    expect(page.locator("#total")).to_have_text("96.38")
    assert page.evaluate("window.notReloaded") is True
    assert field(page, "政府公报刊物印刷份数", "actual").input_value() == "31200"
    assert page.locator(".field-msg.ok").inner_text() == "已保存"
    # Re-checked: PS205 (target missed, full marks) is gone; PS201 (5 > 3) stays; PS203 now says 3.
    assert row_findings.all_inner_texts() == ["PS201", "PS203"]
    assert "申报得分5，按规则重算为3：" in page.locator("tr:has(.edit[data-indicator$='政府公报刊物印刷份数']) + tr").inner_text()
    assert changed_lines(before, seed_a.read_text(encoding="utf-8")) == ["-    actual: 26400", "+    actual: 31200"]


def test_a_change_behind_the_pages_back_is_reported_and_neither_edit_is_lost(page: Any, server: Server,
                                                                            seed_a: Path) -> None:
    open_a(page, server)
    text = seed_a.read_text(encoding="utf-8")
    other = text.replace("服务对象满意度(%): {actual: 86, score: 14}", "服务对象满意度(%): {actual: 88, score: 14}")
    assert other != text
    seed_a.write_text(other, encoding="utf-8")          # someone else, e.g. in an editor
    box = field(page, "政府公报刊物印刷份数", "actual")
    box.fill("31200")
    box.press("Enter")
    expect(page.locator("#total")).to_have_text("96.69")   # 3 + 14×88/90 = 13.69
    assert "此文件已被他人修改" in page.locator("#banner").inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert field(page, "服务对象满意度(%)", "actual").input_value() == "88"
    assert field(page, "政府公报刊物印刷份数", "actual").input_value() == "31200"
    assert changed_lines(text, seed_a.read_text(encoding="utf-8")) == [
        "-    actual: 26400", "+    actual: 31200",
        "-  服务对象满意度(%): {actual: 86, score: 14}", "+  服务对象满意度(%): {actual: 88, score: 14}"]


def test_a_conflict_on_the_same_field_keeps_both_values(page: Any, server: Server, seed_a: Path) -> None:
    open_a(page, server)
    text = seed_a.read_text(encoding="utf-8")
    seed_a.write_text(text.replace("    actual: 26400", "    actual: 30000"), encoding="utf-8")
    box = field(page, "政府公报刊物印刷份数", "actual")
    box.fill("31200")
    box.press("Enter")
    page.wait_for_selector(".field-msg.conflict")
    # Theirs is on disk and on the page; ours is still in the field, unsaved, and says so.
    assert "actual: 30000" in seed_a.read_text(encoding="utf-8")
    assert box.input_value() == "31200"
    assert page.locator(".field-msg.conflict").inner_text().startswith("他人已改为“30000”")
    assert page.locator("#total").inner_text() == "96.26"                                  # 3×30000/31200 = 2.88
    box.press("Enter")                                  # confirmed: now ours is saved
    expect(page.locator("#total")).to_have_text("96.38")
    assert "actual: 31200" in seed_a.read_text(encoding="utf-8")


def test_invalid_input_gets_the_clis_message_next_to_the_field(page: Any, server: Server, seed_a: Path,
                                                               tmp_path: Path) -> None:
    open_a(page, server)
    before = seed_a.read_bytes()
    score = field(page, "政府公报刊物印刷份数", "score")
    score.fill("五分")
    score.press("Enter")
    page.wait_for_selector(".field-msg.error")
    assert page.locator(".field-msg.error").inner_text() == "“政府公报刊物印刷份数”的申报得分应为数字，实为“五分”"
    assert seed_a.read_bytes() == before                                                 # refused: nothing written
    # An actual the rule cannot score: written, as `perfscore record` writes it, with the CLI's words.
    copy = tmp_path / "a.yaml"
    shutil.copytree(server.root / "indicator_sets", tmp_path / "indicator_sets")
    copy.write_bytes(before)
    done = perfscore("record", str(copy), "政府公报刊物印刷份数", "很多")
    assert done.returncode == 0
    cli = done.stdout
    said = re.search(r"（得分 (.+)）$", cli.strip()).group(1)                              # type: ignore[union-attr]
    actual = field(page, "政府公报刊物印刷份数", "actual")
    actual.fill("很多")
    actual.press("Enter")
    page.wait_for_selector(".edit[data-field='actual'] + .field-msg.error")
    assert page.locator(".edit[data-field='actual'] + .field-msg.error").inner_text() == said == \
        "实际完成值应为数字，实为“很多”"
    assert seed_a.read_bytes() == copy.read_bytes()                                      # the same one-line change


def test_list_filters_and_sorts(page: Any, server: Server, seed_a: Path) -> None:
    page.goto(server.url + "/")
    assert page.locator("#shown").inner_text() == "显示 3 / 3"
    page.check("#f-errors")
    assert page.locator("#evals tbody tr:visible td:first-child a").all_inner_texts() == ["政府公报编制及印发专项经费"]
    page.uncheck("#f-errors")
    page.click("th[data-key=total]")
    totals = page.locator("#evals tbody tr td:nth-child(5)").all_inner_texts()
    assert totals == ["95.92", "96", "100"]
    page.click("th[data-key=total]")
    assert page.locator("#evals tbody tr td:nth-child(5)").all_inner_texts() == ["100", "96", "95.92"]
    assert page.locator("#chart rect").count() == 2 + 5        # 优: 复核 and 申报 bars; five bands of totals


def test_explain_opens_on_demand(page: Any, server: Server, seed_a: Path) -> None:
    open_a(page, server)
    code = page.locator("button.code", has_text="PS203").first
    code.click()
    box = code.locator("xpath=..").locator(".explain")
    box.wait_for(state="visible")
    expect(box).to_contain_text("PS203（警告）申报得分与按规则重算的得分不同")
    assert box.inner_text().startswith("PS203（警告）申报得分与按规则重算的得分不同\n\n按指标体系的规则")


def test_two_quick_edits_are_both_saved(page: Any, server: Server, seed_a: Path) -> None:
    open_a(page, server)
    text = seed_a.read_text(encoding="utf-8")
    first, second = field(page, "政府公报刊物印刷份数", "actual"), field(page, "服务对象满意度(%)", "actual")
    first.fill("31200")
    first.press("Enter")
    second.fill("88")                   # while the first save may still be under way
    second.press("Enter")
    expect(page.locator("#total")).to_have_text("96.69")
    assert changed_lines(text, seed_a.read_text(encoding="utf-8")) == [
        "-    actual: 26400", "+    actual: 31200",
        "-  服务对象满意度(%): {actual: 86, score: 14}", "+  服务对象满意度(%): {actual: 88, score: 14}"]
    assert page.locator("#banner").is_hidden()


def test_screenshots_of_the_list_and_seed_a(page: Any, server: Server, seed_a: Path, tmp_path: Path) -> None:
    """The pictures in docs/serve.md: PERFSCORE_SCREENSHOTS=docs python -m pytest -k screenshots."""
    keep = Path(os.environ.get("PERFSCORE_SCREENSHOTS") or tmp_path)
    page.goto(server.url + "/")
    page.screenshot(path=str(keep / "serve-list.png"), full_page=True)
    open_a(page, server)
    code = page.locator("button.code", has_text="PS205").first
    code.click()
    expect(code.locator("xpath=..").locator(".explain")).to_contain_text("PS205（警告）")
    page.screenshot(path=str(keep / "serve-seed-a.png"), full_page=True)
    for name in ("serve-list.png", "serve-seed-a.png"):
        head = (keep / name).read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(head[16:20], "big") == 1280


def test_an_incomplete_evaluation_says_so_and_grades_provisionally(page: Any, server: Server, seed_a: Path) -> None:
    text = seed_a.read_text(encoding="utf-8")
    seed_a.write_text(text.replace("服务对象满意度(%): {actual: 86, score: 14}", "服务对象满意度(%): {score: 14}"),
                      encoding="utf-8")
    page.goto(server.url + "/")
    row = page.locator('#evals tr[data-kind="自评"]', has_text="政府公报编制及印发专项经费")
    assert row.locator(".incomplete").inner_text() == "不完整"
    assert row.locator(".incomplete").get_attribute("title") == "不完整：1 项（分值合计14）未计分"
    open_a(page, server)
    assert page.locator("#incomplete").inner_text() == "不完整：1 项（分值合计14）未计分：总分只含已计分的部分，等级暂不评定。"
    assert page.locator("#total").inner_text() == "82.54"
    box = field(page, "服务对象满意度(%)", "actual")
    box.fill("86")
    box.press("Enter")
    expect(page.locator("#total")).to_have_text("95.92")
    assert page.locator("#incomplete").is_hidden()
    assert page.locator("#grade").inner_text() == "优"


def test_a_file_that_does_not_read_is_listed_with_its_errors(server: Server, seed_a: Path) -> None:
    bad = server.root / "evaluations" / "坏.yaml"
    bad.write_text("project: 某项目\nresults: [\n", encoding="utf-8")
    try:
        _, _, page = server.request("GET", "/")
        listed = page.decode()
        assert "无法读取的文件" in listed and "evaluations/坏.yaml:" in listed
        status, _, body = server.request("GET", "/eval/" + url_of("evaluations/坏.yaml"))
        assert status == 200 and "无法读取：evaluations/坏.yaml" in body.decode()
        status, _, body = server.request("GET", "/api/eval/" + url_of("evaluations/坏.yaml"))
        assert status == 422 and json.loads(body)["error"].startswith("文件无法读取：evaluations/坏.yaml:")
        # An evaluation that stops reading while its page is open: the page's next fetch says why.
        seed_a.write_text("project: [\n", encoding="utf-8")
        status, _, body = server.request("GET", "/api/eval/" + url_of(A))
        assert status == 422 and json.loads(body)["error"].startswith(f"文件无法读取：{A}:")
    finally:
        bad.unlink()


def test_a_change_elsewhere_is_noticed_before_any_save(page: Any, server: Server, seed_a: Path) -> None:
    open_a(page, server)
    box = field(page, "政府公报刊物印刷份数", "deviation")
    box.fill("尚未保存的说明")                          # typed, not saved: it must survive the reload
    text = seed_a.read_text(encoding="utf-8")
    seed_a.write_text(text.replace("服务对象满意度(%): {actual: 86, score: 14}",
                                   "服务对象满意度(%): {actual: 90, score: 14}"), encoding="utf-8")
    expect(page.locator("#total")).to_have_text("96.54", timeout=10_000)        # 14×90/90 = 14
    assert page.locator("#banner").inner_text().startswith("此文件已被他人修改，页面已重新载入")
    assert field(page, "服务对象满意度(%)", "actual").input_value() == "90"
    assert box.input_value() == "尚未保存的说明"
    assert page.evaluate("window.notReloaded") is True


def test_an_edit_waits_for_the_record_lock(server: Server, seed_a: Path) -> None:
    """The page writes through `perfscore record`'s path: while another record holds the file's lock,
    the page's edit waits, then lands on top of it."""
    import hashlib
    import threading
    import time

    from perfscore.authoring.record import edit_lock

    before = seed_a.read_bytes()
    body = json.dumps({"file": A, "indicator": "政府公报刊物印刷份数", "field": "actual", "value": "31200",
                       "hash": hashlib.sha256(before).hexdigest()}).encode()
    answer: list[int] = []
    with edit_lock(str(seed_a)):
        worker = threading.Thread(target=lambda: answer.append(server.request(
            "POST", "/api/edit", body, {"X-Perfscore-Token": server.token(), "Content-Type": "application/json"})[0]))
        worker.start()
        time.sleep(1.0)
        assert seed_a.read_bytes() == before and answer == []         # waiting for the lock
    worker.join(30)
    assert answer == [200]
    assert changed_lines(before.decode("utf-8"), seed_a.read_text(encoding="utf-8")) == [
        "-    actual: 26400", "+    actual: 31200"]


@pytest.mark.parametrize("args, message", [
    (["/没有这个目录"], "/没有这个目录: 目录不存在"),
    (["--port", "{port}"], "无法在 127.0.0.1:{port} 上监听："),
])
def test_serve_refuses_a_missing_directory_or_a_busy_port(server: Server, args: list[str], message: str) -> None:
    argv = [a.format(port=server.port) for a in args]
    done = perfscore("serve", *(argv if argv[0].startswith("/") else [str(server.root), *argv]), "--no-browser")
    assert done.returncode == 2
    assert done.stderr.startswith(message.format(port=server.port))


def test_a_page_on_another_site_cannot_change_a_file(browser: Any, server: Server, seed_a: Path,
                                                     tmp_path: Path) -> None:
    """In the browser: another origin's page posts to the review page (fetch and a form); nothing changes."""
    import http.server
    import threading

    before = seed_a.read_bytes()
    target = f"{server.url}/api/edit"
    payload = json.dumps({"file": A, "indicator": "政府公报刊物印刷份数", "field": "actual", "value": "1", "hash": ""})
    (tmp_path / "index.html").write_text(
        f"""<!DOCTYPE html><meta charset="utf-8"><form id="f" method="post" action="{target}" target="sink"
        enctype="text/plain"><input name='{payload[:-1]}, "x": "' value='"}}'></form><iframe name="sink"></iframe>
        <script>fetch("{target}", {{method: "POST", mode: "no-cors", body: {json.dumps(payload)},
        headers: {{"Content-Type": "text/plain"}}}}).finally(() => {{ document.getElementById("f").submit();
        document.title = "sent"; }});</script>""", encoding="utf-8")
    handler = lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path))  # noqa: E731
    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        refused: list[int] = []
        page.on("response", lambda r: refused.append(r.status) if r.url == target else None)
        page.goto(f"http://127.0.0.1:{site.server_address[1]}/index.html")
        expect(page).to_have_title("sent")
        page.wait_for_timeout(500)
        assert refused and set(refused) == {403}
    finally:
        context.close()
        site.shutdown()
    assert seed_a.read_bytes() == before
