import datetime as dt

import pytest

from libyapk_summ import ArticleError, load_article
from libyapk_summ.article._load import detect_published, split_sentences

from .conftest import SEEDS


def test_file_id_is_the_name_without_txt():
    assert load_article(SEEDS[1]).id == "001_9ec3d6118b2bcaaa"


def test_title_is_the_first_non_empty_line():
    article = load_article(text="\n\n  العنوان هنا  \nنص الخبر.")
    assert article.title == "العنوان هنا"


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_text_is_kept_byte_for_byte(path):
    assert load_article(path).text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_sentence_indexes_the_original_text(path):
    text = load_article(path).text
    assert all(text[s.start : s.end] == s.text for s in split_sentences(text))


def test_bom_is_dropped_but_crlf_kept(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeffعنوان\r\nجملة أولى.\r\n".encode())
    article = load_article(f)
    assert article.text == "عنوان\r\nجملة أولى.\r\n"
    assert [s.text for s in split_sentences(article.text)] == ["عنوان", "جملة أولى."]


def test_date_stamp_gives_publication_date():
    published = load_article(SEEDS[4]).published
    assert (published.value, published.method) == (dt.date(2026, 2, 4), "date_stamp")


@pytest.mark.parametrize(
    "line, day",
    [
        # a news agency's dateline: place, Hijri date, "corresponding to", Gregorian date, agency
        ("القاهرة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس", dt.date(2015, 8, 10)),
        ("أبو ظبي 3 ربيع الأول 1447 هـ الموافق 26 أغسطس 2025 م وام", dt.date(2025, 8, 26)),
        # a sentence that carries both dates is about an event, not the article
        ("وصل الوزير في 25 شوال 1436هـ الموافق 10 أغسطس 2015م إلى القاهرة لبحث التعاون", None),
        ("وصل الوزير إلى القاهرة يوم 3 فبراير 2026", None),
    ],
)
def test_a_dateline_with_its_hijri_equivalent_gives_the_gregorian_publication_date(line, day):
    article = load_article(text=f"عنوان الخبر\n{line}\nتلقى الوزير اتصالا هاتفيا من نظيره.")
    if day is None:
        assert article.published is None
        return
    ev = article.published.evidence
    assert (article.published.value, article.published.method) == (day, "date_stamp")
    assert article.text[ev.start : ev.end] == ev.quote_ar and ev.quote_ar in line


def test_today_phrase_gives_publication_date_with_its_evidence():
    article = load_article(SEEDS[1])
    ev = article.published.evidence
    assert article.published.value == dt.date(2026, 2, 3)
    assert article.text[ev.start : ev.end] == ev.quote_ar == "اليوم الثلاثاء 3 فبراير 2026"


def test_today_phrase_with_wrong_weekday_is_not_trusted():
    assert detect_published("اليوم الأربعاء 3 فبراير 2026، عقد اجتماع.") is None


@pytest.mark.parametrize("path", [SEEDS[0], SEEDS[2], SEEDS[3]], ids=lambda p: p.stem)
def test_no_stated_date_means_unknown(path):
    assert load_article(path).published is None


def test_given_date_wins_over_detection():
    article = load_article(SEEDS[4], published=dt.date(2026, 2, 5))
    assert (article.published.value, article.published.method) == (dt.date(2026, 2, 5), "given")


def test_naive_datetime_is_refused():
    with pytest.raises(ArticleError, match="timezone-aware"):
        load_article(text="نص.", published=dt.datetime(2026, 2, 4, 7, 18))


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"\x00\x01\x02", "binary"), (b"caf\xe9", "UTF-8")],
)
def test_unusable_files_raise_clear_errors(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        load_article(f)


def test_missing_path_says_so(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_too_long_article_names_the_limit():
    with pytest.raises(ArticleError, match="over the limit"):
        load_article(text="ا" * 300_000)


def test_text_without_id_gets_a_stable_hash_id():
    assert load_article(text="خبر.").id == load_article(text="خبر.").id != load_article(text="خبر آخر.").id
