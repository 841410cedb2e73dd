"""Only a signed-off year is the office's report; a draft goes out marked as one; the
same data exported twice is the same revision, which the lead office already has."""

from __future__ import annotations

import pytest

from desktop_app.core import entries, signoff
from desktop_app.core.errors import InputError
from desktop_app.core.exchange import keys
from desktop_app.core.exchange.exporter import export_year
from desktop_app.core.exchange.importer import import_packages


@pytest.fixture
def pair(make_workspace, tmp_path):
    lead, _ = make_workspace("so-ldtbxh", role="lead", name="lead")
    office, _ = make_workspace("huyen-dien-khanh", name="huyen")
    keys.export_public_key(lead, tmp_path / "lead.tdkey")
    keys.import_public_key(office, tmp_path / "lead.tdkey")
    usb = tmp_path / "usb"
    usb.mkdir()
    entries.set_value(office, 2026, "I.1", "2,8")
    return lead, office, usb


def received(lead):
    return lead.query("SELECT revision, report_status, json_extract(payload_json, '$.submission') FROM received_packages"
                      " ORDER BY revision")


def test_an_unsigned_year_is_refused_as_a_submission_and_goes_out_marked_as_a_draft(pair):
    lead, office, usb = pair
    with pytest.raises(InputError) as refused:
        export_year(office, 2026, usb, draft=False)
    assert "dự thảo" in refused.value.vi and not list(usb.iterdir())
    draft = export_year(office, 2026, usb)
    assert draft.submission == "draft"
    import_packages(lead, [draft.path], trust_new=True)
    assert received(lead) == [(1, "draft", "draft")]


def test_a_signed_year_goes_out_as_the_final_submission(pair):
    lead, office, usb = pair
    signoff.sign_year(office, 2026, signer_name="Trần Văn Bình", signer_title="PHÓ CHỦ TỊCH",
                      signer_authority="KT. CHỦ TỊCH")
    result = export_year(office, 2026, usb, draft=False)
    assert result.submission == "final" and result.revision == 1
    import_packages(lead, [result.path], trust_new=True)
    assert received(lead) == [(1, "signed", "final")]


def test_the_same_data_exported_twice_is_the_same_revision_and_the_lead_already_has_it(pair):
    lead, office, usb = pair
    first = export_year(office, 2026, usb)
    again = export_year(office, 2026, usb)
    assert (again.revision, again.repeated) == (first.revision, True) and again.path == first.path
    assert import_packages(lead, [first.path], trust_new=True)[0].outcome == "imported"
    other = usb / "copy"
    other.mkdir()
    third = export_year(office, 2026, other)
    assert import_packages(lead, [third.path])[0].outcome == "duplicate"
    entries.set_value(office, 2026, "I.1", "2,9")
    changed = export_year(office, 2026, usb)
    assert changed.revision == 2 and not changed.repeated
    signoff.sign_year(office, 2026, signer_name="Trần Văn Bình", signer_title="PHÓ CHỦ TỊCH")
    signed = export_year(office, 2026, usb)
    assert signed.revision == 3 and signed.submission == "final"  # signing changes what is sent
