"""Look at a rendered report in headless Chromium: what it shows, what it logs, a screenshot.

    python -m optimizer.render.html_screenshot            # docs/report.png from the example week
    python -m optimizer.render.html_screenshot PAGE.html OUT.png

The tests use ``inspect_page`` to assert on the page as a browser lays it out
(every session has a box on screen, in its day's column, not hidden under
anything; nothing was logged as an error), which reading the HTML text cannot.

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe``
(JSON messages ending in NUL on file descriptors 3 and 4), so no websocket
client, no port and no extra package is needed. The flags keep it off the
network: without them it stalls on lookups on a machine with no network.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe",
]
WIDTH = 1280
START_TIMEOUT = 60.0  # seconds for a fresh Chromium to answer its first message
START_ATTEMPTS = 2


def chromium_path() -> str | None:
    """The Chromium binary on PATH (Debian calls it chromium), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(RuntimeError):
    pass


class Browser:
    """A headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, binary: str | None = None, timeout: float = 20.0, width: int = WIDTH, height: int = 900):
        self.binary = binary or chromium_path()
        if self.binary is None:
            raise BrowserError("chromium is not installed (Debian: apt-get install chromium)")
        self.timeout = timeout
        self.size = (width, height)

    def __enter__(self) -> "Browser":
        """Start Chromium and open its page. A first start on a fresh machine can stall
        (seen in CI: no answer for 20 s after its D-Bus lookups fail), so the start has
        its own, longer deadline and one more try in a new process before giving up."""
        attempt = 1
        while True:
            try:
                self._start()
                return self
            except BaseException as error:
                if getattr(self, "proc", None) is not None and self.proc.poll() is None:
                    os.killpg(self.proc.pid, signal.SIGKILL)  # a stalled start gets no polite close
                    self.proc.wait()
                self.__exit__(None, None, None)
                if not isinstance(error, BrowserError) or attempt == START_ATTEMPTS:
                    raise
                attempt += 1

    def _start(self) -> None:
        self.events: list[dict] = []
        self._next_id, self._buffer = 0, b""
        self._profile = tempfile.TemporaryDirectory(prefix="stridelift-chromium-")
        self._log = tempfile.TemporaryFile()
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child: the pipe ends where Chromium looks for them
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self._profile.name}", f"--window-size={self.size[0]},{self.size[1]}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4, start_new_session=True,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        start_timeout = max(self.timeout, START_TIMEOUT)
        target = self.send("Target.createTarget", {"url": "about:blank"}, timeout=start_timeout)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride", {"width": self.size[0], "height": self.size[1],
                                                         "deviceScaleFactor": 1, "mobile": False}, session=True)

    def __exit__(self, *exc) -> None:
        try:
            if self.proc.poll() is None:
                self._write({"id": self._new_id(), "method": "Browser.close"})
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired, BrowserError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # the process group this Browser started
            self.proc.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._log.close()
            self._profile.cleanup()

    # ---- the protocol ------------------------------------------------------------

    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _write(self, message: dict) -> None:
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data):]
        except BrokenPipeError:  # it exited before reading: a start that fails at once
            raise self._exited() from None

    def _read(self, deadline: float, waited: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"chromium did not answer in {waited:.0f} s{self._log_tail()}")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise self._exited()
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _exited(self) -> BrowserError:
        """Chromium closed its end of the pipe: it is exiting, so wait a moment for its code."""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        return BrowserError(f"chromium exited (code {code}){self._log_tail()}")

    def _log_tail(self) -> str:
        self._log.seek(0)
        tail = self._log.read().decode(errors="replace").strip().splitlines()[-5:]
        return (": " + " | ".join(tail)) if tail else ""

    def send(self, method: str, params: dict | None = None, *, session: bool = False,
             timeout: float | None = None) -> dict:
        """Call a DevTools method (on the page when ``session``) and return its result;
        events that arrive meanwhile are kept in ``events``."""
        ident = self._new_id()
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self._write(message)
        waited = timeout or self.timeout
        deadline = time.monotonic() + waited
        while True:
            reply = self._read(deadline, waited)
            if reply.get("id") == ident:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str) -> dict:
        deadline = time.monotonic() + self.timeout
        for i, seen in enumerate(self.events):
            if seen.get("method") == event:
                return self.events.pop(i)
        while True:
            message = self._read(deadline, self.timeout)
            if message.get("method") == event:
                return message
            self.events.append(message)

    # ---- what a page does ----------------------------------------------------

    def open(self, path: Path) -> None:
        """Load a file and wait until it and its fonts are in place; ``errors()`` then
        tells what this page (not an earlier one) logged."""
        self.events.clear()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=True)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Everything the page logged as an error or warning, and every uncaught exception."""
        out = []
        for e in self.events:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = p["exceptionDetails"]
                out.append(f"{details.get('text')} {details.get('exception', {}).get('description', '')}".strip())
            elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                out.append(f"console.{p['type']}: " + " ".join(str(a.get("value", a.get("description")))
                                                               for a in p.get("args", [])))
            elif method == "Log.entryAdded" and p["entry"].get("level") in ("error", "warning"):
                out.append(f"{p['entry'].get('source')}: {p['entry'].get('text')}")
            elif method == "Page.javascriptDialogOpening":
                out.append(f"dialog: {p.get('message')}")
        return out

    def screenshot(self) -> bytes:
        """The whole page as PNG, at the page's own height."""
        size = self.send("Page.getLayoutMetrics", session=True)["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": self.size[0], "height": size["height"], "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                         session=True)
        return base64.b64decode(shot["data"])


# Runs in the page: for every session block, where it is drawn and whether it is seen.
SESSIONS_SCRIPT = """
(() => {
  const out = [];
  for (const el of document.querySelectorAll('[data-session]')) {
    el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect();
    const column = el.closest('[data-day]:not([data-session])');
    const c = column ? column.getBoundingClientRect() : null;
    const style = getComputedStyle(el);
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 7));
    out.push({
      ...el.dataset,
      text: el.innerText,
      width: r.width, height: r.height, top: r.top + window.scrollY,
      shown: style.display !== 'none' && style.visibility === 'visible' && Number(style.opacity) > 0,
      on_top: hit !== null && el.contains(hit),
      column: column ? column.dataset.day : null,
      in_column: c !== null && r.left >= c.left - 0.5 && r.right <= c.right + 0.5,
      background: style.backgroundColor,
    });
  }
  window.scrollTo(0, 0);
  return out;
})()
"""


@dataclass
class PageReport:
    title: str
    text: str  # the page's visible text (innerText)
    sessions: list[dict]  # one per [data-session] element: data attributes, box, on_top, in_column
    scripts: int  # <script> elements in the DOM
    errors: list[str]
    png: bytes | None = field(default=None, repr=False)


def inspect(browser: Browser, path: Path, *, screenshot: bool = False) -> PageReport:
    """Open ``path`` in ``browser`` and report what it shows and logs."""
    browser.open(path)
    report = PageReport(
        title=browser.evaluate("document.title"),
        text=browser.evaluate("document.body.innerText"),
        sessions=browser.evaluate(SESSIONS_SCRIPT),
        scripts=browser.evaluate("document.querySelectorAll('script').length"),
        errors=[],
        png=browser.screenshot() if screenshot else None,
    )
    report.errors = browser.errors()
    return report


def inspect_page(path: Path, *, screenshot: bool = False, timeout: float = 20.0) -> PageReport:
    """Start headless Chromium, open ``path``, report what it shows and logs."""
    with Browser(timeout=timeout) as browser:
        return inspect(browser, path, screenshot=screenshot)


def example_page(out: Path) -> Path:
    """The README's example week, explained, as an HTML page at ``out``."""
    from datetime import date

    from ..cli import add_reasons
    from ..scenario import load_scenario
    from ..solve import plan_week
    from . import html

    root = Path(__file__).resolve().parents[2]
    scenario = load_scenario(root / "scenarios" / "marathon_base.yaml")
    plan = plan_week(scenario)
    add_reasons(plan, scenario, 10.0, 1, 0)
    out.write_text(html.render(plan, week_of=date(2026, 3, 23)), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    if len(argv) == 2:
        page, png = Path(argv[0]), Path(argv[1])
    elif not argv:
        page, png = Path(tempfile.mkdtemp(prefix="stridelift-")) / "report.html", root / "docs" / "report.png"
        example_page(page)
    else:
        print("usage: python -m optimizer.render.html_screenshot [PAGE.html OUT.png]", file=sys.stderr)
        return 2
    report = inspect_page(page, screenshot=True)
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(report.png or b"")
    print(f"wrote {png} ({len(report.png or b'') // 1024} KB); {len(report.sessions)} sessions; "
          f"errors: {report.errors or 'none'}")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
