#!/usr/bin/env python3
"""Benchmark helpers on botocore/boto3 (tests/Bench). Loopback endpoints only.

  bench_boto.py sign       --url U --region R --access-key A --secret-key S --name N --out FILE
      Signs ONE DescribeAutoMLJobV2 request with botocore's SigV4Auth and writes {url, headers, body}
      for the floor client (CannedEndpoint floor), which replays it as is.
  bench_boto.py percall    --url U --region R --access-key A --secret-key S --name N --count 500 --warmup 50 --out FILE
      describe_auto_ml_job_v2 x count on one warm client (after warmup calls), each call timed.
  bench_boto.py sequential --url U --region R --access-key A --secret-key S --name-contains P --describe-limit 100 --out FILE
      The sequential loop a script would write: every ListAutoMLJobs page (newest first, 100 a page), then
      describe_auto_ml_job_v2 for each job; only the first --describe-limit describes are made and the
      rest is extrapolated from their mean (said so in the output).
  bench_boto.py leaderboard --url U --region R --access-key A --secret-key S --name N --order Descending --count 7
      The loop a script would write for a job's leaderboard: list_candidates_for_auto_ml_job pages
      (SortBy FinalObjectiveMetricValue in --order, 300 a page) until there is no NextToken, after one
      warm-up listing; each listing timed (with the requests it made).
"""
import argparse
import json
import statistics
import sys
import time
from urllib.parse import urlparse


def client(args):
    import boto3
    session = boto3.session.Session(aws_access_key_id=args.access_key, aws_secret_access_key=args.secret_key,
                                    region_name=args.region)
    return session.client("sagemaker", endpoint_url=args.url)


def percentile(values, p):
    values = sorted(values)
    rank = p * (len(values) - 1)
    low = int(rank)
    high = min(len(values) - 1, low + 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def summary(times_ms):
    return {"count": len(times_ms), "meanMs": statistics.fmean(times_ms), "medianMs": percentile(times_ms, 0.5),
            "p90Ms": percentile(times_ms, 0.9), "p99Ms": percentile(times_ms, 0.99), "minMs": min(times_ms)}


def sign(args):
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    body = json.dumps({"AutoMLJobName": args.name})
    url = args.url.rstrip("/") + "/"
    request = AWSRequest(method="POST", url=url, data=body, headers={
        "X-Amz-Target": "SageMaker.DescribeAutoMLJobV2",
        "Content-Type": "application/x-amz-json-1.1",
        "Host": urlparse(url).netloc,
    })
    SigV4Auth(Credentials(args.access_key, args.secret_key), "sagemaker", args.region).add_auth(request)
    return {"url": url, "body": body, "headers": {k: v for k, v in request.headers.items()}}


def percall(args):
    sm = client(args)
    for _ in range(args.warmup):
        sm.describe_auto_ml_job_v2(AutoMLJobName=args.name)
    times = []
    started = time.perf_counter()
    for _ in range(args.count):
        t = time.perf_counter()
        sm.describe_auto_ml_job_v2(AutoMLJobName=args.name)
        times.append((time.perf_counter() - t) * 1000.0)
    result = summary(times)
    result["wallMs"] = (time.perf_counter() - started) * 1000.0
    result["warmup"] = args.warmup
    return result


def sequential(args):
    sm = client(args)
    sm.describe_auto_ml_job_v2(AutoMLJobName=args.warm_name)  # connection and first-call costs out of the way
    started = time.perf_counter()
    names, pages, token = [], 0, None
    while True:
        kwargs = {"SortBy": "CreationTime", "SortOrder": "Descending", "MaxResults": 100}
        if args.name_contains:
            kwargs["NameContains"] = args.name_contains
        if token:
            kwargs["NextToken"] = token
        page = sm.list_auto_ml_jobs(**kwargs)
        pages += 1
        names.extend(s["AutoMLJobName"] for s in page.get("AutoMLJobSummaries", []))
        token = page.get("NextToken")
        if not token:
            break
    list_ms = (time.perf_counter() - started) * 1000.0
    limit = min(len(names), args.describe_limit) if args.describe_limit > 0 else len(names)
    times = []
    for name in names[:limit]:
        t = time.perf_counter()
        sm.describe_auto_ml_job_v2(AutoMLJobName=name)
        times.append((time.perf_counter() - t) * 1000.0)
    measured_ms = (time.perf_counter() - started) * 1000.0
    mean = statistics.fmean(times) if times else 0.0
    return {"jobs": len(names), "pages": pages, "listMs": list_ms, "described": limit, "describeMeanMs": mean,
            "measuredMs": measured_ms, "extrapolated": limit < len(names),
            "totalMs": list_ms + mean * len(names)}


def leaderboard(args):
    sm = client(args)

    def listing():
        candidates, requests, token = [], 0, None
        while True:
            kwargs = {"AutoMLJobName": args.name, "SortBy": "FinalObjectiveMetricValue", "SortOrder": args.order, "MaxResults": 300}
            if token:
                kwargs["NextToken"] = token
            page = sm.list_candidates_for_auto_ml_job(**kwargs)
            requests += 1
            candidates.extend(page.get("Candidates", []))
            token = page.get("NextToken")
            if not token:
                return candidates, requests

    listing()  # connection, model loading and first-call costs out of the way
    times, counts, requests = [], set(), set()
    for _ in range(args.count):
        t = time.perf_counter()
        candidates, made = listing()
        times.append((time.perf_counter() - t) * 1000.0)
        counts.add(len(candidates))
        requests.add(made)
    result = summary(times)
    result["candidates"] = sorted(counts)
    result["requests"] = sorted(requests)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["sign", "percall", "sequential", "leaderboard"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--name", default="bench-0001")
    parser.add_argument("--warm-name", default="bench-0000")
    parser.add_argument("--name-contains")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--describe-limit", type=int, default=100)
    parser.add_argument("--order", default="Descending", choices=["Ascending", "Descending"])
    parser.add_argument("--out")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback endpoints only")
    result = {"sign": sign, "percall": percall, "sequential": sequential, "leaderboard": leaderboard}[args.mode](args)
    text = json.dumps(result)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    sys.exit(main())
