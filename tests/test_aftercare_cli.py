"""``python main.py aftercare SESSION.json --out FILE.pdf``, run as a user would, in a
subprocess with its own data folder: the sheet, its warnings, and every kind of bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.cli_support import cli_main, locked_folder, run_in_process, run_process
from tests.test_aftercare_pdf import tiny_png

ROOT = Path(__file__).resolve().parent.parent


def session(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "clinic": {
            "name": "Riverside Skin Clinic",
            "address": "14 Mill Lane\nKingston upon Thames",
            "phone": "020 7946 0321",
            "out_of_hours_phone": "07700 900123",
            "logo": None,
            "paper": "A4",
        },
        "patient": {"name": "Zoë Łukasiewicz-Nguyễn"},
        "practitioner": "Amira Haddad",
        "treated_at": "2026-11-24T15:30",
        "zones": [{"zone": "cheeks", "depth_mm": 1.5, "passes": 3}, {"zone": "forehead"}],
        "next_session": "2026-12-22",
    }
    data.update(changes)
    return data


def clinic(**changes: Any) -> dict[str, Any]:
    data = dict(session()["clinic"])
    data.update(changes)
    return data


def _env(tmp_path: Path) -> dict[str, str]:
    return {"CHAIRSIDE_DATA_DIR": str(tmp_path / "data"), "TZ": "Europe/London"}


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``chairside aftercare ARGS`` through the command line's ``main`` in this process."""
    return run_in_process(["aftercare", *args], env=_env(tmp_path), cwd=tmp_path)


def run_cli_process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same in a real process, as a user runs it."""
    env = {**_env(tmp_path), "PYTHONIOENCODING": "utf-8"}
    return run_process(["aftercare", *args], env=env, cwd=tmp_path)


def write_session(tmp_path: Path, data: Any, name: str = "session.json") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_writes_the_sheet(tmp_path):
    source = write_session(tmp_path, session())
    out = tmp_path / "out" / "sheet.pdf"
    out.parent.mkdir()
    result = run_cli_process(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(out) in result.stdout and "1 page" in result.stdout
    text = pdf_text(out)
    assert "Patient: Zoë Łukasiewicz-Nguyễn" in text
    assert "Areas treated: Cheeks, Forehead" in text
    assert "Until Wednesday 25 November, 15:30" in text
    assert "Next appointment: Tuesday 22 December 2026" in text
    assert "Needle depth" not in text
    assert sorted(p.name for p in out.parent.iterdir()) == ["sheet.pdf"]


def test_depth_table_time_zone_interval_and_letter_paper(tmp_path):
    data = session(next_session=None, clinic=clinic(paper="letter"))
    source = write_session(tmp_path, data)
    out = tmp_path / "sheet.pdf"
    result = run_cli(
        tmp_path, str(source), "--out", str(out), "--depth-table", "--timezone", "America/New_York"
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Needle depth" in text and "1.5 mm" in text
    # deepest 1.5 mm: 4 weeks, so the week of Monday 21 December
    assert "book for the week of Monday 21 December 2026" in text
    box = PdfReader(str(out)).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612, 792)


def test_a_character_the_font_lacks_is_a_warning_and_the_sheet_is_still_written(tmp_path):
    source = write_session(tmp_path, session(patient={"name": "Li 🦷"}))
    out = tmp_path / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("chairside: warning: ")
    assert "patient name" in result.stderr and "🦷" in result.stderr
    assert "Patient: Li \N{REPLACEMENT CHARACTER}" in pdf_text(out)


def test_a_broken_clinic_template_is_a_warning_naming_the_line(tmp_path):
    templates = tmp_path / "data" / "templates"
    templates.mkdir(parents=True)
    (templates / "aftercare.toml").write_text('version = "x"\ntitle = \n', encoding="utf-8")
    source = write_session(tmp_path, session())
    out = tmp_path / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "chairside: warning: " in result.stderr
    assert "line 2" in result.stderr and "aftercare.toml" in result.stderr
    assert "Caring for your skin after microneedling" in pdf_text(out)


def _bad_logo(tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "logo.png").write_text("not an image", encoding="utf-8")
    return session(clinic=clinic(logo="logo.png"))


BAD_INPUT = [
    ("unknown zone", lambda p: session(zones=[{"zone": "elbow"}]), "Unknown zone 'elbow'"),
    ("malformed date", lambda p: session(treated_at="24/11/2026 15:30"), "treated_at"),
    ("malformed next date", lambda p: session(next_session="next week"), "next_session"),
    ("missing logo", lambda p: session(clinic=clinic(logo="nowhere.png")), "nowhere.png"),
    ("non-image logo", _bad_logo, "logo.png"),
    ("paper", lambda p: session(clinic=clinic(paper="A3")), "'A3' is not a paper size"),
    (
        "missing patient",
        lambda p: {k: v for k, v in session().items() if k != "patient"},
        "patient",
    ),
    ("no zones", lambda p: session(zones=[]), "zones"),
    ("bad depth", lambda p: session(zones=[{"zone": "cheeks", "depth_mm": "deep"}]), "depth_mm"),
    ("unknown key", lambda p: session(colour="blue"), "unknown key(s) colour"),
    ("not json", lambda p: '{"clinic": ', "not valid JSON (line 1"),
]


@pytest.mark.parametrize(
    ("make", "message"), [(m, msg) for _, m, msg in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_exits_2_and_leaves_no_file(tmp_path, make, message):
    source = write_session(tmp_path, make(tmp_path))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = run_cli(tmp_path, str(source), "--out", str(out_dir / "sheet.pdf"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("chairside: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out_dir.iterdir()) == []


def test_a_missing_output_folder_is_named(tmp_path):
    source = write_session(tmp_path, session())
    out = tmp_path / "no such folder" / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == f"chairside: The folder {out.parent} does not exist."
    assert not out.parent.exists()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX permissions")
def test_an_output_folder_that_is_not_writable_is_named(tmp_path):
    source = write_session(tmp_path, session())
    with locked_folder(tmp_path / "locked") as folder:
        result = run_cli(tmp_path, str(source), "--out", str(folder / "sheet.pdf"))
        assert result.returncode == 2
        assert f"The folder {folder} is not writable" in result.stderr
        assert list(folder.iterdir()) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_a_folder_nobody_may_write_to_is_named_even_for_root(tmp_path):
    # /proc refuses new files whoever asks, so this runs where CI runs: as root.
    source = write_session(tmp_path, session())
    result = run_cli(tmp_path, str(source), "--out", "/proc/sheet.pdf")
    assert result.returncode == 2
    assert "The folder /proc is not writable" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_session_file_is_named(tmp_path):
    result = run_cli(tmp_path, str(tmp_path / "nope.json"), "--out", str(tmp_path / "s.pdf"))
    assert result.returncode == 2
    assert "nope.json: no such file" in result.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_a_file_and_a_session_id_are_mutually_exclusive(tmp_path):
    source = write_session(tmp_path, session())
    result = run_cli(tmp_path, str(source), "--session", "3", "--out", str(tmp_path / "s.pdf"))
    assert result.returncode == 2
    assert "not allowed with" in result.stderr
    assert not (tmp_path / "s.pdf").exists()


def test_in_process_run_matches_the_subprocess(tmp_path, capsys):
    source = write_session(tmp_path, session())
    out = tmp_path / "sheet.pdf"
    assert (
        cli_main(["aftercare", str(source), "--out", str(out), "--timezone", "Europe/London"]) == 0
    )
    assert "Patient: Zoë Łukasiewicz-Nguyễn" in pdf_text(out)
    assert (
        cli_main(
            ["aftercare", str(source), "--out", str(out), "--force", "--timezone", "Mars/Base"]
        )
        == 2
    )
    assert "Unknown time zone 'Mars/Base'" in capsys.readouterr().err


def test_a_real_logo_is_accepted_relative_to_the_session_file(tmp_path):
    (tmp_path / "logo.png").write_bytes(tiny_png(30, 10))
    source = write_session(tmp_path, session(clinic=clinic(logo="logo.png")))
    out = tmp_path / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(out)).pages[0].images) == 1


def test_an_output_folder_refused_by_the_system_is_named_in_process(tmp_path, capsys, monkeypatch):
    # Root may write anywhere, so the permission check itself is stood in for here; the
    # subprocess test above covers it for an ordinary user.
    from assistant import output_files

    source = write_session(tmp_path, session())
    folder = tmp_path / "locked"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        output_files.os,
        "access",
        lambda path, mode: Path(path) != folder and real_access(path, mode),
    )
    assert cli_main(["aftercare", str(source), "--out", str(folder / "sheet.pdf")]) == 2
    assert f"chairside: The folder {folder} is not writable." in capsys.readouterr().err
    assert list(folder.iterdir()) == []


# -- language and large print ------------------------------------------------------------------


def test_language_and_large_print_from_the_command_line(tmp_path):
    source = write_session(tmp_path, session())
    out = tmp_path / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out), "--language", "es", "--large-print")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Cómo cuidar su piel después del microneedling" in text
    assert "Hasta el miércoles, 25 de noviembre, 15:30" in text
    assert "020 7946 0321" in text and "Zoë Łukasiewicz-Nguyễn" in text
    sizes: list[float] = []
    for page in PdfReader(io.BytesIO(out.read_bytes())).pages:
        page.extract_text(
            visitor_text=lambda t, cm, tm, f, size: sizes.append(size * abs(tm[3]) * abs(cm[3]))
            if t.strip()
            else None
        )
    assert min(sizes) >= 16


def test_language_and_large_print_from_the_session_file(tmp_path):
    source = write_session(tmp_path, session(language="fr", large_print=True))
    out = tmp_path / "sheet.pdf"
    result = run_cli(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Jusqu'au mercredi 25 novembre, 15:30" in pdf_text(out)
    # the command line wins over the file
    result = run_cli(tmp_path, str(source), "--out", str(out), "--force", "--language", "de")
    assert result.returncode == 0, result.stderr
    assert "Hautpflege nach dem Microneedling" in pdf_text(out)


@pytest.mark.parametrize("where", ["option", "file"])
def test_an_unknown_language_exits_2_listing_the_available_ones(tmp_path, where):
    data = session(language="xx") if where == "file" else session()
    source = write_session(tmp_path, data)
    out = tmp_path / "sheet.pdf"
    extra = ["--language", "xx"] if where == "option" else []
    result = run_cli(tmp_path, str(source), "--out", str(out), *extra)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    for code in ("en (English)", "es (Spanish)", "ar (Arabic)", "zh (Chinese (Simplified))"):
        assert code in result.stderr
    assert not out.exists()
