namespace AutoMLV2.Tests.Engine.Connection;

using System;
using System.IO;
using Amazon.Runtime;
using AutoMLV2.Engine;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>A role profile with mfa_serial asks for the code through the host of the running command.</summary>
public sealed class MfaPromptTests
{
    private const string Serial = "arn:aws:iam::123456789012:mfa/ops-user";

    [Fact]
    public void ARoleProfileWithAnMfaDeviceAsksTheRunningCommandsHostForTheCode()
    {
        var folder = Directory.CreateTempSubdirectory("automlv2-mfa-");
        try
        {
            var path = Path.Combine(folder.FullName, "credentials");
            File.WriteAllText(path, $"[base]\naws_access_key_id = AKIAFILEBASE00001\naws_secret_access_key = base-secret\n\n[mfa]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = base\nmfa_serial = {Serial}\nregion = eu-west-1\n");
            var h = new ConnectionResolverTests.Harness { ProfileFactory = SdkCredentialProfileSource.For };

            var connection = h.Resolve(new ConnectionSettings { ProfileName = "mfa", ProfileLocation = path });

            var options = Assert.IsType<AssumeRoleAWSCredentials>(connection.Credentials).Options;
            Assert.Equal(Serial, options.MfaSerialNumber);
            var host = new RecordingLog { SecretAnswer = "123456" };
            using (InvocationLog.Use(host))
            {
                Assert.Equal("123456", options.MfaTokenCode);
            }

            Assert.Equal($"MFA code for {Serial} (profile 'mfa')", Assert.Single(host.Prompts));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ASessionThatCannotAskSaysWhatToDoInstead()
    {
        var credentials = MfaCredentials();
        MfaPrompt.Attach(credentials, "mfa");

        using (InvocationLog.Use(new RecordingLog { SecretAnswer = null }))
        {
            var e = Assert.Throws<InvalidOperationException>(() => credentials.Options.MfaTokenCode);
            Assert.Contains("needs an MFA code from " + Serial, e.Message, StringComparison.Ordinal);
            Assert.Contains("non-interactive", e.Message, StringComparison.Ordinal);
            Assert.Contains("interactive PowerShell session", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WithoutARunningCommandNobodyIsAsked()
    {
        var credentials = MfaCredentials();
        MfaPrompt.Attach(credentials, "mfa");

        var e = Assert.Throws<InvalidOperationException>(() => credentials.Options.MfaTokenCode);
        Assert.Contains("no command is running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsWithoutAnMfaDeviceAreLeftAlone()
    {
        var plain = new AssumeRoleAWSCredentials(new BasicAWSCredentials("AKIAEXAMPLE000001", "s"), "arn:aws:iam::123456789012:role/ops", "session", new AssumeRoleAWSCredentialsOptions());

        MfaPrompt.Attach(plain, "role");

        Assert.Null(plain.Options.MfaTokenCodeCallback);
    }

    private static AssumeRoleAWSCredentials MfaCredentials()
        => new(new BasicAWSCredentials("AKIAEXAMPLE000001", "s"), "arn:aws:iam::123456789012:role/ops", "session", new AssumeRoleAWSCredentialsOptions { MfaSerialNumber = Serial });
}
