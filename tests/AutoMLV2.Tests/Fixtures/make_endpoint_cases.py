#!/usr/bin/env python3
"""Writes endpoint-cases.json for EndpointRulesTests: the expected SageMaker endpoint (or rule
error) for every partition and every FIPS / dual-stack combination, for a custom endpoint and
for a missing region.

    python3 tests/AutoMLV2.Tests/Fixtures/make_endpoint_cases.py

The expectations are not written by hand: each case is evaluated by botocore's own endpoint rule
engine over the official rule set (botocore/data/sagemaker/2017-07-24/endpoint-rule-set-1.json.gz)
and botocore's partitions.json. The official endpoint test cases of the rule set (aws-sdk-net
SageMakerEndpointProviderTests, botocore's endpoint-tests-1.json) are a subset of these, except
that older copies expect the ISO partitions to reject dual-stack: their partition data said so.
"""
import json
import os
import sys

import botocore
import botocore.session
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointResolutionError
from botocore.loaders import create_loader

HERE = os.path.dirname(os.path.abspath(__file__))

# One or two regions of every partition botocore knows, plus a well-formed region no partition
# lists (the rules then use the partition whose regex matches, else aws).
REGIONS = [
    "us-east-1", "eu-west-1", "ap-southeast-2", "il-central-1", "mx-central-1",
    "cn-north-1", "cn-northwest-1",
    "us-gov-west-1", "us-gov-east-1",
    "us-iso-east-1", "us-iso-west-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1", "us-isof-east-1",
    "eusc-de-east-1",
    "us-future-9",
]


def main():
    loader = create_loader()
    ruleset = loader.load_service_model("sagemaker", "endpoint-rule-set-1")
    partitions = loader.load_data("partitions")
    provider = EndpointProvider(ruleset, partitions)

    def evaluate(params):
        try:
            return {"url": provider.resolve_endpoint(**params).url}
        except EndpointResolutionError as e:
            return {"error": str(e.kwargs.get("msg", e))}

    cases = []
    for region in REGIONS:
        for fips in (False, True):
            for dual in (False, True):
                params = {"Region": region, "UseFIPS": fips, "UseDualStack": dual}
                case = {"region": region, "useFips": fips, "useDualStack": dual, "endpoint": None}
                case.update(evaluate(params))
                cases.append(case)

    for region in ("us-east-1", "cn-north-1", None):
        for fips in (False, True):
            for dual in (False, True):
                params = {"UseFIPS": fips, "UseDualStack": dual, "Endpoint": "https://example.com"}
                if region:
                    params["Region"] = region
                case = {"region": region, "useFips": fips, "useDualStack": dual, "endpoint": "https://example.com"}
                case.update(evaluate(params))
                cases.append(case)

    for fips in (False, True):
        for dual in (False, True):
            case = {"region": None, "useFips": fips, "useDualStack": dual, "endpoint": None}
            case.update(evaluate({"UseFIPS": fips, "UseDualStack": dual}))
            cases.append(case)

    data = {
        "source": "botocore %s sagemaker endpoint-rule-set-1.json + partitions.json, evaluated by botocore.endpoint_provider" % botocore.__version__,
        "partitions": {p["id"]: p["outputs"] for p in partitions["partitions"]},
        "cases": cases,
    }
    target = os.path.join(HERE, "endpoint-cases.json")
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote %s (%d cases)" % (target, len(cases)), file=sys.stderr)


if __name__ == "__main__":
    main()
