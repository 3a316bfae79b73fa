"""Tell which initiative a row means: by id, by project code, or by its name as staff write it.

Names compare after NFKC with spaces and line breaks removed, within one term. Where a name is
unknown or ambiguous the closest names are offered; where a code and a name point at two
different initiatives of the term, the row is refused (codes swapped between two rows).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# At or above this similarity a name that differs from the code's initiative is taken as a
# renamed project (a warning); below it, the row is refused.
RENAMED_SIMILARITY = 0.6


def name_key(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


@dataclass
class Match:
    initiative_id: str | None
    by_name: bool = False
    problem: tuple[str, str] | None = None  # (column field, message)
    warning: str | None = None


class Directory:
    """Initiatives of every term, looked up by code or name within a term."""

    def __init__(self, rows: list[dict]):
        self.by_id = {r["initiative_id"]: r for r in rows}
        self.by_code: dict[tuple[int, str], str] = {}
        self.by_name: dict[tuple[int, str], list[str]] = {}
        self.names: dict[int, list[str]] = {}
        for r in rows:
            term = int(r["term_id"])
            if r.get("project_code"):
                self.by_code[(term, str(r["project_code"]))] = r["initiative_id"]
            self.by_name.setdefault((term, name_key(r["name_ja"])), []).append(r["initiative_id"])
            self.names.setdefault(term, []).append(r["name_ja"])

    def terms_of_code(self, code: str) -> list[int]:
        return sorted(t for t, c in self.by_code if c == code)

    def closest(self, term: int, name: str, n: int = 3) -> list[str]:
        names = self.names.get(term, [])
        keys = {name_key(x): x for x in names}
        return [keys[k] for k in difflib.get_close_matches(name_key(name), list(keys), n, 0.4)]

    def describe(self, iid: str) -> str:
        r = self.by_id[iid]
        return f"「{r['name_ja']}」({r.get('project_code') or iid})"

    def find(self, term: int, code: str | None, name: str | None) -> Match:
        key = name_key(name) if name else ""
        named = self.by_name.get((term, key), []) if key else []
        if code:
            iid = self.by_code.get((term, code))
            if iid is None:
                return Match(None)  # the caller reports an unknown code with its terms
            if not key or name_key(self.by_id[iid]["name_ja"]) == key:
                return Match(iid)
            others = [i for i in named if i != iid]
            if others:
                return Match(
                    None,
                    problem=(
                        "project_code",
                        f"事業コード {code} は{self.describe(iid)}のコードですが、この行の名称は別の事業"
                        f"{self.describe(others[0])}です。行の間でコードが入れ替わっていないか確認し、"
                        f"コードか名称を直してください (code {code} belongs to another initiative than "
                        "the name on this row: the codes of two rows may be swapped; correct the code or the name)",
                    ),
                )
            similarity = difflib.SequenceMatcher(
                None, name_key(self.by_id[iid]["name_ja"]), key
            ).ratio()
            if similarity >= RENAMED_SIMILARITY:
                return Match(
                    iid,
                    warning=f"名称が登録と少し違います：登録は「{self.by_id[iid]['name_ja']}」、シートは"
                    f"「{name}」。コードで取り込みました (the name differs slightly from the registered "
                    "one; matched by the code — correct the list if the project was renamed)",
                )
            return Match(
                None,
                problem=(
                    "name_ja",
                    f"事業コード {code} の登録名は「{self.by_id[iid]['name_ja']}」で、この行の名称「{name}」"
                    "と一致しません。コードか名称を直してください (the name does not match the "
                    "registered name of this code; correct the code or the name)",
                ),
            )
        if len(named) == 1:
            return Match(named[0], by_name=True)
        if len(named) > 1:
            listed = "、".join(self.describe(i) for i in named)
            return Match(
                None,
                problem=(
                    "name_ja",
                    f"同じ名称の取組が複数あります（{listed}）。事業コードを記入してください "
                    "(several initiatives have this name: fill in the project code)",
                ),
            )
        close = self.closest(term, name or "")
        hint = (
            "近い名称：" + "、".join(f"「{c}」" for c in close) if close else "近い名称はありません"
        )
        return Match(
            None,
            problem=(
                "name_ja",
                f"第{term}期にこの名称の取組はありません。{hint}。名称を登録どおりに直すか、事業コードを"
                f"記入してください (no initiative of term {term} has this name"
                + (f"; closest: {', '.join(close)}" if close else "")
                + "; correct the name or fill in the project code)",
            ),
        )


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def goal_number(text: object) -> int | None:
    """「基本目標Ⅰ＋改行＋名称」, 「基本目標1」, 「I」 -> 1."""
    t = unicodedata.normalize("NFKC", str(text or "")).strip()
    m = re.match(r"(?:基本目標|目標|取組方針)?\s*([IVX]+|\d)(?![0-9])", t)
    if not m:
        return None
    token = m.group(1)
    return int(token) if token.isdigit() else _ROMAN.get(token)


def direction_of(
    text: object, goal: int | None, directions: list[tuple[str, int, str]]
) -> str | None:
    """「（１）世界をけん引する…」 with the row's goal, a full name, or an id like Ⅰ-1 / 1-1.

    ``directions`` holds (direction_id, goal_id, name_ja). Returns None when not certain."""
    t = unicodedata.normalize("NFKC", str(text or "")).strip()
    m = re.match(r"[(\[]?(\d)[)\].、]\s*", t)
    local, rest = (int(m.group(1)), t[m.end() :]) if m else (None, t)
    rest_key = name_key(rest).rstrip("…。.")
    candidates = [(d, g) for d, g, n in directions if rest_key and name_key(n) == rest_key]
    if not candidates and rest_key and len(rest_key) >= 4:
        candidates = [(d, g) for d, g, n in directions if name_key(n).startswith(rest_key)]
    if goal is not None:
        candidates = [(d, g) for d, g in candidates if g == goal]
    if local is not None:
        if goal is not None:
            by_number = f"{goal}-{local}"
            if candidates and all(d != by_number for d, _ in candidates):
                return None
            return by_number if any(d == by_number for d, _, _ in directions) else None
        candidates = [(d, g) for d, g in candidates if d.endswith(f"-{local}")]
    return candidates[0][0] if len(candidates) == 1 else None
