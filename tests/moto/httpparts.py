"""What the test endpoint (automl_moto.py) and the test proxy (proxy.py) both need from an HTTP handler."""


class AnyMethodHandler:
    """A BaseHTTPRequestHandler mixin: every method (do_GET, do_POST, do_CONNECT, ...) goes to
    handle_any, and read_body reads a request body whether it has a Content-Length or is chunked."""

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.handle_any
        raise AttributeError(name)

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))
