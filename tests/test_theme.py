"""One home for colours: no other module writes one; goals keep their colour under every filter;
the app's config agrees with the theme."""

from __future__ import annotations

import re
import tomllib

from analytics import charts, queries, theme
from analytics.filters import Filters
from tests.conftest import ROOT

COLOR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|rgba?\(|\b[0-9A-F]{6}\b")


def source_files():
    files = [ROOT / "dashboard.py"]
    for folder in ("analytics", "ui", "pages", "bench"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def test_the_colour_pattern_sees_every_form_of_colour():
    found = COLOR.findall('a = "#1f5fa6"; b = "#888"; c = "rgba(1,2,3,0.1)"; d = "DDE6F0"')
    assert found == ["#1f5fa6", "#888", "rgba(", "DDE6F0"]
    assert COLOR.findall("issue #11, 0x10, #1 goal") == []


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_level_label_reads_on_its_colour():
    """In tables a level is one of the grid's coloured labels. Streamlit 1.67's grid writes the
    label black on a colour whose relative luminance is over 0.5 and white otherwise (its
    multiselect cell); either way the label must read at WCAG AA, 4.5:1. The earlier light blue
    and orange (luminance 0.46 and 0.47) got white text at about 2:1."""
    for level, colour in theme.LEVEL_COLORS.items():
        background = relative_luminance(colour)
        text = 0.0 if background > 0.5 else 1.0
        ratio = (max(background, text) + 0.05) / (min(background, text) + 0.05)
        assert ratio >= 4.5, (level, colour, round(ratio, 2))
    assert relative_luminance("#8cb9e3") < 0.5  # the rule itself: the old level 2 got white
    assert round(relative_luminance("#ffffff"), 6) == 1.0 and relative_luminance("#000000") == 0


def test_no_colour_is_written_outside_the_theme_module():
    written = []
    for path in source_files():
        if path == ROOT / "analytics" / "theme.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if COLOR.search(line):
                written.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert written == []


def test_the_app_config_agrees_with_the_theme():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert {k: config["theme"][k] for k in theme.APP_THEME} == theme.APP_THEME


def test_a_goal_keeps_its_colour_under_a_goal_filter(fixture_con):
    def colours(filters):
        df = queries.on_target_by_year_and_group(fixture_con, filters, "goal")
        fig = charts.on_target_by_year_and_group(df, "en", "", group="goal")
        return {trace.name: trace.line.color for trace in fig.data}

    everything = colours(Filters())
    only_3 = colours(Filters(goals=(3,)))
    assert everything == {"Goal 1": "#1f5fa6", "Goal 2": "#e08214", "Goal 3": "#5e3c99"}
    assert only_3 == {"Goal 3": "#5e3c99"}


def test_a_term_keeps_its_colour_under_a_term_filter(fixture_con):
    df = queries.on_target_by_term_and_goal(fixture_con, Filters(terms=(3,)))
    fig = charts.on_target_by_term_and_goal(df, "en", "")
    assert [trace.marker.color for trace in fig.data] == ["#0b2e59"]
