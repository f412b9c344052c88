import json

from libyapk_summ import ArticleReport
from libyapk_summ.cli import expand_paths, main

from .conftest import SEEDS


def test_brief_on_the_seeds_replays_offline_and_writes_jsonl(tmp_path, capsys):
    assert main(["brief", str(SEEDS[0].parent), "--out", str(tmp_path), "--mode", "replay"]) == 0
    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    reports = [ArticleReport.model_validate_json(line) for line in lines]
    assert [r.article.id for r in reports] == [p.stem for p in SEEDS]
    assert all(r.provenance.replayed for r in reports)
    assert "━━ 000_83b43ab86975311a" in capsys.readouterr().out


def test_unrecorded_article_without_backend_says_what_to_do(tmp_path, capsys):
    article = tmp_path / "new.txt"
    article.write_text(
        "عنوان\nعقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون.", encoding="utf-8"
    )
    assert main(["brief", str(article), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert (
        "--base-url" in err and "OPENAI_API_KEY" in err and "--mode local" in err and "Traceback" not in err
    )
    failure = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert failure["error"] == "FixtureMissingError"


def test_live_mode_without_backend_is_a_usage_error(tmp_path, capsys):
    assert main(["brief", str(SEEDS[1]), "--mode", "live", "--out", str(tmp_path)]) == 2
    assert "--base-url" in capsys.readouterr().err


def test_folder_without_articles_is_a_usage_error(tmp_path, capsys):
    assert main(["brief", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "has no .txt, .jsonl or .csv articles" in capsys.readouterr().err


def test_quiet_prints_no_digest(tmp_path, capsys):
    assert main(["brief", str(SEEDS[1]), "--out", str(tmp_path), "--mode", "replay", "--quiet"]) == 0
    assert capsys.readouterr().out == ""


def test_eval_prints_the_scorecard_with_labelled_facts(capsys):
    facts = SEEDS[0].parent.parent / "tests" / "labelled_facts.json"
    assert main(["eval", str(SEEDS[0].parent), "--mode", "replay", "--facts", str(facts), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "evidence verified             100.0%" in out and "labelled facts found" in out


def test_a_file_named_twice_is_summarised_once():
    assert expand_paths([str(SEEDS[0].parent), str(SEEDS[1])]) == SEEDS


def test_failures_name_the_article_and_the_call(tmp_path):
    article = tmp_path / "new.txt"
    article.write_text(
        "عنوان\nعقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون.", encoding="utf-8"
    )
    main(["brief", str(article), "--out", str(tmp_path / "out"), "--quiet"])
    failure = json.loads((tmp_path / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    assert failure["id"] == "new" and failure["call"].startswith(("participants", "translate"))
