"""report, sign-off, reopen, sign, verify."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from desktop_app.commands import secrets
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.workspace import Workspace


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help=_("write the year's report, or a review report, as PDF (and Excel)"),
        description=_("Writes the annual report of --year, or with --review YEAR the review report the plan "
                      "names for that year (a phase review, \"sơ kết\", or the final review, \"tổng kết\"). "
                      "A year not signed off prints with a \"DỰ THẢO\" (draft) stamp on every page."))
    p.add_argument("workspace", type=Path)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, help=_("the year of the annual report"))
    which.add_argument("--review", type=int, metavar="YEAR",
                       help=_("the review report of YEAR, one of the plan's review years (e.g. 2025, 2030)"))
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--xlsx", type=Path, help=_("also write the tables to this .xlsx file (annual report)"))
    p.set_defaults(handler=report)

    p = subparsers.add_parser("report-consolidated", help=_("write the province's consolidated report (lead office)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--xlsx", type=Path, help=_("also write the tables to this .xlsx file"))
    p.add_argument("--plan", help=_("the plan (when the workspace holds several)"))
    p.set_defaults(handler=report_consolidated)

    p = subparsers.add_parser(
        "sign-off", help=_("finish the year: record the signer and lock it"),
        description=_("Records who signs the year's report and locks the year. The signature block is printed as "
                      "Decree 30 lays it out: the authority line(s), the title, the room for the signature, the "
                      "name. Example: --authority \"TM. ỦY BAN NHÂN DÂN\" --authority \"KT. CHỦ TỊCH\" "
                      "--title \"PHÓ CHỦ TỊCH\"."))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--signer", required=True, help=_("the name of the person who signs, e.g. Nguyễn Văn An"))
    p.add_argument("--title", default="",
                   help=_("the signer's own title, e.g. \"PHÓ CHỦ TỊCH\", \"PHÓ GIÁM ĐỐC\"; a line break (or "
                          "\\n) starts a new line and is printed as written; may be empty only after \"Q. …\""))
    p.add_argument("--authority", action="append", default=[],
                   help=_("a line of the signing authority, once per line, in this order: \"TM. <collective>\" "
                          "(for the collective, e.g. TM. ỦY BAN NHÂN DÂN), then \"KT. <head>\" (a deputy signs "
                          "for the head), \"Q. <head>\" (acting head), \"TL. <head>\" or \"TUQ. <head>\" (by "
                          "order or authorisation); none when the head signs in person"))
    p.add_argument("--number", help=_("report number, e.g. 245/BC-SLĐTBXH"))
    p.add_argument("--place", help=_("the place name before the date (kept for later reports); default: the "
                                     "commune or district of a local office, the province for others"))
    p.add_argument("--to", dest="addressee", action="append",
                   help=_("a \"Kính gửi\" addressee (once per addressee, kept for later reports); "
                          "--to \"\" prints none; default: the office the report goes up to"))
    p.set_defaults(handler=sign_off)

    p = subparsers.add_parser("reopen", help=_("reopen a signed year (the reason is kept)"))
    p.add_argument("workspace", type=Path)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=reopen)

    p = subparsers.add_parser("sign", help=_("sign a report PDF digitally (PAdES)"))
    p.add_argument("file", type=Path)
    p.add_argument("--p12", type=Path, help=_("certificate file; its password from TIENDO_P12_PASSWORD or a prompt"))
    p.add_argument("--pkcs11", type=Path, help=_("PKCS#11 library of a USB token; PIN from TIENDO_TOKEN_PIN or a prompt"))
    p.add_argument("--token-label")
    p.add_argument("--key-label")
    p.add_argument("-o", "--output", type=Path, help=_("signed file (default: NAME-signed.pdf)"))
    p.set_defaults(handler=sign)

    p = subparsers.add_parser("verify", help=_("check the signatures of a PDF"))
    p.add_argument("file", type=Path)
    p.add_argument("--trust", type=Path, action="append", default=[], help=_("trusted root certificate (PEM or DER)"))
    p.set_defaults(handler=verify)


def report(args) -> int:
    from desktop_app.core.reports.build import write_year_pdf, write_year_xlsx
    from desktop_app.core.reports.review import write_review_pdf

    if args.review is not None and args.xlsx:
        raise InputError("--xlsx goes with the annual report (--year), not with --review.")
    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as ws:
        if args.review is not None:
            result = write_review_pdf(ws, args.review, args.output)
        else:
            result = write_year_pdf(ws, args.year, args.output)
            if args.xlsx:
                write_year_xlsx(ws, args.year, args.xlsx)
    print(_("{path}: {pages} page(s)", path=args.output, pages=result.pages))
    return 0


def report_consolidated(args) -> int:
    from desktop_app.core import actions

    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as ws:
        written = actions.write_consolidated_report(ws, args.year, pdf=args.output, xlsx=args.xlsx,
                                                    plan_code=args.plan)
    print(_("{path}: {pages} page(s)", path=args.output, pages=written.pages))
    print(_("Data fingerprint: {fingerprint}", fingerprint=written.fingerprint))
    return 0


def sign_off(args) -> int:
    from desktop_app.core.signoff import sign_year

    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as ws:
        addressee = None if args.addressee is None else "\n".join(args.addressee)
        state = sign_year(ws, args.year, signer_name=args.signer, signer_title=args.title,
                          signer_authority="\n".join(args.authority), report_number=args.number,
                          place=args.place, addressee=addressee)
    print(_("The {year} report is signed (revision {revision}); data fingerprint {fingerprint}.",
            year=args.year, revision=state.revision, fingerprint=state.fingerprint))
    return 0


def reopen(args) -> int:
    from desktop_app.core.signoff import reopen_year

    with Workspace.open(args.workspace, passphrase=secrets.passphrase()) as ws:
        reopen_year(ws, args.year, args.reason)
    print(_("The {year} report is open for changes again.", year=args.year))
    return 0


def _secret(variable: str, prompt: str) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise InputError("No password: set {variable} or run in a terminal.", variable=variable)
    return getpass.getpass(prompt)


def sign(args) -> int:
    from desktop_app.core import actions

    if args.p12:
        signer = actions.PdfSigner(p12=args.p12, password=_secret("TIENDO_P12_PASSWORD", _("Certificate password: ")))
    elif args.pkcs11:
        signer = actions.PdfSigner(pkcs11=args.pkcs11, pin=_secret("TIENDO_TOKEN_PIN", _("Token PIN: ")),
                                   token_label=args.token_label, key_label=args.key_label)
    else:
        raise InputError("Give --p12 FILE or --pkcs11 LIBRARY.")
    print(actions.sign_pdf(args.file, signer, args.output))
    return 0


def verify(args) -> int:
    from desktop_app.core.reports.signing import verify_pdf

    reports = verify_pdf(args.file, args.trust)
    if not reports:
        print(_("{file}: no signature.", file=args.file))
        return 1
    for item in reports:
        print(item.summary())
    return 0 if all(r.intact and r.valid and not r.modified_after_signing for r in reports) else 1
