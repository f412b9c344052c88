"""The small word-level ROUGE of bench/summary_rouge.py (rouge-score drops Arabic)."""

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "summary_rouge.py"
_SPEC = importlib.util.spec_from_file_location("summary_rouge", _PATH)
rouge = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rouge)


def test_words_keep_arabic_and_fold_its_letter_forms():
    assert rouge.words("أعلنت الوزارةُ، اليوم!") == ["اعلنت", "الوزاره", "اليوم"]


def test_rouge_1_and_2_count_clipped_overlaps():
    c, r = "a b a c".split(), "a a b d".split()
    assert rouge.rouge_n(c, r, 1) == pytest.approx(0.75)  # a, a, b of 4 and 4
    assert rouge.rouge_n(c, r, 2) == pytest.approx(1 / 3)  # "a b" of 3 and 3


def test_rouge_l_is_the_longest_common_subsequence():
    assert rouge.rouge_l("a x b y c".split(), "a b c".split()) == pytest.approx(2 * 0.6 * 1 / 1.6)
    assert rouge.rouge_l([], ["a"]) == 0.0


def test_identical_texts_score_one():
    assert rouge.scores("الذهب يهبط لأدنى مستوى", "الذهب يهبط لادنى مستوى") == (1.0, 1.0, 1.0)


def test_the_summary_method_is_the_lead_without_background():
    doc = " ".join(
        [
            "ارتفع سعر الذهب اليوم في الأسواق العالمية بنسبة كبيرة.",
            "يذكر أن الذهب كان قد تراجع في الأسبوع الماضي كثيرا.",
            "وقال متعاملون إن الطلب على المعدن الأصفر زاد بشدة.",
        ]
    )
    got = rouge.methods(doc)
    assert "يذكر" not in got["summary_ar"] and "يذكر" in got["lead-2"]
