#!/usr/bin/env python3
"""Create the harness identities in moto IAM, in two accounts: in each, a policy allowing "*" (moto has no
AWS managed policies, so arn:aws:iam::aws:policy/AdministratorAccess does not exist there), a user with that
policy and an access key, and a role the user may assume (through moto STS) with the same policy. The
second account's role also trusts the first account's user (a cross-account role).

The first account is moto's default one (123456789012: keys moto does not know act there); the second
(SECOND_ACCOUNT) is reached with moto's x-moto-account-id header, which the front layer honours only while
auth is still off. Each key then acts in its own account: moto maps IAM-created keys to their account.

Exactly ACTIONS requests are made (6 per account), so a server started with
INITIAL_NO_AUTH_ACTION_COUNT=ACTIONS (and nothing else talking to it first) verifies SigV4 and IAM policies
for every later request.

    python3 tests/moto/bootstrap_iam.py --endpoint http://127.0.0.1:PORT [--region us-east-1]
prints {"AccessKey", "SecretKey", "UserArn", "RoleArn", "PolicyArn", "Account" (the first account's),
"Accounts": [{"AccountId", "AccessKey", "SecretKey", "UserArn", "RoleArn", "PolicyArn"} x 2]} as JSON.
"""
import argparse
import json

import boto3
from botocore.config import Config

ACTIONS = 12
SECOND_ACCOUNT = "111122223333"
USER, ROLE, POLICY = "automl-harness", "automl-harness-role", "automl-harness-allow-all"
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def iam_client(endpoint, region):
    """One IAM client for both accounts: requests go to the account in its .target["account"] (None: the default)."""
    iam = boto3.session.Session().client(
        "iam", endpoint_url=endpoint, region_name=region,
        aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap",
        config=Config(retries={"max_attempts": 1}))
    iam.target = {"account": None}

    def add_header(request, **_):
        if iam.target["account"]:
            request.headers["x-moto-account-id"] = iam.target["account"]
    iam.meta.events.register("before-sign.iam.*", add_header)
    return iam


def bootstrap_account(iam, account=None, trusted=()):
    iam.target["account"] = account
    policy_arn = iam.create_policy(PolicyName=POLICY, PolicyDocument=json.dumps(ALLOW_ALL))["Policy"]["Arn"]
    user_arn = iam.create_user(UserName=USER)["User"]["Arn"]
    iam.attach_user_policy(UserName=USER, PolicyArn=policy_arn)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    account_id = user_arn.split(":")[4]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole",
        "Principal": {"AWS": [user_arn, f"arn:aws:iam::{account_id}:root", *trusted]}}]}
    role_arn = iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=policy_arn)
    return {"AccountId": account_id, "AccessKey": key["AccessKeyId"], "SecretKey": key["SecretAccessKey"],
            "UserArn": user_arn, "RoleArn": role_arn, "PolicyArn": policy_arn}


def bootstrap(endpoint, region="us-east-1"):
    iam = iam_client(endpoint, region)
    first = bootstrap_account(iam)
    second = bootstrap_account(iam, SECOND_ACCOUNT, trusted=[first["UserArn"]])
    return {"AccessKey": first["AccessKey"], "SecretKey": first["SecretKey"], "UserArn": first["UserArn"],
            "RoleArn": first["RoleArn"], "PolicyArn": first["PolicyArn"], "Account": first["AccountId"],
            "Accounts": [first, second]}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    print(json.dumps(bootstrap(args.endpoint, args.region)))
