#!/usr/bin/env python3
"""Local SageMaker endpoint for the AutoMLV2 tests, demo and benchmarks.

One process: moto's own WSGI application (DomainDispatcherApplication + create_backend_app,
i.e. moto's real backends, IAM/SigV4 checks and wire format), called in-process behind a thin
HTTP/1.1 keep-alive front layer that adds test controls under /_automl/ (never forwarded) and
the one operation moto lacks, ListCandidatesForAutoMLJob:

  POST   /_automl/jobs/{name}/script  {"steps":[{"after_seconds":2|"after_describes":n, <fields>}]}
  DELETE /_automl/jobs/{name}/script
  POST   /_automl/jobs/{name}/inflate {"candidate_metrics":5000, "candidate_steps":0}
  POST   /_automl/jobs/{name}/times   {"CreationTime":t, "LastModifiedTime":t, "EndTime":t|null,
                                       "region":r?, "account":a?}
  POST   /_automl/jobs/{name}/candidates  [candidate, ...] | {"candidates":[...]} | generator spec,
                                       + "replace":bool, "best_candidate":bool, "region", "account"
  GET|DELETE /_automl/jobs/{name}/candidates  {"region", "account"} (body or query) -> per job
  POST   /_automl/candidates/expire-tokens   every NextToken issued so far is expired
  POST   /_automl/jobs/bulk           {"prefix":"bulk","count":1000,"problem_type":"Tabular",
                                       "status":"Completed"|[...], "region":"us-east-1", "account":id,
                                       "creation_start":t, "creation_step_seconds":1,
                                       "last_modified_offset_seconds":0}
  GET|POST|DELETE /_automl/faults     list / append rules (a rule or a list) / clear
  POST   /_automl/clock               {"offset_seconds":1800}
  POST   /_automl/latency             {"ms":50}  or  {"ms":100, "region":"eu-west-1"} (0 removes it)
  POST   /_automl/rate-limit          {"rps":20}        (0 = off)
  GET|POST|DELETE /_automl/sts        STS log / {"require_mfa":true, "token_code", "serial_number",
                                       "role_arn"} / clear log and requirement
  GET    /_automl/stats               POST /_automl/reset        GET /_automl/health
A time t is epoch seconds (a number) or an ISO 8601 string; naive ISO strings are UTC. "region" and
"account" choose among the jobs of that name (default: every job of that name, in any region/account);
404 when none matches.

Script steps set AutoMLJobStatus, AutoMLJobSecondaryStatus, FailureReason, PartialFailureReasons,
BestCandidate, EndTime, CreationTime, LastModifiedTime (null removes a member) on moto's own AutoMLJob
object, lazily before each request is dispatched, so DescribeAutoMLJobV2 and ListAutoMLJobs both see
them. A step without LastModifiedTime sets it to now. after_seconds counts from the POST of the
script; after_describes n applies once n DescribeAutoMLJobV2 calls for that job have been answered by
moto since the script was posted (so the n+1-th describe sees the step). Steps apply in order: a step
never applies before the steps listed ahead of it.

Fault rule: {"operation": "DescribeAutoMLJobV2"|"ListAutoMLJobs"|...|"*", "job": name?, "region": r?,
"account": id?, "kind": k, "count": N?}. "*" matches any SageMaker operation; another name matches that
operation of any service (e.g. "AssumeRole", "ListCandidatesForAutoMLJob"). "region" matches the
request's credential-scope region, "account" the account of its signing key (for a region that is
opted out or denied by a service control policy: kind error, 403 UnrecognizedClientException or
AccessDeniedException). The first matching rule with count left wins. Kinds and their options:
  throttle                 400 ThrottlingException "Rate exceeded"
  error   status code message [type]   any AWS-style JSON error (default 500 InternalFailure)
  reset   [mode rst|close]  headers + part of the real body, then RST (or FIN)
  truncate                 200 + full Content-Length, half of the real body, then close
  malformed [body]         200 with invalid JSON
  html    [status]         502 (or given) text/html proxy error page
  hang                     never answers until the client disconnects or the server stops
  latency delay_ms         sleep, then forward normally
  skew    [offset_seconds] [window_seconds]  InvalidSignatureException if X-Amz-Date is off
  body    body [status] [content_type]      raw body
Every signed request is checked against the (offset) server clock with a 5 minute window, as
AWS does; moto itself does not check X-Amz-Date (it only recomputes the signature from it). The
Date response header always carries the (offset) server time. Latency (global, or the region's own
instead) delays every SageMaker request, ListCandidatesForAutoMLJob included.

GET /_automl/stats -> {"requests": {operation: n}, "by_job": {name: n}, "by_region": {region: n},
"by_account": {id: n} (SageMaker requests), "throttled": n, "connections": TCP connections accepted,
"log": [[epoch, operation, job, status|fault kind, region, account], ...]} counts every request
received (faulted ones too; region and account of SageMaker requests, else null) since start or POST
/_automl/reset, which also clears faults, scripts, latency (global and per region), rate limit, clock
offset, the STS log and the MFA requirement (not the jobs, not their candidates).

Regions and accounts. moto keeps one backend per account and region. The region is the credential
scope's (moto reads it from Authorization when the endpoint is a loopback URL); the account is the
signing key's (moto maps every IAM-created key, and STS keys of an assumed role, to their account;
unknown keys act in 123456789012). --bootstrap-iam creates a user, key and role in two accounts
(bootstrap_iam.py: 123456789012 and 111122223333). moto also takes the account from an
x-moto-account-id header; the front layer honours it only before auth is on (the bootstrap uses it),
so once auth is on a request always acts in its key's account, as in AWS. Job ARNs carry region and
account; the same job name can exist once per account and region.

ListAutoMLJobs time filters are moto's own and match AWS: CreationTimeAfter/LastModifiedTimeAfter keep
jobs strictly later, ...Before strictly earlier (the model only says "using a filter for time"; the
SageMaker list APIs say "created after"/"before" the time); epoch numbers with fractions, exponent form
and ISO strings with offsets are compared as UTC instants (botocore sends whole seconds).

ListCandidatesForAutoMLJob (awsJson 1.1, X-Amz-Target SageMaker.ListCandidatesForAutoMLJob). moto
authenticates the request first (SigV4 + IAM: the same errors as any operation, faults, latency and
stats apply), then has no handler; the answer is list_candidates():
  - validation as the model: AutoMLJobName required, 1-32, [a-zA-Z0-9](-*[a-zA-Z0-9]){0,31};
    StatusEquals, SortOrder, SortBy case-sensitive enums; CandidateNameEquals 1-64; MaxResults 1-300;
    NextToken <= 8192 -> 400 ValidationException "N validation error(s) detected: Value 'x' at 'sortBy'
    failed to satisfy constraint: Member must satisfy enum value set: [...]" (all errors, "; "-joined).
    A member of the wrong JSON type (MaxResults "10") -> 400 SerializationException.
  - the job of the request's account and region, else 400 ResourceNotFound
    "AutoML job arn:aws:sagemaker:{region}:{account}:automl-job/{name} not found.".
  - defaults: SortBy CreationTime, SortOrder Ascending (the model: "The default is Ascending."; its
    SortBy text "The default is Descending." is a documentation slip), MaxResults 10 (the model says
    none; 10 is the SageMaker list default).
  - filters: StatusEquals equals CandidateStatus, CandidateNameEquals equals CandidateName (exactly).
  - sort: by CreationTime, CandidateStatus (string order), or FinalAutoMLJobObjectiveMetric.Value (the
    raw number, whatever the objective Type: Ascending is lowest first for Minimize and Maximize alike).
    Candidates without the sort value (no FinalAutoMLJobObjectiveMetric, or a Value that is not a finite
    number; no CreationTime/CandidateStatus) come AFTER all that have one, in both orders. Ties break
    on CreationTime, then CandidateName, then seeding order, in the direction of SortOrder, so
    Descending is exactly Ascending reversed within the valued and the value-less groups.
  - paging: NextToken is an HMAC-signed cursor (the query and the sort key of the last candidate
    returned); the next page is what sorts after it. No candidate is lost or repeated across pages,
    whatever else runs meanwhile; candidates seeded during paging show up if they sort after the
    cursor. A token that is not ours, or used with other parameters, or issued before
    /_automl/candidates/expire-tokens -> ValidationException. The server's key is new at each start.
  - candidates are returned verbatim (members and values the model does not know too); CreationTime,
    EndTime and LastModifiedTime given as ISO strings are stored as epoch seconds.
Candidates belong to moto's job object (one account, one region). Generator spec: {"count":250,
"objective":{"MetricName":"MSE","Type":"Minimize"} (default: the job's objective metric, Type from the
metric), "failed":5, "in_progress":0, "stopped":0, "ties":3, "seed":1, "prefix":job name, "start":t,
"step_seconds":60}: candidates "<prefix>-cand-0000".. created step_seconds apart, each with every
AutoMLCandidate member (steps and containers with the job's region and account); failed, in-progress
and stopped ones have no FinalAutoMLJobObjectiveMetric; tie k gives candidate 2k+1 the value of 2k
(odd k: its CreationTime too). "best_candidate": true makes the best Completed candidate (its Type;
earliest on a tie) the job's DescribeAutoMLJobV2 BestCandidate.

STS: AssumeRole and GetSessionToken (query or JSON protocol) are logged with RoleArn, RoleSessionName,
SerialNumber, TokenCode, DurationSeconds, ExternalId, the caller's AccessKeyId and the status answered:
GET /_automl/sts -> {"requests": [...], "last": {...}|null, "require_mfa": {...}|null}. moto accepts
SerialNumber/TokenCode as they are. With require_mfa, an AssumeRole that moto accepted (of role_arn, or
any role) becomes 403 AccessDenied (XML, as STS) when SerialNumber or TokenCode is missing, or when
they differ from serial_number / token_code: "MultiFactorAuthentication failed with invalid MFA one
time pass code.".

Where moto breaks the wire format the front layer repairs it (see serve()): moto's XML auth errors
for JSON-protocol requests become JSON errors with the same status and code; an unsigned request
(moto raises KeyError once IAM auth is on) gets 400 MissingAuthenticationTokenException; any other
exception inside moto becomes 500 InternalFailure instead of a dropped connection.

The forward proxy for proxy tests is tests/moto/proxy.py (a separate process).

    python3 automl_moto.py --host 127.0.0.1 --port 0 --port-file FILE [--log-file FILE]
        [--bootstrap-iam JSON_FILE] [--parent-pid PID] [--raw-moto-errors]
INITIAL_NO_AUTH_ACTION_COUNT (environment, read by moto when it is imported): moto skips SigV4/IAM
checks for that many requests, then enforces them (bootstrap_iam.ACTIONS = 12 for the two accounts).
SIGTERM/SIGINT stop the server (exit 0).
"""
import argparse
import base64
import hashlib
import hmac
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
from functools import cmp_to_key
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from httpparts import AnyMethodHandler  # noqa: E402
from parentwatch import start_watch  # noqa: E402

import moto.backends as moto_backends
from moto import settings as moto_settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin
from moto.core.responses import BaseResponse
from moto.iam.models import get_account_id_from
from moto.sagemaker.models import AutoMLJob, sagemaker_backends
from moto.server import DomainDispatcherApplication, create_backend_app

AMZ_JSON = "application/x-amz-json-1.1"
TERMINAL = {"Completed", "Failed", "Stopped"}
STEP_FIELDS = {"AutoMLJobStatus": "auto_ml_job_status",
               "AutoMLJobSecondaryStatus": "auto_ml_job_secondary_status",
               "FailureReason": "failure_reason",
               "PartialFailureReasons": "partial_failure_reasons",
               "BestCandidate": "best_candidate", "EndTime": "end_time",
               "CreationTime": "creation_time", "LastModifiedTime": "last_modified_time"}
TIME_FIELDS = ("CreationTime", "EndTime", "LastModifiedTime")
DEFAULT_REGION = "us-east-1"
CANDIDATE_STATUSES = ["Completed", "InProgress", "Failed", "Stopped", "Stopping"]
CANDIDATE_SORT_BY = ["CreationTime", "Status", "FinalObjectiveMetricValue"]
SORT_ORDERS = ["Ascending", "Descending"]
JOB_NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}"
# Metrics where lower is better (the generator's default objective Type; AutoMLJobObjectiveType otherwise).
MINIMIZED = {"MSE", "RMSE", "MAE", "MAPE", "MASE", "WAPE", "AverageWeightedQuantileLoss", "LogLoss",
             "InferenceLatency", "Perplexity", "ValidationLoss", "TrainingLoss"}
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
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo is None else parsed.astimezone(timezone.utc).replace(tzinfo=None)  # naive = UTC


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
        self.token_generation = 0   # POST /_automl/candidates/expire-tokens: NextTokens issued before are expired
        self.candidate_seq = 0      # every seeded candidate's insertion number: the last tie-breaker
        self.reset()

    def reset(self):
        with self.lock:
            self.faults, self.scripts = [], {}
            self.clock_offset = 0.0
            self.latency_ms = 0
            self.rps, self.tokens, self.refilled = 0.0, 0.0, time.monotonic()
            self.region_latency = {}   # region -> ms, replaces latency_ms for requests signed for that region
            self.requests, self.by_job, self.throttled, self.connections = Counter(), Counter(), 0, 0
            self.by_region, self.by_account = Counter(), Counter()
            self.log = deque(maxlen=20000)
            self.sts_log = deque(maxlen=1000)
            self.sts_mfa = None         # {"token_code": "123456"?, "role_arn": arn?}: AssumeRole needs MFA

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
                setattr(job, attr, to_datetime(value) if field in TIME_FIELDS else fix_times(value))
        if "EndTime" not in step and "AutoMLJobStatus" in step:
            job.end_time = utcnow() if step["AutoMLJobStatus"] in TERMINAL else None
        if "LastModifiedTime" not in step:
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

    def match_fault(self, operation, job, is_sagemaker, region=None, account=None):
        """account: a function giving the request's account (looked up only when a rule asks for it)."""
        with self.lock:
            for rule in self.faults:
                op = rule.get("operation", "*")
                if (op == "*" and not is_sagemaker) or (op != "*" and op != operation):
                    continue
                if rule.get("job") is not None and rule["job"] != job:
                    continue
                if rule.get("region") is not None and rule["region"] != region:
                    continue
                if rule.get("account") is not None and (account is None or str(rule["account"]) != account()):
                    continue
                if rule.get("count") is not None:
                    if rule["count"] <= 0:
                        continue
                    rule["count"] -= 1
                return dict(rule)
            return None


def auth_enforced():
    return ActionAuthenticatorMixin.request_count >= moto_settings.INITIAL_NO_AUTH_ACTION_COUNT


_moto_current_account = BaseResponse.get_current_account


def current_account(self):
    """moto takes the account from an x-moto-account-id header before the access key; AWS knows no such header.
    The bootstrap uses it (to create the second account's identity) while auth is still off; once auth is on,
    the account is always the one of the signing key, as in AWS."""
    if auth_enforced() and "MOTO_ACCOUNT_ID" not in os.environ:
        return get_account_id_from(self.get_access_key())
    return _moto_current_account(self)


BaseResponse.get_current_account = current_account

# moto's dispatcher lists moto's package folder (~180 stat calls) on every request to route it; the list
# never changes while we run, so compute it once (a third of moto's per-request time, nothing else changes).
_MOTO_MODULES = tuple(moto_backends.list_of_moto_modules())
moto_backends.list_of_moto_modules = lambda: _MOTO_MODULES

STATE = State()
MOTO = DomainDispatcherApplication(create_backend_app)
STOP = threading.Event()
RAW_ERRORS = False  # --raw-moto-errors: pass moto's XML auth errors through untouched
STS_LOGGED = ("AssumeRole", "GetSessionToken")


def amz_date(text):
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def fmt(d):
    return d.strftime("%Y%m%dT%H%M%SZ")


class Handler(AnyMethodHandler, BaseHTTPRequestHandler):
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

    # -- plumbing ------------------------------------------------------------------------
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
        scope = auth.split("Credential=")[1].split(",")[0].split("/") if "Credential=" in auth else []
        self.region = scope[2] if len(scope) > 2 else DEFAULT_REGION   # as moto: the credential scope's region
        self.access_key = scope[0] if scope else None
        self._account = None
        self.job = None
        if is_sm and body[:1] == b"{":
            try:
                self.job = json.loads(body).get("AutoMLJobName")
            except (ValueError, AttributeError):
                pass
        sts_entry = self.sts_request(body, target) if self.operation in STS_LOGGED else None
        # Counted before it is answered, so that a client that has its answer always finds its
        # request in /_automl/stats (and a hanging request shows up at once); the status is
        # filled in when the answer has gone.
        account = self.account() if is_sm else None
        entry = [round(time.time(), 3), self.operation or f"{self.command} {urlsplit(self.path).path}", self.job, None,
                 self.region if is_sm else None, account]
        with STATE.lock:
            STATE.requests[entry[1]] += 1
            if self.job:
                STATE.by_job[self.job] += 1
            if is_sm:
                STATE.by_region[self.region] += 1
                STATE.by_account[account] += 1
            STATE.log.append(entry)
            if sts_entry is not None:
                STATE.sts_log.append(sts_entry)
        entry[3] = self.serve(body, is_sm)
        if sts_entry is not None:
            sts_entry["status"] = entry[3]

    def account(self):
        """The account a request acts in, as moto decides it (see current_account): the signing key's account."""
        if self._account is None:
            if "MOTO_ACCOUNT_ID" in os.environ:
                self._account = os.environ["MOTO_ACCOUNT_ID"]
            elif not auth_enforced() and self.headers.get("x-moto-account-id"):
                self._account = self.headers["x-moto-account-id"]
            else:
                self._account = get_account_id_from(self.access_key) if self.access_key else DEFAULT_ACCOUNT_ID
        return self._account

    def sts_request(self, body, target):
        """The STS members a test may want to see (MFA serial and code typed at a prompt), query or JSON protocol."""
        params = {}
        try:
            if target:
                params = json.loads(body or b"{}")
            else:
                params = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
                params.update({k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items() if k not in params})
        except (ValueError, UnicodeDecodeError, AttributeError):
            pass
        entry = {"time": round(time.time(), 3), "operation": self.operation, "AccessKeyId": self.access_key}
        for key in ("RoleArn", "RoleSessionName", "SerialNumber", "TokenCode", "DurationSeconds", "ExternalId"):
            if key in params:
                entry[key] = params[key]
        entry["status"] = None
        return entry

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
        rule = STATE.match_fault(self.operation, self.job, is_sm, self.region, self.account)
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
        latency_ms = STATE.region_latency.get(self.region, STATE.latency_ms) if is_sm else 0
        if latency_ms:
            time.sleep(latency_ms / 1000.0)
        try:
            if is_sm and self.operation == "ListCandidatesForAutoMLJob":
                status, headers, data = self.list_candidates(body)
            else:
                status, headers, data = self.call_moto(body, count_describe=kind not in ("reset", "truncate"))
                if self.operation == "AssumeRole" and status == 200 and STATE.sts_mfa is not None:
                    status, headers, data = self.check_mfa(body, status, headers, data)
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

    def list_candidates(self, body):
        """ListCandidatesForAutoMLJob (moto has none): moto still authenticates the request (SigV4 + IAM, the
        same errors as for any other operation); it then raises NotImplementedError, and the answer is ours."""
        try:
            return self.call_moto(body, count_describe=False)  # an auth failure: moto's own answer
        except NotImplementedError:
            pass
        status, payload = list_candidates(body, self.region, self.account())
        return status, [("Content-Type", AMZ_JSON)] + (
            [("x-amzn-ErrorType", payload["__type"])] if status >= 400 else []), json.dumps(payload).encode()

    def check_mfa(self, body, status, headers, data):
        """POST /_automl/sts {"require_mfa": true, ...}: AssumeRole (after moto accepted its signature) fails
        like STS does for a role whose trust policy needs MFA when SerialNumber/TokenCode are missing or wrong."""
        rule = STATE.sts_mfa
        params = self.sts_request(body, self.headers.get("X-Amz-Target", ""))
        if rule.get("role_arn") and rule["role_arn"] != params.get("RoleArn"):
            return status, headers, data
        if not params.get("SerialNumber") or not params.get("TokenCode"):
            message = (f"User: arn:aws:iam::{self.account()}:user/* is not authorized to perform: sts:AssumeRole "
                       f"on resource: {params.get('RoleArn')}")
        elif (rule.get("token_code") is not None and str(rule["token_code"]) != params["TokenCode"]) or \
                (rule.get("serial_number") is not None and rule["serial_number"] != params["SerialNumber"]):
            message = "MultiFactorAuthentication failed with invalid MFA one time pass code."
        else:
            return status, headers, data
        if self.headers.get("X-Amz-Target"):
            data, headers = error_parts("AccessDenied", message)
        else:
            data = (f'<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
                    f'<Code>AccessDenied</Code><Message>{html.escape(message)}</Message></Error>'
                    f'<RequestId>{uuid.uuid4()}</RequestId></ErrorResponse>').encode()
            headers = [("Content-Type", "text/xml")]
        return 403, headers, data

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
                                            "by_region": dict(STATE.by_region), "by_account": dict(STATE.by_account),
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
            with STATE.lock:
                if args.get("region"):
                    if float(args.get("ms") or 0) > 0:
                        STATE.region_latency[args["region"]] = float(args["ms"])
                    else:
                        STATE.region_latency.pop(args["region"], None)
                else:
                    STATE.latency_ms = float(args.get("ms", 0))
                return self.send_json(200, {"ms": STATE.latency_ms, "regions": dict(STATE.region_latency)})
        if route == "sts":
            with STATE.lock:
                if method == "DELETE":
                    STATE.sts_log.clear()
                    STATE.sts_mfa = None
                elif method == "POST":
                    STATE.sts_mfa = ({k: args.get(k) for k in ("token_code", "serial_number", "role_arn")}
                                     if args.get("require_mfa") else None)
                log = list(STATE.sts_log)
                return self.send_json(200, {"requests": log, "last": log[-1] if log else None,
                                            "require_mfa": STATE.sts_mfa})
        if route == "candidates/expire-tokens" and method == "POST":
            with STATE.lock:
                STATE.token_generation += 1
            return self.send_json(200, {"generation": STATE.token_generation})
        if route == "rate-limit" and method == "POST":
            with STATE.lock:
                STATE.rps = float(args.get("rps", 0))
                STATE.tokens, STATE.refilled = STATE.rps, time.monotonic()
            return self.send_json(200, {"rps": STATE.rps})
        if route == "jobs/bulk" and method == "POST":
            return self.send_json(200, bulk_create(args))
        if len(parts) == 3 and parts[0] == "jobs" and parts[2] == "script":
            with STATE.lock:
                if method == "DELETE":
                    STATE.scripts.pop(parts[1], None)
                else:
                    STATE.scripts[parts[1]] = {"t0": time.monotonic(), "steps": list(args.get("steps", [])),
                                               "applied": 0, "describes": 0}
            STATE.apply_scripts()
            return self.send_json(200, {"job": parts[1], "steps": len(args.get("steps", []))})
        if len(parts) == 3 and parts[0] == "jobs" and parts[2] in ("candidates", "times"):
            if isinstance(args, dict):
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                args = dict(query, **args)
            where = args if isinstance(args, dict) else {}
            jobs = select_jobs(parts[1], where.get("region"), where.get("account"))
            if not jobs:
                return self.send_json(404, {"error": f"no AutoML job named {parts[1]}"
                                                     f"{' in ' + where['region'] if where.get('region') else ''}"
                                                     f"{' of account ' + str(where['account']) if where.get('account') else ''}"})
            if parts[2] == "times":
                if method != "POST":
                    return self.send_json(405, {"error": "POST only"})
                with STATE.lock:
                    for job in jobs:
                        for field, attr in (("CreationTime", "creation_time"), ("LastModifiedTime", "last_modified_time"),
                                            ("EndTime", "end_time")):
                            if field in args:
                                setattr(job, attr, to_datetime(args[field]))
                return self.send_json(200, {"jobs": [job_times(job) for job in jobs]})
            return self.send_json(200, {"jobs": seed_candidates(jobs, method, args)})
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
    account, region = str(args.get("account") or DEFAULT_ACCOUNT_ID), args.get("region") or DEFAULT_REGION
    backend = sagemaker_backends[account][region]
    step = float(args.get("creation_step_seconds", 1))
    base = to_datetime(args["creation_start"]) if args.get("creation_start") is not None else \
        utcnow() - timedelta(seconds=count * step + 60)
    modified_after = float(args.get("last_modified_offset_seconds", 0))
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
        created = base + timedelta(seconds=i * step)
        status = statuses[i % len(statuses)]
        job.creation_time = created
        job.last_modified_time = created + timedelta(seconds=modified_after)
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
    return {"created": len(names), "region": region, "account": account}


def select_jobs(name, region=None, account=None):
    return [job for job in all_jobs(name)
            if (not region or job.region_name == region) and (not account or job.account_id == str(account))]


def epoch(d):
    return None if d is None else round(d.replace(tzinfo=timezone.utc).timestamp(), 6)


def job_times(job):
    return {"arn": job.arn, "CreationTime": epoch(job.creation_time),
            "LastModifiedTime": epoch(job.last_modified_time), "EndTime": epoch(job.end_time)}


# -- ListCandidatesForAutoMLJob -------------------------------------------------------------------------
# Candidates live on moto's AutoMLJob object (attribute automl_candidates: [(seq, candidate dict)]), so they
# belong to one account and region, and go when the job is replaced (bulk create of the same name).

def candidate_time(value):
    """A candidate's timestamp as epoch seconds (numbers, ISO strings, datetimes); anything else verbatim."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return value
    try:
        return epoch(to_datetime(value))
    except (TypeError, ValueError):
        return value


def store_candidate(candidate):
    candidate = json.loads(json.dumps(candidate, default=str))  # a private copy, members kept verbatim
    for field in TIME_FIELDS:
        if field in candidate:
            candidate[field] = candidate_time(candidate[field])
    return candidate


def metric_value(candidate):
    metric = candidate.get("FinalAutoMLJobObjectiveMetric")
    value = metric.get("Value") if isinstance(metric, dict) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        return None
    return float(value)


def sort_key(candidate, seq, sort_by):
    """[missing, primary, tie]: missing (1) sorts after present (0) in both orders; tie = CreationTime, name, seq."""
    created = candidate.get("CreationTime")
    created = float(created) if isinstance(created, (int, float)) and not isinstance(created, bool) else None
    if sort_by == "FinalObjectiveMetricValue":
        primary = metric_value(candidate)
    elif sort_by == "Status":
        primary = candidate.get("CandidateStatus")
        primary = primary if isinstance(primary, str) else None
    else:
        primary = created
    tie = [0 if created is not None else 1, created if created is not None else 0.0,
           str(candidate.get("CandidateName", "")), seq]
    return [0 if primary is not None else 1, primary if primary is not None else 0, tie]


def compare_keys(a, b, descending):
    if a[0] != b[0]:
        return -1 if a[0] < b[0] else 1  # candidates without the sort value come last, in either order
    c = ((a[1] > b[1]) - (a[1] < b[1])) if a[0] == 0 else 0
    if c == 0:
        c = (a[2] > b[2]) - (a[2] < b[2])
    return -c if descending else c


TOKEN_SECRET = os.urandom(16)


def make_token(payload):
    raw = json.dumps(payload, separators=(",", ":")).encode()
    mac = hmac.new(TOKEN_SECRET, raw, hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(mac + raw).decode().rstrip("=")


def read_token(token):
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        mac, raw = blob[:12], blob[12:]
        if not hmac.compare_digest(mac, hmac.new(TOKEN_SECRET, raw, hashlib.sha256).digest()[:12]):
            return None
        return json.loads(raw)
    except (ValueError, TypeError):
        return None


def shown(value):
    return "null" if value is None else "'" + str(value) + "'"


def validate_candidates_request(req):
    """AWS-style ValidationException text (None when valid), or raises TypeError for a wrongly typed member."""
    errors = []

    def fail(value, member, constraint):
        errors.append(f"Value {shown(value)} at '{member}' failed to satisfy constraint: Member must {constraint}")

    for member, key, kind in (("autoMLJobName", "AutoMLJobName", str), ("statusEquals", "StatusEquals", str),
                              ("candidateNameEquals", "CandidateNameEquals", str), ("sortOrder", "SortOrder", str),
                              ("sortBy", "SortBy", str), ("maxResults", "MaxResults", int), ("nextToken", "NextToken", str)):
        value = req.get(key)
        if value is None:
            continue
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
                raise TypeError(f"NUMBER_VALUE cannot be converted to Integer: {key}")
        elif not isinstance(value, str):
            raise TypeError(f"Unexpected value type for {key}")
    name = req.get("AutoMLJobName")
    if name is None:
        fail(None, "autoMLJobName", "not be null")
    else:
        if len(name) > 32:
            fail(name, "autoMLJobName", "have length less than or equal to 32")
        if len(name) < 1:
            fail(name, "autoMLJobName", "have length greater than or equal to 1")
        if not re.fullmatch(JOB_NAME_PATTERN, name):
            fail(name, "autoMLJobName", f"satisfy regular expression pattern: {JOB_NAME_PATTERN}")
    for member, key, allowed in (("statusEquals", "StatusEquals", CANDIDATE_STATUSES),
                                 ("sortOrder", "SortOrder", SORT_ORDERS), ("sortBy", "SortBy", CANDIDATE_SORT_BY)):
        if req.get(key) is not None and req[key] not in allowed:
            fail(req[key], member, f"satisfy enum value set: [{', '.join(allowed)}]")
    candidate = req.get("CandidateNameEquals")
    if candidate is not None:
        if len(candidate) < 1:
            fail(candidate, "candidateNameEquals", "have length greater than or equal to 1")
        if len(candidate) > 64:
            fail(candidate, "candidateNameEquals", "have length less than or equal to 64")
    size = req.get("MaxResults")
    if size is not None:
        if size < 1:
            fail(int(size), "maxResults", "have value greater than or equal to 1")
        if size > 300:
            fail(int(size), "maxResults", "have value less than or equal to 300")
    token = req.get("NextToken")
    if token is not None and len(token) > 8192:
        fail(token, "nextToken", "have length less than or equal to 8192")
    if not errors:
        return None
    return (f"{len(errors)} validation error{'s' if len(errors) > 1 else ''} detected: " + "; ".join(errors))


def list_candidates(body, region, account):
    """(status, JSON payload) of ListCandidatesForAutoMLJob for the job of that account and region."""
    def error(code, message):
        return 400, {"__type": code, "message": message}

    try:
        req = json.loads(body or b"{}")
        if not isinstance(req, dict):
            raise TypeError("Start of list found where not expected")
        message = validate_candidates_request(req)
    except (ValueError, TypeError) as e:
        return error("SerializationException", str(e) if isinstance(e, TypeError) else "Invalid JSON in request body")
    if message:
        return error("ValidationException", message)
    name = req["AutoMLJobName"]
    job = sagemaker_backends[account][region].auto_ml_jobs.get(name)
    if job is None:
        arn = f"arn:aws:sagemaker:{region}:{account}:automl-job/{name.lower()}"
        return error("ResourceNotFound", f"AutoML job {arn} not found.")
    status, candidate_name = req.get("StatusEquals"), req.get("CandidateNameEquals")
    sort_by, order = req.get("SortBy") or "CreationTime", req.get("SortOrder") or "Ascending"
    size = int(req.get("MaxResults") or 10)
    query = hashlib.sha256(json.dumps([job.arn, status, candidate_name, sort_by, order]).encode()).hexdigest()[:16]
    with STATE.lock:
        stored = list(getattr(job, "automl_candidates", []))
        generation = STATE.token_generation
    cursor = None
    if req.get("NextToken"):
        token = read_token(req["NextToken"])
        if token is None or token.get("q") != query:
            return error("ValidationException", "Invalid pagination token: the NextToken is not valid for this request.")
        if token.get("g") != generation:
            return error("ValidationException", "Invalid pagination token: the NextToken has expired.")
        cursor = token["k"]
    descending = order == "Descending"
    keyed = [(sort_key(c, seq, sort_by), c) for seq, c in stored
             if (status is None or c.get("CandidateStatus") == status)
             and (candidate_name is None or c.get("CandidateName") == candidate_name)]
    keyed.sort(key=cmp_to_key(lambda a, b: compare_keys(a[0], b[0], descending)))
    if cursor is not None:  # keyset paging: what sorts after the last one returned (stable under concurrent seeding)
        keyed = [kc for kc in keyed if compare_keys(kc[0], cursor, descending) > 0]
    page = keyed[:size]
    payload = {"Candidates": [json.loads(json.dumps(c)) for _, c in page]}
    if len(keyed) > size:
        payload["NextToken"] = make_token({"q": query, "g": generation, "k": page[-1][0]})
    return 200, payload


def seed_candidates(jobs, method, args):
    """POST/DELETE/GET /_automl/jobs/{name}/candidates on every selected job."""
    out = []
    with STATE.lock:
        for job in jobs:
            current = list(getattr(job, "automl_candidates", []))
            added = []
            if method == "DELETE":
                current = []
            elif method == "POST":
                if isinstance(args, list):
                    explicit = args
                elif "candidates" in args:
                    explicit = args["candidates"]
                else:
                    explicit = generate_candidates(job, args.get("generate", args))
                if isinstance(args, dict) and args.get("replace"):
                    current = []
                for candidate in explicit:
                    STATE.candidate_seq += 1
                    added.append((STATE.candidate_seq, store_candidate(candidate)))
                current += added
                if isinstance(args, dict) and args.get("best_candidate"):
                    best = best_of([c for _, c in current])
                    if best is not None:
                        job.best_candidate = fix_times(json.loads(json.dumps(best)))
            job.automl_candidates = current
            out.append({"arn": job.arn, "added": len(added), "total": len(current),
                        "names": [c.get("CandidateName") for _, c in added][:1000]})
    return out


def best_of(candidates):
    """The Completed candidate with the best objective value (its Type; Maximize if none); ties: earliest."""
    scored = [c for c in candidates if metric_value(c) is not None and c.get("CandidateStatus") == "Completed"] or \
        [c for c in candidates if metric_value(c) is not None]
    if not scored:
        return None
    sign = -1 if (scored[0].get("FinalAutoMLJobObjectiveMetric") or {}).get("Type") == "Minimize" else 1
    return max(scored, key=lambda c: (sign * metric_value(c), -(c.get("CreationTime") or 0)))


def generate_candidates(job, spec):
    """{"count": 250, "objective": {"MetricName": "MSE", "Type": "Minimize"}, "failed": 5, "in_progress": 0,
    "stopped": 0, "ties": 3, "seed": 1, "prefix": job name, "start": epoch, "step_seconds": 60}"""
    rng = random.Random(spec.get("seed", 1))
    count = int(spec.get("count", 10))
    objective = dict(spec.get("objective") or {})
    if not objective.get("MetricName"):
        objective["MetricName"] = ((job.auto_ml_job_objective or {}).get("MetricName") or "Accuracy")
    objective.setdefault("Type", "Minimize" if objective["MetricName"] in MINIMIZED else "Maximize")
    metric, minimize = objective["MetricName"], objective["Type"] == "Minimize"
    step = float(spec.get("step_seconds", 60))
    start = candidate_time(spec["start"]) if spec.get("start") is not None else \
        epoch(utcnow()) - count * step - 3600
    prefix = spec.get("prefix") or job.auto_ml_job_name
    statuses = ["Completed"] * count
    slots = rng.sample(range(count), min(count, int(spec.get("failed", 0)) + int(spec.get("in_progress", 0))
                                         + int(spec.get("stopped", 0))))
    for i, slot in enumerate(slots):
        statuses[slot] = "Failed" if i < int(spec.get("failed", 0)) else \
            "InProgress" if i < int(spec.get("failed", 0)) + int(spec.get("in_progress", 0)) else "Stopped"
    arn = job.arn.split(":automl-job/")[0]  # arn:aws:sagemaker:{region}:{account}
    bucket = (job.output_data_config or {}).get("S3OutputPath", f"s3://automl/{job.auto_ml_job_name}/output/").rstrip("/")
    out = []
    for i in range(count):
        created = round(start + i * step, 3)
        status = statuses[i]
        name = f"{prefix}-cand-{i:04d}"[:64]
        value = round(rng.uniform(0.05, 5.0) if minimize else rng.uniform(0.5, 0.99), 6)
        steps = [{"CandidateStepType": t, "CandidateStepArn": f"{arn}:{kind}/{name.lower()}-{kind}",
                  "CandidateStepName": f"{name.lower()}-{kind}"}
                 for t, kind in (("AWS::SageMaker::ProcessingJob", "processing-job"),
                                 ("AWS::SageMaker::TrainingJob", "training-job"),
                                 ("AWS::SageMaker::TransformJob", "transform-job"))]
        container = {"Image": f"683313688378.dkr.ecr.{job.region_name}.amazonaws.com/sagemaker-xgboost:1.7-1",
                     "ModelDataUrl": f"{bucket}/{name}/model.tar.gz",
                     "Environment": {"AUTOML_TRANSFORM_MODE": "feature-transform", "SAGEMAKER_PROGRAM": "sagemaker_serve"}}
        candidate = {"CandidateName": name, "ObjectiveStatus": "Succeeded", "CandidateSteps": steps,
                     "CandidateStatus": status, "InferenceContainers": [container], "CreationTime": created,
                     "LastModifiedTime": round(created + 1800, 3),
                     "CandidateProperties": {
                         "CandidateArtifactLocations": {"Explainability": f"{bucket}/{name}/explainability/",
                                                        "ModelInsights": f"{bucket}/{name}/model-insights/"},
                         "CandidateMetrics": [{"MetricName": metric, "Value": value, "Set": "Validation",
                                               "StandardMetricName": metric}]},
                     "InferenceContainerDefinitions": {"CPU": [container]}}
        if status in TERMINAL:
            candidate["EndTime"] = round(created + 1800, 3)
        if status == "Completed":
            candidate["FinalAutoMLJobObjectiveMetric"] = dict(objective, Value=value, StandardMetricName=metric)
        else:  # failed, stopped and running candidates have no final objective value
            candidate["ObjectiveStatus"] = "Failed" if status == "Failed" else "Pending"
            candidate["CandidateProperties"]["CandidateMetrics"] = []
            if status == "Failed":
                candidate["FailureReason"] = "AlgorithmError: generated failure"
        out.append(candidate)
    scored = [c for c in out if "FinalAutoMLJobObjectiveMetric" in c]
    for t in range(min(int(spec.get("ties", 0)), len(scored) // 2)):
        # tie t: candidate 2t+1 gets the value of 2t (every second tie also its CreationTime: the name decides)
        src, dst = scored[2 * t], scored[2 * t + 1]
        dst["FinalAutoMLJobObjectiveMetric"]["Value"] = src["FinalAutoMLJobObjectiveMetric"]["Value"]
        if t % 2 == 1:
            dst["CreationTime"] = src["CreationTime"]
    return out


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
        start_watch(args.parent_pid, server, STOP)
    warm_up()
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    serving.start()
    if args.bootstrap_iam:
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


def write_atomic(path, text):
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
