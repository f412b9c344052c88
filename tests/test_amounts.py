import pytest

from libyapk_summ._amounts import find_amounts


@pytest.mark.parametrize(
    ("text", "value", "currency", "bound"),
    [
        ("بقيمة تزيد عن أربعة مليارات دولار.", 4e9, "USD", "more_than"),
        ("أكثر من أربعة مليارات دولار", 4e9, "USD", "more_than"),
        ("والتي تبلغ قيمتها نحو أربعة مليارات دولار", 4e9, "USD", "about"),
        ("بقيمة 4.5 مليار دولار", 4.5e9, "USD", "exact"),
        ("بقيمة ٣٠٠ مليون يورو", 3e8, "EUR", "exact"),
    ],
)
def test_amounts_are_read_in_code(text, value, currency, bound):
    [amount] = find_amounts(text)
    assert (amount.value, amount.currency, amount.bound) == (value, currency, bound)


def test_raw_span_is_the_text_as_written():
    text = "صفقة بقيمة تزيد عن أربعة مليارات دولار."
    [amount] = find_amounts(text)
    assert amount.raw_ar in text and amount.raw_ar.startswith("تزيد")


def test_no_currency_no_amount():
    assert find_amounts("شارك أربعة آلاف جندي في التدريب.") == []
