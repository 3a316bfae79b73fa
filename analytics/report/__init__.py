"""The meeting pack of the overall review: XLSX, printable HTML (charts as static images) and PDF.

    python -m analytics.report --out FILE.{xlsx,html,pdf} [--db PATH] [--lang ja|en]
        [--term 3] [--fy_from 2016] [--fy_to 2025] [--goal 1,2] [--direction 1-1]
        [--bureau port] [--level 4,5] [--covid all|only|exclude] [--disaster ...] [--new 1]
        [--q TEXT] [--compare-from 2023] [--compare-to 2024]

The filter options are the URL parameters' names. Chart images and the PDF are made with
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright); where it is missing the
HTML carries the tables without images and the PDF is refused with a message saying how to get it.

- ``sections``: what the pack says (figures, chart data, cover lines), shared by both formats
- ``workbook``: the XLSX (written with analytics/xlsx.py, like the downloads)
- ``printable``: the printable HTML
- ``browser``: headless Chromium for the images and the PDF
- ``pack``: ``build_pack``, the one entry point for the page and the command line (``__main__``)
"""

from analytics.report.browser import ChromiumMissing
from analytics.report.pack import build_pack

__all__ = ["ChromiumMissing", "build_pack"]
