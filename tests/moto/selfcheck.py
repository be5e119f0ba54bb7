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
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import boto3
import botocore.exceptions
from botocore.config import Config

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bootstrap_iam  # noqa: E402

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
    def client(service="sagemaker", attempts=3, secret=None, read_timeout=10, **kw):
        return boto3.session.Session().client(
            service, endpoint_url=base, region_name="us-east-1", aws_access_key_id=kw.pop("key", creds["AccessKey"]),
            aws_secret_access_key=secret or creds["SecretKey"], **kw,
            config=Config(retries={"total_max_attempts": attempts, "mode": "standard"}, read_timeout=read_timeout,
                          connect_timeout=5))

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


if __name__ == "__main__":
    main()
