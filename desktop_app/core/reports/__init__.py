"""Reports: the annual report of an office and the lead office's consolidated report,
as PDF (laid out per Decree 30/2020/NĐ-CP) and as Excel tables; signatures on them.

The pieces (nothing is imported here, so ``model`` stays cheap to import):

- ``model``: the plain frozen dataclasses a report is made of (``AnnualReport``,
  ``IndicatorLine``, ``TaskLine``, ``Signer``, ``ConsolidatedReport``, ``SubmissionLine``,
  ``BreakdownLine``), ``PageSettings`` and ``PdfResult``;
- ``annual.build_annual_pdf(report, path, settings) -> PdfResult`` and
  ``consolidated.build_consolidated_pdf(report, path, settings) -> PdfResult``: the page
  count and the signature block's place (page, x1, y1, x2, y2 in points), also kept in
  the PDF's metadata for ``annual.signature_place(path)``;
- ``spreadsheet.write_annual_xlsx`` / ``write_consolidated_xlsx``: the same tables in Excel;
- ``fingerprint.canonical_bytes`` / ``fingerprint``: the data fingerprint on every page;
- ``decree30``: the page furniture; ``fonts``: Times New Roman or the bundled Liberation Serif;
- ``build``: a workspace's year as an ``AnnualReport``; ``signing``: PAdES signatures.
"""
