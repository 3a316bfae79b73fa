"""The status rule of an outcome indicator (成果指標) for one fiscal year.

For fiscal year y, with baseline B (measured in year y0), target G (for year y1) and the actual A
of year y:

    progress  p = (A − B) / (G − B)
    expected  e = (y − y0) / (y1 − y0), clipped to [0, 1]

達成 if p ≥ 1; 順調 if p ≥ e; やや遅れ if p ≥ e / 2; 遅れ if p ≥ 0; 後退 if p < 0; 未評価 if year y
has no actual. A text target 現状値以上 (以下) gives 達成 when A ≥ B (A ≤ B), else 後退. The same
formula serves lower-is-better indicators (G − B is then negative).

p and e are compared after rounding to 9 decimals, so that a value exactly on a boundary (say
p = e = 0.5) is not pushed below it by binary floating point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from analytics import theme

# The six statuses, best first; the keys are stable (CSV, URL, tests), the labels go through i18n.
STATUSES = ("achieved", "on_track", "slightly_behind", "behind", "worsened", "not_measured")
STATUS_JA = {
    "achieved": "達成",
    "on_track": "順調",
    "slightly_behind": "やや遅れ",
    "behind": "遅れ",
    "worsened": "後退",
    "not_measured": "未評価",
}
# The statuses' colours live with every other colour, in the theme.
STATUS_COLOURS = theme.STATUS_COLORS
TEXT_AT_LEAST = "現状値以上"
TEXT_AT_MOST = "現状値以下"
DECIMALS = 9


@dataclass(frozen=True)
class Assessment:
    status: str
    progress: float | None  # p; None for a text target or without an actual
    expected: float | None  # e; None for a text target


def expected_progress(fiscal_year: int, baseline_fy: int, target_fy: int) -> float:
    """e = (y − y0) / (y1 − y0), clipped to [0, 1]."""
    if target_fy <= baseline_fy:
        raise ValueError(f"target year {target_fy} must come after baseline year {baseline_fy}")
    share = (fiscal_year - baseline_fy) / (target_fy - baseline_fy)
    return min(1.0, max(0.0, share))


def assess(
    *,
    fiscal_year: int,
    baseline: float,
    baseline_fy: int,
    target_fy: int,
    actual: float | None,
    target: float | None = None,
    target_text: str | None = None,
) -> Assessment:
    """The status of one indicator in one fiscal year (see the module docstring)."""
    if (target is None) == (target_text is None):
        raise ValueError("give either a number target or a text target")
    missing = actual is None or (isinstance(actual, float) and math.isnan(actual))
    if target_text is not None:
        if target_text not in (TEXT_AT_LEAST, TEXT_AT_MOST):
            raise ValueError(f"unknown text target {target_text!r}")
        if missing:
            return Assessment("not_measured", None, None)
        kept = actual >= baseline if target_text == TEXT_AT_LEAST else actual <= baseline
        return Assessment("achieved" if kept else "worsened", None, None)
    if target == baseline:
        raise ValueError("the target equals the baseline: progress is undefined")
    e = expected_progress(fiscal_year, baseline_fy, target_fy)
    if missing:
        return Assessment("not_measured", None, e)
    p = (actual - baseline) / (target - baseline)
    pr, er = round(p, DECIMALS), round(e, DECIMALS)
    if pr >= 1:
        status = "achieved"
    elif pr >= er:
        status = "on_track"
    elif pr >= round(e / 2, DECIMALS):
        status = "slightly_behind"
    elif pr >= 0:
        status = "behind"
    else:
        status = "worsened"
    return Assessment(status, p, e)
