"""A browser session's first run draws the page's first screen before the sidebar's filters.

On a fresh load the browser fetches and runs the code of each kind of element when the first
element of that kind arrives (Streamlit 1.67), and it shows the first screen only once all of them
are ready. The sidebar's filter widgets (five kinds) and the overview's table under its charts held
the overview's first chart back by about 1.9 s (docs/benchmarks.md, "Seventh session").

So the first run of a browser session draws the page with a note where the filters will be, and
the overview draws only its first screen (``whole_page``); a small static script asks for the next
run once the page's charts are drawn, and that run, and every later one, draws the whole page and
the sidebar as always. The filters hold their values meanwhile (from the link or the defaults), so
the first screen's charts are those of the chosen filters; only the order in which the page appears
changes. On the overview the filters came no later than when everything appeared at once (measured;
on the other pages, which draw all of themselves in the first run, about as late as before). Runs
without a browser (AppTest) draw everything at once.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import t
from ui import state

PENDING = "_first_paint_pending"  # this run leaves the filters and what is below the fold out
DONE = "_first_paint_done"  # the session's first screen has been drawn
# The note's container key: its class ``st-key-first-paint`` is on the page until the filters are
# drawn (the browser tests and the bench wait for it to go, ui/testing.py IDLE_JS).
MARKER = "first-paint"

# Static: it reads nothing from the app. Sent after the page's last element, so the elements it
# waits for are on the page by then. Waits until the main area has no element still loading (no
# skeleton) and every Plotly chart has drawn, then asks for the next run; at most 10 s. Timers, not
# animation frames: a link opened in a background tab gets its filters too.
SCRIPT = """
export default function (component) {
  const { setTriggerValue } = component;
  const start = performance.now();
  const drawn = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main || main.querySelector('[data-testid="stSkeleton"]')) return false;
    return [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
      (chart) => chart.querySelector(".main-svg")
    );
  };
  let timer = null;
  const check = () => {
    if (drawn() || performance.now() - start > 10000) {
      setTriggerValue("drawn", true);
    } else {
      timer = setTimeout(check, 50);
    }
  };
  timer = setTimeout(check, 50);
  return () => clearTimeout(timer);
}
"""

_ask_next_run = st.components.v2.component("kawasaki.first_paint", js=SCRIPT)


def filters_this_run() -> bool:
    """Whether this run draws the sidebar's filters: not until a browser session's first screen
    has been drawn once (runs without a browser draw them at once). When it does not, it draws
    the note in their place; ``finish`` must then be called after the page, and the page must
    not stop its run early (``st.stop``), or nothing would ask for the next run."""
    if st.session_state.get(DONE) or not st.context.headers:
        st.session_state.pop(PENDING, None)
        return True
    st.session_state[PENDING] = True
    with st.sidebar, st.container(key=MARKER):
        st.caption(t("filter.loading", state.lang()))
    return False


def whole_page() -> bool:
    """Whether this run draws the part of a page below its first screen. A page whose first
    screen is worth showing early (the overview) draws that part only when this is True; on a
    session's first run it is False, and the next run draws the part."""
    return not st.session_state.get(PENDING)


def finish() -> None:
    """After the page of a run that left the filters out: ask for the next run once the page is
    drawn. Any later run draws everything, whatever asks for it (a click on a chart too)."""
    if st.session_state.pop(PENDING, None):
        st.session_state[DONE] = True
        with st.sidebar:
            # a trigger reruns the app only if it has a callback; the run is all it is for
            _ask_next_run(key="first_paint", on_drawn_change=lambda: None)
