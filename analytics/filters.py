"""The one filter model: what a committee member narrows the data by.

``Filters`` turns into SQL ``WHERE`` clauses whose values are bound parameters (the clause text
depends only on which filters are set, never on their values), and into and out of a flat dict
of strings for URL query parameters. ``from_query`` ignores unknown keys and malformed values
and says which it ignored; it never raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

IMPACT_CHOICES = ("all", "only", "exclude")
MAX_SEARCH_LENGTH = 100
FY_RANGE = (1990, 2100)

# The tables Filters.where can filter (see there).
SCOPES = ("evaluation", "counts", "initiative years", "initiative")
# Fiscal year n is bit n - MASK_BASE_YEAR of initiative_years' masks (a 128-bit integer).
MASK_BASE_YEAR = FY_RANGE[0]

# Query-parameter keys, in the order they appear in a URL.
KEYS = ("term", "fy_from", "fy_to", "goal", "direction", "bureau", "covid", "disaster", "new", "q")


@dataclass(frozen=True)
class Filters:
    terms: tuple[int, ...] = ()
    fy_from: int | None = None
    fy_to: int | None = None
    goals: tuple[int, ...] = ()
    directions: tuple[str, ...] = ()
    bureaus: tuple[str, ...] = ()
    covid: str = "all"  # all | only (affected) | exclude (affected)
    disaster: str = "all"
    new_only: bool = False  # 新規・拡充 only
    search: str = ""
    _ignored: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        # Canonical form: sorted, de-duplicated tuples, so equal filters compare and hash equal.
        object.__setattr__(self, "terms", tuple(sorted(set(self.terms))))
        object.__setattr__(self, "goals", tuple(sorted(set(self.goals))))
        object.__setattr__(self, "directions", tuple(sorted(set(self.directions))))
        object.__setattr__(self, "bureaus", tuple(sorted(set(self.bureaus))))
        object.__setattr__(self, "search", self.search.strip()[:MAX_SEARCH_LENGTH])
        if self.covid not in IMPACT_CHOICES or self.disaster not in IMPACT_CHOICES:
            raise ValueError("covid and disaster must be one of all, only, exclude")

    @property
    def ignored(self) -> tuple[str, ...]:
        """Query-parameter keys that ``from_query`` could not use."""
        return self._ignored

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def narrowed(self, **changes) -> Filters:
        return replace(self, **changes, _ignored=())

    # ---- SQL -------------------------------------------------------------------------------

    def where(self, scope: str = "evaluation") -> tuple[str, dict]:
        """A SQL condition and its parameters, for the rows of one of the derived tables.

        - ``'evaluation'``: rows of ``evaluation_facts`` (one per evaluation).
        - ``'counts'``: rows of ``evaluation_counts``; the same as ``'evaluation'`` without the
          name search, which analytics/queries applies to the evaluations the counts are made of.
        - ``'initiative years'``: rows of ``initiative_years`` (one per evaluated initiative); the
          fiscal years and the COVID and disaster filters keep an initiative when at least one of
          its evaluations meets them (its year masks).
        - ``'initiative'``: rows of ``initiative_facts``; the fiscal-year range keeps initiatives
          whose term overlaps it, and the COVID and disaster filters, which belong to
          evaluations, are skipped.
        """
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        clauses: list[str] = []
        params: dict[str, object] = {}

        def member(column: str, name: str, items: tuple) -> None:
            if items:
                names = [f"f_{name}_{i}" for i in range(len(items))]
                clauses.append(f"{column} in ({', '.join('$' + n for n in names)})")
                params.update(zip(names, items, strict=True))

        member("term_id", "term", self.terms)
        member("goal_id", "goal", self.goals)
        member("direction_id", "direction", self.directions)
        member("department_id", "bureau", self.bureaus)
        if scope in ("evaluation", "counts"):
            if self.fy_from is not None:
                clauses.append("fiscal_year >= $f_fy_from")
                params["f_fy_from"] = self.fy_from
            if self.fy_to is not None:
                clauses.append("fiscal_year <= $f_fy_to")
                params["f_fy_to"] = self.fy_to
            for column, choice in (
                ("covid_impact", self.covid),
                ("disaster_impact", self.disaster),
            ):
                if choice == "only":
                    clauses.append(f"{column}")
                elif choice == "exclude":
                    clauses.append(f"not {column}")
        elif scope == "initiative years":
            years = ["evaluated_mask"]
            for column, choice in (("covid_mask", self.covid), ("disaster_mask", self.disaster)):
                if choice == "only":
                    years.append(column)
                elif choice == "exclude":
                    years.append(f"~{column}")
            if self.fy_from is not None or self.fy_to is not None:
                years.append("$f_year_mask::hugeint")
                params["f_year_mask"] = year_mask(self.fy_from, self.fy_to)
            if len(years) > 1:
                clauses.append(f"({' & '.join(years)}) != 0")
        else:  # initiative
            if self.fy_from is not None:
                clauses.append("last_fy >= $f_fy_from")
                params["f_fy_from"] = self.fy_from
            if self.fy_to is not None:
                clauses.append("first_fy <= $f_fy_to")
                params["f_fy_to"] = self.fy_to
        if self.new_only:
            clauses.append("new_or_expanded is not null")
        if self.search and scope != "counts":
            clause, values = self.search_clause(scope)
            clauses.append(clause)
            params.update(values)
        return (" and ".join(clauses) or "true"), params

    def search_clause(self, scope: str = "evaluation") -> tuple[str, dict]:
        """The name search alone: projects whose name (any term's, Japanese or English, any
        case) contains the text, or whose project code equals it. ``true`` without a search."""
        if not self.search:
            return "true", {}
        clause = (
            "project_no in (select project_no from project_search"
            " where contains(search_text, lower($f_search)) or project_code = $f_search)"
        )
        return clause, {"f_search": self.search}

    # ---- URL query parameters --------------------------------------------------------------

    def to_query(self) -> dict[str, str]:
        """A flat dict of strings; defaults are left out so a URL stays short."""
        out: dict[str, str] = {}
        if self.terms:
            out["term"] = ",".join(map(str, self.terms))
        if self.fy_from is not None:
            out["fy_from"] = str(self.fy_from)
        if self.fy_to is not None:
            out["fy_to"] = str(self.fy_to)
        if self.goals:
            out["goal"] = ",".join(map(str, self.goals))
        if self.directions:
            out["direction"] = ",".join(self.directions)
        if self.bureaus:
            out["bureau"] = ",".join(self.bureaus)
        if self.covid != "all":
            out["covid"] = self.covid
        if self.disaster != "all":
            out["disaster"] = self.disaster
        if self.new_only:
            out["new"] = "1"
        if self.search:
            out["q"] = self.search
        return out

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> Filters:
        """Read query parameters; anything unknown or malformed is skipped and listed in ``ignored``."""
        values: dict[str, object] = {}
        ignored: list[str] = []
        for key, raw in query.items():
            text = _single(raw)
            parser = _PARSERS.get(key)
            parsed = parser(text) if parser and text is not None else None
            if parsed is None:
                ignored.append(str(key)[:40])
            else:
                values[parser.field] = parsed
        lo, hi = values.get("fy_from"), values.get("fy_to")
        if lo is not None and hi is not None and lo > hi:
            values.pop("fy_from"), values.pop("fy_to")
            ignored += ["fy_from", "fy_to"]
        return cls(**values, _ignored=tuple(ignored))


def _single(raw: object) -> str | None:
    """Streamlit gives a str; a repeated key may arrive as a list (the values are joined)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list | tuple) and all(isinstance(r, str) for r in raw):
        return ",".join(raw)
    return None


class _Parser:
    def __init__(self, field_name: str, fn):
        self.field, self.fn = field_name, fn

    def __call__(self, text: str):
        if len(text) > 2000:  # nothing legitimate is this long
            return None
        try:
            return self.fn(text.strip())
        except (ValueError, TypeError):
            return None


def _list_of(pattern: str, convert=str, limit: int = 50):
    def parse(text: str):
        items = [t.strip() for t in text.split(",") if t.strip()]
        if not items or len(items) > limit or not all(re.fullmatch(pattern, t) for t in items):
            raise ValueError(text)
        return tuple(convert(t) for t in items)

    return parse


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text) or not FY_RANGE[0] <= int(text) <= FY_RANGE[1]:
        raise ValueError(text)
    return int(text)


def _choice(text: str) -> str:
    if text not in IMPACT_CHOICES:
        raise ValueError(text)
    return text


def _flag(text: str) -> bool:
    if text not in ("1", "0", "true", "false"):
        raise ValueError(text)
    return text in ("1", "true")


def _search(text: str) -> str:
    if not text or len(text) > MAX_SEARCH_LENGTH or any(ord(c) < 32 for c in text):
        raise ValueError(text)
    return text


_PARSERS = {
    "term": _Parser("terms", _list_of(r"[1-9]", int)),
    "fy_from": _Parser("fy_from", _year),
    "fy_to": _Parser("fy_to", _year),
    "goal": _Parser("goals", _list_of(r"[1-9]", int)),
    "direction": _Parser("directions", _list_of(r"[1-9]-[1-9]")),
    "bureau": _Parser("bureaus", _list_of(r"[a-z][a-z0-9-]{0,39}", limit=60)),
    "covid": _Parser("covid", _choice),
    "disaster": _Parser("disaster", _choice),
    "new": _Parser("new_only", _flag),
    "q": _Parser("search", _search),
}
assert set(_PARSERS) == set(KEYS)
assert {p.field for p in _PARSERS.values()} == {
    f.name for f in fields(Filters) if not f.name.startswith("_")
}


def year_mask(fy_from: int | None, fy_to: int | None) -> int:
    """The bits of the fiscal years from ``fy_from`` to ``fy_to`` (either open) in a year mask."""
    lo = max(fy_from if fy_from is not None else FY_RANGE[0], FY_RANGE[0]) - MASK_BASE_YEAR
    hi = min(fy_to if fy_to is not None else FY_RANGE[1], FY_RANGE[1]) - MASK_BASE_YEAR
    return 0 if hi < lo else (1 << (hi + 1)) - (1 << lo)
