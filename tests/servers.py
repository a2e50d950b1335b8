"""Jupyter servers (Voilà, JupyterLab) for the tests: started on 127.0.0.1 on a free port with a
token, waited for with a deadline, and always stopped with everything they started.

A server runs in its own process group. Stopping sends SIGTERM first, so the server shuts its
kernels down itself (jupyter_client starts each kernel in a session of its own, beyond the
group's reach), then SIGKILL to the group for anything left after the grace period.
"""
from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    token: str
    log: Path

    def url(self, path: str = "", token: bool = True) -> str:
        query = f"?token={self.token}" if token else ""
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}{query}"

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # let the 302 through as an HTTPError, so the test sees it


def get(url: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    """Status, headers and body of a GET, without following redirects; never raises for a status."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until_serving(server: Server, path: str, deadline_s: float = 60) -> None:
    """Poll ``path`` (with the token) until it answers 200; fail with the server's log if the
    server exits or the deadline passes."""
    end = time.monotonic() + deadline_s
    last = "no answer"
    while time.monotonic() < end:
        if server.process.poll() is not None:
            raise AssertionError(f"the server exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            status, _, _ = get(server.url(path), timeout=5)
            if status == 200:
                return
            last = f"HTTP {status}"
        except OSError as error:  # not listening yet
            last = str(error)
        time.sleep(0.25)
    raise AssertionError(f"the server did not serve {path} within {deadline_s:.0f} s ({last}):\n{server.log_tail()}")


@contextmanager
def running(argv: list[str], cwd: Path, log: Path, port: int, token: str, env: dict | None = None):
    """Run ``argv`` (which must use ``port`` and ``token``) until the block ends."""
    with open(log, "wb") as out:
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, env={**os.environ, **(env or {})})
    try:
        yield Server(process, port, token, log)
    finally:
        stop(process)


def stop(process: subprocess.Popen, grace_s: float = 15) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # whatever of the group is left
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=10)


def new_token() -> str:
    return secrets.token_hex(16)
