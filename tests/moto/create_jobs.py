#!/usr/bin/env python3
"""Create AutoML V2 jobs (one per problem type) through create_auto_ml_job_v2, each with a
configuration that fills every member of its problem type's config (and the job-level members).

    python3 tests/moto/create_jobs.py --endpoint http://127.0.0.1:PORT [--region us-east-1]
        [--account 123456789012] [--prefix demo] [--problem-types all|Tabular,TextGeneration,...]
        [--name exact-name] [--report]

Uses the AWS credentials of the environment: the job lives in their account (moto maps an IAM key to its
account) and in --region (the region the requests are signed for). --account only fills the account id
into the request's ARNs (role, KMS keys); give the account of the keys. Prints a JSON list
[{"name", "problem_type", "arn"}].
--name (repeatable) gives exact job names, all of the one --problem-types type. --report describes each job afterwards and
prints to stderr, per job, the request members missing or changed in DescribeAutoMLJobV2.
"""
import argparse
import json
import sys
import time

import boto3
from botocore.config import Config

PROBLEM_TYPES = ["ImageClassification", "TextClassification", "TimeSeriesForecasting", "Tabular", "TextGeneration"]
ACCOUNT = "123456789012"
CRITERIA = {"MaxCandidates": 5, "MaxRuntimePerTrainingJobInSeconds": 3600, "MaxAutoMLJobRuntimeInSeconds": 14400}


def problem_config(problem_type, name):
    bucket = f"s3://automl-demo/{name}"
    if problem_type == "ImageClassification":
        return {"ImageClassificationJobConfig": {"CompletionCriteria": CRITERIA}}, {"MetricName": "Accuracy"}
    if problem_type == "TextClassification":
        return ({"TextClassificationJobConfig": {"CompletionCriteria": CRITERIA, "ContentColumn": "review",
                                                 "TargetLabelColumn": "sentiment"}},
                {"MetricName": "Accuracy"})
    if problem_type == "TimeSeriesForecasting":
        return ({"TimeSeriesForecastingJobConfig": {
            "FeatureSpecificationS3Uri": f"{bucket}/features.json",
            "CompletionCriteria": CRITERIA,
            "ForecastFrequency": "1D", "ForecastHorizon": 14,
            "ForecastQuantiles": ["p10", "p50", "p90"],
            "Transformations": {
                "Filling": {"demand": {"middlefill": "zero", "backfill": "zero", "futurefill_value": "0",
                                       "futurefill": "value"},
                            "price": {"frontfill": "none", "middlefill": "nan"}},
                "Aggregation": {"demand": "sum", "price": "avg"}},
            "TimeSeriesConfig": {"TargetAttributeName": "demand", "TimestampAttributeName": "timestamp",
                                 "ItemIdentifierAttributeName": "item_id",
                                 "GroupingAttributeNames": ["store", "region"]},
            "HolidayConfig": [{"CountryCode": "US"}],
            "CandidateGenerationConfig": {"AlgorithmsConfig": [
                {"AutoMLAlgorithms": ["cnn-qr", "deepar", "prophet", "npts", "arima", "ets"]}]}}},
                {"MetricName": "AverageWeightedQuantileLoss"})
    if problem_type == "Tabular":
        return ({"TabularJobConfig": {
            "CandidateGenerationConfig": {"AlgorithmsConfig": [{"AutoMLAlgorithms": ["xgboost", "lightgbm", "catboost"]}]},
            "CompletionCriteria": CRITERIA,
            "FeatureSpecificationS3Uri": f"{bucket}/features.json",
            "Mode": "ENSEMBLING", "GenerateCandidateDefinitionsOnly": False,
            "ProblemType": "BinaryClassification", "TargetAttributeName": "churn",
            "SampleWeightAttributeName": "weight"}},
                {"MetricName": "F1"})
    if problem_type == "TextGeneration":
        return ({"TextGenerationJobConfig": {
            "CompletionCriteria": {"MaxCandidates": 1, "MaxRuntimePerTrainingJobInSeconds": 7200,
                                   "MaxAutoMLJobRuntimeInSeconds": 14400},
            "BaseModelName": "Falcon7BInstruct",
            "TextGenerationHyperParameters": {"epochCount": "3", "learningRate": "0.0001", "batchSize": "4",
                                              "learningRateWarmupSteps": "10"},
            "ModelAccessConfig": {"AcceptEula": True}}},
                None)  # AutoMLJobObjective is not settable for TextGeneration
    raise ValueError(f"unknown problem type {problem_type}")


def job_request(problem_type, name, account=ACCOUNT, region="us-east-1"):
    config, objective = problem_config(problem_type, name)
    bucket = f"s3://automl-demo/{name}"
    channels = [{"ChannelType": "training", "ContentType": "text/csv;header=present", "CompressionType": "None",
                 "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": f"{bucket}/train/"}}}]
    if problem_type == "Tabular":  # an explicit validation channel (the others use DataSplitConfig)
        channels.append({"ChannelType": "validation", "ContentType": "text/csv;header=present",
                         "CompressionType": "Gzip", "DataSource": {"S3DataSource": {
                             "S3DataType": "S3Prefix", "S3Uri": f"{bucket}/validation/"}}})
    if problem_type == "ImageClassification":
        channels[0]["ContentType"] = "image/jpeg"
        channels[0]["DataSource"]["S3DataSource"]["S3DataType"] = "ManifestFile"
        channels[0]["DataSource"]["S3DataSource"]["S3Uri"] = f"{bucket}/train.manifest"
    request = {
        "AutoMLJobName": name,
        "AutoMLJobInputDataConfig": channels,
        "OutputDataConfig": {"KmsKeyId": f"arn:aws:kms:{region}:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                             "S3OutputPath": f"{bucket}/output/"},
        "AutoMLProblemTypeConfig": config,
        "RoleArn": f"arn:aws:iam::{account}:role/automl-demo-execution",
        "Tags": [{"Key": "project", "Value": "AutoMLV2"}, {"Key": "problem-type", "Value": problem_type}],
        "SecurityConfig": {"VolumeKmsKeyId": f"arn:aws:kms:{region}:{account}:key/volume-key",
                           "EnableInterContainerTrafficEncryption": True,
                           "VpcConfig": {"SecurityGroupIds": ["sg-0123456789abcdef0"],
                                         "Subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]}},
        # moto 5.2.1 raises KeyError('EndpointName') for {"AutoGenerateEndpointName": true} alone
        "ModelDeployConfig": {"AutoGenerateEndpointName": False, "EndpointName": f"{name}-endpoint"},
    }
    if objective:
        request["AutoMLJobObjective"] = objective
    if problem_type != "Tabular":
        request["DataSplitConfig"] = {"ValidationFraction": 0.25}
    if problem_type == "Tabular":
        request["AutoMLComputeConfig"] = {"EmrServerlessComputeConfig": {
            "ExecutionRoleARN": f"arn:aws:iam::{account}:role/automl-demo-emr"}}
    return request


def diff(sent, got, path=""):
    """Members of the request that the describe response lacks or reports differently."""
    out = []
    if isinstance(sent, dict):
        if not isinstance(got, dict):
            return [f"{path or '.'}: sent object, got {got!r}"]
        for key, value in sent.items():
            if key not in got:
                out.append(f"{path}{key}: dropped")
            else:
                out += diff(value, got[key], f"{path}{key}.")
    elif isinstance(sent, list):
        if not isinstance(got, list) or len(got) != len(sent):
            return [f"{path.rstrip('.')}: sent {sent!r}, got {got!r}"]
        for i, (a, b) in enumerate(zip(sent, got)):
            out += diff(a, b, f"{path.rstrip('.')}[{i}].")
    elif sent != got:
        out.append(f"{path.rstrip('.')}: sent {sent!r}, got {got!r}")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--account", default=ACCOUNT, help="account id for the ARNs in the request")
    parser.add_argument("--prefix", default="demo")
    parser.add_argument("--problem-types", default="all")
    parser.add_argument("--name", action="append", default=[],
                        help="exact job name (repeatable; each gets the single --problem-types type)")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    types = PROBLEM_TYPES if args.problem_types == "all" else [t.strip() for t in args.problem_types.split(",")]
    for t in types:
        if t not in PROBLEM_TYPES:
            parser.error(f"unknown problem type {t}; expected one of {', '.join(PROBLEM_TYPES)}")
    if args.name and len(types) != 1:
        parser.error("--name needs exactly one problem type")
    jobs = [(n, types[0]) for n in args.name] if args.name else [(f"{args.prefix}-{t.lower()}", t) for t in types]
    sm = boto3.session.Session().client("sagemaker", endpoint_url=args.endpoint, region_name=args.region,
                                        config=Config(retries={"total_max_attempts": 4, "mode": "standard"}))
    created = []
    for name, t in jobs:
        request = job_request(t, name, args.account, args.region)
        arn = sm.create_auto_ml_job_v2(**request)["AutoMLJobArn"]
        created.append({"name": name, "problem_type": t, "arn": arn})
        if args.report:
            got = sm.describe_auto_ml_job_v2(AutoMLJobName=name)
            request.pop("Tags")  # not part of DescribeAutoMLJobV2
            lines = diff(request, got)
            print(f"== {t} ({name}): {len(lines)} difference(s)", file=sys.stderr)
            for line in lines:
                print(f"   {line}", file=sys.stderr)
            extra = sorted(k for k in got if k not in request and k != "ResponseMetadata")
            print(f"   returned besides the request: {', '.join(extra)}", file=sys.stderr)
    print(json.dumps(created))


if __name__ == "__main__":
    main()
