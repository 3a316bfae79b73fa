"""Read cell values the way city staff write them.

Each parser takes the raw cell text and returns the canonical value, or raises ``BadValue`` with
a bilingual message. Cells are normalised with NFKC first, so full-width digits and letters and
the ideographic space read like their ASCII forms.
"""

from __future__ import annotations

import re
import unicodedata

from analytics.labels import LEVEL_LABELS_JA, NEXT_STEP_LABELS_JA

MAX_TEXT_LENGTH = 10_000


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, in Japanese and English."""


def normalise(raw: object) -> str:
    """NFKC, trimmed of ASCII and full-width spaces; None becomes ''."""
    if raw is None:
        return ""
    return unicodedata.normalize("NFKC", str(raw)).strip()


def _int_text(text: str) -> str:
    """'3.0' (a number that went through Excel) -> '3'."""
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text


def _label_key(text: str) -> str:
    """A level label compared without spaces and without a trailing 達成 (the city writes
    「ほぼ目標どおり達成」 where the scale says 「ほぼ目標どおり」)."""
    return re.sub(r"\s+", "", text).removesuffix("達成")


_LEVEL_BY_LABEL = {_label_key(normalise(label)): level for level, label in LEVEL_LABELS_JA.items()}


def parse_level(raw: object) -> int:
    text = _int_text(normalise(raw))
    if not text:
        raise BadValue("達成度が空です (achievement level is empty)")
    if re.fullmatch(r"[1-5]", text):
        return int(text)
    if _label_key(text) in _LEVEL_BY_LABEL:
        return _LEVEL_BY_LABEL[_label_key(text)]
    # "3 ほぼ目標どおり", "3:ほぼ目標どおり", "３．ほぼ目標どおり達成", "3(ほぼ目標どおり)"
    m = re.fullmatch(r"\(?([1-5])\s*[:.、)\]\s]\s*(.+?)\)?", text)
    if m and _LEVEL_BY_LABEL.get(_label_key(m.group(2).strip("()[]「」 "))) == int(m.group(1)):
        return int(m.group(1))
    raise BadValue(
        f"達成度は1〜5またはその区分名で入力してください (achievement level must be 1-5 or its label): {_show(raw)}"
    )


_ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988}


def wareki(fy: int) -> str:
    """A fiscal year in the Japanese era, as staff write it: 2019 -> 令和元年度, 2018 -> 平成30年度."""
    era = "令和" if fy > _ERAS["令和"] else "平成"
    n = fy - _ERAS[era]
    return f"{era}{'元' if n == 1 else n}年度"


def parse_fiscal_year(raw: object) -> int:
    text = _int_text(normalise(raw)).lower().replace(" ", "")
    # 「令和6(2024)年度」: both calendars given, and they must agree.
    both = re.fullmatch(
        r"(令和|平成|r|h)(\d{1,2}|元)(?:年度|年)?[(\[](?:fy)?(\d{4})(?:年度|年)?[)\]](?:年度|年)?",
        text,
    )
    if both:
        n = 1 if both.group(2) == "元" else int(both.group(2))
        if _ERAS[both.group(1)] + n != int(both.group(3)):
            raise BadValue(
                f"和暦と西暦が一致しません。どちらかを直してください (the Japanese and Western years disagree; correct one of them): {_show(raw)}"
            )
        text = both.group(3)
    m = re.fullmatch(r"(?:fy)?(\d{4})(?:年度|年)?", text)
    if m:
        year = int(m.group(1))
    else:
        m = re.fullmatch(r"(令和|平成|r|h)(\d{1,2}|元)(?:年度|年)?", text)
        if not m:
            raise BadValue(
                "年度を読めません。2022、2022年度、令和4年度、R4、FY2022 のように入力してください "
                f"(cannot read the fiscal year; write 2022, 2022年度, 令和4年度, R4 or FY2022): {_show(raw)}"
            )
        n = 1 if m.group(2) == "元" else int(m.group(2))
        year = _ERAS[m.group(1)] + n
    if not 1990 <= year <= 2100:
        raise BadValue(f"年度が範囲外です (fiscal year out of range): {_show(raw)}")
    return year


_YEAR_IN_TEXT = re.compile(
    r"(?<![0-9a-z])(?:(令和|平成)(\d{1,2}|元)(?:\((\d{4})\))?年度|(r|h)(\d{1,2})(?![0-9])(?:年度)?"
    r"|fy(\d{4})(?![0-9])|(?<![0-9])(20\d\d)(?:年度|(?![0-9年月]))"
    r")"
)


def find_fiscal_years(raw: object) -> set[int]:
    """The fiscal years named in a title, a sheet name or a file name: 「令和6年度…」, 「R6」,
    「2024年度」, 「FY2024」. 「令和7年7月1日現在」 is a date, not a fiscal year, and is not read."""
    text = normalise(raw).lower().replace(" ", "")
    found = set()
    for m in _YEAR_IN_TEXT.finditer(text):
        era, n, western, letter, n2, fy, bare = m.groups()
        if era:
            found.add(_ERAS[era] + (1 if n == "元" else int(n)))
            if western:
                found.add(int(western))
        elif letter:
            found.add(_ERAS[letter] + int(n2))
        else:
            found.add(int(fy or bare))
    return {y for y in found if 1990 <= y <= 2100}


_TRUE = {"あり", "有", "有り", "○", "〇", "◯", "●", "true", "yes", "y", "1", "t", "影響あり"}
_FALSE = {
    "なし",
    "無",
    "無し",
    "×",
    "✕",
    "x",
    "false",
    "no",
    "n",
    "0",
    "f",
    "",
    "-",
    "ー",
    "―",
    "影響なし",
    "\u2212",  # − minus sign, as typed in Japanese Excel
    "\u2010",
    "\u2013",
    "\u2014",
    "\uff70",
}


def parse_flag(raw: object) -> bool:
    text = _int_text(normalise(raw)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(
        f"あり/なし、○/×、1/0 のいずれかで入力してください (flag must be あり/なし, ○/×, true/false or 1/0): {_show(raw)}"
    )


_ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ", "IV": "Ⅳ", "V": "Ⅴ", "VI": "Ⅵ"}
_STEP_BY_LABEL = {normalise(label): step for step, label in NEXT_STEP_LABELS_JA.items()}


def parse_next_step(raw: object) -> str | None:
    """Ⅰ..Ⅵ (also I..VI, 1..6, or the label); blank means not given."""
    text = _int_text(normalise(raw))
    if not text:
        return None
    head = re.match(r"[IVX]+|[1-6]", text.upper())
    if head:
        token, rest = head.group(0), text[head.end() :].strip(" :.、()[]「」")
        step = _ROMAN.get(token) or (
            list(_ROMAN.values())[int(token) - 1] if token.isdigit() else None
        )
        if step and (not rest or _STEP_BY_LABEL.get(rest) == step):
            return step
    if text in _STEP_BY_LABEL:
        return _STEP_BY_LABEL[text]
    raise BadValue(
        f"今後の方向性はⅠ〜Ⅵまたはその区分名で入力してください (next step must be Ⅰ-Ⅵ or its label): {_show(raw)}"
    )


def parse_text(raw: object) -> str | None:
    """Free text (取組実績, 備考): kept as written, trimmed; blank means none."""
    if raw is None:
        return None
    text = str(raw).strip().strip("\u3000").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise BadValue(
            f"{MAX_TEXT_LENGTH}文字を超えています (longer than {MAX_TEXT_LENGTH} characters): {len(text)}"
        )
    return text or None


def parse_project_code(raw: object) -> str | None:
    text = _int_text(normalise(raw))
    if not text:
        return None
    if not re.fullmatch(r"\d{8}", text):
        raise BadValue(f"事業コードは8桁の数字です (project code must be 8 digits): {_show(raw)}")
    return text


def parse_new_or_expanded(raw: object) -> str | None:
    text = normalise(raw).lower()
    if text in {"", "-", "ー", "なし", "\u2212"}:
        return None
    if text in {"新規", "new", "新"}:
        return "new"
    if text in {"拡充", "expanded", "拡"}:
        return "expanded"
    raise BadValue(
        f"新規・拡充は「新規」「拡充」または空欄です (must be 新規, 拡充 or blank): {_show(raw)}"
    )


def _show(raw: object) -> str:
    text = repr(str(raw))
    return text if len(text) <= 60 else text[:57] + "…'"
