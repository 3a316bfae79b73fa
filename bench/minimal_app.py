"""The yardstick for the dashboard's speed in the browser: the least a Streamlit page with one
Plotly chart and one sidebar select box can cost on this machine. `bench.interaction` times it
and the dashboard side by side in one run; the ratios, not the seconds, are what we compare."""

import plotly.graph_objects as go
import streamlit as st

YEARS = [f"{y}年度" for y in range(1, 10)]
CHOICES = {"all": "すべて", "only": "影響あり", "exclude": "影響ありを除く"}

choice = st.sidebar.selectbox("コロナの影響", list(CHOICES), format_func=CHOICES.get)
shift = list(CHOICES).index(choice)
fig = go.Figure(go.Bar(x=YEARS, y=[(i * 7 + shift * 3) % 10 + 1 for i in range(len(YEARS))]))
fig.update_layout(title=f"達成度の構成 {CHOICES[choice]}", height=420)
st.title("最小のアプリ")
st.plotly_chart(fig)
