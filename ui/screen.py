"""What narrow screens (an iPad in landscape, a small laptop) need from the page itself: static
CSS and one static script, never data. Below 1100 px the sidebar starts collapsed (once per
browser session, so a member who opens it keeps it open), the main block uses the width, and
headline figures and the chips of chosen filter values wrap instead of being cut, and a page's
title breaks between words (at a space or before 「（」), in lines of even length, not before its
last character or two."""

from __future__ import annotations

import streamlit as st

NARROW_PX = 1100


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
[data-testid="stHeading"] h1, [data-testid="stHeading"] h2 {{
  word-break: keep-all; overflow-wrap: anywhere; text-wrap: balance;
}}
@media (max-width: {NARROW_PX - 1}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-left: 1.5rem; padding-right: 1.5rem; }}
}}
</style>"""

# Static: it reads nothing from the app. Clicks Streamlit's own collapse button once per session
# (a tab). Streamlit remembers a collapse in localStorage, so in the browser's next tabs the
# sidebar starts collapsed (``data-collapsed="true"`` in Streamlit 1.67): then there is nothing to
# do, and the script must not close the sidebar a member opens.
SCRIPT = f"""<script>
(() => {{
  const KEY = "kawasaki-sidebar-collapsed";
  if (window.innerWidth >= {NARROW_PX} || sessionStorage.getItem(KEY)) return;
  const attempt = (left) => {{
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const button = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (bar && (bar.getAttribute("data-collapsed") === "true"
                || bar.getAttribute("aria-expanded") === "false")) {{
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


def fit_to_screen() -> None:
    st.html(STYLE)
    st.html(SCRIPT, unsafe_allow_javascript=True)
