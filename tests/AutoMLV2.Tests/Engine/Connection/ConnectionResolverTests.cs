extern alias foreign;

namespace AutoMLV2.Tests.Engine.Connection;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Amazon.Runtime;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;
using AutoMLV2.Tests.Support;
using Xunit;
using ForeignCredentialsType = foreign::Amazon.Runtime.RotatingAWSCredentials;
using ForeignImmutable = foreign::Amazon.Runtime.ImmutableCredentials;
using ForeignStored = foreign::Amazon.PowerShell.Common.AWSPSCredentials;

/// <summary>
/// Where credentials, region and endpoint come from, in the order AWS Tools for PowerShell uses,
/// over an injected environment, in-memory profiles (or real files) and a fake instance region.
/// Every injected environment here has AWS_EC2_METADATA_DISABLED=true unless a test says
/// otherwise (AWSSDK.Core's InstanceProfileAWSCredentials contacts the metadata service as soon as
/// it is constructed; TestEnvironment points the SDK's metadata endpoint at a closed loopback port).
/// </summary>
public sealed class ConnectionResolverTests
{
    private const string ParamKey = "AKIAPARAMETER0001";
    private const string ParamSecret = "param/Secret+Key0000000000000000000000001";
    private const string EnvKey = "AKIAENVIRONMENT01";
    private const string EnvSecret = "env/Secret+Key00000000000000000000000000002";
    private const string Token = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE";

    [Fact]
    public void ExplicitKeysBeatEverythingElse()
    {
        var h = new Harness();
        h.Profiles.Add("default").Add("work", accessKey: "AKIAWORKPROFILE01");
        h.SetEnvironmentKeys();
        h.Env["AWS_PROFILE"] = "work";

        var c = h.Resolve(new ConnectionSettings
        {
            AccessKey = ParamKey,
            SecretKey = ParamSecret,
            ProfileName = "work",
            Credential = new BasicAWSCredentials("AKIACREDENTIAL001", "x"),
            StoredCredentials = "work",
            Region = "us-east-1",
        });

        Assert.Equal(ParamKey, Key(c));
        Assert.IsType<BasicAWSCredentials>(c.Credentials);
        Assert.Contains("-AccessKey/-SecretKey", c.CredentialSource);
    }

    [Fact]
    public void ExplicitKeysWithASessionTokenAreSessionCredentials()
    {
        var c = new Harness().Resolve(new ConnectionSettings { AccessKey = ParamKey, SecretKey = ParamSecret, SessionToken = Token, Region = "us-east-1" });

        Assert.IsType<SessionAWSCredentials>(c.Credentials);
        Assert.Equal(Token, c.Credentials.GetCredentials().Token);
        Assert.Contains("-SessionToken", c.CredentialSource);
    }

    [Theory]
    [InlineData(ParamKey, null, null)]
    [InlineData(null, ParamSecret, null)]
    [InlineData(null, null, Token)]
    [InlineData(ParamKey, null, Token)]
    public void IncompleteKeyParametersAreAnError(string? accessKey, string? secretKey, string? token)
    {
        var h = new Harness();
        h.SetEnvironmentKeys();

        var e = h.Fails(new ConnectionSettings { AccessKey = accessKey, SecretKey = secretKey, SessionToken = token, Region = "us-east-1" });

        Assert.Equal("IncompleteCredentialParameters", e.ErrorId);
    }

    [Fact]
    public void ProfileNameBeatsCredentialStoredCredentialsAndEnvironment()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001").Add("work", accessKey: "AKIAWORKPROFILE01");
        h.SetEnvironmentKeys();

        var c = h.Resolve(new ConnectionSettings
        {
            ProfileName = "work",
            Credential = new BasicAWSCredentials("AKIACREDENTIAL001", "x"),
            StoredCredentials = new BasicAWSCredentials("AKIASTORED0000001", "y"),
            Region = "us-east-1",
        });

        Assert.Equal("AKIAWORKPROFILE01", Key(c));
        Assert.Contains("profile 'work'", c.CredentialSource);
    }

    [Fact]
    public void AMissingProfileNameIsAnErrorEvenWhenOtherCredentialsExist()
    {
        var h = new Harness();
        h.Profiles.Add("default");
        h.SetEnvironmentKeys();
        h.Env["AWS_PROFILE"] = "default";

        var e = h.Fails(new ConnectionSettings { ProfileName = "nope", Credential = new BasicAWSCredentials("AKIACREDENTIAL001", "x"), Region = "us-east-1" });

        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("'nope'", e.Message);
    }

    [Fact]
    public void ProfileLocationIsPassedOnAndNamedWhenTheProfileIsMissing()
    {
        var h = new Harness();

        var e = h.Fails(new ConnectionSettings { ProfileName = "work", ProfileLocation = "/srv/creds/team.ini", Region = "us-east-1" });

        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("/srv/creds/team.ini", e.Message);
        Assert.Equal("/srv/creds/team.ini", h.ProfileLocations.Single());
    }

    [Fact]
    public void AnUnreadableCredentialsFileIsCredentialsFileInvalid()
    {
        var h = new Harness();
        h.Profiles.ReadFailure = new InvalidDataException("Line 3: expected '[profile name]'.");

        var e = h.Fails(new ConnectionSettings { ProfileName = "work", Region = "us-east-1" });

        Assert.Equal("CredentialsFileInvalid", e.ErrorId);
        Assert.Contains("Line 3", e.Message);
    }

    [Fact]
    public void AProfileThatCannotSupplyCredentialsIsProfileInvalid()
    {
        var h = new Harness();
        h.Profiles.Add("sso-dev");
        h.Profiles.Failing.Add("sso-dev");

        var e = h.Fails(new ConnectionSettings { ProfileName = "sso-dev", Region = "us-east-1" });

        Assert.Equal("ProfileInvalid", e.ErrorId);
        Assert.Contains("SSO session", e.Message);
    }

    [Fact]
    public void CredentialBeatsStoredCredentialsAndEnvironment()
    {
        var h = new Harness();
        h.Profiles.Add("default");
        h.SetEnvironmentKeys();

        var c = h.Resolve(new ConnectionSettings { Credential = new BasicAWSCredentials("AKIACREDENTIAL001", "x"), StoredCredentials = "default", Region = "us-east-1" });

        Assert.Equal("AKIACREDENTIAL001", Key(c));
        Assert.Contains("parameter -Credential", c.CredentialSource);
        Assert.Contains(nameof(BasicAWSCredentials), c.CredentialSource);
    }

    [Fact]
    public void ACredentialFromAnotherAwsSdkIsAskedOnEveryUse()
    {
        var n = 0;
        var foreignCredentials = new ForeignCredentialsType(() => { n++; return new ForeignImmutable("AKIAFOREIGN00000" + n, "foreign-secret-" + n, "foreign-token-" + n); });

        var c = new Harness().Resolve(new ConnectionSettings { Credential = foreignCredentials, Region = "us-east-1" });

        Assert.IsType<ForeignCredentials>(c.Credentials);
        var first = c.Credentials.GetCredentials();
        var second = c.Credentials.GetCredentials();
        Assert.Equal(("AKIAFOREIGN000001", "foreign-secret-1", "foreign-token-1"), (first.AccessKey, first.SecretKey, first.Token));
        Assert.Equal("AKIAFOREIGN000002", second.AccessKey);
        Assert.Equal(2, foreignCredentials.Calls);
        Assert.Contains("Amazon.Runtime.RotatingAWSCredentials", c.CredentialSource);
        Assert.Contains("another AWSSDK.Core", c.CredentialSource);
    }

    [Fact]
    public void AForeignCredentialWithoutKeysFailsWhenUsedNamingItsType()
    {
        var empty = new Harness().Resolve(new ConnectionSettings { Credential = new ForeignCredentialsType(() => new ForeignImmutable("AKIAX", string.Empty, null)), Region = "us-east-1" });
        var none = new Harness().Resolve(new ConnectionSettings { Credential = new ForeignCredentialsType(() => null), Region = "us-east-1" });
        var throwing = new Harness().Resolve(new ConnectionSettings { Credential = new ForeignCredentialsType(() => throw new InvalidOperationException("token refresh failed")), Region = "us-east-1" });

        Assert.Contains("RotatingAWSCredentials", Assert.Throws<AmazonClientException>(() => empty.Credentials.GetCredentials()).Message);
        Assert.Contains("RotatingAWSCredentials", Assert.Throws<AmazonClientException>(() => none.Credentials.GetCredentials()).Message);
        Assert.Contains("token refresh failed", Assert.Throws<AmazonClientException>(() => throwing.Credentials.GetCredentials()).Message);
    }

    [Fact]
    public void ACredentialThatIsNotCredentialsIsRejected()
    {
        var e = new Harness().Fails(new ConnectionSettings { Credential = new Uri("https://example.com"), Region = "us-east-1" });

        Assert.Equal("InvalidCredentialObject", e.ErrorId);
        Assert.Contains("System.Uri", e.Message);
    }

    [Fact]
    public void StoredAwsToolsCredentialsAreUnwrappedFromTheirNonPublicProperty()
    {
        var h = new Harness();
        h.SetEnvironmentKeys();
        var stored = new ForeignStored(new ForeignCredentialsType(() => new ForeignImmutable("AKIASTOREDTOOLS01", "stored-secret", null)), "work");

        var c = h.Resolve(new ConnectionSettings { StoredCredentials = stored, Region = "us-east-1" });

        Assert.Equal("AKIASTOREDTOOLS01", Key(c));
        Assert.Contains("$StoredAWSCredentials", c.CredentialSource);
    }

    [Fact]
    public void StoredCredentialsObjectOfOurOwnSdkIsUsedAsIs()
    {
        var h = new Harness();
        h.SetEnvironmentKeys();

        var c = h.Resolve(new ConnectionSettings { StoredCredentials = new SessionAWSCredentials("AKIASTORED0000001", "s", Token), Region = "us-east-1" });

        Assert.Equal("AKIASTORED0000001", Key(c));
    }

    [Fact]
    public void StoredCredentialsNamingAProfileUseThatProfileOrFail()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001").Add("team", accessKey: "AKIATEAMPROFILE01");
        h.SetEnvironmentKeys();

        var c = h.Resolve(new ConnectionSettings { StoredCredentials = "team", Region = "us-east-1" });
        var e = h.Fails(new ConnectionSettings { StoredCredentials = "gone", Region = "us-east-1" });

        Assert.Equal("AKIATEAMPROFILE01", Key(c));
        Assert.Contains("$StoredAWSCredentials", c.CredentialSource);
        Assert.Equal("ProfileNotFound", e.ErrorId);
    }

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", false)]
    [InlineData("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", true)]
    [InlineData("AWS_ACCESS_KEY", "AWS_SECRET_KEY", false)]
    public void EnvironmentKeysWithAndWithoutSessionToken(string keyVariable, string secretVariable, bool withToken)
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001").Add("work");
        h.Env[keyVariable] = EnvKey;
        h.Env[secretVariable] = EnvSecret;
        h.Env["AWS_PROFILE"] = "work";
        if (withToken)
        {
            h.Env["AWS_SESSION_TOKEN"] = Token;
        }

        var c = h.Resolve(new ConnectionSettings { Region = "us-east-1" });

        var immutable = c.Credentials.GetCredentials();
        Assert.Equal(EnvKey, immutable.AccessKey);
        Assert.Equal(EnvSecret, immutable.SecretKey);
        Assert.Equal(withToken ? Token : string.Empty, immutable.Token ?? string.Empty);
        Assert.Equal(withToken, c.Credentials is SessionAWSCredentials);
        Assert.Contains("environment variables", c.CredentialSource);
    }

    [Fact]
    public void AnAccessKeyWithoutSecretInTheEnvironmentIsNotUsed()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001");
        h.Env["AWS_ACCESS_KEY_ID"] = EnvKey;

        var c = h.Resolve(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("AKIADEFAULT000001", Key(c));
    }

    [Fact]
    public void AwsProfileBeatsTheDefaultProfile()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001").Add("work", accessKey: "AKIAWORKPROFILE01");
        h.Env["AWS_PROFILE"] = "work";

        var c = h.Resolve(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("AKIAWORKPROFILE01", Key(c));
        Assert.Contains("AWS_PROFILE", c.CredentialSource);
    }

    [Fact]
    public void AMissingAwsProfileIsProfileNotFoundSayingWhy()
    {
        var h = new Harness();
        h.Profiles.Add("default");
        h.Env["AWS_PROFILE"] = "typo";

        var e = h.Fails(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("ProfileNotFound", e.ErrorId);
        Assert.Contains("'typo'", e.Message);
        Assert.Contains("AWS_PROFILE", e.Message);
    }

    [Fact]
    public void TheDefaultProfileIsTheLastFileBasedSource()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: "AKIADEFAULT000001", sessionToken: Token);

        var c = h.Resolve(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("AKIADEFAULT000001", Key(c));
        Assert.Contains("profile 'default'", c.CredentialSource);
    }

    [Fact]
    public void NothingAtAllIsNoCredentials()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: null, region: "eu-west-1"); // config only, no keys

        var e = h.Fails(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("NoCredentials", e.ErrorId);
        Assert.Contains("-ProfileName", e.Message);
        Assert.Contains("AWS_ACCESS_KEY_ID", e.Message);
        Assert.Equal(0, h.InstanceRegionCalls);
    }

    [Fact]
    public void RealCredentialsFileThroughTheSdkProfileStore()
    {
        var folder = Directory.CreateTempSubdirectory("automlv2-tests-");
        try
        {
            var path = Path.Combine(folder.FullName, "credentials");
            File.WriteAllText(path, "[default]\naws_access_key_id = AKIAFILEDEFAULT01\naws_secret_access_key = file-default-secret\n\n[work]\naws_access_key_id = AKIAFILEWORK00001\naws_secret_access_key = file-work-secret\naws_session_token = file-work-token\nregion = eu-central-1\n");
            var h = new Harness { ProfileFactory = SdkCredentialProfileSource.For };

            var work = h.Resolve(new ConnectionSettings { ProfileName = "work", ProfileLocation = path });
            var fallback = h.Resolve(new ConnectionSettings { ProfileLocation = path, Region = "us-west-2" });
            var missing = h.Fails(new ConnectionSettings { ProfileName = "absent", ProfileLocation = path, Region = "us-west-2" });
            var noFile = h.Fails(new ConnectionSettings { ProfileName = "work", ProfileLocation = Path.Combine(folder.FullName, "nope"), Region = "us-west-2" });

            var immutable = work.Credentials.GetCredentials();
            Assert.Equal(("AKIAFILEWORK00001", "file-work-secret", "file-work-token"), (immutable.AccessKey, immutable.SecretKey, immutable.Token));
            Assert.Equal("eu-central-1", work.Region);
            Assert.Equal("profile 'work'", work.ChosenRegion.Source);
            Assert.Contains(path, work.CredentialSource);
            Assert.Equal("AKIAFILEDEFAULT01", Key(fallback));
            Assert.Equal("ProfileNotFound", missing.ErrorId);
            Assert.Equal("CredentialsFileInvalid", noFile.ErrorId);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void WithNothingConfiguredOffEc2TheInstanceFallbackDoesNotEscapeAsARawSdkError()
    {
        // AWS_EC2_METADATA_DISABLED is not set: the last fallback is the EC2 instance profile. Off
        // EC2 (here: the SDK's metadata endpoint is a closed loopback port) that must end as a
        // configuration error the cmdlets turn into NoCredentials/CredentialsUnavailable, or be
        // deferred to the first call, not as whatever the SDK throws while resolving.
        var h = new Harness();
        h.Env.Remove("AWS_EC2_METADATA_DISABLED");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Record.Exception(() => h.Resolve(new ConnectionSettings { Region = "us-east-1" }));

        Assert.True(outcome is null or AutoMLConfigurationException, $"Resolve threw {outcome?.GetType().FullName}: {outcome?.Message}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"resolving took {clock.Elapsed.TotalSeconds:F1} s");
    }

    // ---- Region --------------------------------------------------------------------------

    [Fact]
    public void RegionComesFromTheFirstSourceThatHasOne()
    {
        var h = new Harness();
        h.Env.Remove("AWS_EC2_METADATA_DISABLED"); // explicit keys below: the instance-profile fallback is never reached
        h.Profiles.Add("default", region: "ca-central-1");
        h.InstanceRegion = "ap-northeast-3";
        h.Env["AWS_REGION"] = "ap-south-1";
        h.Env["AWS_DEFAULT_REGION"] = "sa-east-1";
        var settings = new ConnectionSettings { AccessKey = ParamKey, SecretKey = ParamSecret, Region = "us-east-1", StoredRegion = "eu-west-1" };

        var steps = new List<(string Region, string Source)>();
        steps.Add(Region(h, settings));
        settings = settings with { Region = null };
        steps.Add(Region(h, settings));
        settings = settings with { StoredRegion = null };
        steps.Add(Region(h, settings));
        h.Env.Remove("AWS_REGION");
        steps.Add(Region(h, settings));
        h.Env.Remove("AWS_DEFAULT_REGION");
        steps.Add(Region(h, settings));
        h.Profiles = new FakeProfileSource();
        steps.Add(Region(h, settings));

        Assert.Equal(
            new[]
            {
                ("us-east-1", "parameter -Region"),
                ("eu-west-1", "$StoredAWSRegion"),
                ("ap-south-1", "environment variable AWS_REGION"),
                ("sa-east-1", "environment variable AWS_DEFAULT_REGION"),
                ("ca-central-1", "profile 'default'"),
                ("ap-northeast-3", "EC2 instance metadata"),
            },
            steps);

        h.InstanceRegion = null;
        Assert.Equal("NoRegion", h.Fails(settings).ErrorId);
    }

    [Fact]
    public void TheRegionOfTheProfileThatSuppliedTheCredentialsWins()
    {
        var h = new Harness();
        h.Profiles.Add("default", region: "us-west-2").Add("work", region: "eu-north-1");
        h.Env["AWS_PROFILE"] = "default";

        var c = h.Resolve(new ConnectionSettings { ProfileName = "work" });

        Assert.Equal("eu-north-1", c.Region);
    }

    [Fact]
    public void WithEnvironmentKeysTheRegionOfAwsProfileOrDefaultApplies()
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: null, region: "us-west-2").Add("work", accessKey: null, region: "eu-north-1");
        h.SetEnvironmentKeys();

        var fromDefault = h.Resolve(new ConnectionSettings());
        h.Env["AWS_PROFILE"] = "work";
        var fromAwsProfile = h.Resolve(new ConnectionSettings());

        Assert.Equal("us-west-2", fromDefault.Region);
        Assert.Equal("eu-north-1", fromAwsProfile.Region);
    }

    [Fact]
    public void WithInstanceMetadataDisabledTheInstanceIsNotAskedForARegion()
    {
        var h = new Harness { InstanceRegion = "us-east-2" };
        h.SetEnvironmentKeys();

        var e = h.Fails(new ConnectionSettings());

        Assert.Equal("NoRegion", e.ErrorId);
        Assert.Equal(0, h.InstanceRegionCalls);
        Assert.Contains("-Region", e.Message);
    }

    [Theory]
    [InlineData("parameter", "Mars")]
    [InlineData("parameter", "us east 1")]
    [InlineData("stored", "us east 1")]
    [InlineData("AWS_REGION", "Mars")]
    [InlineData("AWS_DEFAULT_REGION", "us-east-1; rm -rf /")]
    [InlineData("instance", "<html>")]
    public void ARegionThatIsNotARegionNameIsInvalidRegionNamingItsSource(string source, string value)
    {
        var h = new Harness { InstanceRegion = source == "instance" ? value : null };
        h.SetEnvironmentKeys();
        var settings = new ConnectionSettings();
        switch (source)
        {
            case "parameter": settings = settings with { Region = value }; break;
            case "stored": settings = settings with { StoredRegion = value }; break;
            case "instance": h.Env.Remove("AWS_EC2_METADATA_DISABLED"); settings = settings with { AccessKey = ParamKey, SecretKey = ParamSecret }; break;
            default: h.Env[source] = value; break;
        }

        var e = h.Fails(settings);

        Assert.Equal("InvalidRegion", e.ErrorId);
        Assert.Contains(value, e.Message);
        Assert.Contains(source switch { "parameter" => "-Region", "stored" => "$StoredAWSRegion", "instance" => "instance", _ => source }, e.Message);
    }

    [Fact]
    public void ARegionWithSurroundingBlanksIsTrimmedAndBlankMeansUnset()
    {
        var h = new Harness();
        h.SetEnvironmentKeys();
        h.Env["AWS_REGION"] = "  ";
        h.Env["AWS_DEFAULT_REGION"] = " eu-west-3 ";

        var c = h.Resolve(new ConnectionSettings { Region = " ", StoredRegion = string.Empty });

        Assert.Equal("eu-west-3", c.Region);
    }

    // ---- Endpoint ------------------------------------------------------------------------

    [Fact]
    public void EndpointComesFromTheFirstSourceThatHasOne()
    {
        var h = new Harness();
        h.Profiles.Add("default", endpointUrl: "https://profile.example.com");
        h.Env["AWS_ENDPOINT_URL_SAGEMAKER"] = "https://sagemaker-env.example.com";
        h.Env["AWS_ENDPOINT_URL"] = "https://global-env.example.com";
        var settings = new ConnectionSettings { Region = "us-east-1", EndpointUrl = "http://localhost:4566" };

        var steps = new List<(string Url, string Source)>();
        steps.Add(Endpoint(h, settings));
        settings = settings with { EndpointUrl = null };
        steps.Add(Endpoint(h, settings));
        h.Env.Remove("AWS_ENDPOINT_URL_SAGEMAKER");
        steps.Add(Endpoint(h, settings));
        h.Env.Remove("AWS_ENDPOINT_URL");
        steps.Add(Endpoint(h, settings));
        h.Profiles.Add("default", endpointUrl: null);
        steps.Add(Endpoint(h, settings));

        Assert.Equal(
            new[]
            {
                ("http://localhost:4566/", "parameter -EndpointUrl"),
                ("https://sagemaker-env.example.com/", "environment variable AWS_ENDPOINT_URL_SAGEMAKER"),
                ("https://global-env.example.com/", "environment variable AWS_ENDPOINT_URL"),
                ("https://profile.example.com/", "endpoint_url of profile 'default'"),
                ("https://api.sagemaker.us-east-1.amazonaws.com/", "SageMaker endpoint rules"),
            },
            steps);
    }

    [Theory]
    [InlineData("env")]
    [InlineData("profile")]
    public void IgnoreConfiguredEndpointUrlsIgnoresEnvironmentAndProfileButNotTheParameter(string where)
    {
        var h = new Harness();
        h.Profiles.Add("default", endpointUrl: "https://profile.example.com", ignoreEndpointUrls: where == "profile" ? true : null);
        h.Env["AWS_ENDPOINT_URL_SAGEMAKER"] = "https://sagemaker-env.example.com";
        if (where == "env")
        {
            h.Env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        }

        var ignored = h.Resolve(new ConnectionSettings { Region = "eu-west-1" });
        var parameter = h.Resolve(new ConnectionSettings { Region = "eu-west-1", EndpointUrl = "https://param.example.com" });

        Assert.Equal(new Uri("https://api.sagemaker.eu-west-1.amazonaws.com"), ignored.Endpoint);
        Assert.Null(ignored.EndpointChoice.Custom);
        Assert.Equal(new Uri("https://param.example.com"), parameter.Endpoint);
        Assert.Equal(new Uri("https://param.example.com"), parameter.EndpointChoice.Custom);
    }

    [Theory]
    [InlineData("true", null, null, null, "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com/")]
    [InlineData(null, "true", null, null, "https://api.sagemaker.us-gov-west-1.api.aws/")]
    [InlineData("true", "true", null, null, "https://api.sagemaker-fips.us-gov-west-1.api.aws/")]
    [InlineData(null, null, true, null, "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com/")]
    [InlineData(null, null, null, true, "https://api.sagemaker.us-gov-west-1.api.aws/")]
    [InlineData("false", null, true, null, "https://api.sagemaker.us-gov-west-1.amazonaws.com/")]
    [InlineData("TRUE", "false", null, true, "https://api-fips.sagemaker.us-gov-west-1.amazonaws.com/")]
    public void FipsAndDualStackComeFromEnvironmentBeforeProfile(string? envFips, string? envDual, bool? profileFips, bool? profileDual, string expected)
    {
        var h = new Harness();
        h.Profiles.Add("default", fips: profileFips, dualStack: profileDual);
        h.Env["AWS_USE_FIPS_ENDPOINT"] = envFips;
        h.Env["AWS_USE_DUALSTACK_ENDPOINT"] = envDual;

        var c = h.Resolve(new ConnectionSettings { Region = "us-gov-west-1" });

        Assert.Equal(expected, c.Endpoint.ToString());
        Assert.Equal(expected.Contains("fips", StringComparison.Ordinal), c.EndpointChoice.UseFips);
        Assert.Equal(expected.Contains("api.aws", StringComparison.Ordinal), c.EndpointChoice.UseDualStack);
        Assert.Null(c.EndpointChoice.Custom);
    }

    [Theory]
    [InlineData("AWS_USE_FIPS_ENDPOINT", "FIPS")]
    [InlineData("AWS_USE_DUALSTACK_ENDPOINT", "Dualstack")]
    public void FipsOrDualStackWithACustomEndpointIsAConfigurationError(string variable, string expected)
    {
        var h = new Harness();
        h.SetEnvironmentKeys();
        h.Env[variable] = "true";
        h.Env["AWS_ENDPOINT_URL"] = "https://vpce-0abc.api.sagemaker.us-east-1.vpce.amazonaws.com";

        var e = h.Fails(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("InvalidEndpointConfiguration", e.ErrorId);
        Assert.Contains(expected, e.Message);
        Assert.Contains("AWS_ENDPOINT_URL", e.Message);
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL", "not a url")]
    [InlineData("AWS_ENDPOINT_URL_SAGEMAKER", "ftp://example.com")]
    public void AnEndpointThatIsNotAnHttpUrlIsInvalidEndpointUrlNamingItsSource(string variable, string value)
    {
        var h = new Harness();
        h.SetEnvironmentKeys();
        h.Env[variable] = value;

        var e = h.Fails(new ConnectionSettings { Region = "us-east-1" });

        Assert.Equal("InvalidEndpointUrl", e.ErrorId);
        Assert.Contains(variable, e.Message);
    }

    // ---- What -Verbose says --------------------------------------------------------------

    public static readonly TheoryData<string> VerboseScenarios = new() { "parameters", "environment", "profile", "credential", "stored" };

    [Theory]
    [MemberData(nameof(VerboseScenarios))]
    public void VerboseNamesEverySourceAndNeverASecret(string scenario)
    {
        var h = new Harness();
        h.Profiles.Add("default", accessKey: ParamKey, secretKey: ParamSecret, sessionToken: Token, region: "eu-west-1");
        var settings = new ConnectionSettings();
        switch (scenario)
        {
            case "parameters": settings = settings with { AccessKey = ParamKey, SecretKey = ParamSecret, SessionToken = Token }; break;
            case "environment": h.Env["AWS_ACCESS_KEY_ID"] = ParamKey; h.Env["AWS_SECRET_ACCESS_KEY"] = ParamSecret; h.Env["AWS_SESSION_TOKEN"] = Token; break;
            case "profile": settings = settings with { ProfileName = "default" }; break;
            case "credential": settings = settings with { Credential = new SessionAWSCredentials(ParamKey, ParamSecret, Token) }; break;
            case "stored": settings = settings with { StoredCredentials = new ForeignStored(new ForeignCredentialsType(() => new ForeignImmutable(ParamKey, ParamSecret, Token)), "x") }; break;
        }

        var c = h.Resolve(settings);

        var lines = h.Log.VerboseLines;
        Assert.Contains(lines, l => l.StartsWith("Credentials: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "Region: eu-west-1 (from profile 'default').");
        Assert.Contains(lines, l => l == "Endpoint: https://api.sagemaker.eu-west-1.amazonaws.com/ (from SageMaker endpoint rules).");
        var text = h.Log.All + "\n" + c.CredentialSource + "\n" + c.Chosen.Key;
        Assert.DoesNotContain(ParamSecret, text);
        Assert.DoesNotContain(Token, text);
        Assert.DoesNotContain(ParamKey, h.Log.All);
        Assert.Equal(ParamKey, Key(c));
    }

    [Fact]
    public void VerboseShowsOnlyTheLastFourCharactersOfTheAccessKey()
    {
        var h = new Harness();

        h.Resolve(new ConnectionSettings { AccessKey = ParamKey, SecretKey = ParamSecret, Region = "us-east-1" });

        var line = h.Log.VerboseLines.Single(l => l.StartsWith("Credentials: ", StringComparison.Ordinal));
        Assert.Contains("*************0001", line);
        Assert.DoesNotContain("AKIA", line);
    }

    [Theory]
    [InlineData("http://sagemaker.internal.example.com:8080", true)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://localhost:4566", false)]
    [InlineData("https://sagemaker.internal.example.com", false)]
    public void ASessionTokenOverPlainHttpToAnotherMachineIsWarnedAbout(string endpoint, bool warns)
    {
        var h = new Harness();

        h.Resolve(new ConnectionSettings { AccessKey = ParamKey, SecretKey = ParamSecret, SessionToken = Token, Region = "us-east-1", EndpointUrl = endpoint });

        Assert.Equal(warns, h.Log.Warnings.Any(w => w.Contains("unencrypted", StringComparison.Ordinal)));
        Assert.DoesNotContain(Token, h.Log.All);
    }

    private static string Key(ResolvedConnection c) => c.Credentials.GetCredentials().AccessKey;

    private static (string, string) Region(Harness h, ConnectionSettings s)
    {
        var c = h.Resolve(s);
        return (c.Region, c.ChosenRegion.Source);
    }

    private static (string, string) Endpoint(Harness h, ConnectionSettings s)
    {
        var c = h.Resolve(s);
        return (c.Endpoint.ToString(), c.EndpointChoice.Source);
    }

    /// <summary>One resolver over a dictionary environment, in-memory profiles and a fake instance region.</summary>
    internal sealed class Harness
    {
        private int instanceRegionCalls;

        public Dictionary<string, string?> Env { get; } = new(StringComparer.Ordinal) { ["AWS_EC2_METADATA_DISABLED"] = "true" };

        public FakeProfileSource Profiles { get; set; } = new();

        public Func<string?, AutoMLV2.Engine.Connection.ICredentialProfileSource>? ProfileFactory { get; init; }

        public string? InstanceRegion { get; set; }

        public int InstanceRegionCalls => instanceRegionCalls;

        public List<string?> ProfileLocations { get; } = new();

        public RecordingLog Log { get; private set; } = new();

        public void SetEnvironmentKeys()
        {
            Env["AWS_ACCESS_KEY_ID"] = EnvKey;
            Env["AWS_SECRET_ACCESS_KEY"] = EnvSecret;
        }

        public ResolvedConnection Resolve(ConnectionSettings settings)
        {
            Log = new RecordingLog();
            var resolver = new ConnectionResolver(
                name => Env.TryGetValue(name, out var value) ? value : null,
                location =>
                {
                    ProfileLocations.Add(location);
                    return ProfileFactory?.Invoke(location) ?? Profiles;
                },
                _ =>
                {
                    Interlocked.Increment(ref instanceRegionCalls);
                    return InstanceRegion;
                });
            return resolver.Resolve(settings, Log, CancellationToken.None);
        }

        public AutoMLConfigurationException Fails(ConnectionSettings settings) => Assert.Throws<AutoMLConfigurationException>(() => Resolve(settings));
    }
}
