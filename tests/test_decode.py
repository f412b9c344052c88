"""Legacy encodings: decoded exactly, detected or named, refused clearly when neither works."""

from pathlib import Path

import pytest

from libyapk_summ._errors import ArticleError
from libyapk_summ.article._load import load_article
from libyapk_summ.text._decode import decode, guess_legacy

SEED = Path(__file__).parents[1] / "seeds" / "001_9ec3d6118b2bcaaa.txt"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_legacy_code_page_is_detected_and_decoded_exactly(encoding):
    assert decode(TEXT.encode(encoding)) == (TEXT, encoding)


def test_utf16_with_bom_is_decoded_without_the_bom():
    assert decode(TEXT.encode("utf-16"))[0] == TEXT


def test_named_encoding_is_used():
    assert decode(TEXT.encode("cp1256"), "windows-1256") == (TEXT, "cp1256")


def test_wrong_named_encoding_says_so():
    with pytest.raises(ArticleError, match="does not decode as utf-8"):
        decode(TEXT.encode("cp1256"), "utf-8")


def test_unknown_encoding_is_refused():
    with pytest.raises(ArticleError, match="unknown encoding"):
        decode(b"x", "no-such-codec")


def test_bytes_that_read_as_no_arabic_code_page_are_refused_naming_the_fix():
    with pytest.raises(ArticleError, match="--encoding"):
        decode("café crème".encode("latin-1"))


def test_short_arabic_words_still_pick_the_right_page():
    assert guess_legacy("الحكومة والبرلمان".encode("iso8859_6")) == "iso8859_6"
    assert guess_legacy("الحكومة والبرلمان".encode("cp1256")) == "cp1256"


def test_windows_1256_file_loads_with_the_utf8_offsets(tmp_path):
    path = tmp_path / "001_9ec3d6118b2bcaaa.txt"
    path.write_bytes(TEXT.encode("cp1256"))
    assert load_article(path) == load_article(SEED)
