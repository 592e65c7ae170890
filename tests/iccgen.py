"""A small CMYK output ICC profile (v2, lut16 A2B0/B2A0), made from a naive ink model for tests.

Pillow ships no CMYK profile and the tests must not depend on system packages, so they make one:
good enough for LittleCMS to build real sRGB -> CMYK transforms, not for judging colour.
"""

from __future__ import annotations

import itertools
import struct

D50 = (0.9642, 1.0, 0.8249)
SRGB_TO_XYZ = ((0.4360, 0.3851, 0.1431), (0.2225, 0.7169, 0.0606), (0.0139, 0.0971, 0.7141))  # D50-adapted
XYZ_TO_SRGB = ((3.1339, -1.6169, -0.4907), (-0.9788, 1.9161, 0.0335), (0.0719, -0.2290, 1.4052))


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _lin(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gam(v: float) -> float:
    v = min(max(v, 0.0), 1.0)
    return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def _f(t: float) -> float:
    return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116


def _finv(t: float) -> float:
    return t**3 if t**3 > 216 / 24389 else (116 * t - 16) / (24389 / 27)


def _rgb_to_lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    lin = [_lin(v) for v in rgb]
    x, y, z = (sum(m * v for m, v in zip(row, lin)) for row in SRGB_TO_XYZ)
    fx, fy, fz = _f(x / D50[0]), _f(y / D50[1]), _f(z / D50[2])
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _lab_to_rgb(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    L, a, b = lab
    fy = (L + 16) / 116
    x, y, z = D50[0] * _finv(fy + a / 500), D50[1] * _finv(fy), D50[2] * _finv(fy - b / 200)
    return tuple(_gam(sum(m * v for m, v in zip(row, (x, y, z)))) for row in XYZ_TO_SRGB)  # type: ignore[return-value]


def _lab16(lab: tuple[float, float, float]) -> list[int]:
    L, a, b = lab
    clamp = lambda v: min(max(round(v), 0), 0xFFFF)  # noqa: E731
    return [clamp(L / 100 * 0xFF00), clamp((a + 128) * 256), clamp((b + 128) * 256)]


def _lut16(inputs: int, outputs: int, grid: int, node) -> bytes:  # type: ignore[no-untyped-def]
    out = b"mft2" + b"\0" * 4 + bytes([inputs, outputs, grid, 0])
    for i in range(3):
        for j in range(3):
            out += _s15(1.0 if i == j else 0.0)
    out += struct.pack(">HH", 2, 2)
    out += struct.pack(">HH", 0, 0xFFFF) * inputs
    for point in itertools.product(range(grid), repeat=inputs):
        out += struct.pack(f">{outputs}H", *node([p / (grid - 1) for p in point]))
    out += struct.pack(">HH", 0, 0xFFFF) * outputs
    return out


def _cmyk_to_lab16(cmyk: list[float]) -> list[int]:
    c, m, y, k = cmyk
    return _lab16(_rgb_to_lab(((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))))


def _lab16_to_cmyk(node: list[float]) -> list[int]:
    lab = (node[0] * 0xFFFF / 0xFF00 * 100, node[1] * 0xFFFF / 256 - 128, node[2] * 0xFFFF / 256 - 128)
    r, g, b = _lab_to_rgb(lab)
    k = 1 - max(r, g, b)
    if k >= 1:
        return [0, 0, 0, 0xFFFF]
    return [round((1 - v - k) / (1 - k) * 0xFFFF) for v in (r, g, b)] + [round(k * 0xFFFF)]


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_ + b"\0" * 8 + b"\0" * 3 + b"\0" * 67


def cmyk_profile(name: str = "casebook-pdf test CMYK") -> bytes:
    tags = [
        (b"desc", _desc(name)),
        (b"cprt", b"text" + b"\0" * 4 + b"No copyright, made by the casebook-pdf tests\0"),
        (b"wtpt", b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in D50)),
        (b"A2B0", _lut16(4, 3, 5, _cmyk_to_lab16)),
        (b"B2A0", _lut16(3, 4, 9, _lab16_to_cmyk)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"prtrCMYKLab "
    header += struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + struct.pack(">I", 0)
    header += b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0) + b"".join(_s15(v) for v in D50) + b"\0" * 4
    header += b"\0" * (128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body
