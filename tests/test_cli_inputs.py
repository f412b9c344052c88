"""What the command line reads and says: corpora, encodings, given fields, help, options."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from libyapk_summ import ArticleReport
from libyapk_summ.cli import SUBCOMMANDS, _parser, main

from .conftest import SEEDS

REPLAY = ["--mode", "replay", "--no-cache", "--quiet"]
DATES = ["2026-02-01", "2026-02-02T09:30:00+02:00", "3/2/2026", "4 فبراير 2026", "February 5, 2026"]


def reports(folder) -> list[ArticleReport]:
    lines = (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [ArticleReport.model_validate_json(line) for line in lines]


def seed_records() -> list[dict[str, str]]:
    return [
        {
            "id": p.stem,
            "text": p.read_text(encoding="utf-8"),
            "published": d,
            "url": f"https://example.org/{n}",
        }
        for n, (p, d) in enumerate(zip(SEEDS, DATES, strict=True))
    ]


def test_jsonl_corpus_of_the_seeds_gives_five_reports_with_their_dates(tmp_path):
    corpus = tmp_path / "seeds.jsonl"
    corpus.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records()), encoding="utf-8"
    )
    assert main(["brief", str(corpus), "--out", str(tmp_path / "out"), *REPLAY]) == 0
    got = reports(tmp_path / "out")
    assert [r.article.id for r in got] == [p.stem for p in SEEDS]
    assert [str(r.article.published.value)[:10] for r in got] == [f"2026-02-0{n}" for n in range(1, 6)]
    assert {r.article.published.method for r in got} == {"given"}
    assert got[1].article.url == "https://example.org/1"


def test_csv_corpus_is_read_like_jsonl(tmp_path):
    corpus = tmp_path / "seeds.csv"
    with open(corpus, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["id", "title", "text", "published"])
        writer.writeheader()
        for r in seed_records()[:2]:
            writer.writerow({"id": r["id"], "title": "عنوان", "text": r["text"], "published": r["published"]})
    assert main(["brief", str(corpus), "--out", str(tmp_path / "out"), *REPLAY]) == 0
    got = reports(tmp_path / "out")
    assert [r.article.id for r in got] == [p.stem for p in SEEDS[:2]] and got[0].article.title == "عنوان"


def test_a_bad_record_fails_alone_naming_its_line(tmp_path):
    records = seed_records()[:1]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(records[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    assert main(["brief", str(corpus), "--out", str(tmp_path / "out"), *REPLAY]) == 1
    failure = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert failure["path"] == f"{corpus}:2" and "JSON" in failure["message"]


def test_windows_1256_copy_of_a_seed_gives_the_same_report_as_the_utf8_seed(tmp_path):
    legacy = tmp_path / "in" / SEEDS[1].name
    legacy.parent.mkdir()
    legacy.write_bytes(SEEDS[1].read_text(encoding="utf-8").encode("cp1256"))
    assert main(["brief", str(SEEDS[1]), "--out", str(tmp_path / "utf8"), *REPLAY]) == 0
    assert main(["brief", str(legacy), "--out", str(tmp_path / "cp1256"), *REPLAY]) == 0
    a, b = reports(tmp_path / "utf8")[0], reports(tmp_path / "cp1256")[0]
    assert a.model_dump(exclude={"provenance"}) == b.model_dump(exclude={"provenance"})
    ev = b.events[0].evidence[0]
    assert b.article.text[ev.start : ev.end] == ev.quote_ar


def test_named_encoding_is_used(tmp_path):
    legacy = tmp_path / SEEDS[1].name
    legacy.write_bytes(SEEDS[1].read_text(encoding="utf-8").encode("iso-8859-6"))
    assert (
        main(["brief", str(legacy), "--encoding", "iso-8859-6", "--out", str(tmp_path / "o"), *REPLAY]) == 0
    )


def test_published_source_and_url_are_given_to_a_single_file(tmp_path):
    args = ["--published", "1/2/2026", "--source", "Outlet", "--url", "https://example.org/a"]
    assert main(["brief", str(SEEDS[0]), *args, "--out", str(tmp_path / "o"), *REPLAY]) == 0
    a = reports(tmp_path / "o")[0].article
    assert (a.published.value, a.source, a.url) == (dt.date(2026, 2, 1), "Outlet", "https://example.org/a")


def test_url_with_several_articles_is_refused(tmp_path, capsys):
    args = ["--url", "https://example.org/a", "--out", str(tmp_path / "o")]
    assert main(["brief", str(SEEDS[0]), str(SEEDS[1]), *args, *REPLAY]) == 2
    assert "one article only" in capsys.readouterr().err


def test_skipped_files_in_a_folder_are_named(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / SEEDS[1].name).write_bytes(SEEDS[1].read_bytes())
    (tmp_path / "in" / "report.docx").write_bytes(b"PK")
    (tmp_path / "in" / "scan.pdf").write_bytes(b"%PDF")
    assert main(["brief", str(tmp_path / "in"), "--out", str(tmp_path / "o"), *REPLAY]) == 0
    err = capsys.readouterr().err
    assert "skipped: " in err and "report.docx" in err and "scan.pdf" in err
    assert len(json.loads((tmp_path / "o" / "run.json").read_text(encoding="utf-8"))["skipped"]) == 2


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("libyapk-summ ")


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_subcommand_has_a_description_and_every_option_help(name):
    sub = next(a for a in _parser()._actions if a.dest == "command").choices[name]
    assert sub.description
    assert all(a.help for a in sub._actions), [a.dest for a in sub._actions if not a.help]


def test_help_shows_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["brief", "--help"])
    assert "(default: out)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("value", ["0", "-3", "x"])
def test_concurrency_below_one_is_refused(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["brief", str(SEEDS[0]), "--concurrency", value])
    assert exit_.value.code == 2 and "--concurrency" in capsys.readouterr().err


def test_eval_out_writes_the_scorecard_json(tmp_path):
    assert main(["eval", str(SEEDS[1]), "--out", str(tmp_path), *REPLAY]) == 0
    card = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))
    assert card["articles"] == 1 and card["spans"] == card["spans_verified"] > 0
    assert sum(card["precision"].values()) == card["events"]
