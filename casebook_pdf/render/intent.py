"""The output intent of a press build: the CMYK profile the colours and photos were separated for,
embedded in the catalog (/OutputIntents) so the print shop's RIP and preflight know it."""

from __future__ import annotations

import io
import zlib

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas


def profile_name(icc: bytes) -> str:
    """The profile's own description ("Japan Color 2001 Coated"…), for the intent and for messages."""
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return (ImageCms.getProfileDescription(profile) or "CMYK").strip()


def add_output_intent(canvas: Canvas, icc: bytes) -> None:
    doc = canvas._doc
    stream = PDFStream(PDFDictionary({"N": 4, "Length": 0}), zlib.compress(icc, 9), filters=[])
    stream.dictionary["Filter"] = PDFName("FlateDecode")
    name = profile_name(icc)
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"),
        "S": PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": PDFString(name),
        "Info": PDFString(name),
        "DestOutputProfile": doc.Reference(stream),
    })
    catalog = doc.Catalog
    catalog.OutputIntents = PDFArray([intent])
    # reportlab's catalog writes only the keys it lists; add ours to this one catalog's list.
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
