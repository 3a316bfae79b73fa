"""Entry point: `streamlit run dashboard.py` (or `make run`)."""

import duckdb
import streamlit as st

from analytics.config import db_path

st.set_page_config(page_title="川崎市国際施策推進プラン 評価ダッシュボード", layout="wide")
st.title("川崎市国際施策推進プラン 評価ダッシュボード")
path = db_path()
if not path.exists():
    st.error(
        f"データベースがありません: {path}。`python -m analytics.ingest build` で作成してください。"
    )
    st.stop()
con = duckdb.connect(str(path), read_only=True)
st.dataframe(
    con.execute(
        "select term_id, count(*) as initiatives from initiatives group by 1 order by 1"
    ).df()
)
con.close()
