#!/usr/bin/env python3
"""Writes the DescribeAutoMLJobV2 / ListAutoMLJobs response fixtures of the xunit suite.

    python3 tests/AutoMLV2.Tests/Fixtures/make_fixtures.py

The values are hand-written (realistic names, ARNs, S3 URIs, metrics); the official SageMaker
service model shipped with botocore is the source of truth for their shape. Every fixture is
checked against it before anything is written:

* describe-<problem type>.json: a complete response per problem type. Every member of every
  structure reached is filled, except the union members of other problem types and the few
  members listed in NOT_MEANINGFUL (e.g. no problem-type resolved attributes exist for time
  series). Every enum value must be one the model knows. So when AWS adds a member, this script
  fails until the fixtures carry a value for it (and the unmarshalling tests then check it lands).
* describe-unknown-*.json: values and members the model does not know (new enum values, a new
  union member with a "__type" key, new fields at every level), which the client must tolerate.
* list-*.json: ListAutoMLJobs pages.
* candidates-page-1.json, candidates-page-2.json: ListCandidatesForAutoMLJob pages. The first
  candidate of page 1 fills every member the model has (checked like the complete describes); the
  others are what a leaderboard holds besides: a failed candidate without an objective value, a tie.
  Page 2 (the last, no NextToken) carries values and members the model does not know.

Timestamps are epoch seconds with fractions, as awsJson 1.1 sends them; some are written in
exponent form (1.70083E9), which the service's serializer also produces.
"""
import json
import os
import sys

import botocore.session

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = botocore.session.get_session().get_service_model("sagemaker")

ACCOUNT = "123456789012"
REGION = "us-east-1"


class Raw:
    """A JSON number written exactly as given (for exponent forms)."""

    def __init__(self, text):
        self.text = text
        self.value = float(text)


# ---------------------------------------------------------------------------------------------
# Shared pieces


def arn(kind, name):
    return "arn:aws:sagemaker:%s:%s:%s/%s" % (REGION, ACCOUNT, kind, name)


def channels(bucket, prefix, content_type, compression="None", s3_type="S3Prefix"):
    return [
        {
            "ChannelType": "training",
            "ContentType": content_type,
            "CompressionType": compression,
            "DataSource": {"S3DataSource": {"S3DataType": s3_type, "S3Uri": "s3://%s/%s/train/" % (bucket, prefix)}},
        },
        {
            "ChannelType": "validation",
            "ContentType": content_type,
            "CompressionType": compression,
            "DataSource": {"S3DataSource": {"S3DataType": s3_type, "S3Uri": "s3://%s/%s/validation/" % (bucket, prefix)}},
        },
    ]


def common(name, problem, bucket, times, status="Completed", secondary="Completed"):
    created, ended, modified = times
    return {
        "AutoMLJobName": name,
        "AutoMLJobArn": arn("automl-job", name),
        "OutputDataConfig": {
            "KmsKeyId": "arn:aws:kms:%s:%s:key/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d" % (REGION, ACCOUNT),
            "S3OutputPath": "s3://%s/output/%s/" % (bucket, name),
        },
        "RoleArn": "arn:aws:iam::%s:role/service-role/AmazonSageMaker-ExecutionRole-20231124T104000" % ACCOUNT,
        "AutoMLProblemTypeConfigName": problem,
        "CreationTime": created,
        "EndTime": ended,
        "LastModifiedTime": modified,
        "AutoMLJobStatus": status,
        "AutoMLJobSecondaryStatus": secondary,
        "AutoMLJobArtifacts": {
            "CandidateDefinitionNotebookLocation": "s3://%s/output/%s/sagemaker-automl-candidates/notebooks/SageMakerAutopilotCandidateDefinitionNotebook.ipynb" % (bucket, name),
            "DataExplorationNotebookLocation": "s3://%s/output/%s/sagemaker-automl-candidates/notebooks/SageMakerAutopilotDataExplorationNotebook.ipynb" % (bucket, name),
        },
        "ModelDeployConfig": {"AutoGenerateEndpointName": False, "EndpointName": name + "-ep"},
        "ModelDeployResult": {"EndpointName": name + "-ep"},
        "DataSplitConfig": {"ValidationFraction": 0.2},
        "SecurityConfig": {
            "VolumeKmsKeyId": "arn:aws:kms:%s:%s:key/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a" % (REGION, ACCOUNT),
            "EnableInterContainerTrafficEncryption": True,
            "VpcConfig": {
                "SecurityGroupIds": ["sg-0a1b2c3d4e5f60718"],
                "Subnets": ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
            },
        },
        "AutoMLComputeConfig": {
            "EmrServerlessComputeConfig": {
                "ExecutionRoleARN": "arn:aws:iam::%s:role/AutoMLEmrServerlessExecutionRole" % ACCOUNT,
            },
        },
    }


def steps(job, candidate, kinds):
    out = []
    for kind, suffix in kinds:
        resource = {"AWS::SageMaker::TrainingJob": "training-job", "AWS::SageMaker::TransformJob": "transform-job", "AWS::SageMaker::ProcessingJob": "processing-job"}[kind]
        step_name = "%s-%s" % (candidate, suffix)
        out.append({"CandidateStepType": kind, "CandidateStepArn": arn(resource, step_name), "CandidateStepName": step_name})
    return out


def container(image, model_data, environment):
    return {"Image": image, "ModelDataUrl": model_data, "Environment": environment}


def candidate(job, name, times, metric, metric_type, value, steps_, containers, cpu, gpu, artifacts, metrics, status="Completed", objective_status="Succeeded", failure=None, standard=None):
    created, ended, modified = times
    out = {
        "CandidateName": name,
        "FinalAutoMLJobObjectiveMetric": {"Type": metric_type, "MetricName": metric, "Value": value, "StandardMetricName": standard or metric},
        "ObjectiveStatus": objective_status,
        "CandidateSteps": steps_,
        "CandidateStatus": status,
        "InferenceContainers": containers,
        "CreationTime": created,
        "EndTime": ended,
        "LastModifiedTime": modified,
        "FailureReason": failure,
        "CandidateProperties": {"CandidateArtifactLocations": artifacts, "CandidateMetrics": metrics},
        "InferenceContainerDefinitions": {"CPU": cpu, "GPU": gpu},
    }
    return out


def metric(name, value, set_, standard=None):
    return {"MetricName": name, "StandardMetricName": standard or name, "Value": value, "Set": set_}


def criteria(max_candidates, per_job, total):
    return {"MaxCandidates": max_candidates, "MaxRuntimePerTrainingJobInSeconds": per_job, "MaxAutoMLJobRuntimeInSeconds": total}


ECR = "683313688378.dkr.ecr.%s.amazonaws.com" % REGION
DLC = "763104351884.dkr.ecr.%s.amazonaws.com" % REGION


# ---------------------------------------------------------------------------------------------
# One complete response per problem type


def tabular():
    name = "churn-tabular-2023-11"
    bucket = "acme-ml-data"
    cand = "churn-tabular-2023-11-hpo-017-7a1b2c3d"
    job = common(name, "Tabular", bucket, (1700822400.123, 1700839831.987, Raw("1.70083984E9")))
    job.update({
        "AutoMLJobInputDataConfig": channels(bucket, "churn/2023-11", "text/csv;header=present"),
        "AutoMLJobObjective": {"MetricName": "F1"},
        "AutoMLProblemTypeConfig": {
            "TabularJobConfig": {
                "CandidateGenerationConfig": {"AlgorithmsConfig": [{"AutoMLAlgorithms": ["xgboost", "lightgbm", "catboost"]}]},
                "CompletionCriteria": criteria(250, 3600, 86400),
                "FeatureSpecificationS3Uri": "s3://%s/churn/feature-spec.json" % bucket,
                "Mode": "HYPERPARAMETER_TUNING",
                "GenerateCandidateDefinitionsOnly": False,
                "ProblemType": "BinaryClassification",
                "TargetAttributeName": "churned",
                "SampleWeightAttributeName": "sample_weight",
            }
        },
        "FailureReason": "Completed with warnings: the explainability report could not be generated for 1 candidate.",
        "PartialFailureReasons": [
            {"PartialFailureMessage": "ExplainabilityError: Explainability report could not be generated: ClientError: the model took too long to respond."},
            {"PartialFailureMessage": "ModelInsightsError: The model insights report is incomplete for the validation set."},
        ],
        "BestCandidate": candidate(
            name, cand, (1700825012.5, 1700826876.25, 1700826900.0), "F1", "Maximize", 0.8734,
            steps(name, cand, [("AWS::SageMaker::ProcessingJob", "dpp0"), ("AWS::SageMaker::TrainingJob", "train"), ("AWS::SageMaker::TransformJob", "dpp0-rpb")]),
            [
                container(ECR + "/sagemaker-sklearn-automl:2.5-1-cpu-py3", "s3://%s/output/%s/data-processor-models/%s-dpp0/output/model.tar.gz" % (bucket, name, cand),
                          {"AUTOML_TRANSFORM_MODE": "feature-transform", "SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT": "application/x-recordio-protobuf", "SAGEMAKER_PROGRAM": "sagemaker_serve", "SAGEMAKER_SUBMIT_DIRECTORY": "/opt/ml/model/code"}),
                container(ECR + "/sagemaker-xgboost:1.7-1-cpu-py3", "s3://%s/output/%s/tuning/churn-xgb/%s/output/model.tar.gz" % (bucket, name, cand),
                          {"MAX_CONTENT_LENGTH": "20971520", "SAGEMAKER_INFERENCE_OUTPUT": "predicted_label", "SAGEMAKER_INFERENCE_SUPPORTED": "predicted_label,probability,probabilities"}),
            ],
            [container(ECR + "/sagemaker-sklearn-automl:2.5-1-cpu-py3", "s3://%s/output/%s/cpu/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "sagemaker_serve"})],
            [container(ECR + "/sagemaker-xgboost:1.7-1-gpu-py3", "s3://%s/output/%s/gpu/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "sagemaker_serve", "CUDA_VISIBLE_DEVICES": "0"})],
            {
                "Explainability": "s3://%s/output/%s/documentation/explainability/output" % (bucket, name),
                "ModelInsights": "s3://%s/output/%s/documentation/model_monitor/output" % (bucket, name),
                "BacktestResults": "s3://%s/output/%s/documentation/backtest/output" % (bucket, name),
            },
            [
                metric("F1", 0.8734, "Validation"),
                metric("Accuracy", 0.9121, "Validation"),
                metric("AUC", 0.95125, "Validation"),
                metric("F1", 0.9012, "Train"),
                metric("F1", 0.8660, "Test"),
                metric("F1", 0.8734, "Validation", "LogLoss"),
                metric("F1", Raw("1.25E-4"), "Validation", "InferenceLatency"),
            ],
            failure="Completed: 1 of 3 explainability jobs timed out.",
        ),
        "ResolvedAttributes": {
            "AutoMLJobObjective": {"MetricName": "F1"},
            "CompletionCriteria": criteria(250, 3600, 86400),
            "AutoMLProblemTypeResolvedAttributes": {"TabularResolvedAttributes": {"ProblemType": "BinaryClassification"}},
        },
    })
    return job


def time_series():
    name = "demand-forecast-weekly"
    bucket = "acme-forecasting"
    cand = "demand-forecast-weekly-ensemble-4f5e6d"
    job = common(name, "TimeSeriesForecasting", bucket, (Raw("1.7031872E9"), 1703215999.001, 1703216000.5), secondary="Completed")
    job.update({
        "AutoMLJobInputDataConfig": channels(bucket, "demand/2023-12", "text/csv;header=present", "Gzip"),
        "AutoMLJobObjective": {"MetricName": "AverageWeightedQuantileLoss"},
        "AutoMLProblemTypeConfig": {
            "TimeSeriesForecastingJobConfig": {
                "FeatureSpecificationS3Uri": "s3://%s/demand/feature-spec.json" % bucket,
                "CompletionCriteria": criteria(10, 28800, 259200),
                "ForecastFrequency": "1W",
                "ForecastHorizon": 12,
                "ForecastQuantiles": ["p10", "p50", "p90"],
                "Transformations": {
                    "Filling": {
                        "demand": {"middlefill": "zero", "backfill": "zero", "futurefill": "zero"},
                        "price": {"middlefill": "value", "middlefill_value": "0.0", "backfill": "value", "backfill_value": "0.0", "futurefill": "value", "futurefill_value": "9.99"},
                    },
                    "Aggregation": {"demand": "sum", "price": "avg"},
                },
                "TimeSeriesConfig": {
                    "TargetAttributeName": "demand",
                    "TimestampAttributeName": "week_start",
                    "ItemIdentifierAttributeName": "sku",
                    "GroupingAttributeNames": ["store_id", "region"],
                },
                "HolidayConfig": [{"CountryCode": "US"}],
                "CandidateGenerationConfig": {"AlgorithmsConfig": [{"AutoMLAlgorithms": ["cnn-qr", "deepar", "prophet", "npts", "arima", "ets"]}]},
            }
        },
        "FailureReason": "Completed: 3 items with fewer than 2 observations were left out.",
        "PartialFailureReasons": [{"PartialFailureMessage": "3 items were dropped because they have fewer data points than the forecast horizon."}],
        "BestCandidate": candidate(
            name, cand, (1703190000.25, 1703214000.75, Raw("1.703214E9")), "AverageWeightedQuantileLoss", "Minimize", 0.0734,
            steps(name, cand, [("AWS::SageMaker::ProcessingJob", "preprocess"), ("AWS::SageMaker::TrainingJob", "ensemble"), ("AWS::SageMaker::ProcessingJob", "backtest")]),
            [
                container(ECR + "/sagemaker-sklearn-automl:2.5-1-cpu-py3", "s3://%s/output/%s/transform/model.tar.gz" % (bucket, name), {"AUTOML_TRANSFORM_MODE": "feature-transform"}),
                container(ECR + "/sagemaker-forecasting-ensemble:1.0-cpu-py3", "s3://%s/output/%s/ensemble/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "forecast_serve", "FORECAST_QUANTILES": "p10,p50,p90"}),
            ],
            [container(ECR + "/sagemaker-forecasting-ensemble:1.0-cpu-py3", "s3://%s/output/%s/ensemble/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "forecast_serve"})],
            [container(ECR + "/sagemaker-forecasting-ensemble:1.0-gpu-py3", "s3://%s/output/%s/ensemble/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "forecast_serve", "CUDA_VISIBLE_DEVICES": "0"})],
            {
                "Explainability": "s3://%s/output/%s/documentation/explainability/output" % (bucket, name),
                "ModelInsights": "s3://%s/output/%s/documentation/model_insights/output" % (bucket, name),
                "BacktestResults": "s3://%s/output/%s/documentation/backtest/output/backtest_results.csv" % (bucket, name),
            },
            [
                metric("AverageWeightedQuantileLoss", 0.0734, "Validation"),
                metric("MAPE", 0.1421, "Validation"),
                metric("WAPE", 0.0912, "Validation"),
                metric("RMSE", 37.25, "Validation"),
                metric("MASE", 0.8125, "Validation"),
            ],
            failure="Completed: the backtest of 1 window was skipped.",
        ),
        "ResolvedAttributes": {
            "AutoMLJobObjective": {"MetricName": "AverageWeightedQuantileLoss"},
            "CompletionCriteria": criteria(10, 28800, 259200),
        },
    })
    return job


def image_classification():
    name = "defect-images-v3"
    bucket = "acme-vision"
    cand = "defect-images-v3-vit-b16-0a9b8c"
    job = common(name, "ImageClassification", bucket, (1704067200.5, 1704085200.25, 1704085201.125))
    job.update({
        "AutoMLJobInputDataConfig": channels(bucket, "defects/2024-01", "application/x-image", "None", "AugmentedManifestFile"),
        "AutoMLJobObjective": {"MetricName": "Accuracy"},
        "AutoMLProblemTypeConfig": {"ImageClassificationJobConfig": {"CompletionCriteria": criteria(20, 7200, 43200)}},
        "FailureReason": "Completed: 14 images could not be decoded and were skipped.",
        "PartialFailureReasons": [{"PartialFailureMessage": "14 of 12800 images could not be decoded (corrupt JPEG) and were skipped."}],
        "BestCandidate": candidate(
            name, cand, (1704070000.0, 1704083000.5, 1704083001.0), "Accuracy", "Maximize", 0.9675,
            steps(name, cand, [("AWS::SageMaker::TrainingJob", "train")]),
            [container(DLC + "/pytorch-inference:2.1.0-gpu-py310-cu118-ubuntu20.04-sagemaker", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "inference.py", "SAGEMAKER_SUBMIT_DIRECTORY": "/opt/ml/model/code"})],
            [container(DLC + "/pytorch-inference:2.1.0-cpu-py310-ubuntu20.04-sagemaker", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "inference.py"})],
            [container(DLC + "/pytorch-inference:2.1.0-gpu-py310-cu118-ubuntu20.04-sagemaker", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"SAGEMAKER_PROGRAM": "inference.py"})],
            {
                "Explainability": "s3://%s/output/%s/documentation/explainability/output" % (bucket, name),
                "ModelInsights": "s3://%s/output/%s/documentation/model_insights/output" % (bucket, name),
                "BacktestResults": "s3://%s/output/%s/documentation/backtest/output" % (bucket, name),
            },
            [metric("Accuracy", 0.9675, "Validation"), metric("Accuracy", 0.9912, "Train"), metric("Accuracy", 0.9675, "Validation", "ValidationLoss")],
            failure="Completed: early stopping after 9 epochs.",
        ),
        "ResolvedAttributes": {"AutoMLJobObjective": {"MetricName": "Accuracy"}, "CompletionCriteria": criteria(20, 7200, 43200)},
    })
    return job


def text_classification():
    name = "support-ticket-intent"
    bucket = "acme-nlp"
    cand = "support-ticket-intent-bert-3c4d5e"
    job = common(name, "TextClassification", bucket, (1706745600.75, Raw("1.7067672E9"), 1706767200.875))
    job.update({
        "AutoMLJobInputDataConfig": channels(bucket, "tickets/2024-02", "text/csv;header=present"),
        "AutoMLJobObjective": {"MetricName": "Accuracy"},
        "AutoMLProblemTypeConfig": {"TextClassificationJobConfig": {"CompletionCriteria": criteria(15, 10800, 86400), "ContentColumn": "ticket_text", "TargetLabelColumn": "intent"}},
        "FailureReason": "Completed: 42 rows with an empty ticket_text were skipped.",
        "PartialFailureReasons": [{"PartialFailureMessage": "42 rows had an empty content column and were skipped."}],
        "BestCandidate": candidate(
            name, cand, (1706750000.5, 1706766000.5, 1706766001.5), "Accuracy", "Maximize", 0.9043,
            steps(name, cand, [("AWS::SageMaker::TrainingJob", "train"), ("AWS::SageMaker::TransformJob", "eval")]),
            [container(DLC + "/huggingface-pytorch-inference:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"HF_TASK": "text-classification", "SAGEMAKER_PROGRAM": "inference.py"})],
            [container(DLC + "/huggingface-pytorch-inference:2.0.0-transformers4.28.1-cpu-py310-ubuntu20.04", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"HF_TASK": "text-classification"})],
            [container(DLC + "/huggingface-pytorch-inference:2.0.0-transformers4.28.1-gpu-py310-cu118-ubuntu20.04", "s3://%s/output/%s/model.tar.gz" % (bucket, name), {"HF_TASK": "text-classification"})],
            {
                "Explainability": "s3://%s/output/%s/documentation/explainability/output" % (bucket, name),
                "ModelInsights": "s3://%s/output/%s/documentation/model_insights/output" % (bucket, name),
                "BacktestResults": "s3://%s/output/%s/documentation/backtest/output" % (bucket, name),
            },
            [metric("Accuracy", 0.9043, "Validation"), metric("F1macro", 0.8817, "Validation"), metric("PrecisionMacro", 0.8901, "Validation"), metric("RecallMacro", 0.8755, "Validation")],
            failure="Completed: tokenizer truncated 311 tickets to 512 tokens.",
        ),
        "ResolvedAttributes": {"AutoMLJobObjective": {"MetricName": "Accuracy"}, "CompletionCriteria": criteria(15, 10800, 86400)},
    })
    return job


def text_generation():
    name = "faq-assistant-llm"
    bucket = "acme-genai"
    cand = "faq-assistant-llm-falcon7b-9e8d7c"
    job = common(name, "TextGeneration", bucket, (1709251200.001, 1709287200.999, Raw("1.7092872E9")), secondary="Completed")
    job.update({
        "AutoMLJobInputDataConfig": channels(bucket, "faq/2024-03", "text/csv;header=present"),
        "AutoMLJobObjective": {"MetricName": "Accuracy"},
        "AutoMLProblemTypeConfig": {
            "TextGenerationJobConfig": {
                "CompletionCriteria": criteria(1, 72000, 72000),
                "BaseModelName": "Falcon7BInstruct",
                "TextGenerationHyperParameters": {"epochCount": "5", "learningRate": "0.000001", "batchSize": "8", "learningRateWarmupSteps": "10"},
                "ModelAccessConfig": {"AcceptEula": True},
            }
        },
        "FailureReason": "Completed: 7 prompt/completion pairs exceeded the context length and were dropped.",
        "PartialFailureReasons": [{"PartialFailureMessage": "7 training examples exceeded 2048 tokens and were dropped."}],
        "BestCandidate": candidate(
            name, cand, (1709253000.25, 1709286000.5, 1709286001.75), "Accuracy", "Minimize", 1.0421,
            steps(name, cand, [("AWS::SageMaker::TrainingJob", "finetune")]),
            [container(DLC + "/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu22.04", "s3://%s/output/%s/model/" % (bucket, name), {"HF_MODEL_ID": "/opt/ml/model", "SM_NUM_GPUS": "1", "MAX_INPUT_LENGTH": "1024", "MAX_TOTAL_TOKENS": "2048"})],
            [container(DLC + "/djl-inference:0.26.0-cpu-full", "s3://%s/output/%s/model/" % (bucket, name), {"OPTION_ENGINE": "Python"})],
            [container(DLC + "/huggingface-pytorch-tgi-inference:2.1.1-tgi1.4.0-gpu-py310-cu121-ubuntu22.04", "s3://%s/output/%s/model/" % (bucket, name), {"HF_MODEL_ID": "/opt/ml/model", "SM_NUM_GPUS": "1"})],
            {
                "Explainability": "s3://%s/output/%s/documentation/explainability/output" % (bucket, name),
                "ModelInsights": "s3://%s/output/%s/documentation/model_insights/output" % (bucket, name),
                "BacktestResults": "s3://%s/output/%s/documentation/backtest/output" % (bucket, name),
            },
            [
                metric("Accuracy", 1.0421, "Validation", "ValidationLoss"),
                metric("Accuracy", 0.8764, "Train", "TrainingLoss"),
                metric("Accuracy", 2.8352, "Validation", "Perplexity"),
                metric("Accuracy", 0.4123, "Validation", "Rouge1"),
                metric("Accuracy", 0.2311, "Validation", "Rouge2"),
                metric("Accuracy", 0.3874, "Validation", "RougeL"),
                metric("Accuracy", 0.3901, "Validation", "RougeLSum"),
            ],
            failure="Completed: fine-tuning stopped at epoch 4 of 5 (no improvement).",
        ),
        "ResolvedAttributes": {
            "AutoMLJobObjective": {"MetricName": "Accuracy"},
            "CompletionCriteria": criteria(1, 72000, 72000),
            "AutoMLProblemTypeResolvedAttributes": {"TextGenerationResolvedAttributes": {"BaseModelName": "Falcon7BInstruct"}},
        },
    })
    return job


COMPLETE = {
    "describe-tabular.json": ("TabularJobConfig", tabular),
    "describe-timeseries.json": ("TimeSeriesForecastingJobConfig", time_series),
    "describe-image-classification.json": ("ImageClassificationJobConfig", image_classification),
    "describe-text-classification.json": ("TextClassificationJobConfig", text_classification),
    "describe-text-generation.json": ("TextGenerationJobConfig", text_generation),
}

# Members that have no meaningful value for a problem type (path from the response root).
NOT_MEANINGFUL = {
    "describe-timeseries.json": {"ResolvedAttributes.AutoMLProblemTypeResolvedAttributes"},
    "describe-image-classification.json": {"ResolvedAttributes.AutoMLProblemTypeResolvedAttributes"},
    "describe-text-classification.json": {"ResolvedAttributes.AutoMLProblemTypeResolvedAttributes"},
}


# ---------------------------------------------------------------------------------------------
# Values and members the model does not know


def unknown_enums():
    job = tabular()
    job["AutoMLJobName"] = "paused-job"
    job["AutoMLJobArn"] = arn("automl-job", "paused-job")
    job["AutoMLJobStatus"] = "Paused"
    job["AutoMLJobSecondaryStatus"] = "WaitingForCapacity"
    job["AutoMLProblemTypeConfigName"] = "TabularRanking"
    job["AutoMLJobObjective"] = {"MetricName": "validation:f1_binary"}
    config = job["AutoMLProblemTypeConfig"]["TabularJobConfig"]
    config["Mode"] = "AGENTIC"
    config["ProblemType"] = "Ranking"
    config["CandidateGenerationConfig"] = {"AlgorithmsConfig": [{"AutoMLAlgorithms": ["xgboost", "tabpfn"]}]}
    job["AutoMLJobInputDataConfig"][0]["ChannelType"] = "holdout"
    job["AutoMLJobInputDataConfig"][0]["CompressionType"] = "Zstd"
    job["AutoMLJobInputDataConfig"][0]["DataSource"]["S3DataSource"]["S3DataType"] = "DeltaTable"
    best = job["BestCandidate"]
    best["FinalAutoMLJobObjectiveMetric"] = {"Type": "Balance", "MetricName": "validation:f1_binary", "Value": 0.8734, "StandardMetricName": "validation:f1_binary"}
    best["ObjectiveStatus"] = "Deferred"
    best["CandidateStatus"] = "Paused"
    best["CandidateSteps"][0]["CandidateStepType"] = "AWS::SageMaker::HyperPodJob"
    best["InferenceContainerDefinitions"]["TPU"] = [container("123456789012.dkr.ecr.us-east-1.amazonaws.com/tpu-serve:1", "s3://acme-ml-data/tpu/model.tar.gz", {"X": "1"})]
    best["CandidateProperties"]["CandidateMetrics"].append({"MetricName": "validation:f1_binary", "StandardMetricName": "F2", "Value": 0.81, "Set": "Holdout"})
    job["ResolvedAttributes"]["AutoMLProblemTypeResolvedAttributes"]["TabularResolvedAttributes"]["ProblemType"] = "Ranking"
    return job


def unknown_union():
    job = tabular()
    job["AutoMLJobName"] = "future-problem-type"
    job["AutoMLJobArn"] = arn("automl-job", "future-problem-type")
    job["AutoMLProblemTypeConfigName"] = "VideoClassification"
    job["AutoMLProblemTypeConfig"] = {
        "__type": "com.amazonaws.sagemaker#FutureJobConfig",
        "FutureJobConfig": {
            "CompletionCriteria": criteria(5, 3600, 7200),
            "FrameSamplingRate": 2.5,
            "Labels": ["scratch", "dent"],
            "Nested": {"Deeper": {"Deepest": [1, 2, 3]}},
        },
    }
    job["ResolvedAttributes"]["AutoMLProblemTypeResolvedAttributes"] = {
        "__type": "com.amazonaws.sagemaker#FutureResolvedAttributes",
        "FutureResolvedAttributes": {"FrameCount": 1200},
    }
    return job


def unknown_fields():
    job = tabular()
    job["AutoMLJobName"] = "new-fields-job"
    job["AutoMLJobArn"] = arn("automl-job", "new-fields-job")
    extra = {
        "FutureString": "added in 2026",
        "FutureNumber": Raw("1.5E300"),
        "FutureInteger": 42,
        "FutureBool": True,
        "FutureNull": None,
        "FutureArray": [1, "two", {"three": [3]}, None, [[]]],
        "FutureObject": {"Nested": {"List": [{"A": 1}, {"B": [True, False]}]}, "Empty": {}},
        "AutoMLJobTags": [{"Key": "team", "Value": "churn"}],
    }
    # Unknown members first, so that the known ones after them must still be read.
    ordered = dict(extra)
    ordered.update(job)
    ordered["BestCandidate"] = dict({"FutureCandidateField": {"Score": [0.1, 0.2]}}, **job["BestCandidate"])
    ordered["BestCandidate"]["CandidateSteps"][0]["FutureStepField"] = "x"
    ordered["BestCandidate"]["InferenceContainerDefinitions"]["CPU"][0]["FutureContainerField"] = {"Gpu": False}
    ordered["SecurityConfig"]["VpcConfig"]["FutureVpcField"] = ["vpc-0abc"]
    ordered["ResolvedAttributes"]["AutoMLProblemTypeResolvedAttributes"]["TabularResolvedAttributes"]["FutureResolved"] = 1
    return ordered


# ---------------------------------------------------------------------------------------------
# ListAutoMLJobs


def summary(name, status, secondary, times, failure=None, partial=None):
    created, ended, modified = times
    out = {
        "AutoMLJobName": name,
        "AutoMLJobArn": arn("automl-job", name),
        "AutoMLJobStatus": status,
        "AutoMLJobSecondaryStatus": secondary,
        "CreationTime": created,
        "LastModifiedTime": modified,
    }
    if ended is not None:
        out["EndTime"] = ended
    if failure is not None:
        out["FailureReason"] = failure
    if partial is not None:
        out["PartialFailureReasons"] = [{"PartialFailureMessage": m} for m in partial]
    return out


def list_page_1():
    return {
        "AutoMLJobSummaries": [
            summary("churn-nightly-0312", "InProgress", "TrainingModels", (1710201600.5, None, 1710205200.25)),
            summary("churn-nightly-0311", "Completed", "Completed", (1710115200.125, 1710130000.5, Raw("1.71013E9")),
                    failure="Completed with warnings.", partial=["ExplainabilityError: the explainability report could not be generated."]),
            summary("churn-nightly-0310", "Failed", "Failed", (1710028800.0, 1710030000.0, 1710030000.001),
                    failure="ClientError: The target attribute 'churned' was not found in the training data."),
        ],
        "NextToken": "eyJDcmVhdGlvblRpbWUiOjE3MTAwMjg4MDAuMCwiTmFtZSI6ImNodXJuLW5pZ2h0bHktMDMxMCJ9",
    }


def list_page_2():
    return {
        "AutoMLJobSummaries": [
            summary("churn-nightly-0309", "Stopped", "Stopped", (1709942400.75, 1709943000.0, 1709943000.0)),
            summary("churn-weekly-0308", "Completed", "MaxCandidatesReached", (1709856000.0, 1709870000.25, 1709870000.5)),
        ],
        "FutureListField": {"x": 1},
    }


def list_empty():
    return {"AutoMLJobSummaries": []}


# ---------------------------------------------------------------------------------------------
# ListCandidatesForAutoMLJob


def leaderboard_candidate(job, number, value, times, status="Completed", objective_status="Succeeded", failure=None):
    """A tabular HPO candidate of the job; value None: no FinalAutoMLJobObjectiveMetric (a failed candidate)."""
    bucket = "acme-ml-data"
    name = "%s-hpo-%03d-%08x" % (job, number, 0x7a1b2c3d + number * 7919)
    out = candidate(
        job, name, times, "F1", "Maximize", value,
        steps(job, name, [("AWS::SageMaker::ProcessingJob", "dpp0"), ("AWS::SageMaker::TrainingJob", "train"), ("AWS::SageMaker::TransformJob", "dpp0-rpb")]),
        [container(ECR + "/sagemaker-xgboost:1.7-1-cpu-py3", "s3://%s/output/%s/tuning/%s/output/model.tar.gz" % (bucket, job, name),
                   {"MAX_CONTENT_LENGTH": "20971520", "SAGEMAKER_INFERENCE_OUTPUT": "predicted_label"})],
        [container(ECR + "/sagemaker-xgboost:1.7-1-cpu-py3", "s3://%s/output/%s/cpu/%s/model.tar.gz" % (bucket, job, name), {"SAGEMAKER_PROGRAM": "sagemaker_serve"})],
        [container(ECR + "/sagemaker-xgboost:1.7-1-gpu-py3", "s3://%s/output/%s/gpu/%s/model.tar.gz" % (bucket, job, name), {"SAGEMAKER_PROGRAM": "sagemaker_serve", "CUDA_VISIBLE_DEVICES": "0"})],
        {
            "Explainability": "s3://%s/output/%s/documentation/explainability/%s" % (bucket, job, name),
            "ModelInsights": "s3://%s/output/%s/documentation/model_monitor/%s" % (bucket, job, name),
            "BacktestResults": "s3://%s/output/%s/documentation/backtest/%s" % (bucket, job, name),
        },
        [metric("F1", value if value is not None else 0.0, "Validation"), metric("Accuracy", 0.9121, "Validation"), metric("F1", Raw("1.25E-4"), "Validation", "InferenceLatency")],
        status=status, objective_status=objective_status, failure=failure)
    if value is None:
        del out["FinalAutoMLJobObjectiveMetric"]
        del out["CandidateProperties"]
        del out["InferenceContainers"]
        del out["InferenceContainerDefinitions"]
        del out["EndTime"]
    elif failure is None:
        del out["FailureReason"]
    return out


def candidates_page_1():
    job = "churn-tabular-2023-11"
    return {
        "Candidates": [
            leaderboard_candidate(job, 17, 0.8734, (1700825012.5, 1700826876.25, 1700826900.0), failure="Completed: 1 of 3 explainability jobs timed out."),
            leaderboard_candidate(job, 9, 0.8711, (1700824400.0, Raw("1.7008262E9"), 1700826200.5)),
            leaderboard_candidate(job, 23, 0.8711, (1700825600.25, 1700827400.0, 1700827400.0)),
            leaderboard_candidate(job, 4, None, (1700823800.0, None, 1700824100.0), status="Failed", objective_status="Failed",
                                  failure="AlgorithmError: ExecuteUserScriptError: the training container ran out of memory."),
        ],
        "NextToken": "eyJGaW5hbE9iamVjdGl2ZU1ldHJpY1ZhbHVlIjowLjg3MTEsIkNhbmRpZGF0ZU5hbWUiOiJjaHVybi10YWJ1bGFyLTIwMjMtMTEtaHBvLTAyMyJ9",
    }


def candidates_page_2():
    job = "churn-tabular-2023-11"
    paused = leaderboard_candidate(job, 31, 0.8502, (1700826000.0, 1700828000.0, 1700828000.0), status="Paused", objective_status="Deferred")
    paused["FinalAutoMLJobObjectiveMetric"] = {"Type": "Balance", "MetricName": "validation:f1_binary", "Value": 0.8502, "StandardMetricName": "validation:f1_binary"}
    paused["CandidateSteps"][0]["CandidateStepType"] = "AWS::SageMaker::HyperPodJob"
    paused["CandidateProperties"]["CandidateMetrics"].append({"MetricName": "validation:f1_binary", "StandardMetricName": "F2", "Value": 0.81, "Set": "Holdout"})
    paused["InferenceContainerDefinitions"]["TPU"] = [container("123456789012.dkr.ecr.us-east-1.amazonaws.com/tpu-serve:1", "s3://acme-ml-data/tpu/model.tar.gz", {"X": "1"})]
    # Unknown members first, so that the known ones after them must still be read.
    future = dict({"FutureCandidateField": {"Score": [0.1, 0.2]}, "CandidateTags": [{"Key": "team", "Value": "churn"}]}, **paused)
    return {"FutureListField": {"Shards": 2}, "Candidates": [future]}


# ---------------------------------------------------------------------------------------------
# Checking against the model


class Problems(list):
    def add(self, where, text):
        self.append("%s: %s" % (where or "$", text))


def check(shape, value, where, problems, missing, strict):
    kind = shape.type_name
    if isinstance(value, Raw):
        value = value.value
    if kind == "structure":
        if not isinstance(value, dict):
            return problems.add(where, "expected an object for %s" % shape.name)
        is_union = bool(shape.metadata.get("union"))
        known = [k for k in value if k in shape.members]
        for key in value:
            if key not in shape.members and strict:
                problems.add(where, "%s is not a member of %s" % (key, shape.name))
        if is_union and len(known) > 1:
            problems.add(where, "union %s has %d members set" % (shape.name, len(known)))
        if not is_union:
            for member in shape.members:
                if member not in value or value[member] is None:
                    missing.add((where + "." if where else "") + member)
        for key in known:
            if value[key] is not None:
                check(shape.members[key], value[key], (where + "." if where else "") + key, problems, missing, strict)
    elif kind == "list":
        if not isinstance(value, list) or not value:
            return problems.add(where, "expected a non-empty list for %s" % shape.name)
        for i, item in enumerate(value):
            check(shape.member, item, "%s[%d]" % (where, i), problems, missing, strict)
    elif kind == "map":
        if not isinstance(value, dict) or not value:
            return problems.add(where, "expected a non-empty map for %s" % shape.name)
        for key, item in value.items():
            check(shape.key, key, "%s{key %s}" % (where, key), problems, missing, strict)
            check(shape.value, item, "%s[%s]" % (where, key), problems, missing, strict)
    elif kind == "string":
        if not isinstance(value, str):
            return problems.add(where, "expected a string")
        if strict and shape.enum and value not in shape.enum:
            problems.add(where, "%r is not a %s value" % (value, shape.name))
        if strict and value == "":
            problems.add(where, "empty string")
    elif kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(where, "expected an integer")
    elif kind in ("float", "double"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(where, "expected a number")
    elif kind == "boolean":
        if not isinstance(value, bool):
            problems.add(where, "expected a boolean")
    elif kind == "timestamp":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (1.6e9 < value < 1.8e9):
            problems.add(where, "expected epoch seconds in 2020..2027")
    else:
        problems.add(where, "unhandled model type " + kind)


def to_json(value):
    raws = []

    def default(o):
        if isinstance(o, Raw):
            raws.append(o.text)
            return "@@RAW%d@@" % (len(raws) - 1)
        raise TypeError(o)

    text = json.dumps(value, indent=2, default=default, ensure_ascii=False)
    for i, raw in enumerate(raws):
        text = text.replace('"@@RAW%d@@"' % i, raw)
    json.loads(text)
    return text + "\n"


def main():
    describe = MODEL.operation_model("DescribeAutoMLJobV2").output_shape
    listing = MODEL.operation_model("ListAutoMLJobs").output_shape
    candidates = MODEL.operation_model("ListCandidatesForAutoMLJob").output_shape
    problems = Problems()
    outputs = {}

    for file_name, (union_member, make) in COMPLETE.items():
        job = make()
        missing = set()
        check(describe, job, "", problems, missing, strict=True)
        set_members = [k for k in job["AutoMLProblemTypeConfig"]]
        if set_members != [union_member]:
            problems.add(file_name, "AutoMLProblemTypeConfig should hold %s, holds %s" % (union_member, set_members))
        unexpected = sorted(missing - NOT_MEANINGFUL.get(file_name, set()))
        for path in unexpected:
            problems.add(file_name, "no value for %s" % path)
        outputs[file_name] = job

    for file_name, make in {"describe-unknown-enums.json": unknown_enums, "describe-unknown-union.json": unknown_union, "describe-unknown-fields.json": unknown_fields}.items():
        check(describe, make(), "", problems, set(), strict=False)
        outputs[file_name] = make()

    for file_name, make in {"list-page-1.json": list_page_1, "list-page-2.json": list_page_2, "list-empty.json": list_empty}.items():
        page = make()
        check(listing, {k: v for k, v in page.items() if k in listing.members and v}, "", problems, set(), strict=True) if page["AutoMLJobSummaries"] else None
        outputs[file_name] = page

    page = candidates_page_1()
    missing = set()
    check(candidates, page, "", problems, missing, strict=True)
    for path in sorted(m for m in missing if m.startswith("Candidates[0].")):
        problems.add("candidates-page-1.json", "no value for %s" % path)
    outputs["candidates-page-1.json"] = page
    check(candidates, candidates_page_2(), "", problems, set(), strict=False)
    outputs["candidates-page-2.json"] = candidates_page_2()

    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)

    for file_name, value in outputs.items():
        with open(os.path.join(HERE, file_name), "w", encoding="utf-8", newline="\n") as f:
            f.write(to_json(value))
    print("wrote %d fixtures" % len(outputs), file=sys.stderr)


if __name__ == "__main__":
    main()
