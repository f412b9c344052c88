"""Names and places on the labelled development set, without the model (issue 15).

Reads the hand labels of ``tests/devset/labels/`` (or ``--labels DIR``) and measures
the parts of name resolution that need no model call:

- countries and places: how many labelled Arabic names the world data (CLDR,
  GeoNames) resolves to the labelled English (or one of its ``also_en``);
- event places: for each labelled event with a place, whether
  ``_places.location_in`` on its sentence gives that place; for events labelled
  without one, how often it gives one anyway;
- people: how often the consonant-skeleton check accepts the labelled English
  for the labelled Arabic (so a right proposal from the model is kept), how often
  it accepts *another* person's English (a wrong proposal kept), and how often the
  no-model fallbacks (arabic-name-romanizer's dictionary, then rules) spell it right.

    .venv/bin/python bench/names_devset.py [--labels DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path

from libyapk_summ.names._names import Gazetteer
from libyapk_summ.names._places import location_in
from libyapk_summ.names._romanize import romanized
from libyapk_summ.names._translit import transliterate
from libyapk_summ.names._world import world
from libyapk_summ.text._skeleton import renders

ROOT = Path(__file__).resolve().parent.parent


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(w for w in re.split(r"[^a-z]+", text) if w and w not in ("al", "el", "the"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=Path, default=ROOT / "tests" / "devset" / "labels")
    args = parser.parse_args()
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.labels.glob("*.json"))]
    gaz = Gazetteer.default()
    places = places_right = 0
    people = accepted = wrong_accepted = roman_right = roman_given = rules_right = 0
    ev_places = ev_right = ev_none = ev_given_unlabelled = 0
    misses: list[str] = []
    persons: list[tuple[str, set[str]]] = []
    for doc in labels:
        for e in doc.get("entities", []):
            english = {fold(x) for x in [e["en"], *e.get("also_en", [])]}
            if e["kind"] in ("country", "place"):
                places += 1
                got = world().place(e["ar"])
                ok = got is not None and fold(got.name_en) in english
                places_right += ok
                if not ok:
                    misses.append(f"{e['ar']}->{got.name_en if got else None} (label {e['en']})")
            elif e["kind"] == "person":
                people += 1
                persons.append((e["ar"], {x for x in [e["en"], *e.get("also_en", [])]}))
                accepted += any(renders(e["ar"], x) for x in [e["en"], *e.get("also_en", [])])
                r = romanized(e["ar"])
                roman_given += r is not None
                roman_right += r is not None and fold(r) in english
                rules_right += fold(transliterate(e["ar"])) in english
        for ev in doc.get("events", []):
            got = location_in(ev["sentence_ar"], gaz)
            if "place" in ev:
                ev_places += 1
                ok = got is not None and fold(got.name_en) == fold(ev["place"])
                ev_right += ok
                ev_none += got is None
            else:
                ev_given_unlabelled += got is not None
    for i, (ar, _) in enumerate(persons):  # another person's English for this Arabic
        other = persons[(i + 1) % len(persons)][1]
        wrong_accepted += any(renders(ar, x) for x in other)
    n_unlabelled = sum(1 for d in labels for ev in d.get("events", []) if "place" not in ev)
    print(f"labels: {len(labels)} articles")
    print(f"countries/places resolved by world data: {places_right}/{places} right")
    print(f"event places: {ev_right}/{ev_places} right ({ev_none} given none); "
          f"{ev_given_unlabelled}/{n_unlabelled} events labelled without a place got one")  # fmt: skip
    print(f"people: skeleton accepts the labelled English for {accepted}/{people}; "
          f"accepts another person's English for {wrong_accepted}/{people}")  # fmt: skip
    print(f"people without the model: romanizer dictionary answers {roman_given}/{people}, "
          f"right {roman_right}/{people}; rules right {rules_right}/{people}")  # fmt: skip
    print("world misses (first 25):", "; ".join(misses[:25]))


if __name__ == "__main__":
    main()
