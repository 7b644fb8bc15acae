"""全国地方公共団体コード (municipality codes): six digits, the last a check digit.

The rule (JIS X 0402 検査数字, as used in 総務省「全国地方公共団体コード」): multiply the first
five digits by 6, 5, 4, 3, 2, sum them, take the remainder modulo 11; the check digit is the
last digit of ``11 - remainder`` (so remainder 0 gives 1 and remainder 1 gives 0). Checked
here against published codes: 131016 千代田区, 011002 札幌市, 131130 渋谷区, 271004 大阪市.
The first two digits are the prefecture (JIS X 0401: 01–47).

>>> check_digit("13101"), check_digit("01100")
(6, 2)
>>> validate_municipality_code("131016")
'131016'
>>> validate_municipality_code("131017")
Traceback (most recent call last):
...
skillframe.errors.HistoryError: 地方公共団体コード '131017' の検査数字が違います（正: 131016） / ...
"""

from __future__ import annotations

import unicodedata

from ..errors import HistoryError

__all__ = ["check_digit", "validate_municipality_code"]

_WEIGHTS = (6, 5, 4, 3, 2)


def check_digit(first_five: str) -> int:
    """The check digit of a five-digit code (JIS X 0402, modulus 11)."""
    remainder = sum(int(d) * w for d, w in zip(first_five, _WEIGHTS, strict=True)) % 11
    return (11 - remainder) % 10


def validate_municipality_code(code: object) -> str:
    """``code`` as six ASCII digits with a valid prefecture and check digit, else :class:`HistoryError`.

    Full-width digits are accepted (``１３１０１６``); a five-digit code is refused with the
    six-digit one it most likely means, never completed silently.
    """
    text = unicodedata.normalize("NFKC", str(code)).strip()
    if len(text) == 5 and text.isascii() and text.isdigit():
        full = text + str(check_digit(text))
        raise HistoryError(
            "municipality-code",
            f"地方公共団体コード '{code}' は 5 桁です。検査数字を含む 6 桁で指定してください（{full} ?）",
            f"municipality code '{code}' has 5 digits: give the 6-digit code with its check digit ({full}?)",
        )
    if len(text) != 6 or not (text.isascii() and text.isdigit()):
        raise HistoryError(
            "municipality-code",
            f"地方公共団体コード '{code}' は 6 桁の数字ではありません",
            f"municipality code '{code}' is not six digits",
        )
    if not 1 <= int(text[:2]) <= 47:
        raise HistoryError(
            "municipality-code",
            f"地方公共団体コード '{code}' の都道府県コード {text[:2]} は 01–47 の範囲外です",
            f"municipality code '{code}': prefecture {text[:2]} is not 01–47",
        )
    expected = check_digit(text[:5])
    if int(text[5]) != expected:
        right = text[:5] + str(expected)
        raise HistoryError(
            "municipality-code",
            f"地方公共団体コード '{code}' の検査数字が違います（正: {right}）",
            f"municipality code '{code}' has a wrong check digit (expected {right})",
        )
    return text
