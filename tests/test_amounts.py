import pytest

from libyapk_summ.values._amounts import find_amounts


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


def test_a_qualified_currency_comes_from_cldr():
    [amount] = find_amounts("بتكلفة 15 مليار جنيه مصري")
    assert (amount.value, amount.currency, amount.raw_ar) == (15e9, "EGP", "15 مليار جنيه مصري")


def test_a_bare_dinar_is_unknown_unless_the_country_is_given():
    [amount] = find_amounts("منحة بقيمة 200 مليون دينار")
    assert amount.currency is None
    [amount] = find_amounts("منحة بقيمة 200 مليون دينار", country="LY")
    assert amount.currency == "LYD"
