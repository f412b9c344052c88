"""The scorecard against hand labels of real articles (``libyapk-summ eval --labels DIR``).

Reports are matched to labels by article id. An event of a report *finds* a labelled event
when both have the same PLOVER root and one of the report's evidence spans overlaps the
labelled sentence in the text; each is matched at most once. An entity of a report is matched
to a labelled entity through its Arabic (token containment, after normalisation and without
the article and one-letter clitics), and its English is right when it equals the labelled
English or one of its accepted spellings (case, accents, hyphens and al-/el- aside).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from ..contract._models import ArticleReport, Brief, Entity
from ._devset_labels import (
    ArticleLabels,
    LabelledEntity,
    LabelledEvent,
    TranslationKey,
    contains_tokens,
    name_tokens,
)


@dataclass
class EventView:
    """What the scorer needs of one produced event (from a report, or from detection alone)."""

    root: str
    spans: list[tuple[int, int]]
    location: Entity | None = None
    entities: list[Entity] = field(default_factory=list)
    date_start: str | None = None
    precision: str | None = None


def views_of(report: ArticleReport) -> list[EventView]:
    """The events of a report as the scorer sees them."""
    return [
        EventView(
            root=str(ev.type),
            spans=[(e.start, e.end) for e in ev.evidence],
            location=ev.location,
            entities=ev.actors + ev.recipients + ([ev.location] if ev.location else []),
            date_start=ev.date.start.isoformat() if ev.date.start else None,
            precision=ev.date.precision,
        )
        for ev in report.events
    ]


_tokens = name_tokens
_contains = contains_tokens


def _en(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[-‐'’ʿʾ`.]", " ", s)
    s = re.sub(r"\b(?:el|al|ul|ad|ash|as|at|az|an|ar)\s+", "al ", s)
    return " ".join(s.split())


def english_right(entity: LabelledEntity, name_en: str) -> bool:
    """Whether an English name is the labelled one or an accepted spelling of it."""
    return _en(name_en) in {_en(n) for n in [entity.en, *entity.also_en]}


def match_entity(
    labels: ArticleLabels, name_ar: str, name_en: str = "", kind: str = ""
) -> LabelledEntity | None:
    """The labelled entity an Arabic name refers to.

    When the name holds several ("وزير خارجية روسيا سيرجي لافروف"), the one whose English fits
    comes first, then one of the produced entity's kind, then a person, then the longest.
    """
    got = _tokens(name_ar)
    hits = [
        ent for ent in labels.entities
        if any(_contains(got, t) or _contains(t, got) for t in map(_tokens, [ent.ar, *ent.also_ar]))
    ]  # fmt: skip
    if not hits:
        return None

    def rank(ent: LabelledEntity) -> tuple[bool, bool, bool, int]:
        fits = bool(name_en) and english_right(ent, name_en)
        return fits, ent.kind == kind, ent.kind == "person", len(_tokens(ent.ar))

    return max(hits, key=rank)


def is_description(labels: ArticleLabels, name_ar: str) -> bool:
    got = _tokens(name_ar)
    return any(len(d) == len(got) and _contains(d, got) for d in map(_tokens, labels.descriptions))


def _span(text: str, event: LabelledEvent) -> tuple[int, int] | None:
    start = text.find(event.sentence_ar)
    return None if start < 0 else (start, start + len(event.sentence_ar))


def match_events(text: str, labels: ArticleLabels, views: list[EventView]) -> dict[str, int]:
    """Labelled event id → index of the produced event that finds it (one to one, in order)."""
    used: set[int] = set()
    out: dict[str, int] = {}
    for ev in labels.events:
        span = _span(text, ev)
        if span is None:
            continue
        for i, v in enumerate(views):
            if i in used or v.root != ev.root.value:
                continue
            if any(s < span[1] and span[0] < e for s, e in v.spans):
                out[ev.id] = i
                used.add(i)
                break
    return out


@dataclass
class DevsetCard:
    """Figures over a labelled set; see :meth:`render`."""

    articles: int = 0
    detect_only: bool = False
    person_mentions: int = 0
    person_right: int = 0
    entities: int = 0
    junk: int = 0
    junk_examples: list[str] = field(default_factory=list)
    wrong_names: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)
    place_events: int = 0
    place_right: int = 0
    main_events: int = 0
    main_found: int = 0
    labelled_by_root: Counter[str] = field(default_factory=Counter)
    found_by_root: Counter[str] = field(default_factory=Counter)
    spurious_by_root: Counter[str] = field(default_factory=Counter)
    off_topic_articles: int = 0
    off_topic_events: int = 0
    dated_events: int = 0
    dates_right: int = 0
    flags_raised: int | None = None
    missed: list[str] = field(default_factory=list)
    headline_status: Counter[str] = field(default_factory=Counter)
    flag_counts: Counter[str] = field(default_factory=Counter)
    """Labelled translations met in the briefs: ``tp`` (unfaithful, failed a check), ``fn``
    (unfaithful, passed), ``fp`` (faithful, failed), ``tn`` (faithful, passed)."""
    flag_errors: list[str] = field(default_factory=list)
    key_point_status: Counter[str] = field(default_factory=Counter)

    def render(self, *, details: bool = False) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"

        na = "n/a (detection only)" if self.detect_only else None
        lines = [f"labelled articles             {self.articles}"]
        lines += [
            f"person names right in English {na or pct(self.person_right, self.person_mentions)}",
            f"junk entities                 {na or pct(self.junk, self.entities)}",
            f"event places right            {na or pct(self.place_right, self.place_events)}",
            f"event dates right             {na or pct(self.dates_right, self.dated_events)}",
            f"main event found              {pct(self.main_found, self.main_events)}",
            f"events on off-topic controls  {self.off_topic_events} (in {self.off_topic_articles} articles)",
            "events by root                labelled  found  spurious",
        ]
        roots = sorted(set(self.labelled_by_root) | set(self.spurious_by_root))
        for root in roots:
            n, f, s = self.labelled_by_root[root], self.found_by_root[root], self.spurious_by_root[root]
            lines.append(f"    {root:<26}{n:>8}  {f:>5}  {s:>8}")
        tot = (sum(self.labelled_by_root.values()), sum(self.found_by_root.values()))
        lines.append(f"    {'all':<26}{tot[0]:>8}  {tot[1]:>5}  {sum(self.spurious_by_root.values()):>8}")
        flags = "n/a (detection only)" if self.detect_only else f"{self.flags_raised} raised"
        lines.append(f"English-vs-source flags       {flags}; {_flag_scores(self.flag_counts)}")
        if not self.detect_only:
            lines.append(f"English headline              {_statuses(self.headline_status)}")
            lines.append(f"English key points            {_statuses(self.key_point_status)}")
        if details:
            lines += [f"    missed: {m}" for m in self.missed]
            lines += [f"    wrong name: {m}" for m in self.wrong_names]
            lines += [f"    wrong place: {m}" for m in self.wrong_places]
            lines += [f"    junk: {m}" for m in self.junk_examples]
            lines += [f"    flag: {m}" for m in self.flag_errors]
        return "\n".join(lines)


def _flag_scores(c: Counter[str]) -> str:
    """The per-sentence checks against labelled translations: precision and recall of a failure."""
    n = sum(c.values())
    if not n:
        return "false / missed: n/a (no labelled translation in these briefs)"
    flagged, bad = c["tp"] + c["fp"], c["tp"] + c["fn"]
    p = f"{100 * c['tp'] / flagged:.1f}% ({c['tp']}/{flagged})" if flagged else "n/a"
    r = f"{100 * c['tp'] / bad:.1f}% ({c['tp']}/{bad})" if bad else "n/a"
    return f"on {n} labelled translations: {c['fp']} false, {c['fn']} missed; precision {p}, recall {r}"


def _score_flags(card: DevsetCard, article: str, brief: Brief, faithful: dict[TranslationKey, bool]) -> None:
    for unit in brief.sentences:
        label = faithful.get((article, unit.unit, unit.translation.strip()))
        if label is None:
            continue
        failed = unit.status != "checked"
        key = ("fp" if failed else "tn") if label else ("tp" if failed else "fn")
        card.flag_counts[key] += 1
        if key in ("fp", "fn"):
            what = "false flag" if key == "fp" else "missed"
            card.flag_errors.append(f"{article}:{unit.unit} {what}: {unit.translation}")


def _statuses(counts: Counter[str]) -> str:
    """``12: 7 checked, 3 composed, 2 withheld (16.7% withheld)``."""
    n = sum(counts.values())
    if not n:
        return "n/a"
    parts = ", ".join(f"{counts[s]} {s}" for s in ("checked", "composed", "withheld"))
    return f"{n}: {parts} ({100 * counts['withheld'] / n:.1f}% withheld)"


class DevsetItem(NamedTuple):
    """One scored article: its text, labels, produced events and flags, and its brief (``None``
    with detection alone)."""

    text: str
    labels: ArticleLabels
    views: list[EventView]
    flags: int | None
    brief: Brief | None = None


def _score_entities(card: DevsetCard, labels: ArticleLabels, views: list[EventView]) -> None:
    for v in views:
        for ent in v.entities:
            card.entities += 1
            described = is_description(labels, ent.name_ar)
            hit = None if described else match_entity(labels, ent.name_ar, ent.name_en, ent.kind)
            if hit is None:
                card.junk += 1
                card.junk_examples.append(f"{labels.id}: {ent.name_ar} → {ent.name_en}")
            elif hit.kind == "person":
                card.person_mentions += 1
                if english_right(hit, ent.name_en):
                    card.person_right += 1
                else:
                    card.wrong_names.append(f"{labels.id}: {ent.name_ar} → {ent.name_en} (want {hit.en})")


def _place_right(labels: ArticleLabels, want: str, got: Entity | None) -> bool:
    if got is None:
        return False
    known = next((e for e in labels.entities if english_right(e, want)), None)
    return english_right(known, got.name_en) if known else _en(want) == _en(got.name_en)


def score_devset(
    items: Iterable[tuple[str, ArticleLabels, list[EventView], int | None] | DevsetItem],
    *,
    detect_only: bool = False,
    translations: dict[TranslationKey, bool] | None = None,
) -> DevsetCard:
    """Score produced events against labels.

    Args:
        items: per article, a :class:`DevsetItem` or the tuple ``(text, labels, events, flags)``:
            the article text, its labels, its produced events (:func:`views_of`), how many
            English-vs-source flags its report raised (``None`` with detection alone) and its
            brief, whose English is counted by status (checked, composed, withheld).
        detect_only: the events come from detection alone (no names, places or flags).
        translations: labelled translations (:func:`~._devset_labels.load_translation_labels`):
            each one a brief holds word for word scores the per-sentence checks (a translation
            counts as flagged when it failed one and was withheld or replaced).

    Returns:
        The :class:`DevsetCard`.
    """
    card = DevsetCard(detect_only=detect_only, flags_raised=None if detect_only else 0)
    for item in items:
        text, labels, views, flags, brief = DevsetItem(*item)
        card.articles += 1
        if brief is not None:
            card.headline_status[brief.headline_status] += 1
            card.key_point_status.update(k.status for k in brief.key_points)
            if translations:
                _score_flags(card, labels.id, brief, translations)
        if flags is not None and card.flags_raised is not None:
            card.flags_raised += flags
        if labels.off_topic:
            card.off_topic_articles += 1
            card.off_topic_events += len(views)
            continue
        matched = match_events(text, labels, views)
        for ev in labels.events:
            i = matched.get(ev.id)
            if ev.required:
                card.labelled_by_root[ev.root.value] += 1
                if i is None:
                    card.missed.append(f"{labels.id} {ev.id} {ev.root.value}/{ev.subtype}: {ev.what}")
                else:
                    card.found_by_root[ev.root.value] += 1
            if i is None:
                continue
            if ev.place:
                card.place_events += 1
                got = views[i].location
                if _place_right(labels, ev.place, got):
                    card.place_right += 1
                else:
                    said = f"{got.name_ar} → {got.name_en}" if got else "none"
                    card.wrong_places.append(f"{labels.id} {ev.id}: {said} (want {ev.place})")
            if ev.date:
                card.dated_events += 1
                card.dates_right += (views[i].date_start == ev.date.start.isoformat()
                                     and views[i].precision == ev.date.precision)  # fmt: skip
        for i, v in enumerate(views):
            if i not in matched.values():
                card.spurious_by_root[v.root] += 1
        if labels.main_event:
            card.main_events += 1
            card.main_found += labels.main_event in matched
        if not detect_only:
            _score_entities(card, labels, views)
    return card


def detect_views(text: str) -> list[EventView]:
    """The events rule-based detection alone finds in a text (one per candidate, no model).

    Unlike a report, candidates are not merged across sentences, so a story told twice
    counts twice here.
    """
    from ..article._detect import detect
    from ..article._load import split_sentences
    from ..contract._models import SUBTYPE_TO_TYPE

    out = []
    for c in detect(split_sentences(text)):
        if c.anaphoric:
            continue
        root = getattr(c, "root", None) or SUBTYPE_TO_TYPE[c.subtype]
        out.append(EventView(root=str(root), spans=[(c.sentence.start, c.sentence.end)]))
    return out


def run_labelled(args, summarize) -> int:  # type: ignore[no-untyped-def]
    """``libyapk-summ eval PATHS --labels DIR [--detect-only]``: print the labelled scorecard."""
    import sys

    from .._errors import LibyapkError
    from ..article._inputs import expand_paths
    from ..article._load import load_article
    from ..extract._check import english_mismatches
    from ._devset_labels import load_labels, load_translation_labels

    labels = load_labels(args.labels)
    # Read before the run, so a wrong path costs nothing the run would have produced.
    translations = load_translation_labels(args.flag_labels) if args.flag_labels else None
    paths = [p for p in expand_paths(args.paths) if p.stem in labels]
    if not paths:
        print(f"error: none of these articles has a label in {args.labels}", file=sys.stderr)
        return 2
    items: list[DevsetItem] = []
    failed = 0
    if args.detect_only:
        for p in paths:
            text = load_article(p).text
            items.append(DevsetItem(text, labels[p.stem], detect_views(text), None))
    else:
        args.paths = [str(p) for p in paths]
        _, results, pipeline = summarize(args)
        for p, r in zip(paths, results, strict=True):
            if isinstance(r, LibyapkError):
                print(f"failed: {p}: {r}", file=sys.stderr)
                failed += 1
                continue
            flags = len(english_mismatches(r, pipeline.gazetteer))
            items.append(DevsetItem(r.article.text, labels[p.stem], views_of(r), flags, r.brief))
    card = score_devset(items, detect_only=args.detect_only, translations=translations)
    print(card.render(details=args.details))
    return 1 if failed else 0
