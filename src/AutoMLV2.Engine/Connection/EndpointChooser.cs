namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Internal;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>The endpoint, its inputs (a custom endpoint, FIPS, dual-stack), and where it came from.</summary>
internal sealed record EndpointChoice(Uri Url, Uri? Custom, bool UseFips, bool UseDualStack, string Source);

/// <summary>
/// Chooses the endpoint: -EndpointUrl; AWS_ENDPOINT_URL_SAGEMAKER; AWS_ENDPOINT_URL; the profile's
/// endpoint_url (the last three not when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile says so);
/// else the SageMaker endpoint rules for the region, with FIPS and dual-stack from AWS_USE_FIPS_ENDPOINT,
/// AWS_USE_DUALSTACK_ENDPOINT or the profile.
/// </summary>
internal sealed class EndpointChooser
{
    private readonly Func<string, string?> environment;

    public EndpointChooser(Func<string, string?> environment)
    {
        this.environment = environment;
    }

    public EndpointChoice Choose(ConnectionSettings settings, CredentialProfile? profile, string region)
    {
        Uri? custom = null;
        var source = "SageMaker endpoint rules";
        if (Blank(settings.EndpointUrl) is string parameter)
        {
            custom = Require(parameter, "-EndpointUrl");
            source = "parameter -EndpointUrl";
        }
        else if (!IsTrue(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) && profile?.IgnoreConfiguredEndpointUrls != true)
        {
            foreach (var variable in new[] { "AWS_ENDPOINT_URL_SAGEMAKER", "AWS_ENDPOINT_URL" })
            {
                if (Blank(environment(variable)) is string fromEnvironment)
                {
                    custom = Require(fromEnvironment, variable);
                    source = "environment variable " + variable;
                    break;
                }
            }

            if (custom is null && Blank(profile?.EndpointUrl) is string fromProfile)
            {
                source = $"endpoint_url of profile '{profile!.Name}'";
                custom = Require(fromProfile, source);
            }
        }

        var useFips = Flag("AWS_USE_FIPS_ENDPOINT", profile?.UseFIPSEndpoint);
        var useDualStack = Flag("AWS_USE_DUALSTACK_ENDPOINT", profile?.UseDualstackEndpoint);
        try
        {
            var endpoint = EndpointRules.Resolve(region, useFips, useDualStack, custom);
            if (custom is null && (useFips || useDualStack))
            {
                source += (useFips ? ", FIPS" : string.Empty) + (useDualStack ? ", dual-stack" : string.Empty);
            }

            return new EndpointChoice(endpoint, custom, useFips, useDualStack, source);
        }
        catch (EndpointRuleException e)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.InvalidEndpointConfiguration, e.Message + (custom is null ? string.Empty : $" (endpoint from {source}; unset AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT to use it)"), e);
        }
    }

    internal static Uri Require(string value, string source)
    {
        if (Validation.EndpointUrlProblem(value) is string problem)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.InvalidEndpointUrl, $"{problem} (from {source})");
        }

        return new Uri(value.Trim(), UriKind.Absolute);
    }

    private bool Flag(string variable, bool? fromProfile)
    {
        var value = Blank(environment(variable));
        return value is not null ? IsTrue(value) : fromProfile == true;
    }
}
