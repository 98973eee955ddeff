"""How long importing clinical photos takes, against Pillow opening and saving them.

Makes 20 camera-like JPEGs of 12 megapixels (4000 × 3000, with GPS, camera tags and an
embedded thumbnail; every other one held sideways, orientation 6), then in the same run:

- baseline: Pillow opens each file, decodes it and saves it again as a JPEG (quality 95);
- import: ``import_photos`` of each file (checks, orientation, metadata stripped, SHA-256,
  thumbnail, stored file and database row with its audit entry);
- thumbnails: reading the 20 list thumbnails back and decoding them, as the photos panel does.

Prints the median per photo of each (milliseconds), and the ratio import / baseline.

    python benchmarks/bench_photos.py [--photos 20] [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from assistant import paths  # noqa: E402
from assistant.patients.store import PatientDetails, create_patient  # noqa: E402
from assistant.photos import import_photos, thumbnail_bytes  # noqa: E402
from assistant.storage.db import init_db  # noqa: E402
from tests.photo_support import sensitive_exif, with_thumbnail  # noqa: E402

WIDTH, HEIGHT = 4000, 3000


def make_photos(folder: Path, count: int) -> list[Path]:
    """Camera-like pictures: smooth gradients with sensor noise, so they compress like photos."""
    base = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((WIDTH, HEIGHT)),
            Image.radial_gradient("L").resize((WIDTH, HEIGHT)),
            Image.effect_noise((WIDTH, HEIGHT), 24),
        ),
    )
    files = []
    for i in range(count):
        tinted = base.point(lambda v, i=i: (v + 7 * i) % 256)
        exif = with_thumbnail(sensitive_exif(6 if i % 2 else 1).tobytes())
        path = folder / f"IMG_{i:04d}.JPG"
        tinted.save(path, "JPEG", quality=92, exif=exif)
        files.append(path)
    return files


def baseline(files: list[Path], out: Path) -> list[float]:
    times = []
    for file in files:
        start = time.perf_counter()
        with Image.open(file) as image:
            image.load()
            image.save(out / file.name, "JPEG", quality=95)
        times.append(time.perf_counter() - start)
    return times


def run(photos: int, rounds: int, keep: Path | None) -> None:
    work = keep or Path(tempfile.mkdtemp(prefix="chairside-bench-photos-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / "camera"
    source.mkdir(exist_ok=True)
    print(f"Making {photos} photos of {WIDTH * HEIGHT / 1e6:.0f} MP in {source} ...")
    files = make_photos(source, photos)
    size = sum(f.stat().st_size for f in files) / len(files) / 1e6
    print(f"  {size:.1f} MB each on average")
    base_times: list[float] = []
    import_times: list[float] = []
    thumb_times: list[float] = []
    for round_number in range(rounds):
        data = work / f"data-{round_number}"
        os.environ[paths.DATA_DIR_ENV] = str(data)
        db = init_db(paths.database_url())
        patient = create_patient(db, PatientDetails("Bench", f"Mark {round_number}"), None).id
        saved = work / f"pillow-{round_number}"
        saved.mkdir(exist_ok=True)
        base_times += baseline(files, saved)
        stored = []
        for file in files:
            start = time.perf_counter()
            stored += import_photos(db, patient, [file], "frontal")
            import_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for photo in stored:
            Image.open(io.BytesIO(thumbnail_bytes(db, photo))).load()
        thumb_times.append((time.perf_counter() - start) / len(stored))
        db.dispose()
    base = statistics.median(base_times) * 1000
    imported = statistics.median(import_times) * 1000
    upright = statistics.median(import_times[0::2]) * 1000
    turned = statistics.median(import_times[1::2]) * 1000
    print(f"Pillow open + decode + save (baseline): median {base:7.1f} ms per photo")
    print(
        f"import_photos, all:                     median {imported:7.1f} ms per photo "
        f"({imported / base:.2f} × baseline)"
    )
    print(f"  upright (picture data kept as is):    median {upright:7.1f} ms")
    print(f"  sideways (turned and re-encoded):     median {turned:7.1f} ms")
    print(
        f"thumbnail read + decode:                median "
        f"{statistics.median(thumb_times) * 1000:7.2f} ms per photo"
    )
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    run(args.photos, args.rounds, args.keep)


if __name__ == "__main__":
    main()
