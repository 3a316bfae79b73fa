"""One thing wrong with the input, and how it is printed."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """Printed as FILE[SHEET]:ROW:COLUMN: message (FILE:ROW:COLUMN for a CSV)."""

    file: str
    row: int | None
    column: str | None
    message: str
    sheet: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet is not None else self.file

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return printable(f"{self.where}:{row}:{self.column or '-'}: {self.message}")


def printable(text: str) -> str:
    """One problem, one line: control characters and line separators from a sheet are escaped."""
    return "".join(
        ch
        if ch == " " or unicodedata.category(ch)[0] not in "CZ" or ch == "\u3000"
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in text
    )
