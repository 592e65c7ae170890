"""The image pipeline: orientation, colour modes, fitting, resolution, encoding, cache, bad files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from casebook_pdf.errors import ImageError
from casebook_pdf.frames import Page, Picture, mm
from casebook_pdf.images import ImageStore, Processed, picture_key
from casebook_pdf.model import Where

W, H = mm(40), mm(30)  # a typical photo frame: 40 x 30 mm


def picture(path: Path, w: float = W, h: float = H, fit: str = "cover") -> Picture:
    return Picture(0, 0, w, h, path, fit, Where(path.parent / "case.yaml", 7, "photos[0].image"))


def photo(path: Path, size=(4000, 3000), mode="RGB", fmt="JPEG", **save) -> Path:
    """A photo-like image: gradients and texture, so JPEG sizes are realistic."""
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 24)
    img = Image.merge("RGB", (gradient, Image.blend(gradient.rotate(90), noise, 0.3), noise))
    if mode != "RGB":
        img = img.convert(mode)
    img.save(path, fmt, **save)
    return path


def open_result(result: Processed) -> Image.Image:
    return Image.open(io.BytesIO(result.data))


def test_camera_photo_is_downsampled_to_300_dpi_at_print_size(tmp_path: Path) -> None:
    result = ImageStore().get(picture(photo(tmp_path / "a.jpg")))
    assert result.format == "jpeg"
    assert result.size == (round(W / 72 * 300), round(H / 72 * 300))
    assert result.dpi == pytest.approx(300, rel=0.01)


def test_dpi_is_configurable(tmp_path: Path) -> None:
    result = ImageStore(dpi=150).get(picture(photo(tmp_path / "a.jpg")))
    assert result.size[0] == round(W / 72 * 150)


def test_small_images_are_never_upsampled_and_warn(tmp_path: Path) -> None:
    pic = picture(photo(tmp_path / "small.jpg", size=(200, 150)))
    done, warnings = ImageStore().process_pages((Page(800, 600, (pic,)),))
    assert done[picture_key(pic)].size == (200, 150)
    assert len(warnings) == 1 and "dpi" in warnings[0].message and warnings[0].line == 7


def test_exif_orientation_is_honoured(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90° clockwise to view
    path = photo(tmp_path / "sideways.jpg", size=(400, 300), exif=exif.tobytes())
    result = ImageStore().get(picture(path, w=mm(100), h=mm(100), fit="contain"))
    assert result.size[1] > result.size[0]


def test_cover_crops_to_the_frame_and_contain_keeps_the_whole_image(tmp_path: Path) -> None:
    path = photo(tmp_path / "wide.jpg", size=(1600, 400))
    covered = ImageStore().get(picture(path, w=mm(20), h=mm(20)))
    assert covered.size[0] == pytest.approx(covered.size[1], abs=1)
    whole = ImageStore().get(picture(path, w=mm(200), h=mm(200), fit="contain"))
    assert whole.size == (1600, 400)


def test_transparent_png_is_composited_on_white(tmp_path: Path) -> None:
    img = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    img.paste((0, 0, 255, 255), (100, 50, 200, 150))
    img.save(tmp_path / "t.png")
    result = open_result(ImageStore().get(picture(tmp_path / "t.png", w=mm(60), h=mm(40))))
    assert result.convert("RGB").getpixel((2, 2)) == (255, 255, 255)


@pytest.mark.parametrize("mode,fmt,suffix", [("CMYK", "JPEG", "jpg"), ("L", "JPEG", "jpg"), ("RGB", "WEBP", "webp"), ("P", "PNG", "png")])
def test_colour_modes_and_formats_are_accepted(tmp_path: Path, mode: str, fmt: str, suffix: str) -> None:
    path = photo(tmp_path / f"x.{suffix}", size=(800, 600), mode=mode, fmt=fmt)
    result = open_result(ImageStore().get(picture(path)))
    assert result.mode in ("RGB", "L")


def test_flat_line_art_stays_lossless_when_smaller(tmp_path: Path) -> None:
    img = Image.new("RGB", (1200, 900), (255, 255, 255))
    img.paste((31, 58, 95), (100, 100, 600, 500))
    img.save(tmp_path / "chart.png")
    result = ImageStore().get(picture(tmp_path / "chart.png", w=mm(100), h=mm(75)))
    assert result.format == "png"
    assert open_result(result).getpixel((5, 5)) == (255, 255, 255)


def test_cache_is_used_and_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pic = picture(photo(tmp_path / "a.jpg", size=(1200, 900)))
    first = ImageStore(cache_dir=tmp_path / "cache").get(pic)
    monkeypatch.setattr(ImageStore, "_process", lambda *a: pytest.fail("processed again despite the cache"))
    again = ImageStore(cache_dir=tmp_path / "cache").get(pic)
    assert again == first


def test_damaged_cache_entries_are_ignored(tmp_path: Path) -> None:
    pic = picture(photo(tmp_path / "a.jpg", size=(1200, 900)))
    store = ImageStore(cache_dir=tmp_path / "cache")
    first = store.get(pic)
    for entry in (tmp_path / "cache").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"garbage")
    assert ImageStore(cache_dir=tmp_path / "cache").get(pic) == first


def _error(tmp_path: Path, path: Path) -> str:
    with pytest.raises(ImageError) as caught:
        ImageStore().process_pages((Page(800, 600, (picture(path),)),))
    issue = caught.value.issues[0]
    assert issue.line == 7 and issue.path == "photos[0].image" and path.name in issue.message
    return str(issue)


def test_file_that_is_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "fake.jpg").write_bytes(b"this is not a JPEG at all")
    assert "画像として読めない" in _error(tmp_path, tmp_path / "fake.jpg")


def test_truncated_image(tmp_path: Path) -> None:
    data = photo(tmp_path / "full.jpg", size=(1600, 1200)).read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 3])
    assert "画像を読めません" in _error(tmp_path, tmp_path / "cut.jpg")


def test_absurd_pixel_count_is_refused_before_decoding(tmp_path: Path) -> None:
    Image.new("1", (12000, 10000)).save(tmp_path / "bomb.png")  # 120 megapixels, a few kilobytes
    assert "画素数" in _error(tmp_path, tmp_path / "bomb.png")


def test_95_megapixels_are_accepted_as_the_readme_promises(tmp_path: Path) -> None:
    """Pillow's own guard starts at ~89 million pixels; the README promises up to 100 million."""
    from casebook_pdf.images import _open

    Image.new("1", (10000, 9500)).save(tmp_path / "big.png")
    assert _open(tmp_path / "big.png").size == (10000, 9500)


# --- Decoding early (ImageStore.prefetch): the same bytes, and only where it can pay -------------


def _drawing(path: Path, size=(1200, 900)) -> Path:
    """An illustration-like PNG: flat areas and a gradient (not a JPEG, so prefetch decodes it)."""
    img = Image.linear_gradient("L").resize(size).convert("RGB")
    img.paste((200, 40, 40), (10, 10, size[0] // 2, size[1] // 3))
    img.save(path, "PNG")
    return path


def test_prefetched_pictures_come_out_as_the_ordinary_path_makes_them(tmp_path: Path) -> None:
    path = _drawing(tmp_path / "drawing.png")
    frames = [picture(path), picture(path, w=mm(70), h=mm(30)), picture(path, w=mm(50), h=mm(50), fit="contain")]
    store = ImageStore()
    store.prefetch([path, path])
    assert list(store._early) == [path]  # one decoding per file, whatever the number of frames
    early = [store.get(p) for p in frames]
    assert early == [ImageStore().get(p) for p in frames]
    store.forget_early()
    assert store._early == {}


def test_prefetch_skips_jpegs_known_files_and_what_is_over_its_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casebook_pdf import images

    jpeg = photo(tmp_path / "a.jpg", size=(400, 300))
    small, big = _drawing(tmp_path / "small.png", (400, 300)), _drawing(tmp_path / "big.png", (1200, 900))
    monkeypatch.setattr(images, "PREFETCH_PIXELS", 400 * 300 + 1)
    store = ImageStore()
    store.prefetch([jpeg, small, big, tmp_path / "missing.png"])
    assert list(store._early) == [small]  # JPEG decoding depends on the frame (draft); big is over budget
    store.forget_early()


def test_a_picture_that_fails_to_decode_early_is_reported_as_ever(tmp_path: Path) -> None:
    data = _drawing(tmp_path / "full.png").read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    store = ImageStore()
    store.prefetch([cut])
    with pytest.raises(ImageError) as caught:
        store.process_pages((Page(800, 600, (picture(cut),)),))
    assert "画像を読めません" in str(caught.value.issues[0])
    assert store._early == {}  # dropped once the pages' pictures are settled


def test_prefetch_reads_and_hashes_small_files_itself_and_leaves_big_ones_to_its_thread(tmp_path: Path,
                                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker thread waits for the GIL after each system call while the main thread runs Python; the
    main thread reads and hashes a small file in microseconds, so it does that part itself."""
    from casebook_pdf import images

    small, big = _drawing(tmp_path / "small.png", (400, 300)), _drawing(tmp_path / "big.png", (1200, 900))
    monkeypatch.setattr(images, "READ_HERE", small.stat().st_size)
    store = ImageStore()
    hashed_here: list[Path] = []
    real = store.digests.hash
    monkeypatch.setattr(store.digests, "hash", lambda path, data=None: hashed_here.append(path) or real(path, data))
    monkeypatch.setattr(ImageStore, "_decode_early", lambda self, file, read: pytest.fail("decoded before prefetch returned"))
    started: list[tuple[Path, object]] = []
    monkeypatch.setattr(images.ThreadPoolExecutor, "submit", lambda self, fn, file, read: started.append((file, read)))
    store.prefetch([small, big])
    assert hashed_here == [small]  # all before any decoding was handed to the thread
    assert [(file, read is not None) for file, read in started] == [(small, True), (big, False)]
    assert started[0][1] == (ImageStore().digests.hash(small)[0], small.read_bytes())


def test_cache_entries_written_by_the_writer_thread_are_on_disk_when_processing_returns(tmp_path: Path) -> None:
    drawings = [_drawing(tmp_path / f"d{n}.png", (400 + n, 300)) for n in range(4)]
    store = ImageStore(cache_dir=tmp_path / "cache")
    done, _ = store.process_pages((Page(800, 600, tuple(picture(p) for p in drawings)),))
    assert store._writer is None
    entries = sorted(f for f in (tmp_path / "cache").rglob("*") if f.is_file() and f.name != "stat.json")
    assert len(entries) == 4 and not any(f.suffix == ".tmp" for f in entries)
    again = ImageStore(cache_dir=tmp_path / "cache")
    again._process = lambda *a: pytest.fail("processed again")  # type: ignore[method-assign]
    assert [again.get(picture(p)) for p in drawings] == [done[picture_key(picture(p))] for p in drawings]


def test_pictures_begun_during_layout_are_processed_once_and_taken_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _drawing(tmp_path / "drawing.png")
    first, second = Page(100, 100, (picture(path),), key="case-1"), Page(100, 100, (picture(path, w=mm(70)),), key="case-2")
    store = ImageStore(tmp_path / "c")
    attempts: list[Picture] = []
    real = store._attempt
    monkeypatch.setattr(store, "_attempt", lambda p: attempts.append(p) or real(p))
    store.begin(first)
    store.begin(first)  # the same page again: nothing new
    images, warnings = store.process_pages((first, second))
    assert attempts == [picture(path), picture(path, w=mm(70))] and warnings == []
    assert list(images.values()) == [ImageStore().get(picture(path)), ImageStore().get(picture(path, w=mm(70)))]
    assert store._pool is None and store._begun == {}

    store.begin(second)  # a build that stops before drawing (a text that does not fit) drops what it began
    store.abandon()
    assert store._pool is None and store._begun == {}


def test_prefetched_pixels_too_many_for_the_frame_are_not_asked_whether_they_pass_as_they_are(tmp_path: Path,
                                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from casebook_pdf import pixels

    path = _drawing(tmp_path / "drawing.png")  # 1200 x 900
    asked: list[float] = []
    real = pixels.as_it_is
    monkeypatch.setattr(pixels, "as_it_is", lambda data, w, *rest: asked.append(w) or real(data, w, *rest))
    store = ImageStore()
    store.prefetch([path])
    small, roomy = picture(path), picture(path, w=300.0, h=225.0, fit="contain")  # roomy: 1250 px wide at 300 dpi
    assert store.get(small).size < (1200, 900) and asked == []
    assert store.get(roomy).data == path.read_bytes() and asked == [300.0]  # the PNG itself
    assert [ImageStore().get(p) for p in (small, roomy)] == [store.get(small), store.get(roomy)]
    store.forget_early()


def test_a_build_never_takes_over_what_an_earlier_one_began(tmp_path: Path) -> None:
    """--watch keeps one store: a picture begun by a build that stopped before start(), whose file has
    changed since under the same name, is dropped when the next build lays out its pages."""
    from casebook_pdf.build import Workspace, build, prepare
    from tests.editions import CASE, make_edition

    edition = make_edition(tmp_path, {"01.yaml": CASE + "photos:\n  - image: photo.png\n    caption: 写真\n"})
    photo = (tmp_path / "images" / "photo.png").resolve()
    Image.new("RGB", (1200, 900), (200, 30, 30)).save(photo)
    work = Workspace.fresh(None)
    case_page = prepare(edition, None, work=work).layout.pages[-1]
    work.store.prefetch([photo])
    work.store.begin(case_page)  # as a build stopped after its layout would leave it
    assert [future.result() for future in work.store._begun.values()]
    Image.new("RGB", (1200, 900), (30, 30, 200)).save(photo)
    build(edition, tmp_path / "a.pdf", work=work)
    build(edition, tmp_path / "fresh.pdf", work=Workspace.fresh(None))
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "fresh.pdf").read_bytes()
    assert work.store._begun == {} and work.store._pool is None
