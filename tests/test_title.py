"""The title is the headline the lead is about, not the site's slogan, menu or dateline."""

from pathlib import Path

from libyapk_summ.article._load import load_article
from libyapk_summ.article._title import pick_title

LEAD = (
    "أعلنت وزارة الخارجية اليوم عن توقيع اتفاقية تعاون اقتصادي جديدة مع الجانب التونسي في مجالات الطاقة "
    "والزراعة والنقل خلال زيارة رسمية للوزير إلى العاصمة تونس."
)


def test_slogan_and_menu_above_the_headline_are_skipped():
    text = (
        "صوت الحقيقة منذ عام ألفين\nالرئيسية | سياسة | اقتصاد\nتوقيع اتفاقية تعاون اقتصادي مع تونس\n" + LEAD
    )
    assert pick_title(text) == "توقيع اتفاقية تعاون اقتصادي مع تونس"


def test_headline_first_stays_the_title():
    assert pick_title("توقيع اتفاقية تعاون اقتصادي مع تونس\nموقع الأخبار\n" + LEAD) == (
        "توقيع اتفاقية تعاون اقتصادي مع تونس"
    )


def test_text_that_starts_with_its_lead_has_the_lead_line_as_title():
    assert pick_title(LEAD + "\nسطر آخر.") == LEAD


def test_no_line_shares_a_word_with_the_lead_falls_back_to_the_first_line():
    assert pick_title("شعار الموقع\nقسم ثان\n" + LEAD) == "شعار الموقع"


def test_given_title_wins():
    assert load_article(text="شعار\n" + LEAD, title="عنوان").title == "عنوان"


def test_seed_004_title_is_its_headline_not_the_slogan():
    article = load_article(Path(__file__).parents[1] / "seeds" / "004_bc2e41e82207319f.txt")
    assert article.title.startswith("باكستان تدرس افتتاح قنصلية في بنغازي")
