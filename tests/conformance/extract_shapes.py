#!/usr/bin/env python3
"""Extract the shapes of the DescribeAutoMLJobV2, ListAutoMLJobs and ListCandidatesForAutoMLJob
responses from the official SageMaker service model shipped with botocore, into a JSON data file
that the conformance test (tests/AutoMLV2.Tests/ConformanceTests.cs) compares with our C# model;
and the members of their requests with their constraints (enum values, ranges, lengths, pattern,
required), which the request marshaller tests check what we send against.

Re-run when AWS adds members:  python3 tests/conformance/extract_shapes.py
"""
import json
import os
import sys

import botocore
import botocore.session

OPERATIONS = ["DescribeAutoMLJobV2", "ListAutoMLJobs", "ListCandidatesForAutoMLJob"]


def describe(shape):
    """The part of a member's target shape that the conformance test checks."""
    kind = shape.type_name
    if kind == "structure" and shape.metadata.get("union"):
        kind = "union"
    entry = {"shape": shape.name, "type": kind}
    if kind == "string" and shape.enum:
        entry["enum"] = list(shape.enum)
    if kind == "list":
        entry["member"] = describe(shape.member)
    if kind == "map":
        entry["key"] = describe(shape.key)
        entry["value"] = describe(shape.value)
    return entry


def request_members(shape):
    """Each member of a request: its type (as describe) and the constraints the service checks."""
    members = {}
    for name, member in shape.members.items():
        entry = describe(member)
        for key in ("min", "max", "pattern"):
            if key in member.metadata:
                entry[key] = member.metadata[key]
        entry["required"] = name in shape.required_members
        members[name] = entry
    return members


def walk(shape, out):
    if shape.name in out:
        return
    if shape.type_name == "structure":
        kind = "union" if shape.metadata.get("union") else "structure"
        out[shape.name] = {"type": kind, "members": {}}
        for name, member in shape.members.items():
            out[shape.name]["members"][name] = describe(member)
            walk(member, out)
    elif shape.type_name == "list":
        walk(shape.member, out)
    elif shape.type_name == "map":
        walk(shape.key, out)
        walk(shape.value, out)


def main():
    model = botocore.session.get_session().get_service_model("sagemaker")
    operations = {}
    for op_name in OPERATIONS:
        op = model.operation_model(op_name)
        shapes = {}
        walk(op.output_shape, shapes)
        operations[op_name] = {
            "output": op.output_shape.name,
            "shapes": shapes,
            "input": {"shape": op.input_shape.name, "members": request_members(op.input_shape)},
        }
    data = {
        "source": "botocore %s sagemaker/%s/service-2.json" % (botocore.__version__, model.api_version),
        "operations": operations,
    }
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sagemaker-shapes.json")
    with open(target, "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    counts = {op: len(v["shapes"]) for op, v in operations.items()}
    print("wrote %s (%s)" % (target, counts), file=sys.stderr)


if __name__ == "__main__":
    main()
