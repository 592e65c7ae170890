"""The content-stream tokenizer preflight reads with: the same operations as pypdf's own parser."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

from casebook_pdf.pdftokens import operations


def _plain(value):  # noqa: ANN001, ANN202
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "original_bytes"):
        return bytes(value.original_bytes)
    if isinstance(value, bytes):
        return bytes(value)
    if isinstance(value, str):
        return str(value)
    return float(value)


def test_same_operations_as_pypdf(bundled_pdf: Path) -> None:
    reader = PdfReader(bundled_pdf)
    for page in reader.pages:
        data = page.get_contents().get_data()
        ours = [(_plain(args), op) for args, op in operations(data)]
        theirs = [(_plain(list(args)), op.decode("latin-1")) for args, op in ContentStream(page.get_contents(), reader).operations]
        assert len(ours) > 50 and ours == theirs


def test_strings_names_arrays_and_inline_images() -> None:
    data = (b"% a comment\n/Na#6De 12 -.5 +3. cs "
            b"(a\\(b\\)c (nested) \\101\\n\\\\) Tj <48 65 6c6C 6F> Tj "
            b"[(x) -120 (y)] TJ /P <</MCID 3>> BDC "
            b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff) EI Q")
    ops = list(operations(data))
    assert ops[0] == (["/Name", 12.0, -0.5, 3.0], "cs")
    assert ops[1] == ([b"a(b)c (nested) A\n\\"], "Tj")
    assert ops[2] == ([b"Hello"], "Tj")
    assert ops[3] == ([[b"x", -120.0, b"y"]], "TJ")
    assert ops[4] == (["/P", {"/MCID": 3.0}], "BDC")
    assert [op for _, op in ops[5:]] == ["Q"], "the inline image is skipped whole"
