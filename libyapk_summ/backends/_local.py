"""The managed local model: start a llama.cpp server with the pinned Qwen GGUF, use it, stop it.

The server runs as a child process (``python -m llama_cpp.server``) on a free
loopback port; we wait until ``/v1/models`` answers, and report the server's
own log when it dies or never gets ready.
"""

from __future__ import annotations

import atexit
import importlib.metadata
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .._errors import ConfigurationError, LocalServerError
from ._base import CallRequest, CallResult
from ._openai import OpenAIBackend, Timeouts
from ._weights import MODEL_NAME, ensure_gguf

CMAKE_ARGS = (
    "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=ON "
    "-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
)
INSTALL_LOCAL = f'CMAKE_ARGS="{CMAKE_ARGS}" pip install --no-cache-dir "libyapk-summ[local]"'


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """A llama.cpp server process serving the pinned model.

    Args:
        gguf: a GGUF path (default: assembled from the installed weight parts).
        n_ctx: context window in tokens.
        n_threads: CPU threads (default: all cores).
        startup_timeout: seconds to wait for the server to answer.
    """

    def __init__(
        self,
        gguf: Path | None = None,
        *,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        startup_timeout: float = 180.0,
    ) -> None:
        self.gguf = gguf
        self.n_ctx = n_ctx
        self.n_threads = n_threads or os.cpu_count() or 2
        self.startup_timeout = startup_timeout
        self.port: int | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_path: Path | None = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise LocalServerError("the local server is not started")
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> str:
        """Start the server and wait until it answers; return its base URL."""
        if self._proc is not None:
            return self.base_url
        if importlib.util.find_spec("llama_cpp") is None:
            raise ConfigurationError(
                "--mode local needs the llama.cpp server, which is not installed. Install it with\n"
                f"  {INSTALL_LOCAL}\n"
                "(the CMAKE_ARGS avoid a crash on CPUs that advertise AMX), or point --base-url at a "
                "server you run yourself"
            )
        gguf = ensure_gguf(self.gguf)
        self.port = free_port()
        fd, log_name = tempfile.mkstemp(prefix="libyapk-llama-", suffix=".log")
        os.close(fd)
        self._log_path = Path(log_name)
        cmd = [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(gguf),
            "--model_alias",
            MODEL_NAME,
            "--n_ctx",
            str(self.n_ctx),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_threads",
            str(self.n_threads),
        ]
        with self._log_path.open("wb") as log:
            self._proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        atexit.register(self.stop)
        self._wait_ready()
        return self.base_url

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        url = f"{self.base_url}/models"
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                code = self._proc.returncode if self._proc else None
                self._proc = None
                raise LocalServerError(
                    f"the llama.cpp server exited with code {code} before it was ready; if it crashed "
                    f"with an illegal instruction or protection fault, rebuild it with\n  {INSTALL_LOCAL}",
                    log_tail=self.log_tail(),
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise LocalServerError(
            f"the llama.cpp server did not answer within {self.startup_timeout:.0f} s",
            log_tail=self.log_tail(),
        )

    def check_alive(self) -> None:
        """Raise a clear error when the server process has died."""
        if self._proc is not None and self._proc.poll() is not None:
            raise LocalServerError(
                f"the llama.cpp server died (exit code {self._proc.returncode})", log_tail=self.log_tail()
            )

    def log_tail(self, lines: int = 20) -> str:
        if self._log_path is None or not self._log_path.exists():
            return ""
        return "\n".join(self._log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def __enter__(self) -> LlamaServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class LocalBackend:
    """The pinned Qwen model on a llama.cpp server that this backend starts and stops."""

    def __init__(self, server: LlamaServer | None = None, *, reasks: int = 2) -> None:
        self.server = server or LlamaServer()
        self.reasks = reasks
        self.name = f"local(llama.cpp, {MODEL_NAME})"
        self._live: OpenAIBackend | None = None
        self._starting: Any = None

    def _ensure(self) -> OpenAIBackend:
        if self._live is None:
            base_url = self.server.start()
            version = importlib.metadata.version(
                "llama-cpp-python"
            )  # not an import: the server has the library
            self._live = OpenAIBackend(
                base_url,
                "local",
                dialect="llamacpp",
                reasks=self.reasks,
                timeouts=Timeouts(connect=10, total=600),
                server=f"llama-cpp-python {version} (managed)",
                concurrency=1,
            )
        return self._live

    async def complete(self, request: CallRequest) -> CallResult:
        import asyncio

        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:  # one server, however many tasks ask at once
            live = await asyncio.to_thread(self._ensure)
        self.server.check_alive()
        try:
            result = await live.complete(request)
        except Exception:
            self.server.check_alive()  # a dead server explains the failure better
            raise
        result.backend = self.name
        return result

    async def aclose(self) -> None:
        if self._live is not None:
            await self._live.aclose()
            self._live = None
        self.server.stop()
