"""The watched folder: where a tethered camera or a phone's sync drops new pictures.

``WatchedFolder`` remembers what was in the folder when the visit started and, each time it
is asked (the GUI asks when its file watcher reports a change, off the UI thread), offers
the pictures that arrived since and have finished arriving: a file is offered once its size
has stayed the same between two looks, so a photo still being copied is not imported half
written. Offered files are never offered again; nothing in the folder is changed.
"""

from __future__ import annotations

from pathlib import Path

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png")


class WatchedFolder:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: set[Path] = set(self._pictures())
        self._sizes: dict[Path, int] = {}

    def _pictures(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        return sorted(
            p
            for p in entries
            if p.suffix.lower() in PICTURE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )

    def new_pictures(self) -> list[Path]:
        """Pictures that arrived since the last call (or the start) and are complete."""
        ready = []
        for path in self._pictures():
            if path in self._seen:
                continue
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if size > 0 and self._sizes.get(path) == size:
                ready.append(path)
                self._seen.add(path)
                self._sizes.pop(path, None)
            else:
                self._sizes[path] = size
        return ready

    def pending(self) -> bool:
        """Whether a picture is still arriving (ask again shortly)."""
        return bool(self._sizes)
