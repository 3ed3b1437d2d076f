"""gunicorn servers for the app and the floor, with identical settings, always stopped.

Each server runs in its own session (so a Ctrl+C in the terminal reaches the
harness, which then stops the servers in order) and is stopped by its own
process id: SIGTERM to the master, then SIGKILL to its process group if it
has not exited within a few seconds.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServerOptions:
    """gunicorn settings shared by the app and the floor."""

    workers: int = 2
    worker_class: str = "sync"
    threads: int = 4
    keep_alive: int = 5
    timeout: int = 60

    def arguments(self) -> list[str]:
        args = [
            "--workers", str(self.workers),
            "--worker-class", self.worker_class,
            "--keep-alive", str(self.keep_alive),
            "--timeout", str(self.timeout),
            "--graceful-timeout", "5",
            "--no-control-socket",
            # Load the app in the master before forking, so every worker is up when the first
            # answers (otherwise a worker still importing Wagtail eats CPU during the first scenario).
            "--preload",
            "--log-level", "warning",
        ]  # fmt: skip
        if self.worker_class == "gthread":
            args += ["--threads", str(self.threads)]
        return args

    def describe(self) -> dict:
        described = {
            "workers": self.workers,
            "worker_class": self.worker_class,
            "keep_alive_s": self.keep_alive,
        }
        if self.worker_class == "gthread":
            described["threads"] = self.threads
        return described


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class GunicornServer:
    """One gunicorn master serving `app` on 127.0.0.1 at a free port."""

    def __init__(self, name: str, app: str, env: dict[str, str], options: ServerOptions, log_dir: Path) -> None:
        self.name, self.app, self.env, self.options = name, app, env, options
        self.log_path = log_dir / f"gunicorn-{name}.log"
        self.config_path = log_dir / "gunicorn-empty.conf.py"
        self.port = 0
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str, timeout: float = 90.0) -> None:
        self.port = free_port()
        # An empty config file, so a gunicorn.conf.py in the working directory cannot change the settings.
        self.config_path.write_text("", encoding="utf-8")
        command = [
            sys.executable, "-m", "gunicorn", self.app,
            "--config", str(self.config_path),
            "--bind", f"{HOST}:{self.port}",
            "--error-logfile", str(self.log_path),
            *self.options.arguments(),
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self._wait_ready(ready_path, timeout)

    def _wait_ready(self, path: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last_error = ""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn ({self.name}) exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=5)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
            except OSError as exc:
                last_error = type(exc).__name__
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn ({self.name}) not ready after {timeout:.0f} s ({last_error}):\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self, grace: float = 10.0) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            # Not reaped yet, so the id is still this master's: kill its whole
            # process group (its own session), workers included.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)

    def __enter__(self) -> GunicornServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
