"""Finishing a year: check it is ready, record the signer, lock it; reopen with a reason.

A signed year refuses edits (see ``entries.ensure_unlocked``).  Reopening is audited and
the next signature is a new revision, so the paper that was signed and the data that
was sent can always be told apart by their fingerprints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core import entries
from desktop_app.core.errors import InputError, Location
from desktop_app.core.i18n import N_, translate
from desktop_app.core.text import clean
from desktop_app.core.clock import now_utc
from desktop_app.core.workspace import Workspace


class ReadinessError(InputError):
    """The year cannot be signed yet; ``problems`` says what is missing."""


@dataclass(frozen=True)
class Gap:
    indicator_id: str
    message_id: str

    def message(self, language: str | None = None) -> str:
        return translate(self.message_id, language)


# Decree 30, Appendix I, II.8: who signs for whom.  "TM." (for the collective), then
# "KT." (deputy for the head), "Q." (acting head), "TL." / "TUQ." (by the head's order or
# authorisation).  Each is a line above the signer's own title.
AUTHORITY_MODES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
_MODE = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.\s*(\S.*)$", re.IGNORECASE)


def _lines(text: str | None) -> list[str]:
    """A multi-line field as the writer broke it: a real line break or a typed "\\n"
    (what a shell passes for ``--title 'KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH'``)."""
    raw = (text or "").replace("\\n", "\n").replace("\r\n", "\n")
    return [line for line in (clean(part) for part in raw.split("\n")) if line]


def _authority_line(line: str) -> str | None:
    match = _MODE.match(line)
    return f"{match.group(1).upper()}. {match.group(2).strip()}" if match else None


def signature_block(authority: str | None, title: str | None) -> tuple[str, str]:
    """The authority lines and the title lines of a signature block, checked and in the
    decree's order.  Lines of ``title`` that are authority lines ("KT. CHỦ TỊCH" typed
    as the first line of the title, as the plans print it) move to the authority.
    Raises ``InputError`` for an authority line that is not "TM./KT./Q./TL./TUQ. …", or
    for the collective ("TM.") not coming first."""
    authority_lines = _lines(authority)
    title_lines = _lines(title)
    while title_lines and _authority_line(title_lines[0]):
        authority_lines.append(title_lines.pop(0))
    normalised = []
    for number, line in enumerate(authority_lines, start=1):
        fixed = _authority_line(line)
        if fixed is None:
            raise InputError("Each line of the signing authority starts with TM., KT., Q., TL. or TUQ. "
                             "(line {number}: “{text}”).", number=number, text=line,
                             where=Location(field="signer_authority"))
        normalised.append(fixed)
    modes = [line.split(".")[0] for line in normalised]
    if "TM" in modes[1:] or len(modes) > 2 or (len(modes) == 2 and modes[0] != "TM"):
        raise InputError("The signing authority is at most two lines: “TM. …” first, then “KT. …”, “Q. …”, "
                         "“TL. …” or “TUQ. …”.", where=Location(field="signer_authority"))
    return "\n".join(normalised), "\n".join(title_lines)


def compose_authority(collective: str = "", mode: str = "", head: str = "") -> str:
    """The authority lines from the parts a clerk picks: "TM. ỦY BAN NHÂN DÂN" when
    signing for the collective, then "KT. CHỦ TỊCH" (``mode`` "KT.", ``head`` "CHỦ TỊCH")."""
    lines = []
    if clean(collective):
        lines.append(f"TM. {clean(collective)}")
    if clean(mode) and clean(head):
        lines.append(f"{clean(mode).rstrip('.')}. {clean(head)}")
    return "\n".join(lines)


def split_authority(authority: str | None) -> tuple[str, str, str]:
    """The parts ``compose_authority`` takes, read back from stored lines: (collective,
    mode, head), e.g. ("ỦY BAN NHÂN DÂN", "KT.", "CHỦ TỊCH")."""
    collective, mode, head = "", "", ""
    for line in _lines(authority):
        fixed = _authority_line(line)
        if not fixed:
            continue
        word, rest = fixed.split(".", 1)
        if word == "TM" and not collective:
            collective = rest.strip()
        else:
            mode, head = f"{word}.", rest.strip()
    return collective, mode, head


def default_signature(ws: Workspace) -> tuple[str, str, str]:
    """(authority, title, name) to offer: the block last signed with, else the usual one
    for the office's kind: a people's committee signs "TM. ỦY BAN NHÂN DÂN / KT. CHỦ
    TỊCH / PHÓ CHỦ TỊCH", a department "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"."""
    authority = ws.setting("report_signer_authority")
    title = ws.setting("report_signer_title")
    name = ws.setting("report_signer_name") or ""
    if authority is not None or title is not None:
        return authority or "", title or "", name
    rows = ws.query("SELECT kind FROM offices WHERE id = ?", (ws.office_id,))
    if rows and rows[0][0] == "local":
        return "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", name
    return "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", name


def offered_report_number(ws: Workspace, year: int, office_id: str | None = None) -> str:
    """The number to offer when signing: the one the year's report already carries (a
    reopened year signed again keeps its number unless the clerk changes it), else ""
    (printed as "…/BC-…" until numbered)."""
    return entries.report_state(ws, year, office_id or ws.office_id).report_number or ""


def paper_details(place: str | None = None, addressee: str | None = None) -> dict[str, str]:
    """The settings a sign-off may change, checked: the office's place name (the date
    line) and the "Kính gửi" lines of its reports.  ``None`` leaves a detail as it is;
    "" for the addressee prints no "Kính gửi"."""
    details = {}
    if place is not None:
        place = clean(place)
        if not place:
            raise InputError("Give the place name printed before the date.", where=Location(field="place"))
        details["report_place"] = place
    if addressee is not None:
        details["report_addressee"] = "\n".join(_lines(addressee))
    return details


def set_paper_details(ws: Workspace, *, place: str | None = None, addressee: str | None = None) -> None:
    for key, value in paper_details(place, addressee).items():
        ws.set_setting(key, value)


def year_fingerprint(ws: Workspace, year: int, office_id: str | None = None) -> str:
    from desktop_app.core.reports.fingerprint import fingerprint

    return fingerprint(entries.year_snapshot(ws, year, office_id))


def readiness(ws: Workspace, year: int, office_id: str | None = None) -> list[Gap]:
    """What stops the year from being signed: values missing without a reason, word
    targets without a person's judgement."""
    from desktop_app.core.progress import applicable_target

    office_id = office_id or ws.office_id
    assigned = entries.assigned_ids(ws, "indicator", office_id)
    recorded = entries.values(ws, year, office_id)
    gaps = []
    for indicator in ws.plan.indicators:
        if indicator.id not in assigned or ws.plan.is_heading(indicator.id):
            continue
        record = recorded.get(indicator.id)
        if record is None or not record.is_filled:
            gaps.append(Gap(indicator.id, N_("No value, and no reason given for the missing data.")))
            continue
        target = applicable_target(indicator, year)
        if (
            target is not None
            and target.parsed.needs_judgement
            and record.no_data_reason is None
            and record.judgement is None
        ):
            gaps.append(Gap(indicator.id, N_("The target is in words: record whether it was achieved.")))
    return gaps


def sign_year(
    ws: Workspace,
    year: int,
    *,
    signer_name: str,
    signer_title: str,
    signer_authority: str = "",
    report_number: str | None = None,
    office_id: str | None = None,
    place: str | None = None,
    addressee: str | None = None,
) -> entries.ReportState:
    """Lock the year under the signer's name; returns the new report state.  ``place``
    and ``addressee`` (see ``paper_details``) are kept for this and later reports, in
    the same transaction: a refused sign-off changes nothing."""
    office_id = office_id or ws.office_id
    details = paper_details(place, addressee)
    signer_name = clean(signer_name)
    signer_authority, signer_title = signature_block(signer_authority, signer_title)
    if not signer_name:
        raise InputError("Give the name of the person who signs.", where=Location(field="signer_name"))
    # An acting head ("Q. GIÁM ĐỐC") signs under that line alone; everyone else has a title.
    if not signer_title and not signer_authority.split("\n")[-1].startswith("Q."):
        raise InputError("Give the title of the person who signs.", where=Location(field="signer_title"))
    entries.ensure_unlocked(ws, year)
    gaps = readiness(ws, year, office_id)
    if gaps:
        error = ReadinessError(
            "The year is not ready to sign: {count} indicator(s) need attention, first {indicator}: {detail}",
            count=len(gaps), indicator=gaps[0].indicator_id, detail=translate(gaps[0].message_id, "en"),
        )
        error.gaps = gaps  # type: ignore[attr-defined]
        raise error
    fingerprint = year_fingerprint(ws, year, office_id)
    # The block is offered again for the next year's draft and sign-off.
    if office_id == ws.office_id:
        details.update(report_signer_authority=signer_authority, report_signer_title=signer_title,
                       report_signer_name=signer_name)
    key = f"{ws.plan_code}/{office_id}/{year}"
    with ws.transaction() as tx:
        tx.execute(
            "INSERT INTO reports (plan_code, office_id, year) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (ws.plan_code, office_id, year),
        )
        before = tx.execute(
            "SELECT revision, report_number FROM reports WHERE plan_code = ? AND office_id = ? AND year = ?",
            (ws.plan_code, office_id, year),
        ).fetchone()
        tx.execute(
            "UPDATE reports SET status = 'signed', revision = ?, signer_name = ?, signer_title = ?,"
            " signer_authority = ?, signed_at = ?, fingerprint = ?, report_number = ?"
            " WHERE plan_code = ? AND office_id = ? AND year = ?",
            (before[0] + 1, signer_name, signer_title, signer_authority, now_utc(), fingerprint,
             clean(report_number) if report_number is not None else before[1], ws.plan_code, office_id, year),
        )
        for name, value in details.items():
            old = ws.setting(name)
            ws._settings_cache.pop(name, None)
            tx.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (name, value))
            ws.audit(tx, "set", "setting", name, old_value=old, new_value=value)
        ws.audit(tx, "sign", "report", key, field="status", old_value="draft", new_value="signed",
                 reason=f"{signer_name}, {' / '.join(filter(None, [signer_authority, signer_title]))}; revision {before[0] + 1}; {fingerprint}")
    return entries.report_state(ws, year, office_id)


def reopen_year(ws: Workspace, year: int, reason: str, office_id: str | None = None) -> entries.ReportState:
    """Unlock a signed year; the reason goes into the audit trail."""
    office_id = office_id or ws.office_id
    reason = clean(reason)
    if not reason:
        raise InputError("Say why the signed year is being reopened.", where=Location(field="reason"))
    state = entries.report_state(ws, year, office_id)
    if not state.locked:
        return state
    with ws.transaction() as tx:
        tx.execute(
            "UPDATE reports SET status = 'draft' WHERE plan_code = ? AND office_id = ? AND year = ?",
            (ws.plan_code, office_id, year),
        )
        ws.audit(tx, "reopen", "report", f"{ws.plan_code}/{office_id}/{year}", field="status",
                 old_value=state.status, new_value="draft", reason=reason)
    return entries.report_state(ws, year, office_id)
