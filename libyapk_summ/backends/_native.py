"""llama.cpp's own ``llama-server``, built from the sources that llama-cpp-python vendors.

llama-cpp-python's server decodes one request at a time; the native server decodes several
sequences at once (``--parallel N`` with continuous batching) for little more than the cost
of one on a memory-bound CPU. We build only the ``llama-server`` target, statically, with
the flags that fit this CPU (``_cpu.cmake_args``), from the llama-cpp-python sdist (pip
already has it, or ``pip download`` fetches it), into ``~/.cache/libyapk_summ/bin``.

    libyapk-summ local build-server
"""

from __future__ import annotations

import hashlib
import json
import shlex
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from .._errors import ConfigurationError
from ._cpu import cmake_args
from ._weights import default_model_dir

#: The llama-cpp-python release whose vendored llama.cpp we build (the ``local`` extra's pin).
LLAMA_CPP_PYTHON = "0.3.36"
BINARY = "llama-server"
#: Beyond the CPU flags: no network features (the build must work offline), no web UI
#: download, one static binary that needs no shared libraries beside it.
_FIXED_ARGS = (
    "-DCMAKE_BUILD_TYPE=Release",
    "-DBUILD_SHARED_LIBS=OFF",
    "-DLLAMA_CURL=OFF",
    "-DLLAMA_OPENSSL=OFF",
    "-DLLAMA_USE_PREBUILT_UI=OFF",
    "-DLLAMA_BUILD_UI=OFF",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
)


def cache_dir() -> Path:
    """``$LIBYAPK_SUMM_HOME`` or ``~/.cache/libyapk_summ`` (the models' folder's parent)."""
    return default_model_dir().parent


def binary_path() -> Path:
    return cache_dir() / "bin" / BINARY


def _stamp(args: str) -> dict[str, str]:
    return {"llama_cpp_python": LLAMA_CPP_PYTHON, "cmake_args": args}


def native_server(cpuinfo: str | None = None) -> Path | None:
    """The built ``llama-server`` if it exists and was built with this CPU's flags, else None.

    A binary built for another CPU (a home folder shared between machines) is ignored, as
    it could die with an illegal instruction.
    """
    path = binary_path()
    stamp = path.with_suffix(".json")
    if not path.is_file() or not stamp.is_file():
        return None
    try:
        built = json.loads(stamp.read_text())
    except ValueError:
        return None
    return path if built == _stamp(cmake_args(cpuinfo)) else None


def _sdist(work: Path) -> Path:
    name = f"llama_cpp_python-{LLAMA_CPP_PYTHON}.tar.gz"
    found = work / name
    if not found.is_file():
        cmd = [
            sys.executable, "-m", "pip", "download", f"llama-cpp-python=={LLAMA_CPP_PYTHON}",
            "--no-deps", "--no-binary", ":all:", "-d", str(work),
        ]  # fmt: skip
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return found


def _sources(work: Path, sdist: Path | None) -> Path:
    root = work / f"llama_cpp_python-{LLAMA_CPP_PYTHON}"
    source = root / "vendor" / "llama.cpp"
    if not (source / "CMakeLists.txt").is_file():
        with tarfile.open(sdist or _sdist(work)) as tar:
            tar.extractall(work, filter="data")
    if not (source / "CMakeLists.txt").is_file():
        raise ConfigurationError(f"no vendored llama.cpp in {root}; remove {work} and build again")
    return source


def build_server(*, sdist: Path | None = None, jobs: int = 2, quiet: bool = False) -> Path:
    """Build ``llama-server`` for this CPU into the cache's ``bin`` folder; return its path.

    An earlier build with the same flags is reused (cmake rebuilds only what changed).

    Args:
        sdist: a ``llama_cpp_python-0.3.36.tar.gz`` (default: downloaded by pip).
        jobs: parallel compile jobs.
        quiet: send cmake's output to a log file in the build folder instead of the terminal.

    Raises:
        ConfigurationError: cmake or a C++ compiler is missing, or the build failed.
    """
    if shutil.which("cmake") is None:
        raise ConfigurationError(
            "building llama-server needs cmake: pip install cmake (or apt-get install cmake)"
        )
    args = cmake_args()
    work = cache_dir() / "build"
    work.mkdir(parents=True, exist_ok=True)
    source = _sources(work, sdist)
    build = work / f"llama-server-{hashlib.sha256(args.encode()).hexdigest()[:8]}"
    log_path = build.with_suffix(".log")
    steps = [
        ["cmake", "-S", str(source), "-B", str(build), *shlex.split(args), *_FIXED_ARGS],
        ["cmake", "--build", str(build), "--target", BINARY, "-j", str(jobs)],
    ]
    with log_path.open("wb") as log:
        for step in steps:
            out = log if quiet else None
            done = subprocess.run(step, stdout=out, stderr=subprocess.STDOUT if quiet else None)
            if done.returncode != 0:
                raise ConfigurationError(
                    f"building llama-server failed ({shlex.join(step[:3])} …, exit {done.returncode})"
                    + (f"; see {log_path}" if quiet else "")
                    + "; the managed model falls back to llama-cpp-python's server"
                )
    built = build / "bin" / BINARY
    target = binary_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    shutil.copy2(built, tmp)
    tmp.replace(target)
    target.with_suffix(".json").write_text(json.dumps(_stamp(args)) + "\n")
    return target
