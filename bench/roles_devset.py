"""Actors, recipients and places on the labelled development set, rules only, no model (issue 16).

For each labelled event whose sentence the detector finds an event of the labelled PLOVER
root in (the labels' subtypes are finer than the registry's kinds), the labelled actors and
recipients, and the other entities the label lists that the sentence names, are located in
the sentence and read by ``_roles.read`` for that candidate's trigger. Counted: decided
right, on the other side, dropped ("out") though labelled, undecided (None); other names
made a participant or dropped. Places: ``_roles.place_of`` against the label's place, beside
the sentence-wide ``_places.location_in`` it replaces in the pipeline.

    .venv/bin/python bench/roles_devset.py [--labels DIR] [-v]
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from libyapk_summ.article._detect import detect
from libyapk_summ.article._load import Sentence
from libyapk_summ.contract._kinds import root_of
from libyapk_summ.contract._models import Entity
from libyapk_summ.extract import _roles as roles
from libyapk_summ.extract._people import People
from libyapk_summ.names import _places
from libyapk_summ.names._names import Gazetteer
from libyapk_summ.text._arabic import normalize

PARTICIPANT_KINDS = ("person", "organization", "country")


def same_place(got: Entity | None, want: str | None) -> bool:
    return got is not None and want is not None and (want in got.name_en or got.name_en in want)


def score(labels: Path, verbose: bool) -> None:
    gaz = Gazetteer.default()
    stats: collections.Counter[str] = collections.Counter()
    shown: list[str] = []
    for path in sorted(labels.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        for ev in label["events"]:
            text = ev["sentence_ar"]
            sentence = Sentence(1, 0, len(text), text)
            found = [c for c in detect([sentence]) if root_of(c.subtype.value).value == ev["root"]]
            found.sort(key=lambda c: c.subtype.value != ev["subtype"])
            span = roles.trigger_span(found[0]) if found else None
            if span is None:
                stats["events without a candidate of the labelled root"] += 1
                continue
            c = found[0]
            mentions, _ = roles.mentions_in(People(gaz, text), sentence, [])
            sides = {normalize(a): "actor" for a in ev.get("actors_ar", [])}
            sides |= {normalize(r): "recipient" for r in ev.get("recipients_ar", [])}
            for e in label.get("entities", []):
                for ar in [e["ar"], *e.get("also_ar", [])]:
                    sides.setdefault(normalize(ar), "other:" + e.get("kind", "unknown"))
            keys: dict[str, str] = {}
            for name, side in sides.items():
                spans = roles._spans(text, name)
                if not spans:
                    continue
                lo, hi = spans[0]
                cover = next((m for m in mentions if m.start <= lo and hi <= m.end), None)
                if cover is None:
                    kind = "person" if side in ("actor", "recipient") else side.split(":")[1]
                    mentions.append(roles.Mention(lo, hi, name, kind))
                keys[name] = cover.key if cover else name
            reading = roles.read(text, span, c.form, c.subtype.value, mentions, gaz)
            seen: set[str] = set()
            for name, side in sides.items():
                key = keys.get(name)
                if key is None or key in seen:
                    continue
                seen.add(key)
                role = reading.roles.get(key)
                if side in ("actor", "recipient"):
                    verdict = {side: "right", "out": "dropped", None: "undecided"}.get(role, "other side")
                    stats[f"{side}: {verdict}"] += 1
                    if verdict in ("dropped", "other side"):
                        shown.append(f"{side} {verdict}: {name} | {text[:150]}")
                elif side.split(":")[1] in PARTICIPANT_KINDS:
                    verdict = {"out": "dropped", None: "undecided"}.get(role, "made a participant")
                    stats[f"other name: {verdict}"] += 1
            want = ev.get("place")
            places = (("place_of", roles.place_of(c, gaz)), ("sentence-wide", _places.location_in(text, gaz)))
            for tag, got in places:
                if want is None:
                    stats[f"{tag}: none labelled, {'none' if got is None else 'one'} given"] += 1
                else:
                    verdict = "none given" if got is None else "right" if same_place(got, want) else "wrong"
                    stats[f"{tag}: labelled, {verdict}"] += 1
    for key in sorted(stats):
        print(f"{stats[key]:5d}  {key}")
    if verbose:
        print(*shown, sep="\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=Path("tests/devset/labels"))
    parser.add_argument("-v", action="store_true", help="list the wrong and dropped participants")
    args = parser.parse_args()
    score(args.labels, args.v)


if __name__ == "__main__":
    main()
