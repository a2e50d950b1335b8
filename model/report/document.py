"""What a committee report is made of, before it is Word: headings, numbered paragraphs, lists,
tables, figures and instructions to the author, in reading order.

:mod:`model.report.contents` builds a :class:`Report` from the results; :mod:`model.report.word`
writes it to ``.docx``. Keeping the two apart lets the tests read what the report says (every
heading, every figure in a table) without opening Word, and lets a council's template change how
it looks without changing what it says.

Text is plain, with ``**bold**`` and ``*italic*`` as the findings write them (Markdown's inline
marks; nothing else of Markdown is read).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Heading:
    """A section (level 1, numbered "1.", "2." ...) or a sub-heading inside one (level 2, 3)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; numbered within its section ("3.2") unless ``numbered`` is false."""

    text: str
    numbered: bool = True


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of ``frame`` under its caption; each column shown by ``frame.attrs["formats"]``
    (:mod:`model.report.cells`). ``notes`` follow the table in small type."""

    frame: pd.DataFrame
    caption: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart saved as PNG, placed at the full text width with its alternative text."""

    png: Path
    alt: str
    caption: str


@dataclass(frozen=True)
class ForAuthor:
    """What only the author can write (legal, equalities, climate, the decision sought): shown as
    an instruction, never filler, and listed again in the checklist at the end."""

    text: str


@dataclass(frozen=True)
class Contents:
    """A contents field: Word fills in the page numbers when its fields are updated."""


Block = Heading | Paragraph | Bullets | Table | Figure | ForAuthor | Contents


@dataclass
class Report:
    title: str
    #: the title block, in order: (label, value); "Meeting", "Date", "Report author", "Wards" ...
    title_block: list[tuple[str, str]]
    blocks: list[Block] = field(default_factory=list)
    #: document properties: subject, author, keywords, comments (Word's File > Info)
    subject: str = ""
    author: str = ""
    keywords: str = ""
    language: str = "en-GB"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def for_author(self) -> list[ForAuthor]:
        return [b for b in self.blocks if isinstance(b, ForAuthor)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]
