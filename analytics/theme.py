"""Presentation constants, in one place: every colour, fill and font the charts, the tables, the
downloads and the meeting pack use. No other module writes a colour (tests/test_theme.py checks);
.streamlit/config.toml repeats the app's base colours, and the test checks it agrees.

- Levels 1→5: a diverging blue–grey–orange scheme (level 3 neutral) that colour-blind readers can
  tell apart. In tables a level is a label of its colour; Streamlit's grid writes the label black
  on a colour of relative luminance over 0.5 and white otherwise, so the light levels (2, 3, 4)
  are kept over 0.5 and the dark ends (1, 5) well under it (tests/test_theme.py checks that every
  label reads at WCAG AA contrast). Light blue and orange were made a shade lighter for this
  (#8cb9e3 → #9dc3e8, #f2a65a → #f5b46e), which also lightens term 1, the middle of the rate scale
  and the indicators' 順調 and 遅れ. Neighbours differ less in lightness (level 2 against 3: 1.33
  → 1.18; やや遅れ against 遅れ: 1.50 → 1.34; term 1 on white: 2.07 → 1.84) and are told apart
  by hue, as before.
- Goals and terms keep one colour each, whatever the filter (goal 3 alone is still goal 3's
  colour); the palette repeats past its length. A direction takes its goal's colour.
"""

from __future__ import annotations

# ---- the base palette ------------------------------------------------------------------------
BLUE = "#1f5fa6"  # the city's blue: level 1, goal 1, headings
LIGHT_BLUE = "#9dc3e8"
DARK_BLUE = "#0b2e59"
GREY = "#cfcfcf"
LIGHT_GREY = "#e8e8e8"
ORANGE = "#f5b46e"
DARK_ORANGE = "#b2470d"
AMBER = "#e08214"
PURPLE = "#5e3c99"
WHITE = "#ffffff"
TEXT = "#1b1b1b"
SOFT_BACKGROUND = "#f2f5f9"

# ---- achievement levels (達成度) ---------------------------------------------------------------
LEVEL_COLORS = {1: BLUE, 2: LIGHT_BLUE, 3: GREY, 4: ORANGE, 5: DARK_ORANGE}
# The on-target rate as a colour: low rates orange, high rates blue.
RATE_SCALE = [
    [0.0, DARK_ORANGE],
    [0.35, ORANGE],
    [0.6, LIGHT_GREY],
    [0.8, LIGHT_BLUE],
    [1.0, BLUE],
]
COUNT_SCALE = [[0, WHITE], [1, BLUE]]  # a count heatmap: none white, most blue

# ---- series: goals, terms, other groups -------------------------------------------------------
SERIES_COLORS = [
    BLUE,
    AMBER,
    PURPLE,
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#66a61e",
    "#e7298a",
    "#a6761d",
]
TERM_COLORS = [LIGHT_BLUE, BLUE, DARK_BLUE]


def goal_color(goal_id: int) -> str:
    """Goal n's colour, the same under every filter."""
    return SERIES_COLORS[(int(goal_id) - 1) % len(SERIES_COLORS)]


def direction_color(direction_id: str) -> str:
    """Direction '<goal>-<n>' in its goal's colour, the same under every filter: each direction
    has its own panel, and the colour says which goal's row it is in."""
    return goal_color(int(str(direction_id).split("-")[0]))


def term_color(term_id: int) -> str:
    """Term n's bar colour, the same under every filter."""
    return TERM_COLORS[(int(term_id) - 1) % len(TERM_COLORS)]


# The COVID comparison's three lines.
ALL_SERIES_COLOR = "#444444"
WITHOUT_AFFECTED_COLOR = BLUE
AFFECTED_COLOR = AMBER

# ---- outcome indicators (成果指標) -----------------------------------------------------------------
# The statuses from 達成 to 後退 in the levels' order and scheme (blue for on or ahead of the path,
# orange for behind it, the darkest for 後退), so no two statuses are told apart by red against
# green; 未評価 grey.
PALE_ORANGE = "#f9d9b3"
STATUS_COLORS = {
    "achieved": BLUE,
    "on_track": LIGHT_BLUE,
    "slightly_behind": PALE_ORANGE,
    "behind": ORANGE,
    "worsened": DARK_ORANGE,
    "not_measured": GREY,
}
BASELINE_MARK = "#555555"  # an indicator's baseline (現状値)
TARGET_MARK = BLUE  # its target (目標値)

# ---- bands and markers on the fiscal-year axis ---------------------------------------------------
TERM_SHADES = ("rgba(31,95,166,0.05)", "rgba(31,95,166,0.10)")  # alternating, term 1 the first


def term_shade(term_id: int) -> str:
    return TERM_SHADES[(int(term_id) - 1) % len(TERM_SHADES)]


PERIOD_SHADE = "rgba(242,166,90,0.18)"  # a period event (the COVID-19 years)
EVENT_COLOR = DARK_ORANGE  # a one-year event (the typhoon): its line and label

# ---- chart chrome --------------------------------------------------------------------------------
FONT_FAMILY = (
    "Noto Sans CJK JP, Noto Sans JP, Hiragino Kaku Gothic ProN, Yu Gothic, Meiryo, sans-serif"
)
CHART_BACKGROUND = "white"
AXIS_LINE = "#888"
GRID_LINE = "#eee"
MUTED_TEXT = "#666"
HISTORY_LINE = "#999"
MARKER_EDGE = "#333"

# ---- tables: workbooks and the printable pack ------------------------------------------------------
HEADER_FILL = "#dde6f0"  # header rows, in the workbooks and the printed pack
TABLE_BORDER = "#bbb"
META_TEXT = "#555"
BANNER_TEXT = "#7a4b00"
BANNER_BACKGROUND = "#fff4e0"
PRINT_FONT_FAMILY = (
    '"Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", Meiryo, sans-serif'
)


def xlsx_color(color: str) -> str:
    """openpyxl's form of a colour: RRGGBB without the #."""
    return color.lstrip("#").upper()


PRINT_CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
body {{ font-family: {PRINT_FONT_FAMILY};
       font-size: 10.5pt; color: {TEXT}; margin: 0; }}
h1 {{ font-size: 18pt; margin: 0 0 6mm; color: {BLUE}; }}
h2 {{ font-size: 13pt; margin: 0 0 3mm; border-bottom: 2px solid {BLUE}; padding-bottom: 1mm; }}
section {{ page-break-before: always; break-before: page; }}
section.first, section.flow {{ page-break-before: auto; break-before: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; margin-bottom: 4mm; }}
th, td {{ border: 1px solid {TABLE_BORDER}; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }}
th {{ background: {HEADER_FILL}; word-break: keep-all; overflow-wrap: normal; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
td:first-child {{ white-space: nowrap; }}
td:nth-child(2) {{ min-width: 42mm; }}
tr {{ page-break-inside: avoid; }}
img {{ width: 100%; height: auto; margin-bottom: 4mm; }}
.summary {{ font-size: 11.5pt; line-height: 1.8; background: {SOFT_BACKGROUND}; padding: 4mm 5mm; border-left: 4px solid {BLUE}; }}
.meta {{ color: {META_TEXT}; font-size: 9pt; }}
.banner {{ color: {BANNER_TEXT}; background: {BANNER_BACKGROUND}; padding: 2mm 4mm; font-size: 9pt; }}
"""

# The Streamlit app's own theme (.streamlit/config.toml must agree; tested).
APP_THEME = {
    "primaryColor": BLUE,
    "backgroundColor": WHITE,
    "secondaryBackgroundColor": SOFT_BACKGROUND,
    "textColor": TEXT,
}
