namespace AutoMLV2.Tests.Engine.Connection;

using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime;
using AutoMLV2.Internal;
using Xunit;

/// <summary>
/// The last credential fallbacks before the instance profile. The resolver decides from its
/// injected environment, but the SDK types it creates read the process environment, so these
/// tests set both (and restore the process environment). Neither type contacts anything when
/// it is created.
/// </summary>
public sealed class ContainerAndWebIdentityTests
{
    [Fact]
    public void ContainerCredentialsAreUsedWhenTheContainerVariablesAreSet()
    {
        var variables = new Dictionary<string, string?> { ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/5f3b1c2d-0000-4000-8000-000000000000" };

        var c = WithProcessEnvironment(variables, () => Resolve(variables));

        Assert.IsType<GenericContainerCredentials>(c.Credentials);
        Assert.Contains("container", c.CredentialSource);
    }

    [Fact]
    public void WebIdentityIsUsedBeforeContainerCredentials()
    {
        var token = Path.GetTempFileName();
        try
        {
            File.WriteAllText(token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6bWw6YXV0b21sIn0.c2ln");
            var variables = new Dictionary<string, string?>
            {
                ["AWS_WEB_IDENTITY_TOKEN_FILE"] = token,
                ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/automl-irsa",
                ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/x",
            };

            var c = WithProcessEnvironment(variables, () => Resolve(variables));

            Assert.IsType<AssumeRoleWithWebIdentityCredentials>(c.Credentials);
            Assert.Contains("web identity", c.CredentialSource);
        }
        finally
        {
            File.Delete(token);
        }
    }

    [Fact]
    public void EnvironmentKeysBeatTheContainer()
    {
        var variables = new Dictionary<string, string?>
        {
            ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/x",
            ["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT01",
            ["AWS_SECRET_ACCESS_KEY"] = "s",
        };

        var c = WithProcessEnvironment(variables, () => Resolve(variables));

        Assert.Equal("AKIAENVIRONMENT01", c.Credentials.GetCredentials().AccessKey);
    }

    private static AutoMLV2.Engine.Connection.ResolvedConnection Resolve(Dictionary<string, string?> variables)
    {
        var environment = new Dictionary<string, string?>(variables) { ["AWS_EC2_METADATA_DISABLED"] = "true" };
        var harness = new ConnectionResolverTests.Harness();
        foreach (var (name, value) in environment)
        {
            harness.Env[name] = value;
        }

        return harness.Resolve(new ConnectionSettings { Region = "us-east-1" });
    }

    private static T WithProcessEnvironment<T>(Dictionary<string, string?> variables, Func<T> action)
    {
        var saved = new Dictionary<string, string?>();
        foreach (var (name, value) in variables)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            return action();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
