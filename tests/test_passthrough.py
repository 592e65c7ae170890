"""Pass-through: a picture that processing would not change goes into the PDF as the file's own bytes
(a JPEG as DCTDecode, a PNG's zlib stream as FlateDecode with the PNG predictors), without decoding it;
anything larger than its frame needs, or to be cropped, turned, flattened or converted, is processed."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image

from casebook_pdf.fonts import load_fonts
from casebook_pdf.frames import Page, Picture, mm
from casebook_pdf.images import ImageStore, png_data
from casebook_pdf.model import Where
from casebook_pdf.render import Meta, Output
from casebook_pdf.render.pdf import render_pdf

W, H = mm(40), mm(30)  # a 4:3 frame: 472 x 354 pixels at 300 dpi


def _picture(path: Path, w: float = W, h: float = H, fit: str = "cover") -> Picture:
    return Picture(mm(20), mm(20), w, h, path, fit, Where(path.parent / "case.yaml", 3, "photos[0].image"))


def _pixels(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Flat areas, a gradient and noise: something both encoders have work to do on."""
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    img.paste((200, 40, 40), (size[0] // 8, size[1] // 8, size[0] // 2, size[1] // 2))
    img = Image.blend(img, Image.effect_noise(size, 30).convert("RGB"), 0.2)
    return img.convert(mode)


def _save(img: Image.Image, path: Path, **options) -> Path:
    img.save(path, **options)
    return path


def test_a_right_sized_png_is_its_own_bytes(tmp_path: Path) -> None:
    path = _save(_pixels((400, 300)), tmp_path / "a.png")
    done = ImageStore().get(_picture(path))
    assert (done.format, done.size, done.data) == ("png", (400, 300), path.read_bytes())


def test_a_right_sized_baseline_jpeg_is_its_own_bytes(tmp_path: Path) -> None:
    path = _save(_pixels((400, 300), "L"), tmp_path / "a.jpg", quality=95)
    done = ImageStore().get(_picture(path))
    assert (done.format, done.size, done.data) == ("jpeg", (400, 300), path.read_bytes())


def test_a_contained_picture_is_passed_whatever_its_aspect(tmp_path: Path) -> None:
    path = _save(_pixels((200, 300)), tmp_path / "tall.png")
    assert ImageStore().get(_picture(path, fit="contain")).data == path.read_bytes()


@pytest.mark.parametrize("name, make", [
    ("oversized.png", lambda p: _save(_pixels((1200, 900)), p)),  # more pixels than the frame needs
    ("oversized.jpg", lambda p: _save(_pixels((1200, 900)), p, quality=90)),
    ("wide.png", lambda p: _save(_pixels((400, 200)), p)),  # cover crops it
    ("alpha.png", lambda p: _save(_pixels((400, 300), "RGBA"), p)),  # put on white
    ("palette.png", lambda p: _save(_pixels((400, 300)).convert("P"), p)),
    ("deep.png", lambda p: _save(_pixels((400, 300), "I;16"), p)),
    ("progressive.jpg", lambda p: _save(_pixels((400, 300)), p, progressive=True)),
    ("cmyk.jpg", lambda p: _save(_pixels((400, 300), "CMYK"), p)),
])
def test_what_processing_changes_is_processed(tmp_path: Path, name: str, make) -> None:
    path = make(tmp_path / name)
    done = ImageStore().get(_picture(path))
    assert done.data != path.read_bytes()
    assert done.size[0] <= round(W / 72 * 300)  # never more pixels than the frame needs


def test_png_data_takes_only_what_a_pdf_embeds_as_it_is(tmp_path: Path) -> None:
    data = _save(_pixels((40, 30)), tmp_path / "a.png").read_bytes()
    assert png_data(data) is not None and png_data(data[:-20]) is None  # cut short: processed, which reports it
    interlaced = data[:28] + b"\x01" + data[29:]  # Adam7 (Pillow writes none): the rows are not in order
    assert png_data(interlaced) is None and png_data(b"GIF89a") is None


def test_an_oversized_png_is_still_downsampled(tmp_path: Path) -> None:
    path = _save(_pixels((1200, 900)), tmp_path / "big.png")
    assert ImageStore().get(_picture(path)).size == (round(W / 72 * 300), round(H / 72 * 300))


def test_a_jpeg_to_be_turned_upright_is_processed(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways
    path = _save(_pixels((300, 400)), tmp_path / "sideways.jpg", exif=exif.tobytes())
    done = ImageStore().get(_picture(path))
    assert done.data != path.read_bytes() and done.size == (400, 300)


def test_a_right_sized_png_is_not_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _save(_pixels((400, 300)), tmp_path / "a.png")
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("decoded"))
    assert ImageStore().get(_picture(path)).format == "png"


def _pdf(tmp_path: Path, *paths: Path, output: Output = Output()) -> bytes:
    pictures = tuple(_picture(p) for p in paths)
    images, _ = ImageStore().process_pages((Page(mm(210), mm(297), pictures),))
    return render_pdf((Page(mm(210), mm(297), pictures, key="p1"),), Meta("t", "a", "s", 0), load_fonts(), images,
                      output=output)


def _embedded(pdf: bytes) -> list[tuple[dict, bytes]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [(dict(image["stream"].attrs), image["stream"].get_rawdata()) for image in doc.pages[0].images]


def _decoded(pdf: bytes) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    return [obj.get_bitmap(render=False).to_pil() for obj in doc[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]


def test_the_pdf_holds_the_pngs_own_stream_and_shows_its_pixels(tmp_path: Path) -> None:
    rgb, gray = _save(_pixels((400, 300)), tmp_path / "rgb.png"), _save(_pixels((400, 300), "L"), tmp_path / "gray.png")
    pdf = _pdf(tmp_path, rgb, gray)
    (attrs, raw), (gattrs, graw) = _embedded(pdf)
    assert raw == png_data(rgb.read_bytes()).stream and graw == png_data(gray.read_bytes()).stream  # type: ignore[union-attr]
    assert attrs["DecodeParms"] == {"Predictor": 15, "Colors": 3, "BitsPerComponent": 8, "Columns": 400}
    assert gattrs["DecodeParms"]["Colors"] == 1
    shown = _decoded(pdf)
    assert shown[0].convert("RGB").tobytes() == Image.open(rgb).convert("RGB").tobytes()
    assert shown[1].convert("L").tobytes() == Image.open(gray).tobytes()


def test_the_pdf_holds_the_jpegs_own_bytes(tmp_path: Path) -> None:
    path = _save(_pixels((400, 300)), tmp_path / "a.jpg", quality=95)
    (attrs, raw), = _embedded(_pdf(tmp_path, path))
    assert raw == path.read_bytes() and str(attrs["Filter"]) in ("/'DCTDecode'", "[/'DCTDecode']")


def test_gray_and_cmyk_outputs_still_convert_a_passed_picture(tmp_path: Path) -> None:
    from tests.iccgen import cmyk_profile

    path = _save(_pixels((400, 300)), tmp_path / "a.png")
    for output, space in ((Output(grayscale=True), "DeviceGray"), (Output(press=True, icc=cmyk_profile()), "DeviceCMYK")):
        (attrs, raw), = _embedded(_pdf(tmp_path, path, output=output))
        assert "DecodeParms" not in attrs and str(attrs["ColorSpace"]) == f"/{space!r}"


def test_a_processed_png_goes_in_as_it_was_encoded(tmp_path: Path) -> None:
    chart = Image.new("RGB", (1200, 900), "white")  # flat line art, larger than its frame: processed to PNG
    for i in range(0, 1200, 150):
        chart.paste((30, 90, 200), (i, 900 - (i % 600) - 100, i + 100, 900))
    path = _save(chart, tmp_path / "chart.png")
    done = ImageStore().get(_picture(path))
    assert done.format == "png" and done.data != path.read_bytes()
    pdf = _pdf(tmp_path, path)
    (attrs, raw), = _embedded(pdf)
    assert raw == png_data(done.data).stream  # type: ignore[union-attr]
    assert _decoded(pdf)[0].convert("RGB").tobytes() == Image.open(io.BytesIO(done.data)).convert("RGB").tobytes()


def test_drawing_opens_no_encoded_picture_with_pillow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A JPEG, a gray JPEG and a PNG that go into the PDF as they are: reportlab is given their format and
    size without Pillow opening them (3000 photos: 0.12 s of a warm build), and the PDF is the same."""
    jpeg, gray = _save(_pixels((400, 300)), tmp_path / "a.jpg", quality=90), _save(_pixels((400, 300), "L"), tmp_path / "g.jpg")
    png = _save(_pixels((400, 300)), tmp_path / "p.png")
    pictures = tuple(_picture(p) for p in (jpeg, gray, png))
    images, _ = ImageStore().process_pages((Page(mm(210), mm(297), pictures),))
    page = (Page(mm(210), mm(297), pictures, key="p1"),)
    meta = Meta("t", "a", "s", 0)
    opened: list[object] = []
    real = Image.open
    monkeypatch.setattr(Image, "open", lambda fp, *a, **k: opened.append(fp) or real(fp, *a, **k))
    pdf = render_pdf(page, meta, load_fonts(), images)
    assert opened == []
    embedded = _embedded(pdf)
    assert [raw for _, raw in embedded[:2]] == [jpeg.read_bytes(), gray.read_bytes()]
    assert [str(attrs["ColorSpace"]) for attrs, _ in embedded] == ["/'DeviceRGB'", "/'DeviceGray'", "/'DeviceRGB'"]
