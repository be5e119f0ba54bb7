#!/usr/bin/env python3
"""Hand-run self-check of tests/moto/automl_moto.py with boto3 and the AWS CLI.

    python3 tests/moto/selfcheck.py [--bench-seconds 3]

Starts the server (IAM auth on after the bootstrap), creates jobs, scripts one through
InProgress -> Completed, injects every fault kind and checks what the clients see, then measures
start-to-ready time and sequential keep-alive describes/s. Ends with 'N passed, N failed'.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from datetime import datetime, timezone

import boto3
import botocore.exceptions
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bootstrap_iam  # noqa: E402
import create_jobs  # noqa: E402

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'}  {name}{'  -- ' + str(detail) if detail else ''}", flush=True)


def control(base, method, route, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{base}/_automl/{route}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


def error_of(fn):
    try:
        fn()
        return None
    except botocore.exceptions.ClientError as e:
        return e
    except Exception as e:  # transport errors
        return e


def code_of(e):
    return e.response["Error"]["Code"] if isinstance(e, botocore.exceptions.ClientError) else type(e).__name__


def raw_describe(base, job):
    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("POST", "/", json.dumps({"AutoMLJobName": job}), {
            "X-Amz-Target": "SageMaker.DescribeAutoMLJobV2", "Content-Type": "application/x-amz-json-1.1"})
        resp = conn.getresponse()
        body = resp.read()
        if resp.getheader("Content-Type", "").startswith("text/html"):
            return f"{resp.status} text/html"
        json.loads(body)
        return f"{resp.status} valid JSON"
    except ValueError as e:
        return f"{resp.status} {type(e).__name__}"
    except Exception as e:
        return type(e).__name__
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench-seconds", type=float, default=3.0)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="automl-selfcheck-")
    port_file, cred_file, log = (os.path.join(work, n) for n in ("port", "iam.json", "server.log"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env["INITIAL_NO_AUTH_ACTION_COUNT"] = str(bootstrap_iam.ACTIONS)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "automl_moto.py"), "--port", "0", "--port-file",
                             port_file, "--bootstrap-iam", cred_file, "--log-file", log], env=env)
    while not os.path.exists(port_file):
        if proc.poll() is not None or time.perf_counter() - t0 > 30:
            print(open(log).read())
            raise SystemExit("server did not start")
        time.sleep(0.01)
    ready = time.perf_counter() - t0
    base = f"http://127.0.0.1:{open(port_file).read()}"
    creds = json.load(open(cred_file))
    check("server ready with IAM auth on after bootstrap", creds["auth"], f"{ready * 1000:.0f} ms start-to-ready")
    try:
        run_checks(base, creds, env, args)
        check("stats endpoint", control(base, "GET", "stats")["requests"])
    finally:
        t = time.perf_counter()
        proc.terminate()
        try:
            code = proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = "killed"
        check("SIGTERM stops the server cleanly", code == 0, f"exit {code} in {(time.perf_counter() - t) * 1000:.0f} ms")
    if all(RESULTS):
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"server log kept: {log}")
    print(f"{sum(RESULTS)} passed, {len(RESULTS) - sum(RESULTS)} failed")
    sys.exit(0 if all(RESULTS) else 1)


def run_checks(base, creds, env, args):
    def client(service="sagemaker", attempts=3, secret=None, read_timeout=10, region="us-east-1", config_extra=None, **kw):
        return boto3.session.Session().client(
            service, endpoint_url=base, region_name=region, aws_access_key_id=kw.pop("key", creds["AccessKey"]),
            aws_secret_access_key=secret or creds["SecretKey"], **kw,
            config=Config(retries={"total_max_attempts": attempts, "mode": "standard"}, read_timeout=read_timeout,
                          connect_timeout=5, **(config_extra or {})))

    cli_env = dict(env, AWS_ACCESS_KEY_ID=creds["AccessKey"], AWS_SECRET_ACCESS_KEY=creds["SecretKey"],
                   AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true")
    cli_env.pop("INITIAL_NO_AUTH_ACTION_COUNT")

    def cli(*argv, **extra):
        p = subprocess.run(["aws", "--endpoint-url", base, "--output", "json", *argv], env=dict(cli_env, **extra),
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr

    sm = client()
    # -- jobs ------------------------------------------------------------------------------
    p = subprocess.run([sys.executable, os.path.join(HERE, "create_jobs.py"), "--endpoint", base, "--prefix", "sc",
                        "--report"], env=cli_env, capture_output=True, text=True)
    created = json.loads(p.stdout) if p.returncode == 0 else []
    check("create_jobs.py creates one job per problem type", len(created) == 5, p.stderr.strip()[:2000])
    job = "sc-tabular"

    # -- script ----------------------------------------------------------------------------
    control(base, "POST", f"jobs/{job}/script", {"steps": [
        {"after_seconds": 0, "AutoMLJobStatus": "InProgress", "AutoMLJobSecondaryStatus": "TrainingModels"},
        {"after_seconds": 1.0, "AutoMLJobStatus": "Completed", "AutoMLJobSecondaryStatus": "Completed",
         "BestCandidate": {"CandidateName": "sc-best", "ObjectiveStatus": "Succeeded", "CandidateStatus": "Completed",
                           "CandidateSteps": [], "CreationTime": 1700000000, "LastModifiedTime": 1700000100,
                           "FinalAutoMLJobObjectiveMetric": {"MetricName": "F1", "Value": 0.93}}}]})
    d = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("script: InProgress/TrainingModels without EndTime", (d["AutoMLJobStatus"], d["AutoMLJobSecondaryStatus"],
          "EndTime" in d) == ("InProgress", "TrainingModels", False))
    seen, deadline = [], time.time() + 5
    while time.time() < deadline:
        d = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
        seen.append(d["AutoMLJobStatus"])
        if d["AutoMLJobStatus"] == "Completed":
            break
        time.sleep(0.2)
    summary = [s for s in sm.list_auto_ml_jobs(NameContains=job)["AutoMLJobSummaries"] if s["AutoMLJobName"] == job]
    check("script: Completed with BestCandidate + EndTime; ListAutoMLJobs agrees",
          d["AutoMLJobStatus"] == "Completed" and d["BestCandidate"]["CandidateName"] == "sc-best" and "EndTime" in d
          and summary and summary[0]["AutoMLJobStatus"] == "Completed", f"{seen[0]}..{seen[-1]} in {len(seen)} polls")
    control(base, "POST", "jobs/sc-textgeneration/script", {"steps": [
        {"after_describes": 2, "AutoMLJobStatus": "Failed", "AutoMLJobSecondaryStatus": "Failed",
         "FailureReason": "ClientError: boom"}]})
    states = [sm.describe_auto_ml_job_v2(AutoMLJobName="sc-textgeneration")["AutoMLJobStatus"] for _ in range(3)]
    check("script: after_describes 2 shows on the 3rd describe", states[:2] != ["Failed"] * 2 and states[2] == "Failed",
          states)

    def fault(rule):
        control(base, "DELETE", "faults")
        control(base, "POST", "faults", [rule])

    def describe_counts():
        return control(base, "GET", "stats")["by_job"].get(job, 0)

    # -- throttle / errors + retries --------------------------------------------------------
    fault({"operation": "DescribeAutoMLJobV2", "job": job, "kind": "throttle", "count": 2})
    r = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("throttle x2 then success (boto3 standard retries)", r["ResponseMetadata"]["RetryAttempts"] == 2)
    fault({"operation": "DescribeAutoMLJobV2", "kind": "throttle", "count": 1})
    e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
    check("throttle without retries: ThrottlingException 400 + x-amzn-ErrorType", code_of(e) == "ThrottlingException"
          and e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
          and e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amzn-errortype") == "ThrottlingException")
    fault({"operation": "DescribeAutoMLJobV2", "kind": "throttle", "count": 2})
    rc, out, err = cli("sagemaker", "describe-auto-ml-job-v2", "--auto-ml-job-name", job)
    check("AWS CLI: throttle x2 then success", rc == 0 and json.loads(out)["AutoMLJobName"] == job, err[-300:])
    fault({"operation": "*", "kind": "error", "status": 500, "code": "InternalFailure", "message": "oops", "count": 2})
    r = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("500 InternalFailure x2 then success (boto3)", r["ResponseMetadata"]["RetryAttempts"] == 2)
    fault({"operation": "*", "kind": "error", "status": 500, "code": "InternalFailure", "count": 2})
    rc, out, err = cli("sagemaker", "describe-auto-ml-job-v2", "--auto-ml-job-name", job)
    check("AWS CLI: 500 x2 then success", rc == 0, err[-300:])
    fault({"operation": "*", "kind": "error", "status": 503, "code": "ServiceUnavailable", "count": 5})
    e = error_of(lambda: client(attempts=2).describe_auto_ml_job_v2(AutoMLJobName=job))
    check("503 ServiceUnavailable surfaces after retries run out", code_of(e) == "ServiceUnavailable", code_of(e))
    for status, code in ((403, "ExpiredTokenException"), (403, "AccessDeniedException"),
                         (403, "UnrecognizedClientException")):
        fault({"operation": "*", "kind": "error", "status": status, "code": code, "message": "no", "count": 1})
        e = error_of(lambda: sm.describe_auto_ml_job_v2(AutoMLJobName=job))
        check(f"error {status} {code}", code_of(e) == code and e.response["ResponseMetadata"]["HTTPStatusCode"] == status)

    # -- broken transports ------------------------------------------------------------------
    for kind in ("reset", "truncate"):
        fault({"operation": "DescribeAutoMLJobV2", "kind": kind, "count": 1})
        e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
        check(f"{kind}: client sees a transport error", e is not None and not isinstance(e, botocore.exceptions.ClientError),
              f"{type(e).__name__}: {str(e)[:120]}")
        fault({"operation": "DescribeAutoMLJobV2", "kind": kind, "count": 1})
        r = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
        check(f"{kind} once then success (boto3 retries)", r["ResponseMetadata"]["RetryAttempts"] == 1)
    fault({"operation": "DescribeAutoMLJobV2", "kind": "reset", "count": 1})
    rc, out, err = cli("sagemaker", "describe-auto-ml-job-v2", "--auto-ml-job-name", job)
    check("AWS CLI: reset once then success", rc == 0, err[-300:])
    fault({"operation": "DescribeAutoMLJobV2", "kind": "malformed", "count": 1})
    r = client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job)
    check("malformed: botocore swallows the invalid JSON (no members parsed)", "AutoMLJobName" not in r)
    fault({"operation": "DescribeAutoMLJobV2", "kind": "html", "count": 1})
    e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
    check("html: 502 text/html proxy page", isinstance(e, botocore.exceptions.ClientError)
          and e.response["ResponseMetadata"]["HTTPStatusCode"] == 502, f"{code_of(e)}")
    fault({"operation": "DescribeAutoMLJobV2", "kind": "html", "count": 1})
    r = sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("html 502 once then success (boto3 retries 502)", r["ResponseMetadata"]["RetryAttempts"] == 1)
    # the raw wire, seen by http.client (what any HTTP stack sees)
    for kind, extra, expect in (("reset", {}, "ConnectionResetError"), ("reset", {"mode": "close"}, "IncompleteRead"),
                                ("truncate", {}, "IncompleteRead"), ("malformed", {}, "200 JSONDecodeError"),
                                ("html", {"status": 200}, "200 text/html")):
        fault(dict({"operation": "DescribeAutoMLJobV2", "kind": kind, "count": 1}, **extra))
        got = raw_describe(base, job)
        check(f"raw wire: {kind} {extra or ''} -> {expect}", got == expect, got)
    fault({"operation": "DescribeAutoMLJobV2", "kind": "body", "count": 1,
           "body": json.dumps({"AutoMLJobName": "fake", "AutoMLJobStatus": "Weird"})})
    r = client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job)
    check("body: raw 200 body is delivered", r.get("AutoMLJobStatus") == "Weird")
    fault({"operation": "DescribeAutoMLJobV2", "kind": "latency", "delay_ms": 400, "count": 1})
    t = time.perf_counter()
    sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("latency rule delays one request", time.perf_counter() - t >= 0.4, f"{(time.perf_counter() - t) * 1000:.0f} ms")

    # hang: the hung request must not block others, and is released when the client gives up
    fault({"operation": "DescribeAutoMLJobV2", "job": "sc-imageclassification", "kind": "hang", "count": 1})
    hung = {}

    def hang_call():
        t = time.perf_counter()
        hung["e"] = error_of(lambda: client(attempts=1, read_timeout=2).describe_auto_ml_job_v2(
            AutoMLJobName="sc-imageclassification"))
        hung["s"] = time.perf_counter() - t

    th = threading.Thread(target=hang_call)
    th.start()
    time.sleep(0.2)
    t = time.perf_counter()
    for _ in range(20):
        sm.describe_auto_ml_job_v2(AutoMLJobName=job)
    others = time.perf_counter() - t
    th.join()
    check("hang: other requests are served meanwhile; client times out", others < 1.5 and hung["s"] >= 1.9
          and "Timeout" in type(hung["e"]).__name__, f"20 describes in {others * 1000:.0f} ms; "
          f"hung call {type(hung['e']).__name__} after {hung['s']:.1f} s")
    control(base, "DELETE", "faults")

    # -- clock skew -------------------------------------------------------------------------
    control(base, "POST", "clock", {"offset_seconds": 1800})
    e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
    date = e.response["ResponseMetadata"]["HTTPHeaders"].get("date", "") if hasattr(e, "response") else ""
    check("clock +30 min: InvalidSignatureException 'Signature expired' + skewed Date header",
          code_of(e) == "InvalidSignatureException" and "Signature expired" in str(e)
          and abs(time.mktime(time.strptime(date, "%a, %d %b %Y %H:%M:%S GMT")) - time.mktime(time.gmtime()) - 1800) < 10,
          f"{str(e)[-110:]} | Date: {date}")
    rc, out, err = cli("sagemaker", "describe-auto-ml-job-v2", "--auto-ml-job-name", job)
    check("AWS CLI: clock skew rejected", rc != 0 and "InvalidSignatureException" in err, err.strip()[-160:])
    control(base, "POST", "clock", {"offset_seconds": -1800})
    e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
    check("clock -30 min: 'Signature not yet current'", "not yet current" in str(e), str(e)[-100:])
    control(base, "POST", "clock", {"offset_seconds": 120})
    check("clock +2 min: within the 5 min window, served",
          sm.describe_auto_ml_job_v2(AutoMLJobName=job)["AutoMLJobName"] == job)
    control(base, "POST", "clock", {"offset_seconds": 0})
    fault({"operation": "DescribeAutoMLJobV2", "kind": "skew", "offset_seconds": 600, "count": 1})
    e = error_of(lambda: client(attempts=1).describe_auto_ml_job_v2(AutoMLJobName=job))
    check("skew rule (+10 min for one request)", code_of(e) == "InvalidSignatureException")
    control(base, "DELETE", "faults")

    # -- rate limit + latency ---------------------------------------------------------------
    control(base, "POST", "reset")
    control(base, "POST", "rate-limit", {"rps": 5})
    fast = client(attempts=1)
    outcomes = [code_of(error_of(lambda: fast.describe_auto_ml_job_v2(AutoMLJobName=job))) for _ in range(20)]
    throttled = control(base, "GET", "stats")["throttled"]
    check("rate limit 5 rps: a burst of 20 is throttled", 10 <= outcomes.count("ThrottlingException") <= 16
          and throttled == outcomes.count("ThrottlingException"), f"{outcomes.count('ThrottlingException')}/20 throttled")
    control(base, "POST", "rate-limit", {"rps": 0})
    control(base, "POST", "latency", {"ms": 100})
    t = time.perf_counter()
    sm.list_auto_ml_jobs()
    check("global latency 100 ms", time.perf_counter() - t >= 0.1)
    control(base, "POST", "reset")

    # -- IAM / SigV4 through moto -----------------------------------------------------------
    got = raw_describe(base, job)
    check("unsigned request: 400 MissingAuthenticationTokenException (moto itself raises KeyError)",
          got == "400 valid JSON", got)
    e = error_of(lambda: client(attempts=1, secret="wrong-secret").describe_auto_ml_job_v2(AutoMLJobName=job))
    check("wrong secret key: 403 SignatureDoesNotMatch (moto's IAM check)", code_of(e) == "SignatureDoesNotMatch"
          and e.response["ResponseMetadata"]["HTTPStatusCode"] == 403)
    rc, out, err = cli("sagemaker", "list-auto-ml-jobs", AWS_SECRET_ACCESS_KEY="wrong")
    check("AWS CLI: wrong secret rejected", rc != 0 and "SignatureDoesNotMatch" in err, err.strip()[-120:])
    e = error_of(lambda: client(attempts=1, key="AKIAUNKNOWN000000000").list_auto_ml_jobs())
    check("unknown access key: 403 InvalidClientTokenId", code_of(e) == "InvalidClientTokenId", code_of(e))
    role = client("sts").assume_role(RoleArn=creds["RoleArn"], RoleSessionName="selfcheck")["Credentials"]
    assumed = client(key=role["AccessKeyId"], secret=role["SecretAccessKey"], aws_session_token=role["SessionToken"])
    check("assume-role credentials work", assumed.describe_auto_ml_job_v2(AutoMLJobName=job)["AutoMLJobName"] == job)

    # -- bulk + inflate -----------------------------------------------------------------------
    t = time.perf_counter()
    n = control(base, "POST", "jobs/bulk", {"prefix": "bulk", "count": 1000, "problem_type": "Tabular",
                                            "status": ["Completed", "Failed", "InProgress"]})["created"]
    bulk_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    names = [s["AutoMLJobName"] for page in sm.get_paginator("list_auto_ml_jobs").paginate(
        NameContains="bulk-", SortBy="CreationTime", SortOrder="Ascending") for s in page["AutoMLJobSummaries"]]
    check("bulk: 1000 jobs, listed in creation order", n == 1000 and names == [f"bulk-{i:05d}" for i in range(1000)],
          f"created in {bulk_ms:.0f} ms, listed (10 pages) in {(time.perf_counter() - t) * 1000:.0f} ms")
    control(base, "POST", f"jobs/{job}/inflate", {"candidate_metrics": 30000})
    raw = {}
    big = client()
    big.meta.events.register("before-parse.sagemaker.*", lambda **kw: raw.update(n=len(kw["response_dict"]["body"])))
    t = time.perf_counter()
    d = big.describe_auto_ml_job_v2(AutoMLJobName=job)
    check("inflate: 30000 CandidateMetrics", len(d["BestCandidate"]["CandidateProperties"]["CandidateMetrics"]) == 30000,
          f"{raw['n'] / 1e6:.1f} MB in {(time.perf_counter() - t) * 1000:.0f} ms")

    # -- throughput (sequential, keep-alive) ------------------------------------------------
    control(base, "POST", "reset")
    bench = client(attempts=1)
    bench.describe_auto_ml_job_v2(AutoMLJobName="sc-imageclassification")
    count, t = 0, time.perf_counter()
    while time.perf_counter() - t < args.bench_seconds:
        bench.describe_auto_ml_job_v2(AutoMLJobName="sc-imageclassification")
        count += 1
    rate = count / (time.perf_counter() - t)
    connections = control(base, "GET", "stats")["connections"] - 1  # minus this stats request's own connection
    check("keep-alive: sequential describes reuse one connection", connections == 1,
          f"{rate:.0f} describes/s over {connections} connection(s)")
    run_layer_checks(base, creds, env, client, cli)


# == ListCandidatesForAutoMLJob, time filters, regions and accounts, STS MFA, proxy ========================
def raw_body_client(c):
    """Keeps the last raw response body of client c in c.raw['body'] (what botocore parsed, unknown members too)."""
    c.raw = {}
    c.meta.events.register("before-parse.*.*", lambda **kw: c.raw.update(body=kw["response_dict"]["body"]))
    return c


def all_candidates(sm, job, **kw):
    pages = list(sm.get_paginator("list_candidates_for_auto_ml_job").paginate(AutoMLJobName=job, **kw))
    return [c for p in pages for c in p["Candidates"]], len(pages)


def ordered_by_value(cands, descending):
    scored = [c for c in cands if "FinalAutoMLJobObjectiveMetric" in c]
    values = [c["FinalAutoMLJobObjectiveMetric"]["Value"] for c in scored]
    tail = cands[len(scored):]
    return (values == sorted(values, reverse=descending) and all("FinalAutoMLJobObjectiveMetric" not in c for c in tail))


def run_layer_checks(base, creds, env, client, cli):
    accounts = creds["Accounts"]
    a1, a2 = accounts[0], accounts[1]
    check("bootstrap: two accounts, each with its own key", [a["AccountId"] for a in accounts]
          == ["123456789012", "111122223333"] and a1["AccessKey"] != a2["AccessKey"])
    sm = client()
    sm2 = client(key=a2["AccessKey"], secret=a2["SecretKey"])
    sm_eu = client(region="eu-west-1")
    loose = client(attempts=1, config_extra={"parameter_validation": False})

    # -- regions and accounts ---------------------------------------------------------------------------
    p = subprocess.run([sys.executable, os.path.join(HERE, "create_jobs.py"), "--endpoint", base, "--region",
                        "eu-west-1", "--account", a2["AccountId"], "--name", "twin", "--problem-types", "Tabular"],
                       env=dict(env, AWS_ACCESS_KEY_ID=a2["AccessKey"], AWS_SECRET_ACCESS_KEY=a2["SecretKey"]),
                       capture_output=True, text=True)
    arn = json.loads(p.stdout)[0]["arn"] if p.returncode == 0 else p.stderr[-300:]
    check("create_jobs.py --region eu-west-1 with account 2's key: ARN carries both",
          arn == "arn:aws:sagemaker:eu-west-1:111122223333:automl-job/twin", arn)
    sm.create_auto_ml_job_v2(**create_jobs.job_request("Tabular", "twin"))
    e = error_of(lambda: sm_eu.describe_auto_ml_job_v2(AutoMLJobName="twin"))
    check("a job of account 1 in us-east-1 is not found through eu-west-1", code_of(e) == "ResourceNotFound", code_of(e))
    d2 = client(key=a2["AccessKey"], secret=a2["SecretKey"], region="eu-west-1").describe_auto_ml_job_v2(AutoMLJobName="twin")
    e = error_of(lambda: sm2.describe_auto_ml_job_v2(AutoMLJobName="sc-tabular"))
    check("account 2's key: sees its own twin in eu-west-1, not account 1's jobs",
          d2["AutoMLJobArn"].startswith("arn:aws:sagemaker:eu-west-1:111122223333:") and code_of(e) == "ResourceNotFound"
          and all(":111122223333:" in s["AutoMLJobArn"] for s in sm2.list_auto_ml_jobs()["AutoMLJobSummaries"]))
    r = requests_with_header(base, creds, "x-moto-account-id", a2["AccountId"])
    check("x-moto-account-id header is ignored once auth is on (account = the key's)", r == "123456789012", r)
    n = control(base, "POST", "jobs/bulk", {"prefix": "acct2", "count": 3, "region": "ap-southeast-2",
                                            "account": a2["AccountId"]})
    arns = [s["AutoMLJobArn"] for s in client(key=a2["AccessKey"], secret=a2["SecretKey"], region="ap-southeast-2")
            .list_auto_ml_jobs(NameContains="acct2")["AutoMLJobSummaries"]]
    check("bulk create in account 2 / ap-southeast-2", n["created"] == 3 and len(arns) == 3
          and all(a.startswith("arn:aws:sagemaker:ap-southeast-2:111122223333:") for a in arns), arns[:1])

    # -- region and account faults, region latency -----------------------------------------------------
    control(base, "POST", "faults", [{"operation": "*", "region": "eu-west-1", "kind": "error", "status": 403,
                                      "code": "UnrecognizedClientException",
                                      "message": "The security token included in the request is invalid."}])
    e = error_of(lambda: client(attempts=1, region="eu-west-1").list_auto_ml_jobs())
    ok_us = sm.list_auto_ml_jobs()["AutoMLJobSummaries"] is not None
    check("region fault: eu-west-1 answers 403 UnrecognizedClientException, us-east-1 still served",
          code_of(e) == "UnrecognizedClientException" and e.response["ResponseMetadata"]["HTTPStatusCode"] == 403 and ok_us)
    control(base, "DELETE", "faults")
    control(base, "POST", "faults", [{"operation": "*", "account": a2["AccountId"], "kind": "error", "status": 403,
                                      "code": "AccessDeniedException", "message": "SCP"}])
    e = error_of(lambda: client(attempts=1, key=a2["AccessKey"], secret=a2["SecretKey"]).list_auto_ml_jobs())
    check("account fault: account 2 denied, account 1 served",
          code_of(e) == "AccessDeniedException" and sm.list_auto_ml_jobs() is not None)
    control(base, "DELETE", "faults")
    control(base, "POST", "latency", {"ms": 300, "region": "eu-west-1"})
    t = time.perf_counter()
    sm_eu.list_auto_ml_jobs()
    slow = time.perf_counter() - t
    t = time.perf_counter()
    sm.list_auto_ml_jobs()
    fast = time.perf_counter() - t
    check("region latency: eu-west-1 300 ms, us-east-1 not delayed", slow >= 0.3 and fast < 0.25,
          f"{slow * 1000:.0f} ms / {fast * 1000:.0f} ms")
    control(base, "POST", "reset")

    # -- ListAutoMLJobs time filters ----------------------------------------------------------------------
    T = 1717243200.0  # 2024-06-01T12:00:00Z
    for i, name in enumerate(["time-a", "time-b", "time-c"]):
        sm.create_auto_ml_job_v2(**create_jobs.job_request("Tabular", name))
        control(base, "POST", f"jobs/{name}/times", {"CreationTime": T + i * 3600, "LastModifiedTime": T + i * 3600 + 60,
                                                      "account": a1["AccountId"], "region": "us-east-1"})

    def names(**kw):
        return sorted(s["AutoMLJobName"] for s in sm.list_auto_ml_jobs(NameContains="time-", **kw)["AutoMLJobSummaries"])

    def exact(**filters):  # botocore sends whole seconds; send these numbers as they are (as the .NET SDK can)
        c = client()
        body = dict((k, "@" + k) for k in filters)  # placeholders, replaced by the literal text of each number

        def rewrite(request, **_):
            text = json.dumps(dict(json.loads(request.data), **body))
            for k, v in filters.items():
                text = text.replace(f'"@{k}"', v if isinstance(v, str) else repr(v))
            request.data = text.encode()
        c.meta.events.register("before-sign.sagemaker.ListAutoMLJobs", rewrite)
        return sorted(s["AutoMLJobName"] for s in c.list_auto_ml_jobs(NameContains="time-")["AutoMLJobSummaries"])

    check("CreationTimeAfter is exclusive (a job created exactly then is left out)",
          names(CreationTimeAfter=T) == ["time-b", "time-c"] and names(CreationTimeAfter=T - 1) == ["time-a", "time-b", "time-c"])
    check("CreationTimeBefore is exclusive", names(CreationTimeBefore=T + 3600) == ["time-a"]
          and names(CreationTimeBefore=T + 3601) == ["time-a", "time-b"])
    check("sub-second filters on the wire (epoch with fractions, exponent form)",
          exact(CreationTimeAfter=T - 0.001) == ["time-a", "time-b", "time-c"] and exact(CreationTimeAfter=T) == ["time-b", "time-c"]
          and exact(CreationTimeBefore=T + 3600.001) == ["time-a", "time-b"]
          and exact(CreationTimeBefore="1.7172468E9") == ["time-a"] and exact(CreationTimeBefore="1.71724680001E9") == ["time-a", "time-b"])
    check("LastModifiedTimeAfter/Before (exclusive), combined with CreationTime filters",
          names(LastModifiedTimeAfter=T + 60, LastModifiedTimeBefore=T + 7260) == ["time-b"]
          and names(CreationTimeAfter=T - 1, LastModifiedTimeBefore=T + 3660) == ["time-a"])
    rc, out, err = cli("sagemaker", "list-auto-ml-jobs", "--name-contains", "time-", "--creation-time-after",
                       "2024-06-01T14:00:00+01:00")  # = T + 3600 in UTC
    check("AWS CLI: ISO time with an offset is compared in UTC",
          rc == 0 and sorted(s["AutoMLJobName"] for s in json.loads(out)["AutoMLJobSummaries"]) == ["time-c"], err[-200:])
    control(base, "POST", "jobs/bulk", {"prefix": "spread", "count": 5, "creation_start": "2024-01-01T00:00:00Z",
                                        "creation_step_seconds": 86400, "last_modified_offset_seconds": 600})
    got = sm.list_auto_ml_jobs(NameContains="spread-", SortBy="CreationTime", SortOrder="Ascending")["AutoMLJobSummaries"]
    days = [s["CreationTime"].astimezone(timezone.utc).strftime("%m-%d") for s in got]
    check("bulk create spreads creation times (1 day apart, modified 10 min later)",
          days == ["01-01", "01-02", "01-03", "01-04", "01-05"]
          and all((s["LastModifiedTime"] - s["CreationTime"]).total_seconds() == 600 for s in got),
          days)
    after = sm.list_auto_ml_jobs(NameContains="spread-", CreationTimeAfter=datetime(2024, 1, 3, tzinfo=timezone.utc))
    check("time filter on bulk jobs", len(after["AutoMLJobSummaries"]) == 2)

    # -- ListCandidatesForAutoMLJob ---------------------------------------------------------------------
    e = error_of(lambda: sm.list_candidates_for_auto_ml_job(AutoMLJobName="no-such-job"))
    check("unknown job: 400 ResourceNotFound '... not found' with the region and account asked",
          code_of(e) == "ResourceNotFound" and e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
          and "arn:aws:sagemaker:us-east-1:123456789012:automl-job/no-such-job not found" in str(e), str(e)[-120:])
    check("a job with no candidates lists none", sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin")["Candidates"] == [])
    seeded = control(base, "POST", "jobs/twin/candidates", {"count": 250, "objective": {"MetricName": "MSE", "Type": "Minimize"},
                                                           "failed": 5, "ties": 3, "seed": 1, "account": a1["AccountId"],
                                                           "region": "us-east-1", "best_candidate": True})
    check("seed 250 candidates into account 1's job only", [j["total"] for j in seeded["jobs"]] == [250])
    control(base, "POST", "jobs/twin/candidates", {"count": 120, "objective": {"MetricName": "Accuracy", "Type": "Maximize"},
                                                  "failed": 2, "in_progress": 1, "ties": 2, "seed": 7,
                                                  "account": a2["AccountId"]})
    first = sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin")
    times = [c["CreationTime"] for c in first["Candidates"]]
    check("defaults: 10 per page, CreationTime ascending (the model's documented default order), NextToken",
          len(first["Candidates"]) == 10 and times == sorted(times) and "NextToken" in first)
    for order in ("Ascending", "Descending"):
        for who, c, total in (("Minimize MSE (acct 1)", sm, 250),
                              ("Maximize Accuracy (acct 2)", client(key=a2["AccessKey"], secret=a2["SecretKey"],
                                                                    region="eu-west-1"), 120)):
            got, pages = all_candidates(c, "twin", SortBy="FinalObjectiveMetricValue", SortOrder=order,
                                        PaginationConfig={"PageSize": 100})
            names_ = [x["CandidateName"] for x in got]
            check(f"paging {who} {order}: {total} over {pages} pages, no loss, no repeat, unscored last",
                  len(names_) == total and len(set(names_)) == total and pages == -(-total // 100)
                  and ordered_by_value(got, order == "Descending"), f"{len(names_)} / {len(set(names_))} / {pages} pages")
    asc, _ = all_candidates(sm, "twin", SortBy="FinalObjectiveMetricValue", SortOrder="Ascending", PaginationConfig={"PageSize": 37})
    desc, _ = all_candidates(sm, "twin", SortBy="FinalObjectiveMetricValue", SortOrder="Descending", PaginationConfig={"PageSize": 300})
    scored_a = [c["CandidateName"] for c in asc if "FinalAutoMLJobObjectiveMetric" in c]
    scored_d = [c["CandidateName"] for c in desc if "FinalAutoMLJobObjectiveMetric" in c]
    check("ties: Descending is exactly Ascending reversed (tie-breakers reversed too); page size does not matter",
          scored_d == scored_a[::-1] and len(scored_a) == 245)
    for sort_by in ("CreationTime", "Status"):
        got, _ = all_candidates(sm, "twin", SortBy=sort_by, SortOrder="Descending", PaginationConfig={"PageSize": 64})
        check(f"SortBy {sort_by} Descending pages through all 250 once", len({c["CandidateName"] for c in got}) == 250
              and len(got) == 250)
    failed, _ = all_candidates(sm, "twin", StatusEquals="Failed")
    one = sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin", CandidateNameEquals="twin-cand-0007")["Candidates"]
    check("StatusEquals Failed (5, none scored) and CandidateNameEquals",
          len(failed) == 5 and all("FinalAutoMLJobObjectiveMetric" not in c for c in failed)
          and [c["CandidateName"] for c in one] == ["twin-cand-0007"])
    c0 = one[0]
    check("generated candidate has every AutoMLCandidate member",
          {"CandidateName", "ObjectiveStatus", "CandidateSteps", "CandidateStatus", "InferenceContainers", "CreationTime",
           "EndTime", "LastModifiedTime", "CandidateProperties", "InferenceContainerDefinitions"} <= set(c0)
          and all(s["CandidateStepArn"].startswith("arn:aws:sagemaker:us-east-1:123456789012:") for s in c0["CandidateSteps"]))
    best = sm.describe_auto_ml_job_v2(AutoMLJobName="twin")["BestCandidate"]
    check("best_candidate: DescribeAutoMLJobV2 BestCandidate = the lowest MSE", best["CandidateName"] == asc[0]["CandidateName"],
          best["CandidateName"])

    # verbatim members, unknown statuses/metrics, ISO times
    control(base, "POST", "jobs/sc-imageclassification/candidates", {"replace": True, "candidates": [
        {"CandidateName": "odd", "CandidateStatus": "Pondering", "FutureMember": {"x": [1, 2]},
         "FinalAutoMLJobObjectiveMetric": {"MetricName": "validation:f1_binary", "Value": 0.5, "Type": "Maximize"},
         "CreationTime": "2024-05-01T10:00:00Z", "ObjectiveStatus": "Succeeded", "CandidateSteps": []},
        {"CandidateName": "plain", "CandidateStatus": "Completed", "CreationTime": 1714557600.25}]})
    raw = raw_body_client(client())
    raw.list_candidates_for_auto_ml_job(AutoMLJobName="sc-imageclassification")
    body = json.loads(raw.raw["body"])
    odd = body["Candidates"][0]
    check("explicit candidates come back verbatim (unknown members, status, metric name; ISO time -> epoch)",
          odd["FutureMember"] == {"x": [1, 2]} and odd["CandidateStatus"] == "Pondering"
          and odd["FinalAutoMLJobObjectiveMetric"]["MetricName"] == "validation:f1_binary"
          and odd["CreationTime"] == 1714557600 and body["Candidates"][1]["CreationTime"] == 1714557600.25, odd)

    # validation (client-side validation off, as a non-botocore client could send anything)
    cases = [({"SortBy": "Name"}, "1 validation error detected: Value 'Name' at 'sortBy' failed to satisfy constraint: "
                                  "Member must satisfy enum value set: [CreationTime, Status, FinalObjectiveMetricValue]"),
             ({"StatusEquals": "completed"}, "Value 'completed' at 'statusEquals' failed to satisfy constraint: Member must "
                                             "satisfy enum value set: [Completed, InProgress, Failed, Stopped, Stopping]"),
             ({"SortOrder": "Desc", "MaxResults": 301}, "2 validation errors detected: "),
             ({"MaxResults": 0}, "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"),
             ({"AutoMLJobName": "bad_name"}, "at 'autoMLJobName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
             ({"AutoMLJobName": "x" * 33}, "Member must have length less than or equal to 32"),
             ({"CandidateNameEquals": "c" * 65}, "at 'candidateNameEquals' failed to satisfy constraint: Member must have length less than or equal to 64")]
    for extra, expect in cases:
        e = error_of(lambda: loose.list_candidates_for_auto_ml_job(**dict({"AutoMLJobName": "twin"}, **extra)))
        check(f"ValidationException for {json.dumps(extra)[:60]}", code_of(e) == "ValidationException"
              and e.response["ResponseMetadata"]["HTTPStatusCode"] == 400 and expect in e.response["Error"]["Message"],
              e.response["Error"]["Message"][:160] if hasattr(e, "response") else e)
    e = error_of(lambda: loose.list_candidates_for_auto_ml_job(AutoMLJobName="twin", NextToken="garbage"))
    check("invalid NextToken -> ValidationException", code_of(e) == "ValidationException", str(e)[-90:])
    token = sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin", MaxResults=5)["NextToken"]
    e = error_of(lambda: loose.list_candidates_for_auto_ml_job(AutoMLJobName="twin", NextToken=token, SortOrder="Descending"))
    check("NextToken reused with other parameters -> ValidationException", code_of(e) == "ValidationException")
    control(base, "POST", "candidates/expire-tokens")
    e = error_of(lambda: loose.list_candidates_for_auto_ml_job(AutoMLJobName="twin", NextToken=token))
    check("expired NextToken -> ValidationException 'expired'", code_of(e) == "ValidationException" and "expired" in str(e))

    # auth like every other operation
    got = raw_call(base, "SageMaker.ListCandidatesForAutoMLJob", {"AutoMLJobName": "twin"})
    check("unsigned ListCandidates: 400 MissingAuthenticationTokenException", got[0] == 400
          and got[1].get("__type") == "MissingAuthenticationTokenException", got)
    e = error_of(lambda: client(attempts=1, secret="wrong").list_candidates_for_auto_ml_job(AutoMLJobName="twin"))
    e2 = error_of(lambda: client(attempts=1, key="AKIAUNKNOWN000000000").list_candidates_for_auto_ml_job(AutoMLJobName="twin"))
    check("wrong secret / unknown key: SignatureDoesNotMatch / InvalidClientTokenId (403, JSON)",
          code_of(e) == "SignatureDoesNotMatch" and code_of(e2) == "InvalidClientTokenId"
          and e.response["ResponseMetadata"]["HTTPStatusCode"] == 403)

    # faults, stats, latency
    control(base, "POST", "reset")
    control(base, "POST", "faults", [{"operation": "ListCandidatesForAutoMLJob", "kind": "throttle", "count": 2}])
    r = sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin")
    stats = control(base, "GET", "stats")
    check("throttle rule on ListCandidatesForAutoMLJob: 2 throttles then success; stats count it (by_job too)",
          r["ResponseMetadata"]["RetryAttempts"] == 2 and stats["requests"].get("ListCandidatesForAutoMLJob") == 3
          and stats["by_job"].get("twin") == 3 and stats["throttled"] == 2)
    control(base, "POST", "faults", [{"operation": "ListCandidatesForAutoMLJob", "kind": "truncate", "count": 1}])
    e = error_of(lambda: client(attempts=1).list_candidates_for_auto_ml_job(AutoMLJobName="twin"))
    check("truncate rule on ListCandidatesForAutoMLJob: transport error", e is not None and code_of(e) != "ClientError", code_of(e))
    control(base, "POST", "latency", {"ms": 200})
    t = time.perf_counter()
    sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin")
    check("latency applies to ListCandidatesForAutoMLJob", time.perf_counter() - t >= 0.2)
    control(base, "POST", "reset")

    # stable paging while other requests run and candidates are added
    stop, errors = threading.Event(), []

    def noise(i):
        c = client()
        k = 0
        while not stop.is_set():
            try:
                if i == 0:
                    control(base, "POST", "jobs/twin/candidates", {"count": 3, "seed": k, "prefix": f"late{k}",
                                                                   "account": a1["AccountId"], "region": "us-east-1"})
                else:
                    c.list_candidates_for_auto_ml_job(AutoMLJobName="twin", SortBy="Status", MaxResults=50)
            except Exception as e:  # noqa: BLE001
                errors.append(e)
            k += 1

    threads = [threading.Thread(target=noise, args=(i,)) for i in range(3)]
    for th in threads:
        th.start()
    try:
        got, pages = all_candidates(sm, "twin", SortBy="FinalObjectiveMetricValue", SortOrder="Descending",
                                    PaginationConfig={"PageSize": 20})
    finally:
        stop.set()
        for th in threads:
            th.join()
    names_ = [c["CandidateName"] for c in got]
    original = [n for n in names_ if n.startswith("twin-cand-")]
    check("paging while candidates are added and other lists run: the 250 all there once, nothing repeated",
          len(original) == 250 and len(set(original)) == 250 and len(names_) == len(set(names_)) and not errors,
          f"{len(names_)} seen over {pages} pages, {len(names_) - 250} added meanwhile, {len(errors)} errors")
    control(base, "DELETE", "jobs/twin/candidates", {"account": a1["AccountId"]})
    check("DELETE clears one account's candidates", sm.list_candidates_for_auto_ml_job(AutoMLJobName="twin")["Candidates"] == []
          and len(client(key=a2["AccessKey"], secret=a2["SecretKey"], region="eu-west-1")
                  .list_candidates_for_auto_ml_job(AutoMLJobName="twin")["Candidates"]) == 10)
    control(base, "POST", "jobs/twin/candidates", {"count": 30, "account": a1["AccountId"]})
    rc, out, err = cli("sagemaker", "list-candidates-for-auto-ml-job", "--auto-ml-job-name", "twin", "--page-size", "7",
                       "--sort-by", "FinalObjectiveMetricValue", "--sort-order", "Descending")
    got = json.loads(out)["Candidates"] if rc == 0 else []
    check("AWS CLI list-candidates-for-auto-ml-job pages through 30 (page size 7)",
          len({c["CandidateName"] for c in got}) == 30 and ordered_by_value(got, True), err[-200:])

    # -- STS: MFA serial and token code reach STS --------------------------------------------------------
    sts = client("sts")
    sts.assume_role(RoleArn=creds["RoleArn"], RoleSessionName="mfa-check", SerialNumber="arn:aws:iam::123456789012:mfa/automl",
                    TokenCode="123456")
    last = control(base, "GET", "sts")["last"]
    check("AssumeRole with SerialNumber/TokenCode accepted; /_automl/sts records them",
          last["SerialNumber"] == "arn:aws:iam::123456789012:mfa/automl" and last["TokenCode"] == "123456"
          and last["status"] == 200 and last["RoleArn"] == creds["RoleArn"], last)
    control(base, "POST", "sts", {"require_mfa": True, "token_code": "654321"})
    e1 = error_of(lambda: client("sts", attempts=1).assume_role(RoleArn=creds["RoleArn"], RoleSessionName="no-mfa"))
    e2 = error_of(lambda: client("sts", attempts=1).assume_role(RoleArn=creds["RoleArn"], RoleSessionName="bad-mfa",
                                                                SerialNumber="arn:aws:iam::123456789012:mfa/automl",
                                                                TokenCode="000000"))
    ok = client("sts").assume_role(RoleArn=creds["RoleArn"], RoleSessionName="good-mfa",
                                   SerialNumber="arn:aws:iam::123456789012:mfa/automl", TokenCode="654321")
    check("require_mfa: no MFA / wrong code -> 403 AccessDenied, right code -> credentials",
          code_of(e1) == "AccessDenied" and code_of(e2) == "AccessDenied" and "one time pass code" in str(e2)
          and ok["Credentials"]["AccessKeyId"], f"{code_of(e1)} / {str(e2)[-60:]}")
    rc, out, err = cli("sts", "assume-role", "--role-arn", a2["RoleArn"], "--role-session-name", "cli",
                       "--serial-number", "arn:aws:iam::123456789012:mfa/cli", "--token-code", "654321")
    log = control(base, "GET", "sts")
    check("AWS CLI assume-role (cross-account role) with MFA: recorded, credentials for account 2",
          rc == 0 and ":111122223333:" in json.loads(out)["AssumedRoleUser"]["Arn"]
          and log["last"]["SerialNumber"] == "arn:aws:iam::123456789012:mfa/cli" and len(log["requests"]) == 5, err[-200:])
    control(base, "POST", "reset")
    check("reset clears the STS log and the MFA requirement", control(base, "GET", "sts") ==
          {"requests": [], "last": None, "require_mfa": None})

    # -- forward proxy -------------------------------------------------------------------------------------
    port = base.rsplit(":", 1)[1]
    work = tempfile.mkdtemp(prefix="automl-proxy-")
    pf = os.path.join(work, "port")
    t = time.perf_counter()
    proxy = subprocess.Popen([sys.executable, os.path.join(HERE, "proxy.py"), "--port-file", pf, "--route",
                              f"sagemaker.proxy.test=127.0.0.1:{port}", "--log-file", os.path.join(work, "log")])
    try:
        while not os.path.exists(pf):
            time.sleep(0.01)
        purl = f"http://127.0.0.1:{open(pf).read()}"
        check("proxy starts", True, f"{(time.perf_counter() - t) * 1000:.0f} ms")
        via = client(config_extra={"proxies": {"http": purl}})
        via.list_auto_ml_jobs()
        via.list_candidates_for_auto_ml_job(AutoMLJobName="twin")
        pstats = json.loads(urllib.request.urlopen(f"{purl}/stats").read())
        check("proxy: boto3 with proxies={'http': ...} goes through it (2 absolute-URI requests)",
              pstats["requests"] == 2 and pstats["by_target"] == {f"127.0.0.1:{port}": 2}, pstats["by_target"])
        named = boto3.session.Session().client("sagemaker", endpoint_url="http://sagemaker.proxy.test", region_name="us-east-1",
                                               aws_access_key_id=creds["AccessKey"], aws_secret_access_key=creds["SecretKey"],
                                               config=Config(proxies={"http": purl}, retries={"total_max_attempts": 1}))
        d = named.describe_auto_ml_job_v2(AutoMLJobName="twin")
        check("proxy route: a name that resolves nowhere reaches the endpoint through the proxy (SigV4 intact)",
              d["AutoMLJobName"] == "twin")
        rc, out, err = cli("sagemaker", "list-auto-ml-jobs", "--max-results", "1", HTTP_PROXY=purl, NO_PROXY="")
        rc2, out2, err2 = cli("sagemaker", "list-auto-ml-jobs", "--max-results", "1", HTTP_PROXY=purl, NO_PROXY="127.0.0.1")
        pstats = json.loads(urllib.request.urlopen(f"{purl}/stats").read())
        check("AWS CLI: HTTP_PROXY honoured, NO_PROXY=127.0.0.1 bypasses it", rc == 0 and rc2 == 0
              and pstats["requests"] == 4, f"{pstats['requests']} requests")
        s = socket.create_connection(("127.0.0.1", int(purl.rsplit(":", 1)[1])))
        s.sendall(f"CONNECT 127.0.0.1:{port} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        head = s.recv(4096)
        s.sendall(b"GET /_automl/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        tunneled = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            tunneled += chunk
        s.close()
        pstats = json.loads(urllib.request.urlopen(f"{purl}/stats").read())
        check("proxy CONNECT: 200 Connection established, bytes tunnelled, counted",
              head.startswith(b"HTTP/1.1 200") and b'"ok": true' in tunneled and pstats["connects"] == 1, head[:40])
        urllib.request.urlopen(urllib.request.Request(f"{purl}/reset", method="POST"))
        check("proxy reset", json.loads(urllib.request.urlopen(f"{purl}/stats").read())["requests"] == 0)
    finally:
        proxy.terminate()
        proxy.wait(5)
        shutil.rmtree(work, ignore_errors=True)


def requests_with_header(base, creds, name, value):
    """The account a request acts in when it carries header name: value (the account of a new job's ARN)."""
    c = boto3.session.Session().client("sagemaker", endpoint_url=base, region_name="us-west-2",
                                       aws_access_key_id=creds["AccessKey"], aws_secret_access_key=creds["SecretKey"])
    c.meta.events.register("before-sign.sagemaker.*", lambda request, **_: request.headers.__setitem__(name, value))
    job = f"hdr-{uuid.uuid4().hex[:8]}"
    return c.create_auto_ml_job_v2(**create_jobs.job_request("Tabular", job))["AutoMLJobArn"].split(":")[4]


def raw_call(base, target, body):
    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        conn.request("POST", "/", json.dumps(body), {"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"{}")
    finally:
        conn.close()


if __name__ == "__main__":
    main()
