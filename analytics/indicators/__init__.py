"""Outcome indicators (成果指標): the status rule, the queries, the review and meeting-pack
sections, the charts, and the ``status`` command line (``python -m analytics.indicators``)."""
