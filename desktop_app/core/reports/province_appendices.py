"""The consolidated report's appendices, made for a province of a hundred communes or a
country of 3,321: who reported (grouped, the latest first), each office's task progress
as a matrix (offices × tasks, status as a short code), each office's figures as a matrix
(offices × indicators in blocks as wide as a landscape page), and the offices' words,
identical ones together.  The workbook (``consolidated_xlsx``) keeps every row in full.

Long tables are ``PagedTable``: reportlab measures every remaining row of a table again
each time it splits across a page, so one table of 3,321 rows costs the square of its pages.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from bisect import bisect_right
from itertools import accumulate

from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from desktop_app.core.reports import decree30
from desktop_app.core.reports.annual import GROUP_FILL, PADDING, Cells, cell_value, grid_style, head_style, header_row, scaled
from desktop_app.core.reports.decree30 import para_text
from desktop_app.core.reports.province_model import OfficeText
from desktop_app.core.text import format_number

SUBMISSION_HEADERS = ("TT", "Đơn vị", "Tình trạng", "Ngày gửi", "Người ký")
SUBMISSION_WIDTHS = (8, 62, 26, 19, 30)
OUTCOME_GROUPS = (
    ("on_time", "Đơn vị gửi báo cáo đúng hạn"),
    ("late", "Đơn vị gửi báo cáo chậm"),
    ("amended", "Đơn vị gửi báo cáo bổ sung, điều chỉnh"),
    ("draft", "Đơn vị gửi số liệu, báo cáo chưa ký"),
    ("missing", "Đơn vị chưa gửi báo cáo"),
)
LETTERS = "ABCDEFGH"
MATRIX_PT = 9            # the matrices: a commune to a line
OUTLIER_MARK = "*"
# A task's status as a short code in appendix II, in the legend's order.
STATUS_CODES = (("done", "HT", "hoàn thành"), ("in_progress", "ĐTK", "đang triển khai"),
                ("behind", "CTĐ", "chậm tiến độ"), ("not_started", "CTK", "chưa triển khai"))
NAMED_UP_TO = 12         # a shared text names its offices up to this many, then counts them
MANY_OFFICES = 300       # past this, a task's most shared results only ...
TEXTS_PER_TASK = 30      # ... this many of them; the rest are in the workbook
WORKBOOK_NOTE = ("Tệp Excel tổng hợp (xuất cùng báo cáo này) có đầy đủ từng số liệu, tình trạng và kết quả thực "
                 "hiện nhiệm vụ, nội dung khó khăn, kiến nghị của từng đơn vị.")


class PagedTable(Flowable):
    """A long table laid out a page at a time, the header on every page.  Reportlab's
    own split measures every remaining row again at each page (the square of the pages
    for 3,321 offices); here the rows are measured once (plain strings: lines × leading
    plus padding, as reportlab does) and each page gets a table of the rows that fit.

    ``style``: commands for every page (rows counted within the page's table, -1 its
    last); ``row_styles[i]``: commands ``(name, first column, last column, *arguments)``
    for row ``i`` of ``rows`` alone.  A group's heading (a row that spans) never ends a
    page, nor does the last row stand alone on one."""

    def __init__(self, rows: list, widths: list[float], style: list, *, size: float, padding: float,
                 row_styles: dict | None = None, start: int = 1, heights: list[float] | None = None,
                 reach: list[float] | None = None):
        super().__init__()
        self.rows, self.widths, self.style, self.row_styles = rows, widths, style, row_styles or {}
        self.start, self.width = start, sum(widths)
        if heights is None:
            heights = [max(str(cell).count("\n") + 1 for cell in row) * size * 1.2 + 2 * padding + 1 for row in rows]
        self.heights = heights
        self.reach = reach or list(accumulate(heights[1:], initial=0.0))   # reach[i]: height of rows 1 .. i

    def _more(self, start: int) -> "PagedTable":
        # Measured once: the rest shares the rows' heights (and is not the postponed original).
        return PagedTable(self.rows, self.widths, self.style, size=0, padding=0, row_styles=self.row_styles,
                          start=start, heights=self.heights, reach=self.reach)

    def table(self, end: int) -> Table:
        rows, start = self.rows, self.start
        style = self.style + [(name, (c0, 1 + i - start), (c1, 1 + i - start), *args)
                              for i in range(start, end) for name, c0, c1, *args in self.row_styles.get(i, ())]
        table = Table([rows[0]] + rows[start:end], colWidths=self.widths,
                      rowHeights=[self.heights[0]] + self.heights[start:end], repeatRows=1)
        table.setStyle(TableStyle(style))
        return table

    def wrap(self, available_width, available_height):
        self.height = self.heights[0] + self.reach[-1] - self.reach[self.start - 1]
        return self.width, self.height

    def split(self, available_width, available_height):
        start, last = self.start, len(self.rows)
        # The rows start .. end - 1 that fit under the header.
        end = min(bisect_right(self.reach, self.reach[start - 1] + available_height - self.heights[0]), last)
        if end >= last:
            return [self.table(last)]
        if end - 1 > start and last - end == 1:
            end -= 1
        while end - 1 > start and any(c[0] == "SPAN" for c in self.row_styles.get(end - 1, ())):
            end -= 1
        if end <= start:
            return []
        return [self.table(end), self._more(end)]

    def draw(self):
        table = self.table(len(self.rows))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def submissions_tables(submissions, styles, width: float) -> list[Table]:
    """Appendix I: every office under how it reported (on time, late with the latest
    first, amended, unsigned, missing), with the day it sent and who signed."""
    widths = scaled(SUBMISSION_WIDTHS, width)
    cell = Cells(widths, styles.cell.fontSize)
    rows = [header_row(SUBMISSION_HEADERS, cell)]
    style = grid_style(styles.cell.fontSize) + [("ALIGN", (0, 1), (0, -1), "CENTER"),
                                                ("ALIGN", (2, 1), (3, -1), "CENTER")] + head_style()
    row_styles: dict[int, list] = {}
    known = {key for key, _ in OUTCOME_GROUPS}
    groups = [(key, label, [s for s in submissions if s.outcome == key]) for key, label in OUTCOME_GROUPS]
    groups.append(("", "Đơn vị khác", [s for s in submissions if s.outcome not in known]))
    for letter, (key, label, members) in enumerate(g for g in groups if g[2]):
        row_styles[len(rows)] = [("SPAN", 1, -1), ("BACKGROUND", 0, -1, GROUP_FILL),
                                 ("FONTNAME", 0, -1, decree30.font("bold")), ("ALIGN", 0, -1, "LEFT")]
        rows.append([LETTERS[letter], cell(f"{label} ({format_number(len(members))} đơn vị)", 1, bold=True, through=4),
                     "", "", ""])
        if key == "late":   # the latest first: the ones to call
            members = sorted(members, key=lambda s: -s.days_late)
        for number, line in enumerate(members, start=1):
            rows.append([str(number), cell(line.office, 1), cell(line.status_words(), 2), line.sent_on,
                         cell(line.signer, 4)])
    return [PagedTable(rows, widths, style, size=styles.cell.fontSize, padding=PADDING, row_styles=row_styles)]


def key_table(entries: list[tuple[str, str]], styles, width: float) -> Table:
    """What a matrix's columns are: "(1)  I.1. Tỷ lệ …"."""
    key = Table([[Paragraph(para_text(mark), styles.cell_bold), Paragraph(para_text(text), styles.cell)]
                 for mark, text in entries], colWidths=[14 * mm, width - 14 * mm])
    key.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), decree30.font()), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)]))
    return key


def blocks(count: int, column: float, room: float) -> list[range]:
    """``count`` columns ``column`` wide in blocks that fit ``room``, as even as possible."""
    if not count:
        return []
    per = max(1, int(room // column))
    per = -(-count // -(-count // per))
    return [range(start, min(start + per, count)) for start in range(0, count, per)]


def office_order(report, names) -> list[str]:
    """``names`` once each, in the report's order of offices (the roster's)."""
    order = {name: n for n, name in enumerate(report.offices)}
    return sorted(dict.fromkeys(names), key=lambda name: order.get(name, len(order)))


def task_matrix(report, styles, width: float) -> list:
    """Appendix II: a row per office, a column per task, the status as a short code under
    a legend; then the results the offices wrote, task by task."""
    tasks = [task for task in report.tasks if task.offices]
    if not tasks:
        return []
    codes = {state: code for state, code, _words in STATUS_CODES}
    size = min(styles.cell.fontSize, MATRIX_PT)
    story = [Paragraph(para_text("Ký hiệu: " + "; ".join(f"{code}: {words}" for _s, code, words in STATUS_CODES)
                                 + "; ô trống: đơn vị không báo cáo nhiệm vụ đó. " + WORKBOOK_NOTE), styles.note)]
    office_width = 56 * mm
    widest = max(stringWidth(f"NV {task.number}", decree30.font("bold"), size) for task in tasks)
    for block in blocks(len(tasks), max(10 * mm, widest + 2 * PADDING + 1), width - office_width):
        chosen = [tasks[i] for i in block]
        status = {(n, office.office): codes.get(office.state, office.status)
                  for n, task in enumerate(chosen) for office in task.offices}
        widths = [9 * mm, office_width - 9 * mm] + [(width - office_width) / len(chosen)] * len(chosen)
        cell = Cells(widths, size)
        rows = [header_row(("TT", "Đơn vị", *(f"NV {task.number}" for task in chosen)), cell)]
        for number, office in enumerate(office_order(report, [office for _n, office in status]), start=1):
            rows.append([str(number), cell(office, 1)] + [status.get((n, office), "") for n in range(len(chosen))])
        key = key_table([(f"NV {task.number}", task.name + (f" (chủ trì: {task.lead})" if task.lead.strip() else ""))
                         for task in chosen], styles, width)
        story += [CondPageBreak(45 * mm), decree30.spacer(6), key, decree30.spacer(4)]
        story.append(PagedTable(rows, widths, grid_style(size, padding=1) + [
            ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (-1, -1), "CENTER")] + head_style(),
            size=size, padding=1))
    return story + task_results(tasks, styles, many=len(report.offices) > MANY_OFFICES)


def task_results(tasks, styles, *, many: bool) -> list:
    """Under each task, the results and documents the offices wrote, identical ones on one
    line; with many offices the most shared only (every office's words are in the workbook)."""
    story = []
    for task in tasks:
        written = [OfficeText(office.office, office.result) for office in task.offices if office.result.strip()]
        if written:
            story += [CondPageBreak(25 * mm), Paragraph(para_text(f"Nhiệm vụ {task.number}. {task.name}:"), styles.note_label)]
            story += office_texts(written, styles, limit=TEXTS_PER_TASK if many else None, style=styles.note)
    if story:
        story.insert(0, decree30.spacer(6))
        story.insert(1, Paragraph("Kết quả, văn bản các đơn vị nêu:", styles.heading))
    return story


def office_texts(items, styles, *, none: str = "", limit: int | None = None, style=None) -> list:
    """"- Office: what it wrote", one paragraph per text: offices that wrote the same
    words share one ("- Xã A, Xã B: …"), so a thousand communes citing the same shortage
    take a line, not twenty pages; past ``NAMED_UP_TO`` offices the text names three and
    counts the rest.  ``limit``: the most shared texts only, the others counted."""
    grouped: dict[str, list[str]] = {}
    for item in items:
        grouped.setdefault(" ".join(decree30.nfc(item.text).split()).casefold(), []).append(item.office)
    texts = {" ".join(decree30.nfc(item.text).split()).casefold(): item.text for item in reversed(items)}
    chosen, left = list(grouped.items()), []
    if limit is not None and len(chosen) > limit:
        chosen = sorted(chosen, key=lambda pair: -len(pair[1]))
        chosen, left = chosen[:limit], chosen[limit:]
    style = style or styles.body
    found = [Paragraph(para_text(f"- {who(offices)}: {texts[key]}"), style) for key, offices in chosen]
    if left:
        found.append(Paragraph(para_text(
            f"- {format_number(len(left))} nội dung khác, của {format_number(sum(len(o) for _k, o in left))} lượt "
            f"đơn vị: xem tệp Excel tổng hợp."), style))
    return found or ([Paragraph(para_text(none), style)] if none else [])


def who(offices: list[str]) -> str:
    if len(offices) <= NAMED_UP_TO:
        return ", ".join(offices)
    # Who the others are is in the workbook (the notes say so): a list of a thousand names is read by no one.
    return f"{format_number(len(offices))} đơn vị ({', '.join(offices[:3])} và {format_number(len(offices) - 3)} đơn vị khác)"


def value_texts(cells) -> list[str]:
    """Each cell's value as printed, outliers marked.  Babel formats a number in 0.1 ms;
    a country's communes repeat the same few thousand values, so each is formatted once
    (keyed by its text: 1,0 and 1,00 are equal Decimals printed differently)."""
    printed: dict[str, str] = {}
    texts = []
    for found in cells:
        key = str(found.value)
        if key not in printed:
            printed[key] = cell_value(found.value)
        texts.append(printed[key] + (OUTLIER_MARK if found.outlier else ""))
    return texts


def indicator_matrix(report, styles, width: float) -> list:
    """Appendix III (landscape): a row per office, a column per indicator in blocks as
    wide as the page, values in Vietnamese notation with outliers marked *, the office's
    timeliness beside its name, the province's figure last."""
    breakdowns = report.breakdowns
    size = min(styles.cell.fontSize, MATRIX_PT)
    printed = [value_texts(item.cells) for item in breakdowns]
    widest = max((stringWidth(text, decree30.font("bold"), size) for n, item in enumerate(breakdowns)
                  for text in {*printed[n], cell_value(item.figure)}), default=0)
    office_width, sent_width = 62 * mm, 18 * mm
    story = []
    for block in blocks(len(breakdowns), max(14 * mm, widest + 2 * PADDING + 1), width - office_width - sent_width):
        chunk = [breakdowns[i] for i in block]
        values: dict[tuple[int, str], str] = {}
        timeliness: dict[str, str] = {}
        for n, i in enumerate(block):
            for found, text in zip(breakdowns[i].cells, printed[i]):
                values[(n, found.office)] = text
                timeliness[found.office] = found.timeliness
        widths = [9 * mm, office_width - 9 * mm, sent_width] + \
                 [(width - office_width - sent_width) / len(chunk)] * len(chunk)
        cell = Cells(widths, size)
        rows = [header_row(("TT", "Đơn vị", "Gửi", *(f"({i + 1})\n{breakdowns[i].indicator_id}" for i in block)), cell)]
        for number, office in enumerate(office_order(report, timeliness), start=1):
            rows.append([str(number), cell(office, 1), cell(timeliness[office], 2)]
                        + [values.get((n, office), "") for n in range(len(chunk))])
        rows.append(["", cell("Toàn tỉnh", 1, bold=True), ""] + [cell_value(item.figure) for item in chunk])
        key = key_table([(f"({i + 1})", breakdowns[i].label) for i in block], styles, width)
        story += [CondPageBreak(45 * mm), decree30.spacer(6), key, decree30.spacer(4)]
        story.append(PagedTable(rows, widths, grid_style(size, padding=1) + [
            ("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (3, 1), (-1, -1), "RIGHT")] + head_style(),
            size=size, padding=1, row_styles={len(rows) - 1: [("FONTNAME", 0, -1, decree30.font("bold"))]}))
    return story
