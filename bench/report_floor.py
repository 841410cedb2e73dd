"""The floor of a report figure: bare reportlab laying out and writing the very document
the app gives it — the same paragraphs (text and style), the same tables (cells, column
widths, row heights, style commands, repeated header), the same page breaks and page
frames, so the same pages in the same fonts, written to disk as durably as the app writes
a report — with none of the app's own work (the
Decree 30 furniture drawn on every page, the QR code, wrapping and formatting the cells,
balancing titles, the signature place in the metadata).

A long table the app lays out a page at a time (``PagedTable``) reaches the floor as the
app hands it to reportlab: one table per page, the rows that page got.  Given the whole
table, reportlab would measure and copy every remaining row again at each page, work the
app does not do: the floor would be heavier than the app (a ratio below 1).

``capture(build)`` runs the app's build once, untimed, and keeps a description of the
story it hands reportlab and of the per-page tables its long tables made;
``build_floor(recipe, path)`` makes fresh reportlab objects from that description and
builds them (timed: reportlab caches layout on its objects, so nothing is reused
between runs)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)
from reportlab.platypus.flowables import Flowable

from desktop_app.core.reports.province_appendices import PagedTable


@dataclass
class Recipe:
    story: list
    templates: list      # (id, pagesize, [(x, y, width, height)], autoNextPageTemplate)
    pagesize: tuple
    margins: tuple
    initial_font: tuple
    pieces: dict         # a long table (by its rows' id) -> the per-page tables it made, in order


class _Captured(Exception):
    pass


def _describe(item):
    """A flowable (or a table cell) as plain data."""
    if isinstance(item, (str, int, float)) or item is None:
        return item
    if isinstance(item, (list, tuple)):
        return ("cells", [_describe(part) for part in item])
    if isinstance(item, Paragraph):
        return ("para", item.text, item.style)
    if isinstance(item, NextPageTemplate):
        return ("next", item.action[1])
    if isinstance(item, PageBreak):
        return ("pagebreak",)
    if isinstance(item, CondPageBreak):
        return ("cond", item.height)
    if isinstance(item, KeepTogether):
        return ("keep", [_describe(part) for part in item._content])
    if isinstance(item, Spacer):
        return ("spacer", item.width, item.height)
    if isinstance(item, Table):
        return ("table", [[_describe(cell) for cell in row] for row in item._cellvalues], item._argW,
                item._argH, item.repeatRows, list(getattr(item, "_floor_commands", [])))
    if isinstance(item, PagedTable):   # filled in once the build has cut it into pages
        return ("paged", id(item.rows))
    if isinstance(item, Flowable) and hasattr(item, "height"):   # a rule, the signature's room
        return ("spacer", 0, item.height)
    raise TypeError(f"the floor does not know how to lay out {type(item).__name__}")


def capture(build) -> Recipe:
    """What ``build()`` hands reportlab: its story, its page templates, and the tables its
    long tables made page by page."""
    found: dict = {}
    pieces: dict[int, list] = {}
    set_style, doc_build, paged_table = Table.setStyle, BaseDocTemplate.build, PagedTable.table

    def recording_set_style(table, style):
        commands = style.getCommands() if isinstance(style, TableStyle) else list(style)
        table.__dict__.setdefault("_floor_commands", []).extend(commands)
        return set_style(table, style)

    def recording_paged_table(paged, end):
        table = paged_table(paged, end)
        pieces.setdefault(id(paged.rows), []).append(_describe(table))
        return table

    def grab(doc, flowables, *args, **kwargs):
        found["recipe"] = Recipe(
            story=[_describe(item) for item in flowables],
            templates=[(t.id, t.pagesize, [(f._x1, f._y1, f._width, f._height) for f in t.frames],
                        t.autoNextPageTemplate) for t in doc.pageTemplates],
            pagesize=doc.pagesize, margins=(doc.leftMargin, doc.rightMargin, doc.topMargin, doc.bottomMargin),
            initial_font=(doc.initialFontName, doc.initialFontSize), pieces=pieces)
        return doc_build(doc, flowables, *args, **kwargs)

    Table.setStyle, BaseDocTemplate.build, PagedTable.table = recording_set_style, grab, recording_paged_table
    try:
        build()
    finally:
        Table.setStyle, BaseDocTemplate.build, PagedTable.table = set_style, doc_build, paged_table
    return found["recipe"]


def _make(item, pieces: dict):
    if not isinstance(item, tuple):
        return item
    kind, *rest = item
    if kind == "paged":
        return [_make(piece, pieces) for piece in pieces[rest[0]]]
    if kind == "cells":
        return [_make(part, pieces) for part in rest[0]]
    if kind == "para":
        return Paragraph(rest[0], rest[1])
    if kind == "next":
        return NextPageTemplate(rest[0])
    if kind == "pagebreak":
        return PageBreak()
    if kind == "cond":
        return CondPageBreak(rest[0])
    if kind == "keep":
        return KeepTogether(_flat([_make(part, pieces) for part in rest[0]]))
    if kind == "spacer":
        return Spacer(rest[0], rest[1])
    if kind == "table":
        rows, widths, heights, repeat, commands = rest
        table = Table([[_make(cell, pieces) for cell in row] for row in rows], colWidths=widths, rowHeights=heights,
                      repeatRows=repeat)
        table.setStyle(TableStyle(commands))
        return table
    raise TypeError(kind)


def _flat(items: list) -> list:
    """A long table's per-page tables take its place in the story."""
    return [piece for item in items for piece in (item if isinstance(item, list) else [item])]


def build_floor(recipe: Recipe, path) -> int:
    """Lay the recipe out on plain pages and write the file with the durability the app
    gives a report (beside, fsync, rename, fsync the folder: a clerk pulls the USB stick
    next); returns the page count."""
    left, right, top, bottom = recipe.margins
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=recipe.pagesize, leftMargin=left, rightMargin=right, topMargin=top,
                          bottomMargin=bottom, initialFontName=recipe.initial_font[0],
                          initialFontSize=recipe.initial_font[1])
    doc.addPageTemplates([
        PageTemplate(name, [Frame(x, y, w, h, id=f"{name}{n}", leftPadding=0, rightPadding=0, topPadding=0,
                                  bottomPadding=0) for n, (x, y, w, h) in enumerate(frames)],
                     pagesize=size, autoNextPageTemplate=auto)
        for name, size, frames, auto in recipe.templates])
    doc.build(_flat([_make(item, recipe.pieces) for item in recipe.story]))
    path = Path(path)
    scratch = path.with_name(f".{path.name}.tmp")
    with open(scratch, "wb") as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(scratch, path)
    if os.name != "nt":   # as the app: Windows cannot fsync a folder
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return doc.page
