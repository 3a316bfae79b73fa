"""The dashboard's core: data model, queries and charts. Never imports Streamlit."""
