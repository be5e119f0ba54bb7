#!/usr/bin/env python3
"""Loopback forward proxy for the proxy tests (HTTPS_PROXY / HTTP_PROXY / NO_PROXY honoured or not).

    python3 tests/moto/proxy.py --port 0 --port-file FILE [--log-file FILE] [--parent-pid PID]
        [--route NAME=HOST:PORT ...] [--auth USER:PASSWORD] [--allow-remote]

Forwards what a client sends to a proxy:
  - absolute-form requests (GET http://host:port/path HTTP/1.1), plain http: sent on to the origin (a new
    connection per request; hop-by-hop headers dropped, Via added), the answer relayed with its status,
    headers and body (re-framed with Content-Length);
  - CONNECT host:port: "200 Connection established", then bytes both ways until either side closes (TLS
    or anything else, never looked at).
Both keep the client connection alive (HTTP/1.1) as a real proxy does.

--route NAME=HOST:PORT (repeatable) sends requests for NAME (any port) to HOST:PORT: a client configured
with an endpoint such as http://sagemaker.proxy.test:80 reaches the local endpoint only through this proxy
(the name resolves nowhere else), which proves the proxy was used. The Host header is left as sent.
--auth USER:PASSWORD answers 407 Proxy Authentication Required (Proxy-Authenticate: Basic) unless the
request carries Proxy-Authorization: Basic base64(USER:PASSWORD). Targets must be loopback addresses or
routed names unless --allow-remote (403 otherwise).

Origin-form requests are the proxy's own controls (never forwarded):
  GET  /stats   {"requests": n absolute-form requests, "connects": n, "denied": n (407/403),
                 "by_target": {"host:port": n}, "connections": client TCP connections,
                 "log": [[epoch, method, target, status], ...]}
  POST /reset   clears the counters and the log
  GET  /health  {"ok": true, "pid": n}
SIGTERM/SIGINT stop it (exit 0); --parent-pid stops it when that process is gone.
"""
import argparse
import base64
import http.client
import json
import os
import select
import signal
import socket
import sys
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpparts import AnyMethodHandler  # noqa: E402
from parentwatch import start_watch  # noqa: E402

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
              "trailer", "transfer-encoding", "upgrade", "content-length"}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.requests = self.connects = self.denied = self.connections = 0
            self.by_target = Counter()
            self.log = deque(maxlen=20000)

    def record(self, method, target):
        entry = [round(time.time(), 3), method, target, None]
        with self.lock:
            if method == "CONNECT":
                self.connects += 1
            else:
                self.requests += 1
            self.by_target[target] += 1
            self.log.append(entry)
        return entry

    def snapshot(self):
        with self.lock:
            return {"requests": self.requests, "connects": self.connects, "denied": self.denied,
                    "by_target": dict(self.by_target), "connections": self.connections, "log": list(self.log)}


STATS = Stats()
CONFIG = {"routes": {}, "auth": None, "allow_remote": False}
STOP = threading.Event()


class ProxyHandler(AnyMethodHandler, BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def version_string(self):
        return "automl-proxy"

    def log_message(self, format, *args):
        if os.environ.get("AUTOML_MOTO_VERBOSE"):
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def setup(self):
        super().setup()
        with STATS.lock:
            STATS.connections += 1

    def reply(self, status, body=b"", headers=(), content_type="application/json"):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return status

    def denied(self, entry, status, message, headers=()):
        with STATS.lock:
            STATS.denied += 1
        entry[3] = self.reply(status, message, headers, content_type="text/plain")

    def resolve(self, host, port):
        """(connect host, port) for a target, or None when it may not be reached."""
        name = host.strip("[]").lower()
        if name in CONFIG["routes"]:
            return CONFIG["routes"][name]
        if CONFIG["allow_remote"] or host.lower() in LOOPBACK:
            return host.strip("[]"), port
        return None

    def authorized(self):
        if not CONFIG["auth"]:
            return True
        scheme, _, value = self.headers.get("Proxy-Authorization", "").partition(" ")
        return scheme.lower() == "basic" and value.strip() == CONFIG["auth"]

    def handle_any(self):
        if self.command == "CONNECT":
            return self.tunnel()
        body = self.read_body()
        if not self.path.lower().startswith(("http://", "https://")):
            return self.control()
        url = urlsplit(self.path)
        port = url.port or (443 if url.scheme == "https" else 80)
        target = f"{url.hostname}:{port}"
        entry = STATS.record(self.command, target)
        if not self.authorized():
            return self.denied(entry, 407, "Proxy Authentication Required",
                               [("Proxy-Authenticate", 'Basic realm="automl-proxy"')])
        where = self.resolve(url.hostname, port)
        if where is None or url.scheme != "http":
            return self.denied(entry, 403, f"automl-proxy does not forward to {url.scheme}://{target}")
        path = url.path or "/"
        if url.query:
            path += "?" + url.query
        headers = [(k, v) for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP]
        headers.append(("Via", "1.1 automl-proxy"))
        conn = http.client.HTTPConnection(where[0], where[1], timeout=120)
        try:
            conn.putrequest(self.command, path, skip_host=True, skip_accept_encoding=True)
            for k, v in headers:
                conn.putheader(k, v)
            if body or self.command in ("POST", "PUT", "PATCH"):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body or None)
            resp = conn.getresponse()
            data = resp.read()
            out = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_BY_HOP | {"date", "server"}]
            entry[3] = self.reply(resp.status, data, out, content_type=None)
        except OSError as e:
            entry[3] = self.reply(502, f"automl-proxy: {where[0]}:{where[1]}: {e}", content_type="text/plain")
        finally:
            conn.close()

    def tunnel(self):
        host, _, port = self.path.rpartition(":")
        target = f"{host.strip('[]')}:{port}"
        entry = STATS.record("CONNECT", target)
        if not self.authorized():
            return self.denied(entry, 407, "Proxy Authentication Required",
                               [("Proxy-Authenticate", 'Basic realm="automl-proxy"')])
        where = self.resolve(host, int(port or 443))
        if where is None:
            return self.denied(entry, 403, f"automl-proxy does not tunnel to {target}")
        try:
            upstream = socket.create_connection(where, timeout=30)
        except OSError as e:
            entry[3] = self.reply(502, f"automl-proxy: {target}: {e}", content_type="text/plain")
            return
        self.send_response(200, "Connection established")
        self.end_headers()
        entry[3] = 200
        self.close_connection = True
        client = self.connection
        try:
            upstream.settimeout(None)
            client.settimeout(None)
            pending = self.rfile.peek() if hasattr(self.rfile, "peek") else b""
            if pending:  # bytes the client sent right behind the CONNECT, already buffered
                upstream.sendall(self.rfile.read(len(pending)))
            sockets = [client, upstream]
            while not STOP.is_set():
                readable, _, broken = select.select(sockets, [], sockets, 0.5)
                if broken:
                    break
                for s in readable:
                    data = s.recv(65536)
                    if not data:
                        return
                    (upstream if s is client else client).sendall(data)
        except OSError:
            pass
        finally:
            upstream.close()

    def control(self):
        route = urlsplit(self.path).path.rstrip("/")
        if route in ("/stats", "/_proxy/stats") and self.command == "GET":
            return self.reply(200, json.dumps(STATS.snapshot()))
        if route in ("/reset", "/_proxy/reset") and self.command == "POST":
            STATS.reset()
            return self.reply(200, json.dumps({"ok": True}))
        if route in ("/health", "/_proxy/health"):
            return self.reply(200, json.dumps({"ok": True, "pid": os.getpid()}))
        return self.reply(400, json.dumps({"error": f"not a proxy request and no control route: {self.command} {self.path}"}))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--log-file")
    parser.add_argument("--parent-pid", type=int)
    parser.add_argument("--route", action="append", default=[], metavar="NAME=HOST:PORT")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--allow-remote", action="store_true")
    args = parser.parse_args()
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only")
    if args.log_file:
        log = os.open(args.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
    for route in args.route:
        name, _, where = route.partition("=")
        host, _, port = where.rpartition(":")
        CONFIG["routes"][name.lower()] = (host, int(port))
    CONFIG["auth"] = base64.b64encode(args.auth.encode()).decode() if args.auth else None
    CONFIG["allow_remote"] = args.allow_remote

    server = Server((args.host, args.port), ProxyHandler)

    def stop(signum, frame):
        STOP.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.parent_pid:
        start_watch(args.parent_pid, server, STOP)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    port = server.server_address[1]
    if args.port_file:
        tmp = f"{args.port_file}.{os.getpid()}.tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"automl proxy listening on http://{args.host}:{port}", flush=True)
    while serving.is_alive():
        serving.join(0.5)
    server.server_close()


if __name__ == "__main__":
    main()
