"""What narrow screens (an iPad in landscape, a small laptop) need from the page itself: static
CSS and one static script, never data. Below 1100 px the sidebar starts collapsed (once per
browser session, so a member who opens it keeps it open), the main block uses the width, and
headline figures and the chips of chosen filter values wrap instead of being cut."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

NARROW_PX = 1100

# Streamlit loads Plotly's code (a 4.7 MB script) only when the first chart arrives, after the
# sidebar, the metrics and the queries; and the table's code at the same time, so the two
# downloads compete. Asking for Plotly's script when the page starts (the same file, by the name
# the installed Streamlit gives it, fetched once and used by Streamlit's own import) draws the
# first chart sooner. Nothing else changes: without the file, no hint is given.
_JS = Path(st.__file__).parent / "static" / "static" / "js"


def _chunk(name: str) -> str | None:
    found = sorted(p.name for p in _JS.glob(f"{name}.*.js"))
    return found[0] if len(found) == 1 else None


PRELOAD = [c for c in (_chunk("PlotlyChart"),) if c]

STYLE = f"""<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  font-size: clamp(1.4rem, 2.6vw, 2.25rem);
}}
[data-testid="stMultiSelect"] [data-tag] {{
  height: auto !important; min-height: 1.5rem; max-width: 100% !important;
  white-space: normal !important; padding-top: 0.125rem; padding-bottom: 0.125rem;
}}
[data-testid="stMultiSelect"] [data-tag] > span:first-child {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; line-height: 1.3;
}}
@media (max-width: {NARROW_PX - 1}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 1.5rem; padding-right: 1.5rem; }}
}}
</style>"""

# Static: it reads nothing from the app. Clicks Streamlit's own collapse button once per session.
SCRIPT = f"""<script>
(() => {{
  const KEY = "kawasaki-sidebar-collapsed";
  if (window.innerWidth >= {NARROW_PX} || sessionStorage.getItem(KEY)) return;
  const attempt = (left) => {{
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (bar && bar.getAttribute("aria-expanded") === "false") {{
      sessionStorage.setItem(KEY, "1");
    }} else if (bar && button) {{
      button.click();
      sessionStorage.setItem(KEY, "1");
    }} else if (left > 0) {{
      setTimeout(() => attempt(left - 1), 100);
    }}
  }};
  attempt(50);
}})();
</script>"""


# Static: the file names come from the installed package, never from data.
PRELOAD_SCRIPT = f"""
(() => {{
  const entry = document.querySelector('script[src*="/static/js/index."]');
  if (!entry) return;
  for (const name of {json.dumps(PRELOAD)}) {{
    const href = new URL(name, entry.src).href;
    if (document.querySelector(`link[href="${{href}}"]`)) continue;
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.crossOrigin = "";
    link.href = href;
    document.head.appendChild(link);
  }}
}})();
"""


def fit_to_screen() -> None:
    st.html(STYLE)
    st.html(SCRIPT.replace("</script>", PRELOAD_SCRIPT + "</script>"), unsafe_allow_javascript=True)
