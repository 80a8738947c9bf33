"""``perfscore serve``: a local review page over the same engine (see docs/serve.md).

The list of every evaluation under DIR, one evaluation as its 自评表 with findings on their rows,
edits written through :mod:`perfscore.authoring.record`, downloads of every export. Starlette,
uvicorn and Jinja2 are imported only here, when the command runs.
"""
from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from typing import TextIO

LOOPBACK = "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on exactly ``host`` (never every interface unless asked)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def announce(host: str, url: str, root: str, out: TextIO) -> None:
    """The address, and first a warning when the page is open to other computers."""
    if not is_loopback(host):
        out.write(f"警告：正在 {host} 上监听，同一网络中的其他计算机也能打开此页面并查看 {root} 中的评价；"
                  "修改仍需本页的会话令牌。只在本机使用时请去掉 --host。\n")
    out.write(f"perfscore serve：{url}（目录 {root}；按 Ctrl+C 停止）\n")
    out.flush()


def serve(root: str, host: str = LOOPBACK, port: int = 8765, open_browser: bool = True,
          out: TextIO = sys.stdout) -> int:
    """Serve DIR until interrupted; prints the address (and a warning for a non-loopback ``host``)."""
    import os

    import uvicorn

    from ..errors import PerfscoreError
    from .app import create_app

    if not os.path.isdir(root):
        raise PerfscoreError("目录不存在", root)
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise PerfscoreError(f"无法在 {host}:{port} 上监听：{exc.strerror}") from None
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/"
    announce(host, url, os.path.abspath(root), out)
    app = create_app(root, host, bound)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url if is_loopback(host) else f"http://127.0.0.1:{bound}/",)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:           # uvicorn stops gracefully, then passes Ctrl+C on
        pass
    out.write("perfscore serve 已停止\n")
    return 0
