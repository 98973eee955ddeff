"""The questionnaire's web server: Python's ``ThreadingHTTPServer`` on one address of this
computer, in a background thread, for as long as the window (or the command) runs.

Plain HTTP: the answers are encrypted in the browser before they leave it (``crypto``), so
the network carries only ciphertext. What the server gives out is the same static page for
every link, the clinic's name and the questions in the link's language; never the patient's
name, birth date or record.

Routes: ``GET /q/TOKEN`` the page; ``GET /q/TOKEN/form`` its words (JSON);
``POST /q/TOKEN`` the encrypted answers; ``GET /static/…`` the page's own files. A used,
expired or unknown token gets a plain page saying so; an address that keeps sending wrong
tokens (or altered messages) is refused for ten minutes.
"""

from __future__ import annotations

import html
import ipaddress
import json
import logging
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from assistant.errors import ChairsideError, InvalidInput
from assistant.intake import crypto
from assistant.intake.answers import parse_received
from assistant.intake.links import Link, LinkBook, LinkState
from assistant.intake.store import Questionnaire, save_received
from assistant.intake.wording import wording
from assistant.resources import resource_path
from assistant.storage.db import Database
from assistant.text.dates import utcnow

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
WEB_FOLDER = "intake_web"
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
}
_REFUSED = {
    LinkState.USED: (HTTPStatus.GONE, "used"),
    LinkState.EXPIRED: (HTTPStatus.GONE, "expired"),
    LinkState.UNKNOWN: (HTTPStatus.NOT_FOUND, "error_link"),
    LinkState.SLOWED: (HTTPStatus.TOO_MANY_REQUESTS, "slowed"),
}


def check_address(address: str) -> str:
    """An address of this computer to listen on: a literal IPv4 or IPv6 address, not the
    "every interface" wildcard (the link must name one address the phone can reach)."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        raise InvalidInput(f"'{address}' is not an IP address of this computer.", "bind") from None
    if ip.is_unspecified:
        raise InvalidInput(
            "Choose one address of this computer (the one on the clinic's network), "
            "not every interface.",
            "bind",
        )
    return str(ip)


def local_addresses() -> list[str]:
    """Addresses this computer likely has on the clinic's network (IPv4), loopback last."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the route out (no packet is sent by a UDP connect)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.insert(0, probe.getsockname()[0])
    except OSError:
        pass
    unique = [a for i, a in enumerate(found) if a not in found[:i] and not a.startswith("127.")]
    return [*unique, "127.0.0.1"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    intake: IntakeServer


class _V6Server(_Server):
    address_family = socket.AF_INET6


class IntakeServer:
    """Serves the links of ``book`` on ``address``:``port`` (0: any free port) until
    ``stop``. ``on_received(link, questionnaire)`` is called from a server thread once a
    questionnaire is stored."""

    def __init__(
        self,
        db: Database,
        book: LinkBook,
        clinic_name: str,
        address: str = "127.0.0.1",
        port: int = 0,
        on_received: Callable[[Link, Questionnaire], None] | None = None,
    ) -> None:
        self.db = db
        self.book = book
        self.clinic_name = clinic_name
        self.address = check_address(address)
        self._port = port
        self.on_received = on_received
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def listening(self) -> bool:
        return self._httpd is not None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1] if self._httpd else self._port

    def start(self) -> None:
        if self._httpd is not None:
            return
        cls = _V6Server if ":" in self.address else _Server
        try:
            httpd = cls((self.address, self._port), _Handler)
        except OSError as exc:
            raise InvalidInput(
                f"Cannot listen on {self.address} port {self._port}: {exc.strerror or exc}.",
                "bind",
            ) from None
        httpd.intake = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, name="intake-server", daemon=True
        )
        self._thread.start()
        log.info("Questionnaire server listening on %s port %s", self.address, self.port)

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        log.info("Questionnaire server stopped")

    def url_for(self, link: Link) -> str:
        host = f"[{self.address}]" if ":" in self.address else self.address
        return f"http://{host}:{self.port}/q/{link.token}#{link.fragment}"

    # -- what the handler asks -------------------------------------------------------------

    def form(self, link: Link) -> dict[str, Any]:
        return wording(link.language).to_json(self.clinic_name, link.guardian)

    def receive(self, token: str, body: bytes, client: str) -> tuple[HTTPStatus, str]:
        state, link = self.book.look_up(token, client)
        if state is not LinkState.OPEN or link is None:
            return _REFUSED[state][0], _REFUSED[state][1]
        try:
            plaintext = crypto.decrypt(link.key, token, body)
        except InvalidInput:
            self.book.count_miss(client)
            return HTTPStatus.BAD_REQUEST, "error_send"
        claimed = self.book.claim(token)
        if claimed is None:
            return _REFUSED[self.book.state(token)][0], "used"
        try:
            received = parse_received(plaintext, wording(link.language), utcnow().date(), "")
            questionnaire = save_received(self.db, link.patient_id, received, link.practitioner_id)
        except ChairsideError as exc:
            self.book.release(token)
            log.warning("A questionnaire was refused: %s", exc)
            return HTTPStatus.BAD_REQUEST, "error_send"
        except Exception:
            self.book.release(token)
            log.exception("A questionnaire could not be stored")
            return HTTPStatus.INTERNAL_SERVER_ERROR, "error_send"
        if self.on_received is not None:
            try:
                self.on_received(link, questionnaire)
            except Exception:
                log.exception("After a questionnaire arrived")
        return HTTPStatus.OK, "thanks"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Chairside"
    sys_version = ""
    timeout = 30  # a connection that sends nothing does not hold a thread for ever

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        # The path holds the token: never written to the log.
        log.debug("intake request from %s", self.client_address[0])

    @property
    def intake(self) -> IntakeServer:
        return self.server.intake

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in _HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _plain_page(self, status: HTTPStatus, key: str, language: str = "en") -> None:
        words = wording(language)
        title, text = html.escape(words.page["title"]), html.escape(words.page[key])
        direction = "rtl" if words.rtl else "ltr"
        page = (
            f'<!doctype html><html lang="{words.language}" dir="{direction}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{title}</title>'
            '<link rel="stylesheet" href="/static/intake.css"></head><body>'
            f'<main class="plain"><h1>{title}</h1><p role="alert">{text}</p></main>'
            "</body></html>"
        )
        self._send(status, page.encode("utf-8"), _TYPES[".html"])

    def _json(self, status: HTTPStatus, data: dict[str, Any]) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _route(self) -> tuple[str, str]:
        """("page" | "form" | "static" | "", the token or file name)."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "q" and parts[1]:
            return "page", parts[1]
        if len(parts) == 3 and parts[0] == "q" and parts[2] == "form":
            return "form", parts[1]
        if len(parts) >= 2 and parts[0] == "static":
            return "static", "/".join(parts[1:])
        return "", ""

    def do_GET(self) -> None:  # noqa: N802
        kind, value = self._route()
        if kind == "static":
            self._static(value)
            return
        if kind not in ("page", "form"):
            self._plain_page(HTTPStatus.NOT_FOUND, "error_link")
            return
        state, link = self.intake.book.look_up(value, self.client_address[0])
        if state is not LinkState.OPEN or link is None:
            status, key = _REFUSED[state]
            language = link.language if link is not None else "en"
            if kind == "form":
                self._json(status, {"error": key, "message": wording(language).page[key]})
            else:
                self._plain_page(status, key, language)
            return
        if kind == "form":
            self._json(HTTPStatus.OK, self.intake.form(link))
        else:
            self._static("index.html")

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        kind, token = self._route()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if kind != "page" or not 0 < length <= MAX_BODY:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "error_send"})
            return
        body = self.rfile.read(length)
        status, key = self.intake.receive(token, body, self.client_address[0])
        self._json(status, {"ok": status == HTTPStatus.OK, "error": None if status == 200 else key})

    def _static(self, name: str) -> None:
        folder = resource_path(WEB_FOLDER).resolve()
        target = (folder / name).resolve()
        suffix = Path(name).suffix
        if folder not in target.parents or suffix not in _TYPES or not target.is_file():
            self._plain_page(HTTPStatus.NOT_FOUND, "error_link")
            return
        self._send(HTTPStatus.OK, target.read_bytes(), _TYPES[suffix])
