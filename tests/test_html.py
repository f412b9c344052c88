"""The HTML report and the notebook views: escaped, grounded, right to left, offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from libyapk_summ import Settings, build_dossier, report_html, summarize_many
from libyapk_summ.render._html_assets import JS, script_hash
from libyapk_summ.render._html_parts import evidence_spans, highlight

from .conftest import SEEDS, under_hash_seeds
from .hostile import hostile_report


class Page(HTMLParser):
    """Collects each mark's text (nested marks included) and every start tag with its attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: dict[str, str] = {}
        self._open: list[str | None] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            ident = dict(attrs).get("id")
            self._open.append(ident)
            if ident:
                self.marks[ident] = ""

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "mark":
            self._open.pop()

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        for ident in self._open:
            if ident:
                self.marks[ident] += data


@pytest.fixture(scope="module")
def seeds():
    reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
    return reports, build_dossier(reports)


@pytest.fixture(scope="module")
def seed_page(seeds):
    return report_html(*seeds)


@pytest.fixture(scope="module")
def hostile_page():
    report = hostile_report()
    return report_html([report], build_dossier([report]))


def test_markup_in_the_article_and_model_output_is_escaped(hostile_page):
    assert re.findall(r"<(?:script|img|svg)\b", hostile_page) == ["<script"]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in hostile_page
    assert "&lt;img src=x onerror=&quot;window.__pwned=1;alert(1)&quot;&gt;" in hostile_page


def test_the_only_script_is_the_reports_own(hostile_page):
    scripts = re.findall(r"<script>(.*?)</script>", hostile_page, re.S)
    assert scripts == [JS]


def test_no_event_handler_attribute_reaches_the_page(hostile_page):
    attrs = {name for _, attrs in Page(hostile_page).tags for name in attrs}
    assert not {a for a in attrs if a.startswith("on")}


def test_a_javascript_url_is_not_a_link(hostile_page):
    hrefs = [attrs.get("href") or "" for tag, attrs in Page(hostile_page).tags if tag == "a"]
    assert hrefs and all(h.startswith("#") for h in hrefs)


def test_csp_lets_only_the_reports_script_run(seed_page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', seed_page).group(1)
    assert "default-src &#x27;none&#x27;" in csp and script_hash().replace("'", "&#x27;") in csp


def test_every_evidence_span_is_a_mark_whose_text_is_the_quote(seeds, seed_page):
    marks = Page(seed_page).marks
    by_text: dict[str, set[str]] = {}
    for ident, text in marks.items():
        by_text.setdefault(ident.split("-")[0], set()).add(text)
    for n, report in enumerate(seeds[0], 1):
        quotes = {ev.quote_ar for ev in evidence_spans(report)}
        assert quotes <= by_text[f"a{n}"], report.article.id


def test_each_event_links_to_its_evidence_marks(seed_page):
    page = Page(seed_page)
    rows = [
        attrs for tag, attrs in page.tags if tag == "tr" and re.fullmatch(r"a\d+-e\d+", attrs.get("id") or "")
    ]
    assert rows and all(set((r["data-spans"] or "").split()) <= set(page.marks) for r in rows)


def test_arabic_blocks_are_right_to_left(seed_page):
    arabic = [attrs for _, attrs in Page(seed_page).tags if attrs.get("lang") == "ar"]
    assert len(arabic) >= 3 * len(SEEDS) and all(a.get("dir") == "rtl" for a in arabic)


def test_the_arabic_font_stack_needs_no_download(seed_page):
    assert '[lang="ar"] { font-family: "Noto Naskh Arabic", "Amiri"' in seed_page
    assert "@font-face" not in seed_page


def test_the_page_loads_nothing_from_outside(seed_page):
    tags = Page(seed_page).tags
    assert not [t for t, attrs in tags if "src" in attrs or t in ("link", "iframe", "object", "embed")]
    assert not re.search(r"https?://|@import|url\(", seed_page)


def test_the_dossier_links_each_source_to_its_article_event(seed_page):
    assert 'href="#a2-e1"' in seed_page and 'id="timeline"' in seed_page
    assert "Disagreements (1)" in seed_page


def test_without_a_dossier_the_page_has_articles_only(seeds):
    page = report_html(seeds[0])
    assert 'id="dossier"' not in page and 'id="a5"' in page


SEED_PAGE = """
import sys
from tests.conftest import SEEDS
from libyapk_summ import Settings, build_dossier, report_html, summarize_many
reports = summarize_many(SEEDS, settings=Settings(mode="replay", use_cache=False), progress=False)
sys.stdout.buffer.write(report_html(reports, build_dossier(reports)).encode("utf-8"))
"""


def test_the_same_reports_give_the_same_page():
    first, second = under_hash_seeds(SEED_PAGE)
    assert first.startswith(b"<!doctype html>") and first == second


def test_failed_articles_in_the_list_are_skipped(seeds):
    reports, _ = seeds
    assert report_html([RuntimeError("failed"), reports[0]]) == report_html([reports[0]])


def test_nested_spans_nest():
    assert highlight("abcdef", {(0, 6): "o", (2, 4): "i"}) == (
        '<mark id="o" data-span="o">ab<mark id="i" data-span="i">cd</mark>ef</mark>'
    )


def test_crossing_spans_split_the_later_one():
    assert highlight("abcdef", {(0, 4): "x", (2, 6): "y"}) == (
        '<mark id="x" data-span="x">ab<mark id="y" data-span="y">cd</mark></mark>'
        '<mark data-span="y">ef</mark>'
    )


def test_text_between_spans_is_escaped_piece_by_piece():
    assert highlight("<a>&<b>", {(3, 4): "m"}) == '&lt;a&gt;<mark id="m" data-span="m">&amp;</mark>&lt;b&gt;'


def test_a_span_whose_offsets_miss_its_quote_is_not_highlighted(seeds):
    report = seeds[0][1].model_copy(deep=True)
    report.events[0].evidence[0].start += 1
    marks = Page(report_html([report])).marks.values()
    assert report.events[0].evidence[0].quote_ar in marks  # its twin span (a key point) is still there
    assert (
        report.article.text[report.events[0].evidence[0].start : report.events[0].evidence[0].end]
        not in marks
    )
