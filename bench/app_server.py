"""`streamlit run app.py` on a free port, and Debian's headless Chromium settings: shared by the browser tests
(tests/e2e/conftest.py) and the app benchmark (bench/bench_app.py)."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class ServerDidNotStart(RuntimeError):
    """The server exited, or did not answer its health check in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(env: dict[str, str], log_dir: Path, start_timeout: float = 60, stop_timeout: float = 10):
    """Starts `streamlit run app.py` headless on a free port with `env` (the whole environment), logging to
    log_dir/streamlit-PORT.log; yields (base URL, process) once /_stcore/health answers, and stops it after."""
    port = free_port()
    log_path = log_dir / f"streamlit-{port}.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.time() + start_timeout
            while True:
                try:
                    if urllib.request.urlopen(base + "/_stcore/health", timeout=2).status == 200:
                        break
                except OSError:
                    if time.time() > deadline or process.poll() is not None:
                        raise ServerDidNotStart("streamlit did not start: " + log_path.read_text(errors="replace")[-2000:])
                    time.sleep(0.3)
            yield base, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=stop_timeout)
            except subprocess.TimeoutExpired:
                process.kill()
