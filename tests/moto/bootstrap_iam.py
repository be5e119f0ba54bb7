#!/usr/bin/env python3
"""Create the harness identity in moto IAM: a policy allowing "*" (moto has no AWS managed
policies, so arn:aws:iam::aws:policy/AdministratorAccess does not exist there), a user with that
policy and an access key, and a role the user may assume (through moto STS) with the same policy.

Exactly ACTIONS requests are made, so a server started with INITIAL_NO_AUTH_ACTION_COUNT=ACTIONS
(and nothing else talking to it first) verifies SigV4 and IAM policies for every later request.

    python3 tests/moto/bootstrap_iam.py --endpoint http://127.0.0.1:PORT [--region us-east-1]
prints {"AccessKey", "SecretKey", "UserArn", "RoleArn", "PolicyArn"} as JSON.
"""
import argparse
import json

import boto3
from botocore.config import Config

ACTIONS = 6
USER, ROLE, POLICY = "automl-harness", "automl-harness-role", "automl-harness-allow-all"
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def bootstrap(endpoint, region="us-east-1"):
    iam = boto3.session.Session().client(
        "iam", endpoint_url=endpoint, region_name=region,
        aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap",
        config=Config(retries={"max_attempts": 1}))
    policy_arn = iam.create_policy(PolicyName=POLICY, PolicyDocument=json.dumps(ALLOW_ALL))["Policy"]["Arn"]
    user_arn = iam.create_user(UserName=USER)["User"]["Arn"]
    iam.attach_user_policy(UserName=USER, PolicyArn=policy_arn)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    account = user_arn.split(":")[4]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"AWS": [user_arn, f"arn:aws:iam::{account}:root"]}}]}
    role_arn = iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=policy_arn)
    return {"AccessKey": key["AccessKeyId"], "SecretKey": key["SecretAccessKey"],
            "UserArn": user_arn, "RoleArn": role_arn, "PolicyArn": policy_arn, "Account": account}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    print(json.dumps(bootstrap(args.endpoint, args.region)))
