"""The review page as a Starlette application: the list, one evaluation, edits, downloads.

Safety, in one place:

- every file is addressed by its path below DIR and looked up in the :class:`Catalog` of DIR;
  anything else (``..``, absolute, encoded, a symlink leading out, a file that is not listed) is 404;
- a request must name this server as its Host (``127.0.0.1:PORT`` / ``localhost:PORT``) unless it
  was bound to another interface on purpose, so a web page elsewhere cannot reach it by DNS rebinding;
- a POST needs the per-session token that only the page itself carries (``X-Perfscore-Token``),
  and a cross-site Origin is refused, so no other site can change a file;
- the page runs only its own script (Content-Security-Policy ``script-src 'self'``); every text
  from the files is escaped; nothing from them is executed.
"""
from __future__ import annotations

import hmac
import os
import re
import secrets
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import PerfscoreError, PerfscoreErrors
from ..findings import SEVERITY_WORD
from ..formats.html import CSS as FORM_CSS
from ..numbers import fmt
from .catalog import Catalog, Entry, State, as_dict
from .page import View, findings_html, load

HERE = Path(__file__).parent
STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
TOKEN_HEADER = "x-perfscore-token"
DOWNLOADS = {"xlsx": ("xlsx", False, "自评表"), "compare": ("xlsx", True, "自评表-对照"),
             "html": ("html", False, "自评表"), "csv": ("csv", False, "自评表")}
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
GRADES = ("优", "良", "中", "合格", "差")


class Guard:
    """Host check and security headers around the whole application."""

    def __init__(self, app: ASGIApp, hosts: set[str] | None) -> None:
        self.app = app
        self.hosts = hosts           # None: any Host (bound to another interface on purpose)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1").lower()
        if self.hosts is not None and host not in self.hosts:
            await PlainTextResponse("不接受此主机名的请求", 421)(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer"),
                            (b"cache-control", b"no-store")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers this server answers: its loopback names with the port, or any (another interface)."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        return None
    return {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}


class Review:
    """The application's state: DIR's catalog, the session token, one lock for edits."""

    def __init__(self, root: str, token: str | None = None) -> None:
        self.catalog = Catalog(root)
        self.root = self.catalog.root
        self.token = token or secrets.token_urlsafe(32)
        self.edit_lock = threading.Lock()
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                               autoescape=select_autoescape(default=True, default_for_string=True))
        self.env.filters["num"] = lambda v: "" if v is None else (fmt(v) if isinstance(v, Decimal) else v)

    # ------------------------------------------------------------------ pages

    def render(self, name: str, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(token=self.token, root=self.root, **context)
        return HTMLResponse(html)

    async def index(self, request: Request) -> Response:
        state = await run_in_threadpool(self.catalog.state)
        return self.render("list.html", **listing(state, self.root))

    async def evaluation(self, request: Request) -> Response:
        entry = await self._entry(request)
        view = await run_in_threadpool(self._view, entry)
        return self.render("evaluation.html", entry=entry, view=view, ev=view.card.evaluation,
                           others=findings_html(view.others, self.root) if view.others else "",
                           severity=SEVERITY_WORD, downloads=DOWNLOADS)

    async def _entry(self, request: Request, refresh: bool = True) -> Entry:
        """The file a page address names (checking DIR again off the event loop), or 404."""
        entry = await run_in_threadpool(self.catalog.resolve, request.path_params["rel"], refresh)
        if entry is None or entry.report.kind not in ("evaluation", "invalid"):
            raise NotFound
        return entry

    def _view(self, entry: Entry) -> View:
        """The evaluation as it is now; a file that no longer reads is shown with its errors."""
        state = self.catalog.state()
        fresh = state.entries.get(entry.rel)
        if fresh is None:
            raise NotFound
        if fresh.report.kind != "evaluation":
            raise Unreadable(fresh, fresh.report.errors)
        try:
            return load(fresh.path, state.cross_of(fresh.path), self.root)
        except PerfscoreErrors as exc:
            raise Unreadable(fresh, [str(e) for e in exc.errors]) from None
        except PerfscoreError as exc:
            raise Unreadable(fresh, [str(exc)]) from None
        except OSError:                 # removed or renamed meanwhile
            raise NotFound from None

    # ------------------------------------------------------------------ api

    async def api_evaluation(self, request: Request) -> Response:
        entry = await self._entry(request)
        view = await run_in_threadpool(self._view, entry)
        return JSONResponse(self._payload(view))

    async def api_hash(self, request: Request) -> Response:
        """The sha256 of the file as it is now: the page compares it with the one it was drawn from."""
        from .page import read

        entry = await self._entry(request, refresh=False)
        try:
            digest, _ = await run_in_threadpool(read, entry.path)
        except OSError:                 # removed or renamed meanwhile
            raise NotFound from None
        return JSONResponse({"hash": digest})

    def _payload(self, view: View) -> dict[str, Any]:
        card = view.card
        return {"hash": view.digest, "html": view.html, "total": fmt(card.total), "grade": view.sheet.grade or "—",
                "incomplete": ""
                if card.complete else f"{card.incomplete_text()}：总分只含已计分的部分，等级暂不评定。",
                "declared_total": fmt(card.evaluation.declared.total), "declared_grade": card.evaluation.declared.grade,
                "counts": view.counts, "set_counts": view.set_counts,
                "others": findings_html(view.others, self.root) if view.others else ""}

    async def edit(self, request: Request) -> Response:
        sent = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.token.encode()):
            return JSONResponse({"error": "缺少或错误的会话令牌：请从 perfscore serve 打开的页面修改"}, 403)
        origin = request.headers.get("origin")
        if origin is not None and origin.split("://", 1)[-1].lower() != request.headers.get("host", "").lower():
            return JSONResponse({"error": "拒绝跨站请求"}, 403)
        try:
            body = await request.json()
            rel, indicator, field, value, digest = (str(body[k]) for k in ("file", "indicator", "field", "value",
                                                                          "hash"))
        except (ValueError, KeyError, TypeError):
            return JSONResponse({"error": "请求格式不对"}, 400)
        if field not in ("actual", "score", "deviation"):
            return JSONResponse({"error": f"不能修改“{field}”"}, 400)
        entry = await run_in_threadpool(self.catalog.resolve, rel)
        if entry is None or entry.report.kind != "evaluation":
            raise NotFound
        return await run_in_threadpool(self._edit, entry, indicator, field, value, digest)

    def _edit(self, entry: Entry, indicator: str, field: str, value: str, digest: str) -> Response:
        from ..authoring.record import StaleFile, record

        with self.edit_lock:
            try:
                plan = record(entry.path, indicator, value, field=field, expected=digest)
            except StaleFile as exc:
                view = self._view(entry)
                return JSONResponse({"conflict": True, "error": exc.message, **self._payload(view)}, 409)
            except PerfscoreErrors as exc:
                return JSONResponse({"error": "；".join(e.message for e in exc.errors)}, 422)
            except PerfscoreError as exc:
                return JSONResponse({"error": exc.message}, 422)
            view = self._view(entry)
        item = next((i for i in view.card.indicators if i.path == plan.indicator), None)
        shown = ""
        if item is not None:
            shown = (f"（得分 {fmt(item.score)}/{fmt(item.weight)}）" if item.score is not None
                     else f"（{item.explanation}）")
        message = f"已记录 {' > '.join(plan.indicator)}：{plan.field} = {value}{shown}"
        invalid = item.explanation if item is not None and item.status == "invalid" else None
        return JSONResponse({"ok": True, "message": message, "invalid": invalid, **self._payload(view)})

    async def explain(self, request: Request) -> Response:
        """What ``perfscore explain CODE`` prints, for the page to show under a finding."""
        from ..checks import explain

        code = request.path_params["code"]
        if not re.fullmatch(r"PS\d{3}", code):
            raise NotFound
        try:
            text = await run_in_threadpool(explain, code)
        except PerfscoreError:
            raise NotFound from None
        return JSONResponse({"code": code, "text": text})

    # ------------------------------------------------------------------ downloads

    async def download(self, request: Request) -> Response:
        entry = await self._entry(request)
        kind = request.query_params.get("as", "xlsx")
        if kind not in DOWNLOADS or entry.report.kind != "evaluation":
            raise NotFound
        fmt_name, compare, suffix = DOWNLOADS[kind]
        content = await run_in_threadpool(self._export, entry, fmt_name, compare)
        stem = os.path.splitext(os.path.basename(entry.rel))[0]
        return _attachment(content, f"{stem}-{suffix}.{fmt_name}", MEDIA[fmt_name])

    def _export(self, entry: Entry, fmt_name: str, compare: bool) -> bytes:
        from ..formats import render

        view = self._view(entry)
        content = render(view.card, fmt_name, explain=fmt_name == "html", compare=compare,
                         findings=view.sheet.findings if compare else None)
        return content.encode("utf-8") if isinstance(content, str) else content

    async def summary(self, request: Request) -> Response:
        content = await run_in_threadpool(self._summary)
        return _attachment(content, f"{os.path.basename(self.root) or '评价'}-汇总.xlsx", MEDIA["xlsx"])

    def _summary(self) -> bytes:
        import tempfile

        from ..checks import FileReport
        from ..formats.summary import write_summary

        state = self.catalog.state()
        reports = [e.report for e in state.entries.values()] + [FileReport(None, "cross", state.cross)]
        with tempfile.TemporaryDirectory(prefix="perfscore-serve-") as tmp:
            path = os.path.join(tmp, "summary.xlsx")
            write_summary(reports, path)
            return Path(path).read_bytes()

    async def static(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in STATIC:
            raise NotFound
        return Response((HERE / "static" / name).read_bytes(), media_type=STATIC[name])

    async def form_css(self, request: Request) -> Response:
        return Response(FORM_CSS, media_type=STATIC["app.css"])


class NotFound(Exception):
    """Answered 404, whatever the reason (a path outside DIR looks like any missing page)."""


class Unreadable(Exception):
    """An evaluation file that cannot be read (any more): its errors, ``file:line:col: 说明``."""

    def __init__(self, entry: Entry, errors: list[str]) -> None:
        self.entry = entry
        self.errors = [e.replace(entry.path, entry.rel) for e in errors]


def _attachment(content: bytes, filename: str, media: str) -> Response:
    ascii_name = "".join(c if c.isascii() and c.isalnum() or c in ".-_" else "_" for c in filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media, headers={"content-disposition": disposition})


def listing(state: State, root: str) -> dict[str, Any]:
    """What the list page shows: evaluations, sets with findings, summaries, unreadable files."""
    from .catalog import rel_of

    evaluations, sets, summaries, invalid = [], [], [], []
    for entry in state.entries.values():
        rep = entry.report
        cross = state.cross_of(entry.path)
        if rep.kind == "evaluation" and rep.row is not None:
            row = dict(rep.row)
            for f in cross:
                row[{"error": "errors", "warning": "warnings", "notice": "notices"}[f.severity]] += 1
            row.update(rel=entry.rel, cross=findings_html(cross, root) if cross else "",
                       total_differs=_differs(row["declared_total"], row["total"]))
            evaluations.append(row)
        elif rep.kind == "set" and rep.findings:
            sets.append({"rel": entry.rel, "findings": findings_html(rep.findings, root), "count": len(rep.findings)})
        elif rep.kind == "summary":
            summaries.append({"rel": entry.rel, "path": entry.path,
                              "findings": findings_html(cross, root) if cross else ""})
        elif rep.kind == "invalid":
            invalid.append({"rel": entry.rel, "errors": [e.replace(entry.path, entry.rel) for e in rep.errors]})
    for s in summaries:
        s.update(_summary_facts(s.pop("path"), evaluations))
    departments = sorted({e["department"] for e in evaluations})
    grades = [g for g in GRADES if any(e["grade"] == g for e in evaluations)]
    grades += sorted({e["grade"] for e in evaluations if e["grade"] and e["grade"] not in GRADES})
    loose = [as_dict(f, root) for f in state.cross if rel_of(root, f.file) is None]
    return {"evaluations": evaluations, "sets": sets, "summaries": summaries, "invalid": invalid,
            "departments": departments, "grades": grades, "loose": loose,
            "totals": {k: sum(e[k] for e in evaluations) for k in ("errors", "warnings", "notices")}}


def _differs(declared: str | None, computed: str | None) -> bool:
    from ..numbers import differs

    return declared is not None and computed is not None and differs(Decimal(declared), Decimal(computed))


def _summary_facts(path: str, evaluations: list[dict[str, Any]]) -> dict[str, Any]:
    """A department summary beside the evaluations it covers: its grade counts and theirs."""
    from ..loading import load_any

    try:
        _, s = load_any(path)
    except PerfscoreError:
        return {"department": "", "year": "", "rows": [], "projects": []}
    covered = [e for e in evaluations if e["department"] == s.department and e["year"] == s.year
               and e["project"] in s.evaluations]
    words = list(s.grade_counts) or list(GRADES[:3]) + ["差"]
    rows = [{"grade": g, "stated": s.grade_counts.get(g, 0),
             "declared": sum((e["declared_grade"] or e["grade"]) == g for e in covered if e["kind"] == s.kind),
             "computed": sum(e["grade"] == g for e in covered if e["kind"] == s.kind)} for g in words]
    return {"department": s.department, "year": s.year, "kind": s.kind, "funds": fmt(s.funds),
            "funds_share": fmt(s.funds_share), "projects": list(s.evaluations), "rows": rows}


def create_app(root: str, host: str = "127.0.0.1", port: int = 0, token: str | None = None) -> Starlette:
    """The application serving DIR; ``host``/``port`` name the address it answers as."""
    from ..loading import confine_to

    confine_to(root)
    review = Review(root, token)
    routes = [
        Route("/", review.index),
        Route("/eval/{rel:path}", review.evaluation),
        Route("/api/eval/{rel:path}", review.api_evaluation),
        Route("/api/hash/{rel:path}", review.api_hash),
        Route("/api/edit", review.edit, methods=["POST"]),
        Route("/api/explain/{code}", review.explain),
        Route("/download/{rel:path}", review.download),
        Route("/summary.xlsx", review.summary),
        Route("/static/form.css", review.form_css),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/static/{name}", review.static),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("404 未找到", 404)

    async def unreadable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Unreadable)
        if request.url.path.startswith("/api/") or request.url.path.startswith("/download/"):
            return JSONResponse({"error": "文件无法读取：" + "；".join(exc.errors)}, 422)
        return review.render("unreadable.html", entry=exc.entry, errors=exc.errors)

    app = Starlette(routes=routes, exception_handlers={NotFound: not_found, 404: not_found, Unreadable: unreadable})
    app.router.redirect_slashes = False       # a trailing slash is a different (missing) page, never a redirect
    app.state.review = review
    return Guard(app, allowed_hosts(host, port))  # type: ignore[return-value]
