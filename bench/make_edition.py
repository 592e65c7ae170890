"""Make a large benchmark edition: N cases, each with 3 camera-size photos (4000x3000 JPEG).

The cases reuse the bundled edition's texts in turn; every photo is distinct (its own content hash),
so nothing is shared by the image cache. Usage: python bench/make_edition.py OUT_DIR [N]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from casebook_pdf.load.source import CasebookLoader  # keeps 8:45 as text (PyYAML's safe_load reads 525)
from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SIZE = (4000, 3000)


def base_photo(seed: int) -> Image.Image:
    """A photo-like picture: soft gradients, shapes and sensor-like noise, drawn small and scaled up."""
    rng = random.Random(seed)
    small = (800, 600)
    sky = Image.linear_gradient("L").resize(small)
    img = Image.merge("RGB", (sky.point(lambda v: 120 + v // 3), sky.point(lambda v: 150 + v // 4), sky.point(lambda v: 200 + v // 5)))
    draw = ImageDraw.Draw(img)
    for _ in range(40):
        x, y = rng.randrange(small[0]), rng.randrange(small[1] // 3, small[1])
        w, h = rng.randrange(20, 220), rng.randrange(20, 160)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rng.randrange(40, 220) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(2)).resize(SIZE, Image.BICUBIC)
    noise = Image.effect_noise(SIZE, 12).convert("RGB")
    return Image.blend(img, noise, 0.08)


def make(out: Path, count: int) -> Path:
    source = yaml.safe_load((ROOT / "data" / "casebook.yaml").read_text(encoding="utf-8"))
    cases_src = [yaml.load((ROOT / "data" / c).read_text(encoding="utf-8"), Loader=CasebookLoader) for c in source["cases"]]
    (out / "cases").mkdir(parents=True, exist_ok=True)
    (out / "images").mkdir(exist_ok=True)
    bases = [base_photo(seed) for seed in range(4)]
    names = []
    for n in range(count):
        case = dict(cases_src[n % len(cases_src)])
        case["title"] = f"{case['title']}（その{n + 1}）"
        photos = []
        for k in range(3):
            name = f"p{n:03d}-{k}.jpg"
            path = out / "images" / name
            if not path.exists():
                img = bases[(n + k) % len(bases)].copy()
                ImageDraw.Draw(img).rectangle((40 + n * 7 % 3000, 40, 240 + n * 7 % 3000, 240 + k * 50), fill=(n % 255, k * 80, 90))
                img.save(path, "JPEG", quality=88)
            photos.append({"image": name, "caption": (case.get("photos") or [{"caption": "現地の様子"}] * 3)[k % max(1, len(case.get("photos") or [1]))]["caption"]})
        case["photos"] = photos
        for block in case.get("blocks", []):
            for side in ("before", "after"):
                if isinstance(block.get(side), dict):
                    block[side].pop("image", None)
        file = f"cases/{n + 1:03d}.yaml"
        (out / file).write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
        names.append(file)
    edition = dict(source, images="images", cases=names)
    (out / "casebook.yaml").write_text(yaml.safe_dump(edition, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out / "casebook.yaml"


if __name__ == "__main__":
    print(make(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100))
