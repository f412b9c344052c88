"""How well arabic-name-romanizer spells names in Arabic news, with and without its ONNX model.

A sample of names as the press writes them, with their usual English (a
measurement sample, not library data). A spelling counts as right when it equals
the usual English ignoring case, hyphens and "al-"/"el-"; "rendered" counts
those the consonant-skeleton check accepts against the usual English.

    .venv/bin/python bench/romanizer.py
"""

from __future__ import annotations

import re
import time

from libyapk_summ.names._translit import transliterate
from libyapk_summ.text._skeleton import renders

SAMPLE = {
    "خليفة حفتر": "Khalifa Haftar",
    "هاكان فيدان": "Hakan Fidan",
    "نجلاء المنقوش": "Najla Mangoush",
    "إبراهيم رئيسي": "Ibrahim Raisi",
    "عبد الفتاح السيسي": "Abdel Fattah el-Sisi",
    "أسامة حماد": "Osama Hammad",
    "محمد بن سلمان": "Mohammed bin Salman",
    "عبد الحميد الدبيبة": "Abdul Hamid Dbeibah",
    "بشار الأسد": "Bashar al-Assad",
    "تميم بن حمد": "Tamim bin Hamad",
    "عبد الله الثاني": "Abdullah II",
    "قيس سعيد": "Kais Saied",
    "عبد المجيد تبون": "Abdelmadjid Tebboune",
    "نبيه بري": "Nabih Berri",
    "حسن نصر الله": "Hassan Nasrallah",
    "إسماعيل هنية": "Ismail Haniyeh",
    "محمود عباس": "Mahmoud Abbas",
    "فلاديمير بوتين": "Vladimir Putin",
    "سيرغي شويغو": "Sergei Shoigu",
    "رجب طيب أردوغان": "Recep Tayyip Erdogan",
    "سيرغي لافروف": "Sergei Lavrov",
    "إيمانويل ماكرون": "Emmanuel Macron",
    "جو بايدن": "Joe Biden",
    "دونالد ترامب": "Donald Trump",
    "شهباز شريف": "Shehbaz Sharif",
    "عاصم منير": "Asim Munir",
    "أنطونيو غوتيريش": "Antonio Guterres",
    "شي جين بينغ": "Xi Jinping",
    "ناريندرا مودي": "Narendra Modi",
    "فولوديمير زيلينسكي": "Volodymyr Zelensky",
    "بنيامين نتنياهو": "Benjamin Netanyahu",
}


def _key(name: str) -> str:
    return " ".join(w for w in re.split(r"[\s-]+", name.lower()) if w not in ("al", "el"))


def main() -> None:
    from arabic_name_romanizer import Transliterator

    for label, model in (("dictionary+rules", False), ("dictionary+ONNX model", True)):
        t = time.perf_counter()
        tr = Transliterator(auto_load_model=model)
        tr.transliterate("خليفة حفتر")
        load = time.perf_counter() - t
        right = rendered = 0
        wrong = []
        for ar, en in SAMPLE.items():
            got = tr.transliterate(ar, top_k=2)[0].text
            right += _key(got) == _key(en)
            rendered += renders(ar, got)
            if _key(got) != _key(en):
                wrong.append(got)
        print(
            f"{label:22} right {right}/{len(SAMPLE)}, skeleton-consistent {rendered}/{len(SAMPLE)}, "
            f"load {load:.2f}s; wrong: {', '.join(wrong)}"
        )
    right = sum(_key(transliterate(ar)) == _key(en) for ar, en in SAMPLE.items())
    print(f"{'_translit rules':22} right {right}/{len(SAMPLE)}")
    ok = sum(renders(ar, en) for ar, en in SAMPLE.items())
    print(f"skeleton check accepts the usual English for {ok}/{len(SAMPLE)}")


if __name__ == "__main__":
    main()
