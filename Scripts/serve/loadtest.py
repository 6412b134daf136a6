#!/usr/bin/env python3
"""Load, overload and hostile-client tests of `tagcli serve` on loopback.

Starts the server itself (a release build of tagcli), drives it with a bounded asyncio HTTP/1.1
client (keep-alive, one request at a time per connection; concurrency = connections), and prints
the figures as Markdown table rows. Standard library only.

  python3 Scripts/serve/loadtest.py throughput  # concurrency 1, 8, 32, 128; one sentence each
  python3 Scripts/serve/loadtest.py overload    # concurrency 1000, --max-queue 64, verifies tags
  python3 Scripts/serve/loadtest.py hostile     # bad JSON, 1 GB Content-Length, slowloris, 10^4 idle
  python3 Scripts/serve/loadtest.py cli         # batched `tagcli tag` tokens/s on the same sentences
  python3 Scripts/serve/loadtest.py wrk         # the throughput levels again, driven by wrk (C)

Requests carry one EWT test sentence of exactly 10 tokens ({"sentences": [[...]]}), cycling
through all such sentences of ../shared/data/ud/en_ewt/en_ewt-ud-test.conllu.
"""
import argparse
import asyncio
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EWT_TEST = os.path.join(ROOT, "..", "shared", "data", "ud", "en_ewt", "en_ewt-ud-test.conllu")
TAGCLI = os.environ.get("TAGCLI", os.path.join(ROOT, ".build", "release", "tagcli"))


def ewt_sentences(length=10):
    """Word forms of the EWT test sentences with exactly `length` tokens (no ranges, no empty nodes)."""
    sentences, words = [], []
    with open(EWT_TEST, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if words and len(words) == length:
                    sentences.append(words)
                words = []
            elif not line.startswith("#"):
                fields = line.split("\t")
                if fields[0].isdigit():
                    words.append(fields[1])
    return sentences


class Server:
    """A `tagcli serve` process on a free port, stopped with SIGTERM."""

    def __init__(self, *extra):
        self.process = subprocess.Popen(
            [TAGCLI, "serve", "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if "http://" not in line:
            raise SystemExit(f"server did not start: {line!r}")
        address = line.split("http://")[1].split("/")[0]
        self.host, port = address.rsplit(":", 1)
        self.port = int(port)

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


class Connection:
    """One keep-alive HTTP/1.1 connection."""

    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, server):
        reader, writer = await asyncio.open_connection(server.host, server.port)
        return cls(reader, writer)

    async def post(self, path, body, content_type="application/json"):
        head = (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        self.writer.write(head + body)
        return await self.read_response()

    async def get(self, path):
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        return await self.read_response()

    async def read_response(self):
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, headers = 0, {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        body = await self.reader.readexactly(length) if length else b""
        return status, headers, body

    def close(self):
        self.writer.close()


def body_of(words):
    return json.dumps({"sentences": [words]}).encode()


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def run_level(server, bodies, concurrency, seconds, check=None):
    """`concurrency` connections posting for `seconds`; returns statuses, latencies, tokens."""
    deadline = time.perf_counter() + seconds
    latencies, statuses, errors = [], {}, []
    next_body = [0]

    async def worker():
        try:
            connection = await Connection.open(server)
        except OSError as error:
            errors.append(repr(error))
            return
        try:
            while time.perf_counter() < deadline:
                index = next_body[0] % len(bodies)
                next_body[0] += 1
                start = time.perf_counter()
                try:
                    status, headers, body = await connection.post("/tag", bodies[index])
                except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
                    errors.append(repr(error))
                    connection.close()
                    connection = await Connection.open(server)
                    continue
                latencies.append((time.perf_counter() - start, status))
                statuses[status] = statuses.get(status, 0) + 1
                if check:
                    check(index, status, headers, body)
                if headers.get("connection") == "close":
                    connection.close()
                    connection = await Connection.open(server)
        finally:
            connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start, latencies, statuses, errors


def throughput(args):
    sentences = ewt_sentences()
    bodies = [body_of(words) for words in sentences]
    server = Server(*args.server_args)
    print(f"# {len(sentences)} EWT test sentences of 10 tokens; server pid {server.process.pid}")
    print("| concurrency | requests | requests/s | tokens/s | p50 ms | p99 ms | errors | RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    try:
        asyncio.run(run_level(server, bodies, 8, 2))  # warm-up
        for concurrency in args.levels:
            elapsed, latencies, statuses, errors = asyncio.run(
                run_level(server, bodies, concurrency, args.seconds))
            ok = statuses.get(200, 0)
            bad = sum(count for status, count in statuses.items() if status != 200) + len(errors)
            times = [latency for latency, status in latencies if status == 200]
            print(f"| {concurrency} | {len(latencies)} | {ok / elapsed:,.0f} | "
                  f"{10 * ok / elapsed:,.0f} | {1000 * percentile(times, 0.5):.1f} | "
                  f"{1000 * percentile(times, 0.99):.1f} | {bad} | {server.rss_kib() / 1024:.0f} |",
                  flush=True)
    finally:
        print(f"# server exit status after SIGTERM: {server.stop()}")


def single_answers(server, bodies):
    """Each body's tags, asked one request at a time."""
    async def ask():
        connection = await Connection.open(server)
        answers = []
        for body in bodies:
            status, _, answer = await connection.post("/tag", body)
            assert status == 200, status
            answers.append([token["tag"] for token in json.loads(answer)["sentences"][0]])
        connection.close()
        return answers
    return asyncio.run(ask())


def overload(args):
    sentences = ewt_sentences()
    bodies = [body_of(words) for words in sentences]
    server = Server("--max-queue", str(args.max_queue), *args.server_args)
    expected = single_answers(server, bodies)
    rss_before = server.rss_kib()
    wrong, peak_rss = [], [rss_before]

    def check(index, status, headers, body):
        if status == 200:
            answer = json.loads(body)["sentences"]
            words = [token["word"] for token in answer[0]]
            tags = [token["tag"] for token in answer[0]]
            if len(answer) != 1 or words != sentences[index] or tags != expected[index]:
                wrong.append(index)
        elif status == 503 and headers.get("retry-after") != "1":
            wrong.append(("no Retry-After", index))

    async def sample_rss(stop):
        while not stop.is_set():
            peak_rss.append(server.rss_kib())
            await asyncio.sleep(0.2)

    async def main():
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(stop))
        result = await run_level(server, bodies, args.concurrency, args.seconds, check)
        stop.set()
        await sampler
        return result

    try:
        elapsed, latencies, statuses, errors = asyncio.run(main())
        rejected = [latency for latency, status in latencies if status == 503]
        served = [latency for latency, status in latencies if status == 200]
        print(f"| concurrency | max queue | requests | 200 | 503 | other | connection errors | "
              f"wrong answers | 503 p50/p99 ms | 200 p50/p99 ms | RSS before / peak MiB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
        other = sum(count for status, count in statuses.items() if status not in (200, 503))
        print(f"| {args.concurrency} | {args.max_queue} | {len(latencies)} | "
              f"{statuses.get(200, 0)} | {statuses.get(503, 0)} | {other} | {len(errors)} | "
              f"{len(wrong)} | {1000 * percentile(rejected, 0.5):.1f} / "
              f"{1000 * percentile(rejected, 0.99):.1f} | {1000 * percentile(served, 0.5):.1f} / "
              f"{1000 * percentile(served, 0.99):.1f} | {rss_before / 1024:.0f} / "
              f"{max(peak_rss) / 1024:.0f} |")
        if errors:
            print(f"# first connection errors: {errors[:3]}")
    finally:
        print(f"# server exit status after SIGTERM: {server.stop()}")


async def probe(server, label):
    """One normal request on a new connection: its status and latency."""
    start = time.perf_counter()
    try:
        connection = await asyncio.wait_for(Connection.open(server), 10)
        status, _, _ = await asyncio.wait_for(
            connection.post("/tag", body_of(["The", "server", "still", "answers", "."])), 10)
        connection.close()
        result = f"{status}"
    except (OSError, asyncio.TimeoutError, ConnectionError) as error:
        result = f"failed ({error!r})"
    print(f"| {label} | other client meanwhile: {result} in "
          f"{1000 * (time.perf_counter() - start):.0f} ms |", flush=True)


async def raw_exchange(server, data, wait):
    """Sends `data` on a new connection and returns what comes back within `wait` seconds."""
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(data)
    start = time.perf_counter()
    try:
        received = await asyncio.wait_for(reader.read(65536), wait)
    except asyncio.TimeoutError:
        received = b"(nothing)"
    writer.close()
    return received.split(b"\r\n")[0].decode(errors="replace"), time.perf_counter() - start


async def hostile_main(server, idle_connections, idle_timeout):
    print("| hostile client | what it got |")
    print("|---|---|")
    line, seconds = await raw_exchange(
        server, b"POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 9\r\n\r\n{\"text\": ", 5)
    print(f"| malformed JSON | `{line}` in {1000 * seconds:.0f} ms |")
    await probe(server, "after malformed JSON")

    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(b"POST /tag HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 1073741824\r\n\r\n" + b"x" * 65536)
    start = time.perf_counter()
    status = (await asyncio.wait_for(reader.readline(), 10)).decode().strip()
    closed = await asyncio.wait_for(reader.read(), 10) is not None
    print(f"| 1 GB declared Content-Length (64 KiB sent) | `{status}` in "
          f"{1000 * (time.perf_counter() - start):.0f} ms, then the server closed the connection |")
    writer.close()
    await probe(server, "after 1 GB Content-Length")

    # Slowloris: a header line every second, never finishing the head.
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(b"POST /tag HTTP/1.1\r\n")
    start = time.perf_counter()
    closed_after = None
    for number in range(int(idle_timeout) + 20):
        await asyncio.sleep(1)
        try:
            writer.write(f"X-Slow-{number}: {'a' * 10}\r\n".encode())
            await writer.drain()
            data = await asyncio.wait_for(reader.read(1024), 0.01)
            if data == b"":
                closed_after = time.perf_counter() - start
                break
        except asyncio.TimeoutError:
            pass
        except (ConnectionError, OSError):
            closed_after = time.perf_counter() - start
            break
        if number == 2:
            await probe(server, "during slowloris")
    print(f"| slowloris (one header line per second) | closed by the server after "
          f"{closed_after:.1f} s |" if closed_after else "| slowloris | NOT closed |")
    writer.close()

    # Idle connections: opened 500 at a time (each waits until accepted), then left silent.
    start = time.perf_counter()
    connections = []
    for first in range(0, idle_connections, 500):
        opened = await asyncio.gather(
            *(asyncio.wait_for(asyncio.open_connection(server.host, server.port), 30)
              for _ in range(first, min(first + 500, idle_connections))),
            return_exceptions=True)
        connections += [pair for pair in opened if not isinstance(pair, BaseException)]
    opened_in = time.perf_counter() - start
    rss = server.rss_kib()
    await probe(server, f"{len(connections)} idle connections open (server RSS {rss / 1024:.0f} MiB)")

    async def closed_by_server(reader):
        try:
            return await asyncio.wait_for(reader.read(1), idle_timeout + 30) == b""
        except (asyncio.TimeoutError, ConnectionError, OSError):
            return False

    results = await asyncio.gather(*(closed_by_server(reader) for reader, _ in connections))
    print(f"| {idle_connections} idle connections ({len(connections)} opened in {opened_in:.1f} s) "
          f"| {sum(results)} closed by the server within "
          f"{time.perf_counter() - start:.0f} s of the first (idle timeout {idle_timeout:.0f} s) |")
    for _, writer in connections:
        writer.close()
    await probe(server, "after the idle connections")


def hostile(args):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = Server("--idle-timeout", str(args.idle_timeout), "--read-timeout",
                    str(args.read_timeout), *args.server_args)
    try:
        asyncio.run(hostile_main(server, args.idle_connections, args.idle_timeout))
    finally:
        print(f"# server exit status after SIGTERM: {server.stop()}")


def cli(args):
    """Tokens/s of `tagcli tag --pretokenized` over the same sentences, repeated."""
    sentences = ewt_sentences()
    text = "\n".join(" ".join(words) for words in sentences) + "\n"
    text *= args.repeat
    tokens = 10 * len(sentences) * args.repeat
    start = time.perf_counter()
    subprocess.run([TAGCLI, "tag", "--pretokenized"], input=text.encode(), check=True,
                   stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    print(f"| tagcli tag --pretokenized (batched) | {tokens} tokens | {seconds:.2f} s | "
          f"{tokens / seconds:,.0f} tokens/s |")


def wrk(args):
    """The throughput levels driven by wrk with Scripts/serve/wrk_tag.lua (a lighter client)."""
    import re
    import shutil
    if not shutil.which("wrk"):
        raise SystemExit("skipped: wrk is not installed (apt-get install wrk)")
    bodies_path = "/tmp/serve-wrk-bodies.jsonl"
    with open(bodies_path, "w") as handle:
        for words in ewt_sentences():
            handle.write(json.dumps({"sentences": [words]}) + "\n")
    server = Server(*args.server_args)
    script = os.path.join(ROOT, "Scripts", "serve", "wrk_tag.lua")
    print("| concurrency | requests | requests/s | tokens/s | p50 ms | p99 ms | non-200 + socket errors | RSS MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    environment = dict(os.environ, TAG_BODIES=bodies_path)
    try:
        for concurrency in args.levels:
            output = subprocess.run(
                ["wrk", "-t1", f"-c{concurrency}", f"-d{args.seconds:g}s", "--latency", "-s", script,
                 f"http://{server.host}:{server.port}"],
                env=environment, capture_output=True, text=True, check=True).stdout
            def figure(pattern):
                match = re.search(pattern, output)
                return match.group(1) if match else "?"
            def milliseconds(text):
                match = re.match(r"([\d.]+)(us|ms|s|m)\b", text)
                if not match:  # wrk printed no figure: show what it printed instead of a traceback
                    print(f"# wrk at concurrency {concurrency} printed no latency:\n{output}",
                          file=sys.stderr)
                    return float("nan")
                value, unit = match.groups()
                return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]
            requests = int(figure(r"(\d+) requests in"))
            rate = float(figure(r"Requests/sec:\s+([\d.]+)"))
            bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
            bad += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
            p50 = milliseconds(figure(r"(?m)^\s+50%\s+(\S+)"))
            p99 = milliseconds(figure(r"(?m)^\s+99%\s+(\S+)"))
            print(f"| {concurrency} | {requests} | {rate:,.0f} | {10 * rate:,.0f} | "
                  f"{p50:.1f} | {p99:.1f} | {bad} | "
                  f"{server.rss_kib() / 1024:.0f} |", flush=True)
    finally:
        print(f"# server exit status after SIGTERM: {server.stop()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["throughput", "overload", "hostile", "cli", "wrk"])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=1000)
    parser.add_argument("--max-queue", type=int, default=64)
    parser.add_argument("--idle-connections", type=int, default=10000)
    parser.add_argument("--idle-timeout", type=float, default=10)
    parser.add_argument("--read-timeout", type=float, default=5)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--server-args", nargs=argparse.REMAINDER, default=[],
                        help="more options for tagcli serve (last)")
    args = parser.parse_args()
    if not os.path.exists(EWT_TEST):
        raise SystemExit(f"skipped: {EWT_TEST} is missing")
    if not os.path.exists(TAGCLI):
        raise SystemExit("build first: swift build -c release --product tagcli")
    modes = {"throughput": throughput, "overload": overload, "hostile": hostile, "cli": cli,
             "wrk": wrk}
    modes[args.mode](args)


if __name__ == "__main__":
    main()
