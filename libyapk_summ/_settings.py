"""Configuration: explicit arguments, then a frozen :class:`Settings`, then environment variables.

Environment variables read (last in precedence): ``OPENAI_API_KEY``,
``OPENAI_BASE_URL``, ``LIBYAPK_SUMM_MODE``, ``LIBYAPK_SUMM_MODEL``,
``LIBYAPK_SUMM_CACHE_DIR``, ``LIBYAPK_SUMM_FIXTURES``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ._paths import PACKAGE_DIR

MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m"
"""The model a run asks for unless told otherwise: the pinned local one, whose GGUF
``backends._weights`` assembles (and the alias the managed server gives it)."""

Mode = Literal["auto", "replay", "record", "live", "local"]
MODES: tuple[Mode, ...] = ("auto", "replay", "record", "live", "local")


def default_fixtures_dir() -> Path:
    here = PACKAGE_DIR
    for candidate in (here / "_fixtures", here.parent / "fixtures"):
        if candidate.is_dir():
            return candidate
    return here.parent / "fixtures"


@dataclass(frozen=True, slots=True)
class Settings:
    """How to reach a model, and where to keep answers.

    Attributes:
        mode: ``auto`` replays what is recorded and asks the configured backend
            for the rest; ``replay`` uses fixtures only; ``live`` calls
            ``base_url``; ``local`` starts the pinned llama.cpp model;
            ``record`` calls live (or local) and writes fixtures.
        record_missing: with ``record``, answer what is recorded from its fixture and call
            the model only for the rest (a new or changed question), so a prompt change does
            not mean re-recording every article.
        base_url: an OpenAI-compatible endpoint (OpenAI, llama.cpp, Ollama, vLLM).
        api_key: the key for ``base_url`` (never printed or stored).
        model: the model name sent to the backend (and part of every cache key).
        dialect: how schemas are sent; ``auto`` asks a loopback server what it is.
        cache_dir: the response cache folder; None for the default.
        use_cache: set False to bypass the cache.
        fixtures_dir: where recorded responses are read and written.
        concurrency: the most requests in flight at once.
        reasks: re-asks after an answer fails validation.
        retries: transport attempts per request (429, 5xx, timeouts).
        timeout: seconds one request may take before it counts as a timeout.
    """

    mode: Mode = "auto"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str = MODEL_NAME
    dialect: Literal["auto", "json_schema", "llamacpp"] = "auto"
    cache_dir: Path | None = None
    use_cache: bool = True
    fixtures_dir: Path = field(default_factory=default_fixtures_dir)
    record_missing: bool = False
    concurrency: int = 4
    reasks: int = 2
    retries: int = 5
    timeout: float = 300.0

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from the environment, with explicit ``overrides`` winning (None = not given)."""
        env = os.environ
        values: dict[str, object] = {}
        if env.get("LIBYAPK_SUMM_MODE"):
            values["mode"] = env["LIBYAPK_SUMM_MODE"]
        if env.get("OPENAI_BASE_URL"):
            values["base_url"] = env["OPENAI_BASE_URL"]
        if env.get("OPENAI_API_KEY"):
            values["api_key"] = env["OPENAI_API_KEY"]
        if env.get("LIBYAPK_SUMM_MODEL"):
            values["model"] = env["LIBYAPK_SUMM_MODEL"]
        if env.get("LIBYAPK_SUMM_CACHE_DIR"):
            values["cache_dir"] = Path(env["LIBYAPK_SUMM_CACHE_DIR"])
        if env.get("LIBYAPK_SUMM_FIXTURES"):
            values["fixtures_dir"] = Path(env["LIBYAPK_SUMM_FIXTURES"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        settings.check()
        return settings

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def check(self) -> None:
        from ._errors import ConfigurationError

        if self.mode not in MODES:
            raise ConfigurationError(f"unknown mode {self.mode!r}; use one of {', '.join(MODES)}")
        if self.concurrency < 1:
            raise ConfigurationError("concurrency must be at least 1")
        if self.mode == "live" and not (self.base_url or self.api_key):
            raise ConfigurationError(
                "--mode live needs a backend: pass --base-url URL (e.g. http://127.0.0.1:8080/v1 for a "
                "llama.cpp, Ollama or vLLM server) or set OPENAI_API_KEY for OpenAI, and --model NAME"
            )

    @property
    def has_backend(self) -> bool:
        return bool(self.base_url or self.api_key)
