"""Step 3: prompt templates, loaded from files and checked.

Templates live in ``prompts/`` (in a wheel: ``libyapk_summ/_prompts``) and use
``$name`` placeholders (:class:`string.Template`). Each template's content hash
goes into the cache key of every call that uses it, so editing a prompt
invalidates exactly what it produced; :data:`PROMPT_VERSION` hashes them all.

Every question carries one sentence, not the article: on the 1.5B model the article in
view made it copy names from other sentences, and each question paid for the article's
tokens again (measured: 8,166 prompt tokens per seed article for the participants
questions with the article, 1,176 without). Each kind of call starts with the same system
text, so llama.cpp's KV cache and hosted prompt caches still reuse that prefix.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from .._errors import MissingVariables, PromptError
from .._paths import PACKAGE_DIR

NAMES = ("participants_system", "participants", "translate_system", "translate", "retranslate")


def prompts_dir() -> Path:
    here = PACKAGE_DIR
    for candidate in (here / "_prompts", here.parent / "prompts"):
        if candidate.is_dir():
            return candidate
    raise PromptError(f"no prompt folder found next to {here}; reinstall libyapk-summ")


@dataclass(frozen=True, slots=True)
class PromptTemplate:
    name: str
    text: str
    sha256: str

    @property
    def variables(self) -> frozenset[str]:
        return frozenset(Template(self.text).get_identifiers())

    def render(self, **values: object) -> str:
        """Fill the template.

        Raises:
            MissingVariables: a placeholder has no value.
        """
        missing = self.variables - values.keys()
        if missing:
            raise MissingVariables(self.name, list(missing))
        return Template(self.text).substitute({k: str(v) for k, v in values.items()})


@cache
def load(name: str) -> PromptTemplate:
    """Load one template by name (cached: parsed once per process)."""
    path = prompts_dir() / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PromptError(f"prompt template {path} is missing; restore it from the repository") from exc
    try:
        Template(text).get_identifiers()
        if not Template(text).is_valid():
            raise ValueError("invalid placeholder")
    except ValueError as exc:
        raise PromptError(f"prompt template {path} has a malformed $placeholder: {exc}") from exc
    return PromptTemplate(name, text.strip("\n"), hashlib.sha256(text.encode()).hexdigest())


@cache
def prompt_version() -> str:
    """A short hash of every template: changes whenever any prompt changes."""
    digest = hashlib.sha256()
    for name in NAMES:
        digest.update(load(name).sha256.encode())
    return digest.hexdigest()[:12]


_TEMPLATES = {
    "participants": ("participants_system", "participants"),
    "translate": ("translate_system", "translate"),
    "retranslate": ("translate_system", "translate", "retranslate"),
}


def call_hash(question: str) -> str:
    """The hash of the templates one kind of call uses."""
    parts = (load(name).sha256 for name in _TEMPLATES[question])
    return hashlib.sha256("".join(parts).encode()).hexdigest()[:16]


def participants_messages(**values: object) -> tuple[dict[str, str], ...]:
    """Who took part in what one sentence reports: the sentence alone, after the shared system text.

    Measured on the 1.5B model over the 30 event sentences of the seeds: given the numbered
    article, it named people from other sentences (s11 of seed 004: "the Pakistani army
    chief" and "the three sources", neither in s11); given the sentence alone, it kept to
    it and named more of those the sentence does name.
    """
    return (
        {"role": "system", "content": load("participants_system").text},
        {"role": "user", "content": load("participants").render(**values)},
    )


def translation_messages(**values: object) -> tuple[dict[str, str], ...]:
    """One sentence to translate, without the article around it.

    Measured on the 1.5B model: with the whole article in the prompt it pulled
    facts from other sentences into the translation ("Benghazi, Egypt"; a
    second person in a one-person sentence); given the sentence alone it kept
    to it. The prompt is short, so losing the shared prefix costs little.
    """
    return (
        {"role": "system", "content": load("translate_system").text},
        {"role": "user", "content": load("translate").render(**values)},
    )


def retranslation_turn(previous_json: str, problems: list[str], sentence: str) -> tuple[dict[str, str], ...]:
    """The model's first answer, then its failures named ("'Bahrain' is not in the Arabic",
    "the Arabic reports a plan …") and the Arabic again: what to ask again.

    The Arabic comes last, before the same request as the first turn's. Measured on the 1.5B
    model over a live run of 30 devset articles: when the re-ask ended with an instruction that
    reads like a sentence ("keep what the Arabic says, add nothing it does not say"), the model
    answered with that instruction in 10 of the 28 key points withheld.
    """
    listed = "\n".join(f"- {p}" for p in problems)
    return (
        {"role": "assistant", "content": previous_json},
        {"role": "user", "content": load("retranslate").render(problems=listed, sentence=sentence)},
    )
