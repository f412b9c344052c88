"""An article and model answers that try to run script in the HTML report, for the escaping tests."""

from __future__ import annotations

from libyapk_summ import Article, ArticleReport, Entity, summarize
from libyapk_summ.extract._questions import TranslationAnswer
from libyapk_summ.testing import FakeBackend, canned_answer

EVIL = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1;alert(1)">'
TEXT = (
    "خبر عاجل <script>window.__pwned=1;alert(1)</script>\n"
    "عقد وزير الخارجية اجتماعا مع نظيره الباكستاني في طرابلس لبحث التعاون "
    '<img src=x onerror="window.__pwned=1;alert(1)">.\n'
    "وقال الوزير إن الزيارة مهمة </textarea></mark><svg onload=window.__pwned=1> & 'تاريخية'."
)


def _answers(request):  # type: ignore[no-untyped-def]
    if request.response_model is TranslationAnswer:
        return TranslationAnswer(english=f"The minister met {EVIL}")
    return canned_answer(request)


def hostile_report() -> ArticleReport:
    """A report whose article text, title, id, url, translations, names and warnings all carry markup.

    The article is built directly: ``load_article`` refuses a text with a
    ``<script>`` tag as HTML, but a report read back from JSON may hold anything.
    """
    article = Article(id='hostile"<b>', title=EVIL, text=TEXT, url="javascript:window.__pwned=1")
    report = summarize(article, backend=FakeBackend(_answers))
    report.events[0].actors.append(Entity(name_ar=EVIL, name_en=EVIL))
    report.warnings.append(f"brief.summary_en: name {EVIL}")
    return report
