#!/usr/bin/env python3
"""Local SageMaker endpoint for the AutoMLV2 tests, demo and benchmarks.

One process: moto's own WSGI application (DomainDispatcherApplication + create_backend_app,
i.e. moto's real backends, IAM/SigV4 checks and wire format), called in-process behind a thin
HTTP/1.1 keep-alive front layer that adds test controls under /_automl/ (never forwarded):

  POST   /_automl/jobs/{name}/script  {"steps":[{"after_seconds":2|"after_describes":n, <fields>}]}
  DELETE /_automl/jobs/{name}/script
  POST   /_automl/jobs/{name}/inflate {"candidate_metrics":5000, "candidate_steps":0}
  POST   /_automl/jobs/bulk           {"prefix":"bulk","count":1000,"problem_type":"Tabular",
                                       "status":"Completed"|[...], "region":"us-east-1"}
  GET|POST|DELETE /_automl/faults     list / append rules (a rule or a list) / clear
  POST   /_automl/clock               {"offset_seconds":1800}
  POST   /_automl/latency             {"ms":50}
  POST   /_automl/rate-limit          {"rps":20}        (0 = off)
  GET    /_automl/stats               POST /_automl/reset        GET /_automl/health

Script steps set AutoMLJobStatus, AutoMLJobSecondaryStatus, FailureReason, PartialFailureReasons,
BestCandidate, EndTime (null removes a member) on moto's own AutoMLJob object, lazily before each
request is dispatched, so DescribeAutoMLJobV2 and ListAutoMLJobs both see them. after_seconds counts
from the POST of the script; after_describes n applies once n DescribeAutoMLJobV2 calls for that job
have been answered by moto since the script was posted (so the n+1-th describe sees the step). Steps
apply in order: a step never applies before the steps listed ahead of it.

Fault rule: {"operation": "DescribeAutoMLJobV2"|"ListAutoMLJobs"|...|"*", "job": name?, "kind": k,
"count": N?}. "*" matches any SageMaker operation; another name matches that operation of any
service (e.g. "AssumeRole"). The first matching rule with count left wins. Kinds and their options:
  throttle                 400 ThrottlingException "Rate exceeded"
  error   status code message [type]   any AWS-style JSON error (default 500 InternalFailure)
  reset   [mode rst|close]  headers + part of moto's real body, then RST (or FIN)
  truncate                 200 + full Content-Length, half of moto's real body, then close
  malformed [body]         200 with invalid JSON
  html    [status]         502 (or given) text/html proxy error page
  hang                     never answers until the client disconnects or the server stops
  latency delay_ms         sleep, then forward normally
  skew    [offset_seconds] [window_seconds]  InvalidSignatureException if X-Amz-Date is off
  body    body [status] [content_type]      raw body
Every signed request is checked against the (offset) server clock with a 5 minute window, as
AWS does; moto itself does not check X-Amz-Date (it only recomputes the signature from it). The
Date response header always carries the (offset) server time.

GET /_automl/stats -> {"requests": {operation: n}, "by_job": {name: n}, "throttled": n,
"connections": TCP connections accepted, "log": [[epoch, operation, job, status|fault kind], ...]}
counts every request received (faulted ones too) since start or POST /_automl/reset, which also
clears faults, scripts, latency, rate limit and clock offset (not the jobs).

Where moto breaks the wire format the front layer repairs it (see serve()): moto's XML auth errors
for JSON-protocol requests become JSON errors with the same status and code; an unsigned request
(moto raises KeyError once IAM auth is on) gets 400 MissingAuthenticationTokenException; any other
exception inside moto becomes 500 InternalFailure instead of a dropped connection.

    python3 automl_moto.py --host 127.0.0.1 --port 0 --port-file FILE [--log-file FILE]
        [--bootstrap-iam JSON_FILE] [--parent-pid PID] [--raw-moto-errors]
INITIAL_NO_AUTH_ACTION_COUNT (environment, read by moto when it is imported): moto skips SigV4/IAM
checks for that many requests, then enforces them. SIGTERM/SIGINT stop the server (exit 0).
"""
import argparse
import html
import io
import json
import os
import random
import re
import select
import signal
import socket
import struct
import sys
import threading
import time
import traceback
import uuid
from collections import Counter, deque
from datetime import datetime, timedelta, timezone
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

if "--log-file" in sys.argv[:-1]:  # before moto is imported, so its import-time warnings land there too
    _log = os.open(sys.argv[sys.argv.index("--log-file") + 1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(_log, 1)
    os.dup2(_log, 2)
    sys.stdout = os.fdopen(1, "w", buffering=1)
    sys.stderr = os.fdopen(2, "w", buffering=1)

import moto.backends as moto_backends
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin
from moto.sagemaker.models import AutoMLJob, sagemaker_backends
from moto.server import DomainDispatcherApplication, create_backend_app

AMZ_JSON = "application/x-amz-json-1.1"
TERMINAL = {"Completed", "Failed", "Stopped"}
STEP_FIELDS = {"AutoMLJobStatus": "auto_ml_job_status",
               "AutoMLJobSecondaryStatus": "auto_ml_job_secondary_status",
               "FailureReason": "failure_reason",
               "PartialFailureReasons": "partial_failure_reasons",
               "BestCandidate": "best_candidate", "EndTime": "end_time"}
PROBLEM_CONFIGS = {
    "Tabular": {"TabularJobConfig": {"TargetAttributeName": "label", "ProblemType": "BinaryClassification",
                                     "CompletionCriteria": {"MaxCandidates": 10}}},
    "ImageClassification": {"ImageClassificationJobConfig": {"CompletionCriteria": {"MaxCandidates": 10}}},
    "TextClassification": {"TextClassificationJobConfig": {"ContentColumn": "text", "TargetLabelColumn": "label",
                                                           "CompletionCriteria": {"MaxCandidates": 10}}},
    "TimeSeriesForecasting": {"TimeSeriesForecastingJobConfig": {
        "ForecastFrequency": "D", "ForecastHorizon": 7, "CompletionCriteria": {"MaxCandidates": 10},
        "TimeSeriesConfig": {"TargetAttributeName": "demand", "TimestampAttributeName": "ts",
                             "ItemIdentifierAttributeName": "item"}}},
    "TextGeneration": {"TextGenerationJobConfig": {"BaseModelName": "Falcon7BInstruct",
                                                   "CompletionCriteria": {"MaxCandidates": 1}}},
}
HTML_PAGE = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
             b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>awselb/2.0</center>\r\n"
             b"</body>\r\n</html>\r\n")


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)  # moto stores naive UTC datetimes


def to_datetime(value):
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc).replace(tzinfo=None)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).astimezone(timezone.utc).replace(tzinfo=None)


def fix_times(obj):
    """JSON in (epoch numbers / ISO strings) -> datetimes for moto's serializer."""
    if isinstance(obj, dict):
        return {k: (to_datetime(v) if k in ("CreationTime", "EndTime", "LastModifiedTime") else fix_times(v))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [fix_times(v) for v in obj]
    return obj


def all_jobs(name):
    for account in list(sagemaker_backends.keys()):
        for region in list(sagemaker_backends[account].keys()):
            job = sagemaker_backends[account][region].auto_ml_jobs.get(name)
            if job is not None:
                yield job


class State:
    def __init__(self):
        self.lock = threading.RLock()
        self.scripts = {}
        self.reset()

    def reset(self):
        with self.lock:
            self.faults, self.scripts = [], {}
            self.clock_offset = 0.0
            self.latency_ms = 0
            self.rps, self.tokens, self.refilled = 0.0, 0.0, time.monotonic()
            self.requests, self.by_job, self.throttled, self.connections = Counter(), Counter(), 0, 0
            self.log = deque(maxlen=20000)

    # -- scripts -------------------------------------------------------------------------
    def apply_scripts(self):
        with self.lock:
            now = time.monotonic()
            for name, script in self.scripts.items():
                steps = script["steps"]
                while script["applied"] < len(steps):  # in order: a step waits for the ones before it
                    step = steps[script["applied"]]
                    due = (now - script["t0"] >= step["after_seconds"]) if "after_seconds" in step else \
                        (script["describes"] >= step.get("after_describes", 0))
                    jobs = list(all_jobs(name)) if due else []
                    if not jobs:
                        break  # not due yet, or the job does not exist yet: look again on the next request
                    for job in jobs:
                        self.apply_step(job, step)
                    script["applied"] += 1

    @staticmethod
    def apply_step(job, step):
        for field, attr in STEP_FIELDS.items():
            if field in step:
                value = step[field]
                setattr(job, attr, to_datetime(value) if field == "EndTime" else fix_times(value))
        if "EndTime" not in step and "AutoMLJobStatus" in step:
            job.end_time = utcnow() if step["AutoMLJobStatus"] in TERMINAL else None
        job.last_modified_time = utcnow()

    # -- rate limit (token bucket, burst = rps) -------------------------------------------
    def take_token(self):
        with self.lock:
            if self.rps <= 0:
                return True
            now = time.monotonic()
            self.tokens = min(self.rps, self.tokens + (now - self.refilled) * self.rps)
            self.refilled = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False

    def match_fault(self, operation, job, is_sagemaker):
        with self.lock:
            for rule in self.faults:
                op = rule.get("operation", "*")
                if (op == "*" and not is_sagemaker) or (op != "*" and op != operation):
                    continue
                if rule.get("job") is not None and rule["job"] != job:
                    continue
                if rule.get("count") is not None:
                    if rule["count"] <= 0:
                        continue
                    rule["count"] -= 1
                return dict(rule)
            return None


# moto's dispatcher lists moto's package folder (~180 stat calls) on every request to route it; the list
# never changes while we run, so compute it once (a third of moto's per-request time, nothing else changes).
_MOTO_MODULES = tuple(moto_backends.list_of_moto_modules())
moto_backends.list_of_moto_modules = lambda: _MOTO_MODULES

STATE = State()
MOTO = DomainDispatcherApplication(create_backend_app)
STOP = threading.Event()
RAW_ERRORS = False  # --raw-moto-errors: pass moto's XML auth errors through untouched


def amz_date(text):
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def fmt(d):
    return d.strftime("%Y%m%dT%H%M%SZ")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"          # keep-alive: connections are reused
    disable_nagle_algorithm = True

    def version_string(self):
        return "automl-moto"

    def log_message(self, format, *args):  # quiet; stats are in /_automl/stats
        if os.environ.get("AUTOML_MOTO_VERBOSE"):
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def setup(self):
        super().setup()
        with STATE.lock:
            STATE.connections += 1

    def date_time_string(self, timestamp=None):  # the Date header follows the (skewed) server clock
        return formatdate((timestamp or time.time()) + STATE.clock_offset, usegmt=True)

    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.handle_any
        raise AttributeError(name)

    # -- plumbing ------------------------------------------------------------------------
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

    def send(self, status, body, headers=(), content_type=AMZ_JSON):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        names = set()
        for k, v in headers:
            names.add(k.lower())
            self.send_header(k, v)
        if "content-type" not in names and content_type:
            self.send_header("Content-Type", content_type)
        if "x-amzn-requestid" not in names:
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return status

    def send_json(self, status, obj):
        return self.send(status, json.dumps(obj, default=str), content_type="application/json")

    def aws_error(self, status, code, message, err_type=None):
        return self.send(status, *error_parts(code, message, err_type))

    def throttle(self):
        with STATE.lock:
            STATE.throttled += 1
        return self.aws_error(400, "ThrottlingException", "Rate exceeded")

    def call_moto(self, body, count_describe=True):
        url = urlsplit(self.path)
        environ = {
            "REQUEST_METHOD": self.command, "SCRIPT_NAME": "",
            "PATH_INFO": unquote(url.path).encode("utf-8").decode("latin-1"),
            "QUERY_STRING": url.query, "RAW_URI": self.path, "REQUEST_URI": self.path,
            "SERVER_NAME": self.server.server_address[0], "SERVER_PORT": str(self.server.server_address[1]),
            "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": self.client_address[0],
            "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False,
            "wsgi.run_once": False, "CONTENT_LENGTH": str(len(body)),
        }
        for key, value in self.headers.items():
            key = key.upper().replace("-", "_")
            if key in ("CONTENT_LENGTH", "TRANSFER_ENCODING"):
                continue
            if key != "CONTENT_TYPE":
                key = "HTTP_" + key
            environ[key] = environ[key] + "," + value if key in environ else value
        started = []

        def start_response(status, headers, exc_info=None):
            started[:] = [int(status.split()[0]), headers]

        result = MOTO(environ, start_response)
        try:
            data = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        status, headers = started
        headers = [(k, v) for k, v in headers if k.lower() not in
                   ("content-length", "transfer-encoding", "connection", "date", "server")]
        if count_describe and self.operation == "DescribeAutoMLJobV2" and status == 200:
            with STATE.lock:
                if self.job in STATE.scripts:
                    STATE.scripts[self.job]["describes"] += 1
        return status, headers, data

    def abort(self, rst):
        self.close_connection = True
        try:
            if rst:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                self.connection.shutdown(socket.SHUT_RDWR)
            self.wfile.close()
            self.rfile.close()
            self.connection.close()
        except OSError:
            pass

    def hang(self):
        self.close_connection = True
        while not STOP.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.25)
            if readable:
                try:
                    if not self.connection.recv(65536):
                        return  # client went away
                except OSError:
                    return

    # -- dispatch ------------------------------------------------------------------------
    def handle_any(self):
        body = self.read_body()
        if self.path.startswith("/_automl/") or self.path == "/_automl":
            try:
                return self.control(body)
            except Exception as e:  # control errors are the test author's, show them
                return self.send_json(400, {"error": f"{type(e).__name__}: {e}"})
        target = self.headers.get("X-Amz-Target", "")
        auth = self.headers.get("Authorization", "")
        service = auth.split("Credential=")[1].split("/")[3] if "Credential=" in auth else ""
        self.operation = target.split(".", 1)[-1] if target else \
            (parse_qs(body.decode("latin-1")).get("Action", [""])[0] or parse_qs(urlsplit(self.path).query).get("Action", [""])[0])
        is_sm = service == "sagemaker" or target.startswith("SageMaker.")
        self.job = None
        if is_sm and body[:1] == b"{":
            try:
                self.job = json.loads(body).get("AutoMLJobName")
            except ValueError:
                pass
        # Counted before it is answered, so that a client that has its answer always finds its
        # request in /_automl/stats (and a hanging request shows up at once); the status is
        # filled in when the answer has gone.
        entry = [round(time.time(), 3), self.operation or f"{self.command} {urlsplit(self.path).path}", self.job, None]
        with STATE.lock:
            STATE.requests[entry[1]] += 1
            if self.job:
                STATE.by_job[self.job] += 1
            STATE.log.append(entry)
        entry[3] = self.serve(body, is_sm)

    def skewed(self, offset, window):
        stamp = self.headers.get("X-Amz-Date")
        if not stamp:
            return None
        try:
            sent = amz_date(stamp)
        except ValueError:
            return None
        now = datetime.now(timezone.utc) + timedelta(seconds=offset)
        now = now.replace(microsecond=0)
        if sent < now - timedelta(seconds=window):
            return (f"Signature expired: {stamp} is now earlier than {fmt(now - timedelta(seconds=window))} "
                    f"({fmt(now)} - {window // 60} min.)")
        if sent > now + timedelta(seconds=window):
            return (f"Signature not yet current: {stamp} is still later than {fmt(now + timedelta(seconds=window))} "
                    f"({fmt(now)} + {window // 60} min.)")
        return None

    def serve(self, body, is_sm):
        message = self.skewed(STATE.clock_offset, 300)
        if message:
            return self.aws_error(400, "InvalidSignatureException", message)
        STATE.apply_scripts()
        if is_sm and not STATE.take_token():
            return self.throttle()
        rule = STATE.match_fault(self.operation, self.job, is_sm)
        kind = rule and rule.get("kind")
        if kind == "throttle":
            return self.throttle()
        if kind == "error":
            return self.aws_error(int(rule.get("status", 500)), rule.get("code", "InternalFailure"),
                                  rule.get("message", "We encountered an internal error. Please try again."),
                                  rule.get("type"))
        if kind == "malformed":
            return self.send(200, rule.get("body", '{"AutoMLJobName": "x", "AutoMLJobStatus": "Compl'))
        if kind == "html":
            return self.send(int(rule.get("status", 502)), rule.get("body", HTML_PAGE), content_type="text/html")
        if kind == "body":
            return self.send(int(rule.get("status", 200)), rule.get("body", ""),
                             content_type=rule.get("content_type", AMZ_JSON))
        if kind == "hang":
            self.hang()
            return "hang"
        if kind == "skew":
            message = self.skewed(float(rule.get("offset_seconds", STATE.clock_offset)),
                                  int(rule.get("window_seconds", 300)))
            if message:
                return self.aws_error(400, "InvalidSignatureException", message)
        if kind == "latency":
            time.sleep(float(rule.get("delay_ms", 0)) / 1000.0)
        if is_sm and STATE.latency_ms:
            time.sleep(STATE.latency_ms / 1000.0)
        try:
            status, headers, data = self.call_moto(body, count_describe=kind not in ("reset", "truncate"))
        except Exception as e:  # a moto bug: answer like AWS would instead of dropping the connection
            if "Authorization" not in self.headers:  # moto raises KeyError for unsigned requests when IAM auth is on
                status, (data, headers) = 400, error_parts("MissingAuthenticationTokenException", "Missing Authentication Token")
            else:
                traceback.print_exc()
                status, (data, headers) = 500, error_parts("InternalFailure", f"moto raised {type(e).__name__}: {e}")
        if kind in ("reset", "truncate"):
            data = data if len(data) >= 64 else data + b" " * (64 - len(data))
            self.send_response(status)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // (2 if kind == "truncate" else 4)])
            self.abort(rst=kind == "reset" and rule.get("mode", "rst") == "rst")
            return kind
        if RAW_ERRORS is False and status >= 400 and self.headers.get("X-Amz-Target") and data.lstrip()[:1] == b"<":
            # moto answers IAM/SigV4 failures (SignatureDoesNotMatch, InvalidClientTokenId, AccessDenied) of
            # JSON-protocol services with a query-protocol XML body no JSON client can read: same status and
            # code, JSON-encoded as a JSON 1.1 service would (real SageMaker says InvalidSignatureException,
            # UnrecognizedClientException and AccessDeniedException instead; inject those with "error" faults).
            code = re.search(rb"<Code>(.*?)</Code>", data, re.S)
            message = re.search(rb"<Message>(.*?)</Message>", data, re.S)
            if code:
                return self.aws_error(status, html.unescape(code.group(1).decode()),
                                      html.unescape(message.group(1).decode()) if message else "")
        return self.send(status, data, headers, content_type=None)

    # -- control routes ------------------------------------------------------------------
    def control(self, body):
        args = json.loads(body) if body.strip() else {}
        parts = [unquote(p) for p in urlsplit(self.path).path.split("/")[2:] if p]
        route, method = "/".join(parts), self.command
        if route == "health":
            return self.send_json(200, {"ok": True, "pid": os.getpid()})
        if route == "stats" and method == "GET":
            with STATE.lock:
                return self.send_json(200, {"requests": dict(STATE.requests), "by_job": dict(STATE.by_job),
                                            "throttled": STATE.throttled, "connections": STATE.connections,
                                            "log": list(STATE.log)})
        if route == "reset" and method == "POST":
            STATE.reset()
            return self.send_json(200, {"ok": True})
        if route == "faults":
            with STATE.lock:
                if method == "DELETE":
                    STATE.faults = []
                elif method == "POST":
                    rules = args if isinstance(args, list) else args.get("rules", [args])
                    STATE.faults.extend(dict(r) for r in rules)
                return self.send_json(200, {"faults": STATE.faults})
        if route == "clock" and method == "POST":
            STATE.clock_offset = float(args.get("offset_seconds", 0))
            return self.send_json(200, {"offset_seconds": STATE.clock_offset})
        if route == "latency" and method == "POST":
            STATE.latency_ms = float(args.get("ms", 0))
            return self.send_json(200, {"ms": STATE.latency_ms})
        if route == "rate-limit" and method == "POST":
            with STATE.lock:
                STATE.rps = float(args.get("rps", 0))
                STATE.tokens, STATE.refilled = STATE.rps, time.monotonic()
            return self.send_json(200, {"rps": STATE.rps})
        if route == "jobs/bulk" and method == "POST":
            return self.send_json(200, {"created": bulk_create(args)})
        if len(parts) == 3 and parts[0] == "jobs" and parts[2] == "script":
            with STATE.lock:
                if method == "DELETE":
                    STATE.scripts.pop(parts[1], None)
                else:
                    STATE.scripts[parts[1]] = {"t0": time.monotonic(), "steps": list(args.get("steps", [])),
                                               "applied": 0, "describes": 0}
            STATE.apply_scripts()
            return self.send_json(200, {"job": parts[1], "steps": len(args.get("steps", []))})
        if len(parts) == 3 and parts[0] == "jobs" and parts[2] == "inflate":
            jobs = list(all_jobs(parts[1]))
            if not jobs:
                return self.send_json(404, {"error": f"no AutoML job named {parts[1]}"})
            for job in jobs:
                inflate(job, int(args.get("candidate_metrics", 0)), int(args.get("candidate_steps", 0)))
            return self.send_json(200, {"job": parts[1]})
        return self.send_json(404, {"error": f"no control route {method} /_automl/{route}"})


def error_parts(code, message, err_type=None):
    """Body and headers of an AWS JSON 1.1 error."""
    return (json.dumps({"__type": err_type or code, "message": message}).encode(),
            [("x-amzn-ErrorType", code), ("Content-Type", AMZ_JSON)])


def inflate(job, metrics, steps):
    candidate = dict(job.best_candidate or {"CandidateName": "inflated", "ObjectiveStatus": "Succeeded",
                                            "CandidateStatus": "Completed", "CandidateSteps": [],
                                            "CreationTime": utcnow(), "LastModifiedTime": utcnow()})
    props = dict(candidate.get("CandidateProperties") or {})
    sets = ["Train", "Validation", "Test"]
    names = ["Accuracy", "AUC", "F1", "LogLoss", "BalancedAccuracy", "Precision", "Recall", "MSE"]
    props["CandidateMetrics"] = [{"MetricName": names[i % len(names)], "Value": random.random(),
                                  "Set": sets[i % 3], "StandardMetricName": names[i % len(names)]}
                                 for i in range(metrics)]
    candidate["CandidateProperties"] = props
    if steps:
        candidate["CandidateSteps"] = [{"CandidateStepType": "AWS::SageMaker::TrainingJob",
                                        "CandidateStepArn": f"{job.arn.replace('automl-job', 'training-job')}-step-{i}",
                                        "CandidateStepName": f"step-{i}"} for i in range(steps)]
    job.best_candidate = candidate


def bulk_create(args):
    prefix, count = args.get("prefix", "bulk"), int(args.get("count", 100))
    problem = args.get("problem_type", "Tabular")
    statuses = args.get("status", "Completed")
    statuses = statuses if isinstance(statuses, list) else [statuses]
    account, region = args.get("account", DEFAULT_ACCOUNT_ID), args.get("region", "us-east-1")
    backend = sagemaker_backends[account][region]
    base = utcnow() - timedelta(seconds=count + 60)
    names = []
    for i in range(count):
        name = f"{prefix}-{i:05d}"
        job = AutoMLJob(auto_ml_job_name=name,
                        auto_ml_job_input_data_config=[{"ChannelType": "training", "DataSource": {"S3DataSource": {
                            "S3DataType": "S3Prefix", "S3Uri": f"s3://automl-bench/{name}/train/"}}}],
                        output_data_config={"S3OutputPath": f"s3://automl-bench/{name}/output/"},
                        auto_ml_problem_type_config=json.loads(json.dumps(PROBLEM_CONFIGS[problem])),
                        role_arn=f"arn:aws:iam::{account}:role/automl-bench", region_name=region,
                        account_id=account, security_config=None, auto_ml_job_objective=None,
                        model_deploy_config=None, data_split_config=None)
        created = base + timedelta(seconds=i)
        status = statuses[i % len(statuses)]
        job.creation_time = job.last_modified_time = created
        job.auto_ml_job_status = job.auto_ml_job_secondary_status = status
        if status in ("InProgress", "Stopping"):
            job.auto_ml_job_secondary_status = "TrainingModels" if status == "InProgress" else "Stopping"
        job.end_time = created + timedelta(seconds=30) if status in TERMINAL else None
        job.failure_reason = "ClientError: bulk job failed" if status == "Failed" else None
        job.partial_failure_reasons = None
        if status != "Completed":
            job.best_candidate = None
        backend.auto_ml_jobs[name] = job
        names.append(name)
    return len(names)


def warm_up():
    """Build moto's sagemaker/iam/sts apps, models and serializers before the port is announced, then
    forget the warm-up calls in moto's INITIAL_NO_AUTH_ACTION_COUNT bookkeeping."""
    from moto import settings
    calls = [("sagemaker", {"HTTP_X_AMZ_TARGET": "SageMaker.ListAutoMLJobs", "CONTENT_TYPE": AMZ_JSON}, b"{}"),
             ("iam", {"CONTENT_TYPE": "application/x-www-form-urlencoded"}, b"Action=ListUsers&Version=2010-05-08"),
             ("sts", {"CONTENT_TYPE": "application/x-www-form-urlencoded"},
              b"Action=GetCallerIdentity&Version=2011-06-15")]
    saved, limit = ActionAuthenticatorMixin.request_count, settings.INITIAL_NO_AUTH_ACTION_COUNT
    settings.INITIAL_NO_AUTH_ACTION_COUNT = float("inf")
    try:
        for service, headers, body in calls:
            environ = {"REQUEST_METHOD": "POST", "SCRIPT_NAME": "", "PATH_INFO": "/", "QUERY_STRING": "",
                       "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "0", "SERVER_PROTOCOL": "HTTP/1.1",
                       "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
                       "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False,
                       "wsgi.run_once": False, "CONTENT_LENGTH": str(len(body)), "HTTP_HOST": "127.0.0.1",
                       "HTTP_AUTHORIZATION": f"AWS4-HMAC-SHA256 Credential=AKIAWARMUP/20240101/us-east-1/"
                                             f"{service}/aws4_request, SignedHeaders=host, Signature=0", **headers}
            b"".join(MOTO(environ, lambda *a: None))
    finally:
        settings.INITIAL_NO_AUTH_ACTION_COUNT = limit
        ActionAuthenticatorMixin.request_count = saved


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--bootstrap-iam", metavar="JSON_FILE",
                        help="create the harness IAM user/key/role through this server (see bootstrap_iam.py) "
                             "and write them to JSON_FILE before the port file is written")
    parser.add_argument("--log-file", help="append stdout and stderr to this file")
    parser.add_argument("--parent-pid", type=int,
                        help="stop when this process is gone (no orphan if the test process dies)")
    parser.add_argument("--raw-moto-errors", action="store_true",
                        help="do not JSON-encode moto's XML auth errors for JSON-protocol requests")
    args = parser.parse_args()
    global RAW_ERRORS
    RAW_ERRORS = args.raw_moto_errors
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only")

    server = Server((args.host, args.port), Handler)
    port = server.server_address[1]

    def stop(signum, frame):
        STOP.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.parent_pid:
        threading.Thread(target=watch_parent, args=(args.parent_pid, server), daemon=True).start()
    warm_up()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    if args.bootstrap_iam:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import bootstrap_iam
        creds = bootstrap_iam.bootstrap(f"http://{args.host}:{port}", "us-east-1")
        from moto import settings
        creds["auth"] = ActionAuthenticatorMixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT
        write_atomic(args.bootstrap_iam, json.dumps(creds))
    if args.port_file:
        write_atomic(args.port_file, str(port))
    print(f"automl_moto listening on http://{args.host}:{port}", flush=True)
    while serving.is_alive():
        serving.join(0.5)
    server.server_close()


def parent_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a dead parent nobody has reaped yet is a zombie, and kill(pid, 0) still succeeds on it
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def watch_parent(pid, server):
    while not STOP.wait(1.0):
        if not parent_alive(pid):
            print(f"parent process {pid} is gone; stopping", flush=True)
            STOP.set()
            server.shutdown()
            return


def write_atomic(path, text):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
