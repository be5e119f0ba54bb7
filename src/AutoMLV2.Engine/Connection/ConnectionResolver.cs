namespace AutoMLV2.Engine.Connection;

using System;
using System.Threading;
using AutoMLV2.Internal;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>
/// Resolves what a client needs, in the order AWS Tools for PowerShell uses, from one chooser per
/// concern (<see cref="CredentialChooser"/>, <see cref="RegionChooser"/>, <see cref="EndpointChooser"/>,
/// <see cref="RetrySettingsChooser"/>), and says in -Verbose where each came from. The choosers read
/// the environment, the profiles and the instance metadata through the functions given here.
/// </summary>
internal sealed class ConnectionResolver
{
    private readonly Func<string, string?> environment;
    private readonly Func<string?, ICredentialProfileSource> profiles;
    private readonly CredentialChooser credentials;
    private readonly RegionChooser regions;
    private readonly EndpointChooser endpoints;
    private readonly RetrySettingsChooser retries;

    public ConnectionResolver(Func<string, string?> environment, Func<string?, ICredentialProfileSource> profiles, Func<CancellationToken, string?> instanceRegion)
    {
        this.environment = environment;
        this.profiles = profiles;
        credentials = new CredentialChooser(environment);
        regions = new RegionChooser(environment, instanceRegion);
        endpoints = new EndpointChooser(environment);
        retries = new RetrySettingsChooser(environment);
    }

    public ResolvedConnection Resolve(ConnectionSettings settings, IEngineLog log, CancellationToken cancellationToken)
    {
        var profileSource = profiles(Blank(settings.ProfileLocation));
        var chosen = credentials.Choose(settings, profileSource);

        // The profile whose region, endpoint, FIPS and retry settings apply: the one that supplied the
        // credentials, else AWS_PROFILE, else 'default' (when they exist).
        var configProfile = chosen.Profile ?? ProfileLookup.Find(profileSource, Blank(environment("AWS_PROFILE")) ?? ProfileLookup.DefaultProfileName);

        var region = regions.Choose(settings, configProfile, cancellationToken);
        var endpoint = endpoints.Choose(settings, configProfile, region.Name);
        var retry = retries.Choose(configProfile);

        log.Verbose($"Credentials: {chosen.Source}.");
        log.Verbose($"Region: {region.Name} (from {region.Source}).");
        log.Verbose($"Endpoint: {endpoint.Url} (from {endpoint.Source}).");

        if (endpoint.Url.Scheme == Uri.UriSchemeHttp && !endpoint.Url.IsLoopback && credentials.MayCarrySessionToken(settings))
        {
            log.Warning($"The endpoint {endpoint.Url} is plain http:// and not on this machine: the session token will travel unencrypted. Use https://.");
        }

        log.Debug($"Retries: {retry.MaxAttempts} attempts, {retry.Mode.ToString().ToLowerInvariant()} mode (from {retry.Source}).");
        return new ResolvedConnection(chosen, region, endpoint, retry, settings.RequestTimeout ?? ConnectionSettings.DefaultRequestTimeout);
    }
}
