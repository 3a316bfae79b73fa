"""The one filter model: what a committee member narrows the data by.

Each filter is declared once, in ``FILTERS``: its URL key(s), its ``Filters`` field(s), its
sidebar widget, its label, how its URL text is read and checked, its SQL condition on each of the
derived tables, how it reads in the context line, and an example for the benchmark. Everything
else is derived from that list: the ``Filters`` class itself, ``to_query``/``from_query`` (the
URL and the meeting pack's command line), ``where`` (SQL), ``describe_filters`` (chart titles,
export cover sheets), the sidebar (ui/sidebar.py, ui/state.py) and the benchmark's filter set.

``Filters`` turns into SQL ``WHERE`` clauses whose values are bound parameters (the clause text
depends only on which filters are set and how many values a list holds, never on the values),
and into and out of a flat dict of strings for URL query parameters. ``from_query`` ignores
unknown keys and malformed values and says which it ignored; it never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, make_dataclass, replace

from analytics.i18n import level_label, t
from analytics.labels import LEVEL_LABELS_JA

IMPACT_CHOICES = ("all", "only", "exclude")
MAX_SEARCH_LENGTH = 100
FY_RANGE = (1990, 2100)
LEVELS = tuple(sorted(LEVEL_LABELS_JA))

# The tables Filters.where can filter (see there).
SCOPES = ("evaluation", "counts", "initiative years", "initiative")
EVALUATION_SCOPES = ("evaluation", "counts")
# Fiscal year n is bit n - MASK_BASE_YEAR of initiative_years' masks (a 128-bit integer).
MASK_BASE_YEAR = FY_RANGE[0]


class Sql:
    """The conditions of one ``where`` call, gathered from the filters' declarations.

    On ``initiative years`` a filter on evaluations adds a year mask instead (``mask``): an
    initiative is kept when some fiscal year is in every mask, i.e. one of its evaluations meets
    all of those filters at once."""

    def __init__(self, scope: str):
        self.scope = scope
        self.clauses: list[str] = []
        self.params: dict[str, object] = {}
        self.masks: list[str] = []

    def add(self, clause: str, **params: object) -> None:
        self.clauses.append(clause)
        self._bind(params)

    def member(self, column: str, name: str, items: tuple) -> None:
        names = [f"f_{name}_{i}" for i in range(len(items))]
        self.add(f"{column} in ({', '.join('$' + n for n in names)})")
        self._bind(dict(zip(names, items, strict=True)))

    def mask(self, expression: str, **params: object) -> None:
        self.masks.append(expression)
        self._bind(params)

    def _bind(self, params: dict[str, object]) -> None:
        clash = set(params) & set(self.params)
        if clash:  # two filters chose the same parameter name: a declaration error
            raise ValueError(f"parameter(s) bound twice: {', '.join(sorted(clash))}")
        self.params.update(params)

    def result(self) -> tuple[str, dict]:
        clauses = list(self.clauses)
        if self.masks:
            clauses.append(f"({' & '.join(['evaluated_mask', *self.masks])}) != 0")
        return (" and ".join(clauses) or "true"), self.params


@dataclass(frozen=True)
class Filter:
    """One filter, declared once (see the module docstring and README: how to add a filter)."""

    name: str  # the sidebar widget's key is f"f_{name}"
    keys: tuple[str, ...]  # URL query keys, one per field
    fields: tuple[str, ...]  # the Filters fields, one per key
    default: object  # each field's default ("all", () or None…): not in the URL
    widget: str  # pick (multiselect) | years (range slider) | choice | toggle | text
    label: str  # the widget label's translation key
    parse: Callable[[str], object]  # one key's URL text -> a value; raises ValueError
    sql: Callable[[object, Sql], None]  # adds the condition for ``Sql.scope``
    context: Callable[[object], list[tuple[str, dict]]]  # the context line: (text key, values)
    options: str | None = None  # a pick's choices from the database: terms, goals, …
    choices: Callable[[str], dict] | None = None  # fixed choices: lang -> {value: label}
    example: str | None = None  # a typical URL value, for the benchmark's filter set
    of_evaluations: bool = (
        False  # a property of an evaluation, not of an initiative (coverage ignores it)
    )

    def value(self, filters: Filters) -> object:
        values = tuple(getattr(filters, f) for f in self.fields)
        return values if len(values) > 1 else values[0]

    def is_set(self, filters: Filters) -> bool:
        return any(getattr(filters, f) != self.default for f in self.fields)


# ---- parsing URL text (each raises ValueError on anything it cannot use) ----------------------


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


# ---- SQL per filter ----------------------------------------------------------------------------


def _member(column: str, name: str):
    """A list filter on a column every derived table has."""

    def sql(items: tuple, q: Sql) -> None:
        q.member(column, name, items)

    return sql


def _years_sql(years: tuple[int | None, int | None], q: Sql) -> None:
    lo, hi = years
    if q.scope in EVALUATION_SCOPES:
        if lo is not None:
            q.add("fiscal_year >= $f_fy_from", f_fy_from=lo)
        if hi is not None:
            q.add("fiscal_year <= $f_fy_to", f_fy_to=hi)
    elif q.scope == "initiative years":
        q.mask("$f_year_mask::hugeint", f_year_mask=year_mask(lo, hi))
    else:  # initiative: its term overlaps the range
        if lo is not None:
            q.add("last_fy >= $f_fy_from", f_fy_from=lo)
        if hi is not None:
            q.add("first_fy <= $f_fy_to", f_fy_to=hi)


def _levels_sql(levels: tuple[int, ...], q: Sql) -> None:
    if q.scope in EVALUATION_SCOPES:
        q.member("achievement_level", "level", levels)
    elif q.scope == "initiative years":
        # One mask per level (facts.sql); which ones count is bound, so the text never varies.
        q.mask(
            "("
            + " | ".join(f"if($f_at_level_{lv}, level_{lv}_mask, 0::hugeint)" for lv in LEVELS)
            + ")",
            **{f"f_at_level_{lv}": lv in levels for lv in LEVELS},
        )
    # initiative: a level belongs to an evaluation, not to an initiative


def _impact_sql(column: str, mask: str):
    def sql(choice: str, q: Sql) -> None:
        if q.scope in EVALUATION_SCOPES:
            q.add(column if choice == "only" else f"not {column}")
        elif q.scope == "initiative years":
            q.mask(mask if choice == "only" else f"~{mask}")
        # initiative: an impact belongs to an evaluation, not to an initiative

    return sql


def _new_sql(_: bool, q: Sql) -> None:
    q.add("new_or_expanded is not null")


def _search_sql(text: str, q: Sql) -> None:
    if q.scope != "counts":  # analytics/queries applies it to the evaluations counted instead
        clause, params = search_clause(text)
        q.add(clause, **params)


def search_clause(text: str) -> tuple[str, dict]:
    """The name search alone: projects whose name (any term's, Japanese or English, any case)
    contains the text, or whose project code equals it. ``true`` without a search."""
    if not text:
        return "true", {}
    clause = (
        "project_no in (select project_no from project_search"
        " where contains(search_text, lower($f_search)) or project_code = $f_search)"
    )
    return clause, {"f_search": text}


# ---- the context line --------------------------------------------------------------------------


def _years_context(years: tuple[int | None, int | None]) -> list[tuple[str, dict]]:
    lo, hi = years
    if lo is not None and lo == hi:  # one year reads as one year, not as a span of one
        return [("ctx.year", {"a": lo})]
    if lo is not None and hi is not None:
        return [("ctx.years", {"a": lo, "b": hi})]
    return [("ctx.from", {"a": lo})] if lo is not None else [("ctx.to", {"b": hi})]


def _impact_context(name: str):
    return lambda choice: [(f"ctx.{name}.{choice}", {})]


def _joined(key: str):
    return lambda items: [(key, {"v": ",".join(map(str, items))})]


# ---- the filters, in the order of the sidebar and the URL ---------------------------------------

FILTERS: tuple[Filter, ...] = (
    Filter(
        name="term",
        keys=("term",),
        fields=("terms",),
        default=(),
        widget="pick",
        label="filter.term",
        parse=_list_of(r"[1-9]", int),
        sql=_member("term_id", "term"),
        context=lambda terms: [("ctx.term", {"v": v}) for v in terms],
        options="terms",
    ),
    Filter(
        name="years",
        keys=("fy_from", "fy_to"),
        fields=("fy_from", "fy_to"),
        default=None,
        widget="years",
        label="filter.years",
        parse=_year,
        sql=_years_sql,
        context=_years_context,
        options="years",
    ),
    Filter(
        name="goal",
        keys=("goal",),
        fields=("goals",),
        default=(),
        widget="pick",
        label="filter.goal",
        parse=_list_of(r"[1-9]", int),
        sql=_member("goal_id", "goal"),
        context=_joined("ctx.goal"),
        options="goals",
        example="3",
    ),
    Filter(
        name="direction",
        keys=("direction",),
        fields=("directions",),
        default=(),
        widget="pick",
        label="filter.direction",
        parse=_list_of(r"[1-9]-[1-9]"),
        sql=_member("direction_id", "direction"),
        context=_joined("ctx.direction"),
        options="directions",
    ),
    Filter(
        name="bureau",
        keys=("bureau",),
        fields=("bureaus",),
        default=(),
        widget="pick",
        label="filter.bureau",
        parse=_list_of(r"[a-z][a-z0-9-]{0,39}", limit=60),
        sql=_member("department_id", "bureau"),
        context=lambda bureaus: [("ctx.bureau", {"n": len(bureaus)})],
        options="departments",
        example="civic-culture",
    ),
    Filter(
        name="level",
        keys=("level",),
        fields=("levels",),
        default=(),
        widget="pick",
        label="filter.level",
        parse=_list_of("[" + "".join(map(str, LEVELS)) + "]", int),
        sql=_levels_sql,
        context=_joined("ctx.level"),
        choices=lambda lang: {lv: level_label(lv, lang) for lv in LEVELS},
        example="4,5",
        of_evaluations=True,
    ),
    Filter(
        name="covid",
        keys=("covid",),
        fields=("covid",),
        default="all",
        widget="choice",
        label="filter.covid",
        parse=_choice,
        sql=_impact_sql("covid_impact", "covid_mask"),
        context=_impact_context("covid"),
        choices=lambda lang: {c: t(f"filter.{c}", lang) for c in IMPACT_CHOICES},
        example="exclude",
        of_evaluations=True,
    ),
    Filter(
        name="disaster",
        keys=("disaster",),
        fields=("disaster",),
        default="all",
        widget="choice",
        label="filter.disaster",
        parse=_choice,
        sql=_impact_sql("disaster_impact", "disaster_mask"),
        context=_impact_context("disaster"),
        choices=lambda lang: {c: t(f"filter.{c}", lang) for c in IMPACT_CHOICES},
        of_evaluations=True,
    ),
    Filter(
        name="new",
        keys=("new",),
        fields=("new_only",),  # 新規・拡充 only
        default=False,
        widget="toggle",
        label="filter.new",
        parse=_flag,
        sql=_new_sql,
        context=lambda _: [("ctx.new", {})],
    ),
    Filter(
        name="q",
        keys=("q",),
        fields=("search",),
        default="",
        widget="text",
        label="filter.search",
        parse=_search,
        sql=_search_sql,
        context=lambda text: [("ctx.search", {"v": text})],
        example="1234",
    ),
)

# Query-parameter keys, in the order they appear in a URL.
KEYS = tuple(key for f in FILTERS for key in f.keys)
_BY_KEY = {key: (f, i) for f in FILTERS for i, key in enumerate(f.keys)}


def benchmark_filters() -> dict[str, dict[str, str]]:
    """The benchmark's filter set: no filter, then each declared example alone."""
    out: dict[str, dict[str, str]] = {"none": {}}
    for f in FILTERS:
        if f.example is not None:
            out[f"{f.keys[0]}={f.example}"] = {key: f.example for key in f.keys}
    return out


# ---- the Filters value -------------------------------------------------------------------------


class _FiltersMethods:
    """The behaviour of ``Filters``; its fields come from ``FILTERS``."""

    def __post_init__(self) -> None:
        # Canonical form: sorted, de-duplicated tuples, so equal filters compare and hash equal.
        for f in FILTERS:
            for name in f.fields:
                value = getattr(self, name)
                if isinstance(value, list | tuple):
                    object.__setattr__(self, name, tuple(sorted(set(value))))
        object.__setattr__(self, "search", self.search.strip()[:MAX_SEARCH_LENGTH])
        if self.covid not in IMPACT_CHOICES or self.disaster not in IMPACT_CHOICES:
            raise ValueError("covid and disaster must be one of all, only, exclude")

    @property
    def ignored(self) -> tuple[str, ...]:
        """Query-parameter keys that ``from_query`` could not use."""
        return self._ignored

    @property
    def is_empty(self) -> bool:
        return self == type(self)()

    def narrowed(self, **changes) -> Filters:
        return replace(self, **changes, _ignored=())

    def of_initiatives(self) -> Filters:
        """These filters without those on evaluations' own properties (level, impacts)."""
        return self.narrowed(
            **{n: f.default for f in FILTERS if f.of_evaluations for n in f.fields}
        )

    def where(self, scope: str = "evaluation") -> tuple[str, dict]:
        """A SQL condition and its parameters, for the rows of one of the derived tables.

        - ``'evaluation'``: rows of ``evaluation_facts`` (one per evaluation).
        - ``'counts'``: rows of ``evaluation_counts``; the same as ``'evaluation'`` without the
          name search, which analytics/queries applies to the evaluations the counts are made of.
        - ``'initiative years'``: rows of ``initiative_years`` (one per evaluated initiative); the
          fiscal years and the level, COVID and disaster filters keep an initiative when at least
          one of its evaluations meets them all (its year masks).
        - ``'initiative'``: rows of ``initiative_facts``; the fiscal-year range keeps initiatives
          whose term overlaps it, and the level, COVID and disaster filters, which belong to
          evaluations, are skipped.
        """
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope!r}")
        q = Sql(scope)
        for f in FILTERS:
            if f.is_set(self):
                f.sql(f.value(self), q)
        return q.result()

    def search_clause(self, scope: str = "evaluation") -> tuple[str, dict]:
        """The name search alone (see ``search_clause``)."""
        return search_clause(self.search)

    def to_query(self) -> dict[str, str]:
        """A flat dict of strings; defaults are left out so a URL stays short."""
        out: dict[str, str] = {}
        for f in FILTERS:
            for key, name in zip(f.keys, f.fields, strict=True):
                value = getattr(self, name)
                if value != f.default:
                    out[key] = _url_text(value)
        return out

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> Filters:
        """Read query parameters; anything unknown or malformed is skipped and listed in ``ignored``."""
        values: dict[str, object] = {}
        ignored: list[str] = []
        for key, raw in query.items():
            text = _single(raw)
            declared = _BY_KEY.get(key) if isinstance(key, str) else None
            parsed = _parse(declared[0].parse, text) if declared and text is not None else None
            if parsed is None:
                ignored.append(str(key)[:40])
            else:
                values[declared[0].fields[declared[1]]] = parsed
        lo, hi = values.get("fy_from"), values.get("fy_to")
        if lo is not None and hi is not None and lo > hi:
            values.pop("fy_from"), values.pop("fy_to")
            ignored += ["fy_from", "fy_to"]
        return cls(**values, _ignored=tuple(ignored))


Filters = make_dataclass(
    "Filters",
    [(name, object, field(default=f.default)) for f in FILTERS for name in f.fields]
    + [("_ignored", tuple, field(default=(), compare=False, repr=False))],
    bases=(_FiltersMethods,),
    frozen=True,
)
Filters.__module__ = __name__
Filters.__doc__ = "What the data is narrowed by: one field per declared filter (see FILTERS)."


def _url_text(value: object) -> str:
    if isinstance(value, tuple):
        return ",".join(map(str, value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _single(raw: object) -> str | None:
    """Streamlit gives a str; a repeated key may arrive as a list (the values are joined)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, list | tuple) and all(isinstance(r, str) for r in raw):
        return ",".join(raw)
    return None


def _parse(parse: Callable[[str], object], text: str) -> object | None:
    if len(text) > 2_000:  # nothing legitimate is this long
        return None
    try:
        return parse(text.strip())
    except (ValueError, TypeError):
        return None


NAMED_AT_MOST = 3  # more chosen values than this read as a count: 「所管局5件」


def describe_filters(filters: Filters, lang: str = "ja", names: Mapping | None = None) -> str:
    """The filter context for chart titles and export cover sheets, e.g.
    '第3期・基本目標1 川崎発の最先端技術…・コロナ影響ありを除く'. ``names`` (queries.context_names)
    lets it name up to three chosen goals, directions or bureaus; levels are named from their
    labels; more than three read as a count."""
    within = "・" if lang == "ja" else ", "  # between the values of one filter
    parts = [
        _describe(f, f.value(filters), lang, names or {}, within)
        for f in FILTERS
        if f.is_set(filters)
    ]
    if not parts:
        return t("ctx.all", lang)
    return ("・" if lang == "ja" else "; ").join(parts)


def _describe(f: Filter, value: object, lang: str, names: Mapping, within: str) -> str:
    pool = None
    if f.options in names:
        pool = {k: labels[lang] for k, labels in names[f.options].items()}
    elif f.choices is not None and f.widget == "pick":
        pool = f.choices(lang)
    if pool is not None and isinstance(value, tuple):
        if len(value) <= NAMED_AT_MOST and all(v in pool for v in value):
            return within.join(pool[v] for v in value)
        return t("ctx.count", lang, what=t(f.label, lang), n=len(value))
    return within.join(t(key, lang, **values) for key, values in f.context(value))


def year_mask(fy_from: int | None, fy_to: int | None) -> int:
    """The bits of the fiscal years from ``fy_from`` to ``fy_to`` (either open) in a year mask."""
    lo = max(fy_from if fy_from is not None else FY_RANGE[0], FY_RANGE[0]) - MASK_BASE_YEAR
    hi = min(fy_to if fy_to is not None else FY_RANGE[1], FY_RANGE[1]) - MASK_BASE_YEAR
    return 0 if hi < lo else (1 << (hi + 1)) - (1 << lo)
