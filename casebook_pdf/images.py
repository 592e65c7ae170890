"""Images: every picture turned into the bytes the PDF embeds, at the size it prints.

How one picture is processed is pixels.py; this is the store around it. Results are cached by the
file's content hash and the target size, so a rebuild does no work and gives the same bytes. Pictures
are processed on worker threads while the pages are laid out and drawn.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from casebook_pdf import pixels
from casebook_pdf.cachedir import default_cache_dir, store  # noqa: F401 - default_cache_dir: its old home, still imported from here
from casebook_pdf.errors import ImageError, Issue
from casebook_pdf.messages import N_, _
from casebook_pdf.pixels import JPEG_QUALITY, MAX_PIXELS, TooManyPixels, contained, placement  # noqa: F401 - their old home
from casebook_pdf.record import record
from casebook_pdf.statindex import RACY, StatIndex  # noqa: F401 - RACY: its old home

if TYPE_CHECKING:  # a build imports this module before the layout's (see build.py)
    from casebook_pdf.frames import Page, Picture

DEFAULT_DPI = 300
LOW_DPI = 150
CACHE_VERSION = "4"  # 2: the PNG/JPEG choice through PNG_HOPE; 3: bicubic downsampling; 4: pass-through


@record
class Processed:
    """A picture as the PDF embeds it: encoded bytes, pixel size and the resolution it prints at."""

    data: bytes
    format: str  # "jpeg" | "png"
    size: tuple[int, int]
    dpi: float  # effective resolution at the printed size
    key: str = field(default="", compare=False)  # the store's key: the source's content and the processing


TOO_BIG_HINT = N_("ふつうの写真の大きさ（たとえば 4000×3000）で書き出し直してください。")
RESAVE_HINT = N_("画像ソフトで開いて、JPEG か PNG で保存し直してください（iPhone の HEIC は JPEG に変換します）。")


class _Bad(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _too_many(exc: TooManyPixels) -> _Bad:
    if exc.size is None:
        return _Bad(_("画素数が上限（{limit:,} 画素）を超えています。").format(limit=MAX_PIXELS), _(TOO_BIG_HINT))
    w, h = exc.size
    return _Bad(_("画素数が {w}×{h} で、上限（{limit:,} 画素）を超えています。").format(w=w, h=h, limit=MAX_PIXELS), _(TOO_BIG_HINT))


def _open(path: Path | IO[bytes]) -> Image.Image:
    """Open lazily (header only) and refuse absurd pixel counts, in words for the user."""
    try:
        return pixels.open_image(path)
    except TooManyPixels as exc:
        raise _too_many(exc) from None


@record
class PngData:
    """What a PDF needs to embed a PNG's pixels as they are stored: its zlib stream (the IDAT chunks
    joined) decodes with FlateDecode and the PNG predictors (/Predictor 15)."""

    width: int
    height: int
    colors: int  # 3 (RGB) or 1 (gray), 8 bits each
    stream: bytes


def png_data(data: bytes) -> PngData | None:
    """The PNG's stream if a PDF can take it as it is (pixels.png_parts), else None."""
    parts = pixels.png_parts(data)
    return PngData(*parts) if parts is not None else None


class Digests(StatIndex):
    """Content hashes of picture files, kept in cache/images/stat.json (see statindex.StatIndex)."""


# Decoding early (see ImageStore.prefetch) keeps the pixels in memory until the pages are laid out: at
# most this many pixels at a time (3 bytes each), about eight screenshots of 1920x1080.
PREFETCH_PIXELS = 16_000_000
READ_HERE = 2_000_000  # bytes: an illustration or a screenshot (a photo is a JPEG, not decoded early)
_Early = tuple[str, bytes, "Image.Image | None"]  # digest, the file's bytes, its oriented pixels


@dataclass
class ImageStore:
    """Processes pictures once per content and target size, with an optional on-disk cache."""

    cache_dir: Path | None = None
    dpi: int = DEFAULT_DPI
    _memo: dict[str, Processed] = field(default_factory=dict, repr=False)
    digests: Digests = field(init=False, repr=False)
    _early: dict[Path, Future[_Early | None]] = field(default_factory=dict, repr=False)
    _early_pool: ThreadPoolExecutor | None = field(default=None, repr=False)
    _writer: ThreadPoolExecutor | None = field(default=None, repr=False)  # see write_later()
    _pool: ThreadPoolExecutor | None = field(default=None, repr=False)  # processing, while a build runs
    _begun: dict[tuple, Future[Processed | Issue]] = field(default_factory=dict, repr=False)  # see begin()
    _hashed: dict[Path, str] = field(default_factory=dict, repr=False)  # digests prefetch read files for

    def __post_init__(self) -> None:
        self.digests = Digests(self.cache_dir / "stat.json" if self.cache_dir else None)

    def prefetch(self, files: Iterator[Path] | list[Path]) -> None:
        """Start decoding picture files on a worker thread while the pages are being laid out; the
        frame sizes (which the rest of processing needs) are known only after it.

        Only what no cache is likely to hold (a file the stat index does not know: a cold build or a
        changed file), and only formats decoded the same at any size (not JPEG, decoded at a reduced
        scale for its frame), up to PREFETCH_PIXELS. Everything else, and any file that fails here, takes
        the ordinary path in get(), which also gives the error messages; the bytes are the same.

        Files up to READ_HERE bytes are read and hashed here, on the calling thread: a worker thread
        waits for the GIL after every system call while this thread runs Python (up to the 5 ms switch
        interval each, about 30 ms a file to stat, read and hash it), and these take it microseconds.
        """
        budget = PREFETCH_PIXELS
        chosen: dict[Path, tuple[str, bytes] | None] = {}
        for file in dict.fromkeys(files):
            if file in self._early or self.digests.known(file) is not None:
                continue
            try:
                with _open(file) as head:  # the header only
                    if head.format == "JPEG":
                        continue
                    count = head.width * head.height
                if count > budget:
                    continue
                chosen[file] = self.digests.hash(file) if file.stat().st_size <= READ_HERE else None
            except Exception:  # noqa: BLE001 - get() reports it
                continue
            budget -= count
        if chosen:
            Image.preinit()  # the plugins Image.open imports for bytes in memory: imported here, not waited for there
        for file, read in chosen.items():  # only now: the worker would slow this thread's reading the same way
            if read is not None:
                self._hashed[file] = read[0]
            if self._early_pool is None:
                self._early_pool = ThreadPoolExecutor(max_workers=1)
            self._early[file] = self._early_pool.submit(self._decode_early, file, read)

    def _decode_early(self, file: Path, read: tuple[str, bytes] | None) -> _Early | None:
        try:
            digest, data = read or self.digests.hash(file)
        except OSError:
            return None
        try:
            return digest, data, pixels.decoded(data)
        except Exception:  # noqa: BLE001 - decoded again in get(), which reports what is wrong
            return digest, data, None

    def forget_early(self) -> None:
        """Drop what prefetch decoded: it was for one build (the files may change before the next)."""
        early, self._early, self._hashed = self._early, {}, {}
        for future in early.values():
            future.cancel()
        if self._early_pool is not None:
            self._early_pool.shutdown(wait=False)
            self._early_pool = None

    def key(self, picture: Picture, digest: str) -> str:
        parts = (CACHE_VERSION, digest, f"{picture.w:.3f}", f"{picture.h:.3f}", picture.fit, str(self.dpi), str(JPEG_QUALITY))
        return hashlib.sha256("|".join(parts).encode()).hexdigest()

    def key_now(self, picture: Picture) -> str | None:
        """The key the picture's processed image will have, if its file's digest is known without reading
        the file (prefetch read it, or the stat index says it is unchanged since it was hashed), else None."""
        digest = self._hashed.get(picture.source) or self.digests.known(picture.source)
        return self.key(picture, digest) if digest is not None else None

    def get(self, picture: Picture) -> Processed:
        early = self._early.get(picture.source)
        if early is not None and (found := early.result()) is not None:
            digest, data, early_pixels = found
            key = self.key(picture, digest)
            result = self._memo.get(key) or self._from_cache(key) or self._process(picture, key, data, early_pixels)
            self._memo[key] = result
            return result
        hit = self.cached(picture)
        if hit is not None:
            return hit
        digest, data = self.digests.hash(picture.source)
        key = self.key(picture, digest)
        if key in self._memo:
            return self._memo[key]
        result = self._from_cache(key) or self._process(picture, key, data)
        self._memo[key] = result
        return result

    def cached(self, picture: Picture) -> Processed | None:
        """The picture from memory or the cache folder when its file is unchanged since it was hashed
        (the stat index says so: nothing is hashed or decoded), else None (then get() makes it)."""
        if picture.source in self._early:
            return None
        digest = self.digests.known(picture.source)
        if digest is None:
            return None
        key = self.key(picture, digest)
        hit = self._memo.get(key) or self._from_cache(key)
        if hit is not None:
            self._memo[key] = hit
        return hit

    def _process(self, picture: Picture, key: str, data: bytes, early_pixels: Image.Image | None = None) -> Processed:
        """Process the bytes that were hashed, or the pixels prefetch decoded from them."""
        result = Processed(*pixels.process(data, early_pixels, picture.w, picture.h, picture.fit, self.dpi), key)
        self._to_cache(key, result)
        return result

    def _cache_file(self, key: str) -> Path | None:
        return self.cache_dir / key[:2] / key if self.cache_dir else None

    def _from_cache(self, key: str) -> Processed | None:
        file = self._cache_file(key)
        if file is None or not file.is_file():
            return None
        try:
            raw = file.read_bytes()
            header, data = raw.split(b"\n", 1)
            fmt, w, h, dpi = header.decode().split()
            return Processed(data, fmt, (int(w), int(h)), float(dpi), key)
        except (OSError, ValueError):
            return None  # a damaged cache entry is just a miss

    def _to_cache(self, key: str, result: Processed) -> None:
        file = self._cache_file(key)
        if file is None:
            return
        header = f"{result.format} {result.size[0]} {result.size[1]} {result.dpi!r}\n".encode()
        writer = self._writer
        if writer is not None:
            writer.submit(store, file, header + result.data)
        else:
            store(file, header + result.data)

    def write_later(self) -> None:
        """Until written(), cache entries are written by a thread of their own. A processing thread
        waits for the GIL after each system call while the main thread draws or lays out (up to the
        5 ms switch interval each: ~20 ms to write an entry), and the picture waited with it."""
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1)

    def written(self) -> None:
        """Wait for the cache entries handed to the writer thread."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)

    def process_pages(self, pages: tuple[Page, ...]) -> tuple[dict[tuple, Processed], list[Issue]]:
        """Process every picture on the pages, keyed by picture_key; raise ImageError naming each bad
        image; warn about low resolution. Pillow releases the GIL while decoding, resizing and
        encoding, so threads use every core."""
        return self.start(pages).finish()

    def start(self, pages: tuple[Page, ...]) -> Pending:
        """Begin processing the pictures on worker threads; the result can be read while they work.
        Pictures begin() started already are not started again."""
        return Pending(self, pictures(pages))

    def begin(self, page: Page) -> None:
        """Start processing the pictures of one page that prefetch is decoding, while the other pages are
        laid out (their frame sizes are known from now on); start() then takes them over. The others (a
        cached picture, a JPEG photo) wait for start(): cached ones are read on the calling thread, and
        photos would slow the layout down through the GIL for no gain (measured at 100 cases)."""
        for key, picture in pictures((page,)).items():
            if key not in self._begun and picture.source in self._early:
                self.write_later()
                self._begun[key] = self._submit(picture)

    def finished_one(self) -> None:
        """Called once for each picture of a build as soon as it is done (the progress display counts them)."""

    def _submit(self, picture: Picture) -> Future[Processed | Issue]:
        # A cached picture is read here: on a worker thread, each of its system calls would wait for
        # the GIL while this thread draws (3000 cached photos: 0.4 s of a warm 1000-case build).
        hit = self.cached(picture)
        if hit is not None:
            return _done(hit)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        return self._pool.submit(self._attempt, picture)

    def abandon(self) -> None:
        """Drop what prefetch() and begin() started, for a build that stopped before drawing (and before
        the next one: --watch keeps the store, and a file may have changed under the same name since)."""
        self.forget_early()
        self._stop(cancel=True)
        self.written()

    def _stop(self, cancel: bool = False) -> None:
        pool, self._pool, self._begun = self._pool, None, {}
        if pool is not None:
            pool.shutdown(cancel_futures=cancel)

    def _attempt(self, picture: Picture) -> Processed | Issue:
        try:
            return self.get(picture)
        except _Bad as bad:
            return _issue(picture, bad.message, bad.hint)
        except TooManyPixels as exc:
            bad = _too_many(exc)
            return _issue(picture, bad.message, bad.hint)
        except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            return _issue(picture, _describe(exc), _(RESAVE_HINT))
        except (OSError, SyntaxError, ValueError):
            return _issue(picture, _("画像を読めません（途中で切れているか、壊れています）。"), _(RESAVE_HINT))


class Pending(Mapping[tuple, Processed]):
    """Pictures being processed: reading one waits for it alone, so drawing the pages overlaps the
    processing of the pictures further on. finish() waits for all of them and raises ImageError naming
    every bad image (reading a bad one raises the same), so no PDF is written with a picture missing."""

    def __init__(self, store: ImageStore, unique: dict[tuple, Picture]) -> None:
        self._store, self._pictures = store, unique
        store.write_later()
        begun = store._begun
        self._futures: dict[tuple, Future[Processed | Issue]] = {key: begun.get(key) or store._submit(picture)
                                                                 for key, picture in unique.items()}
        for future in self._futures.values():  # counted now, not while the pages were still being laid out
            future.add_done_callback(lambda _done: store.finished_one())
        self._finished: tuple[dict[tuple, Processed], list[Issue]] | ImageError | None = None

    def __getitem__(self, key: tuple) -> Processed:
        outcome = self._futures[key].result()
        if isinstance(outcome, Issue):
            self.finish()  # raises ImageError with every problem
        return outcome  # type: ignore[return-value]

    def key_now(self, key: tuple) -> str | None:
        """The picture's store key (Processed.key) without waiting for it, if known (ImageStore.key_now);
        None for one that failed (reading it raises ImageError)."""
        future = self._futures[key]
        if future.done():
            outcome = future.result()
            return outcome.key if isinstance(outcome, Processed) and outcome.key else None
        return self._store.key_now(self._pictures[key])

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._futures)

    def __len__(self) -> int:
        return len(self._futures)

    def finish(self) -> tuple[dict[tuple, Processed], list[Issue]]:
        """(processed pictures by key, low-resolution warnings) once all are done; raise ImageError."""
        if self._finished is None:
            self._finished = self._settle()
        if isinstance(self._finished, ImageError):
            raise self._finished
        return self._finished

    def _settle(self) -> tuple[dict[tuple, Processed], list[Issue]] | ImageError:
        outcomes = [future.result() for future in self._futures.values()]
        self._store._stop()
        self._store.forget_early()
        self._store.written()
        self._store.digests.save()
        done: dict[tuple, Processed] = {}
        problems: list[Issue] = []
        warned: list[Issue] = []
        for (key, picture), outcome in zip(self._pictures.items(), outcomes):
            if isinstance(outcome, Issue):
                problems.append(outcome)
                continue
            done[key] = outcome
            if outcome.dpi < LOW_DPI:
                warned.append(_issue(picture, _("印刷すると {dpi:.0f} dpi にしかならず（{low} dpi 未満）、ぼやけて見えるかもしれません。")
                                     .format(dpi=outcome.dpi, low=LOW_DPI), _("大きな元の写真があれば、そちらを使ってください。")))
        if problems:
            return ImageError(problems)
        return done, warned


def _done(result: Processed) -> Future[Processed | Issue]:
    future: Future[Processed | Issue] = Future()
    future.set_result(result)
    return future


def pictures(pages: tuple[Page, ...]) -> dict[tuple, Picture]:
    """Every distinct picture on the pages by picture_key, in drawing order. A page from the layout
    memo lists its pictures without decoding its items (see layout.memo.StoredItems)."""
    from casebook_pdf.frames import pictures_in

    found: dict[tuple, Picture] = {}
    for page in pages:
        listed = getattr(page.items, "pictures", None)
        for item in listed if listed is not None else pictures_in(page.items):
            key = picture_key(item)
            if key not in found:
                found[key] = item
    return found


def picture_key(picture: Picture) -> tuple:
    """What the processed pixels depend on: the file and the frame's size and fit, not its position."""
    return (picture.source, round(picture.w, 3), round(picture.h, 3), picture.fit)


def _describe(exc: Exception) -> str:
    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return _("画素数が多すぎて、写真として扱えません。")
    return _("画像として読めないファイルです（JPEG・PNG・WebP 以外の形式か、壊れています）。")


def _issue(picture: Picture, message: str, hint: str) -> Issue:
    where = picture.where
    name = picture.source.name
    if where is None:
        return Issue(picture.source, None, None, message, hint)
    return Issue(where.file, where.line, where.path, f"{name}: {message}", hint)
