"""Photo metadata by allow-list: a stored or exported picture keeps only what it needs.

A JPEG keeps its frame, quantisation, Huffman and restart segments, its scans, its ICC colour
profile (APP2 ``ICC_PROFILE``), the Adobe colour-transform segment (APP14, needed to decode
CMYK and YCCK pictures) and a JFIF header without its thumbnail. Every other segment goes: EXIF
(APP1, whatever its IFDs hold: place, camera, serial numbers, owner, descriptions, comments),
XMP, IPTC (APP13), JFXX thumbnails, MPF (further images), comments (COM) and the reserved
markers, also between the scans of a progressive JPEG; nothing after the first image's end is
kept. A PNG keeps ``IHDR``, ``PLTE``, ``tRNS``, ``iCCP``, ``sRGB``, ``IDAT`` and ``IEND``; text
(``tEXt``, ``zTXt``, ``iTXt``), ``eXIf``, time, physical size, animation and private chunks go,
and nothing after ``IEND`` is kept.

The picture's bytes are copied unchanged, so cleaning is lossless and cleaning twice gives the
same bytes. The orientation tag goes with EXIF: ``imaging.prepare_photo`` applies it to the
pixels first.
"""

from __future__ import annotations

import struct
import zlib

JPEG_START = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# SOF0–SOF15 with DHT (C4) and DAC (CC), but not the reserved JPG (C8); DQT; DRI.
_JPEG_KEPT = frozenset(set(range(0xC0, 0xD0)) - {0xC8}) | {0xDB, 0xDD}
_PNG_KEPT = frozenset({b"IHDR", b"PLTE", b"tRNS", b"iCCP", b"sRGB", b"IDAT", b"IEND"})


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _kept_app(marker: int, payload: bytes) -> bytes | None:
    """The payload to write for an APPn segment, or None to drop it."""
    if marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
        return payload
    if marker == 0xEE and payload.startswith(b"Adobe"):
        return payload
    if marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        return payload[:12] + b"\x00\x00"  # version, units, density; no thumbnail
    return None


def _entropy_end(data: bytes, start: int) -> int:
    """Offset of the first marker after the entropy-coded data that starts at ``start``."""
    pos = start
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise ValueError("the picture data ends early")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos += 2  # a stuffed byte or a restart marker belongs to the scan
            continue
        return pos


def clean_jpeg(data: bytes) -> bytes:
    """The first picture of a JPEG (or MPO) with only the allowed segments."""
    if not data.startswith(JPEG_START):
        raise ValueError("no JPEG start marker")
    out = [JPEG_START]
    pos = 2
    while True:
        while pos + 1 < len(data) and data[pos] == 0xFF and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 2 > len(data) or data[pos] != 0xFF:
            raise ValueError("damaged JPEG structure")
        marker = data[pos + 1]
        if marker == 0xD9:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker in (0x01, 0xD8):
            pos += 2  # a stray standalone marker carries nothing the picture needs
            continue
        if pos + 4 > len(data):
            raise ValueError("damaged JPEG segment")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise ValueError("damaged JPEG segment")
        payload = data[pos + 4 : end]
        if marker == 0xDA:
            scan_end = _entropy_end(data, end)
            out.append(data[pos:scan_end])
            pos = scan_end
            continue
        if marker in _JPEG_KEPT:
            out.append(data[pos:end])
        elif 0xE0 <= marker <= 0xEF:
            kept = _kept_app(marker, payload)
            if kept is not None:
                out.append(_segment(marker, kept))
        pos = end


def clean_png(data: bytes) -> bytes:
    """A PNG with only the allowed chunks, each checked against its CRC."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("no PNG signature")
    out = [PNG_SIGNATURE]
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise ValueError("the PNG ends early")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("damaged PNG chunk")
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != crc:
            raise ValueError(f"damaged PNG chunk {kind!r}")
        if kind in _PNG_KEPT:
            out.append(data[pos:end])
        if kind == b"IEND":
            return b"".join(out)
        pos = end


def clean(data: bytes) -> bytes:
    """``data`` (a JPEG or a PNG) with only the allowed metadata; other bytes as they are."""
    if data.startswith(JPEG_START):
        return clean_jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return clean_png(data)
    raise ValueError("not a JPEG or PNG picture")
