namespace AutoMLV2.Engine.Client;

using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using AutoMLV2.Engine.Connection;

/// <summary>
/// Client configuration for the SageMaker service (API version 2017-07-24), reduced to what the
/// AutoML operations need. Retry mode and attempts are set on every client from
/// <see cref="RetrySettingsChooser"/> (the SDK would read AWS_RETRY_MODE / AWS_MAX_ATTEMPTS once per
/// process); the endpoint comes from <see cref="EndpointRules"/>.
/// </summary>
internal sealed class SageMakerAutoMLConfig : ClientConfig
{
    internal const string ServiceIdValue = "SageMaker";
    internal const string SigningName = "sagemaker";
    internal const string EndpointPrefix = "api.sagemaker";
    internal const string ApiVersion = "2017-07-24";

    private static readonly string UserAgentValue =
        Amazon.Util.Internal.InternalSDKUtils.BuildUserAgentString(ServiceIdValue, typeof(SageMakerAutoMLConfig).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public SageMakerAutoMLConfig()
        : base(new DefaultConfigurationProvider(StandardDefaults()))
    {
        ServiceId = ServiceIdValue;
        AuthenticationServiceName = SigningName;
        // We resolve AWS_ENDPOINT_URL* ourselves (and report where the endpoint came from).
        IgnoreConfiguredEndpointUrls = true;
        EndpointProvider = new SageMakerEndpointProvider();
    }

    /// <summary>The endpoint given by -EndpointUrl, AWS_ENDPOINT_URL* or the profile; null to follow the rules.</summary>
    public Uri? CustomEndpoint { get; set; }

    public override string ServiceVersion => ApiVersion;

    public override string UserAgent => UserAgentValue;

    public override string RegionEndpointServiceName => EndpointPrefix;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        => EndpointProvider.ResolveEndpoint(EndpointParametersFor());

    /// <summary>The inputs of the SageMaker endpoint rule set, from this configuration.</summary>
    public EndpointParameters EndpointParametersFor() => new()
    {
        ["Region"] = RegionEndpoint?.SystemName,
        ["UseFIPS"] = UseFIPSEndpoint,
        ["UseDualStack"] = UseDualstackEndpoint,
        ["Endpoint"] = CustomEndpoint?.ToString(),
    };

    private static IEnumerable<IDefaultConfiguration> StandardDefaults()
    {
        // One configuration for every mode: standard retries (each client then sets its own mode
        // and attempts) and the SDK's standard connect timeout.
        foreach (var mode in new[] { DefaultConfigurationMode.Standard, DefaultConfigurationMode.InRegion, DefaultConfigurationMode.CrossRegion, DefaultConfigurationMode.Mobile, DefaultConfigurationMode.Auto })
        {
            yield return new DefaultConfiguration
            {
                Name = mode,
                RetryMode = RequestRetryMode.Standard,
                S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
                ConnectTimeout = TimeSpan.FromMilliseconds(3100),
                TlsNegotiationTimeout = TimeSpan.FromMilliseconds(3100),
                TimeToFirstByteTimeout = null,
                HttpRequestTimeout = null,
            };
        }
    }
}
