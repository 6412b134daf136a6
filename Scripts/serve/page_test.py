#!/usr/bin/env python3
"""Headless Chromium test of the page `tagcli serve` serves at `/`.

Starts a release `tagcli serve` on a free port and Debian's `chromium` in headless mode, drives
the page over the DevTools protocol (standard-library WebSocket client below): loads `/`, types
a sentence into the text box, waits for the coloured labels, checks each word's tag against the
server's own answer for the sentence, hovers a word for its top-3 tooltip, and keeps a
screenshot in Benchmarks/screens/serve-page.png. Exits 0 with a message when chromium is missing.

  python3 Scripts/serve/page_test.py
"""
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TAGCLI = os.environ.get("TAGCLI", os.path.join(ROOT, ".build", "release", "tagcli"))
SCREENSHOT = os.path.join(ROOT, "Benchmarks", "screens", "serve-page.png")
SENTENCE = "The quick brown fox jumped over the lazy dog near the old river bank."


class WebSocket:
    """A minimal WebSocket client (RFC 6455): text frames, no extensions."""

    def __init__(self, url):
        host, _, path = url[len("ws://"):].partition("/")
        name, port = host.split(":")
        self.sock = socket.create_connection((name, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        if b" 101 " not in response.split(b"\r\n")[0]:
            raise RuntimeError(response.decode(errors="replace"))
        self.next_id = 0

    def send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", len(payload))
        masked = bytes(byte ^ mask[index % 4] for index, byte in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def exactly(self, count):
        data = b""
        while len(data) < count:
            chunk = self.sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("DevTools connection closed")
            data += chunk
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self.exactly(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self.exactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self.exactly(8))[0]
            message += self.exactly(length)
            if first & 0x80:
                return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        self.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            answer = json.loads(self.receive())
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        return result["result"].get("value")


def wait_for(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise SystemExit(f"FAILED: timed out waiting for {what}")


def main():
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("skipped: chromium is not installed (apt-get install chromium)")
        return
    if not os.path.exists(TAGCLI):
        raise SystemExit("build first: swift build -c release --product tagcli")
    server = subprocess.Popen([TAGCLI, "serve", "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    profile = tempfile.mkdtemp(prefix="serve-page-")
    chrome = None
    try:
        url = "http://" + server.stdout.readline().split("http://")[1].split()[0]
        chrome = subprocess.Popen(
            [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1000,700",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        wait_for(lambda: os.path.exists(port_file) and open(port_file).read().strip(), 60,
                 "chromium's DevTools port")
        devtools_port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list"))
        page = WebSocket(next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"])
        page.call("Page.enable")
        page.call("Page.navigate", url=url)
        wait_for(lambda: page.evaluate("document.body && document.body.dataset.tagged"), 30,
                 "the page's first answer (models listed, sample text tagged)")
        first = page.evaluate("document.body.dataset.tagged")
        page.evaluate("(() => { const t = document.getElementById('text'); t.focus(); t.select(); })()")
        page.call("Input.insertText", text=SENTENCE)
        wait_for(lambda: page.evaluate("document.body.dataset.tagged") != first, 30,
                 "the labels of the typed sentence")
        shown = page.evaluate("""[...document.querySelectorAll('.token')].map(t => ({
            word: t.querySelector('.word').textContent, tag: t.querySelector('.tag').textContent,
            colour: getComputedStyle(t.querySelector('.tag')).backgroundColor }))""")
        request = urllib.request.Request(
            url + "tag", data=json.dumps({"text": SENTENCE}).encode(),
            headers={"Content-Type": "application/json"})
        expected = json.load(urllib.request.urlopen(request))["sentences"][0]
        failures = []
        if [(t["word"], t["tag"]) for t in shown] != [(t["word"], t["tag"]) for t in expected]:
            failures.append(f"labels {shown} differ from the server's answer {expected}")
        colours = {t["tag"]: t["colour"] for t in shown}
        if len(set(colours.values())) != len(colours) or any(
                c in ("", "rgba(0, 0, 0, 0)") for c in colours.values()):
            failures.append(f"tags should have distinct colours: {colours}")
        box = page.evaluate("""(() => { const r = document.querySelectorAll('.token')[3]
            .getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()""")
        page.call("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])
        time.sleep(0.3)
        tip = page.evaluate("""(() => { const tip = document.querySelectorAll('.token')[3]
            .querySelector('.tip'); return [getComputedStyle(tip).display, tip.textContent]; })()""")
        if tip[0] != "block" or len(tip[1].split("\n")) != 3:
            failures.append(f"hovering a word should show its top 3 tags: {tip}")
        os.makedirs(os.path.dirname(SCREENSHOT), exist_ok=True)
        shot = page.call("Page.captureScreenshot", format="png")
        with open(SCREENSHOT, "wb") as handle:
            handle.write(base64.b64decode(shot["data"]))
        print(" ".join(f"{t['word']}/{t['tag']}" for t in shown))
        print(f"hover on {shown[3]['word']!r}: {tip[1]!r}")
        print(f"screenshot: {os.path.relpath(SCREENSHOT, ROOT)}")
        if failures:
            raise SystemExit("FAILED: " + "; ".join(failures))
        print("page test passed")
    finally:
        if chrome:
            chrome.terminate()
            chrome.wait()
        server.terminate()
        server.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
