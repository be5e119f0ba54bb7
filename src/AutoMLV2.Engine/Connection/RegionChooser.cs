namespace AutoMLV2.Engine.Connection;

using System;
using System.Threading;
using Amazon.Runtime.CredentialManagement;
using AutoMLV2.Internal;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>A region name and where it came from.</summary>
internal sealed record ChosenRegion(string Name, string Source);

/// <summary>
/// Chooses the region in the order AWS Tools for PowerShell uses: -Region; $StoredAWSRegion;
/// AWS_REGION / AWS_DEFAULT_REGION; the profile's region; EC2 instance metadata.
/// </summary>
internal sealed class RegionChooser
{
    private readonly Func<string, string?> environment;
    private readonly Func<CancellationToken, string?> instanceRegion;

    public RegionChooser(Func<string, string?> environment, Func<CancellationToken, string?> instanceRegion)
    {
        this.environment = environment;
        this.instanceRegion = instanceRegion;
    }

    public ChosenRegion Choose(ConnectionSettings settings, CredentialProfile? profile, CancellationToken cancellationToken)
    {
        if (Blank(settings.Region) is string parameter)
        {
            return Require(parameter, "parameter -Region");
        }

        if (Blank(settings.StoredRegion) is string stored)
        {
            return Require(stored, "$StoredAWSRegion");
        }

        foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            if (Blank(environment(variable)) is string fromEnvironment)
            {
                return Require(fromEnvironment, "environment variable " + variable);
            }
        }

        if (profile?.Region?.SystemName is { Length: > 0 } fromProfile)
        {
            return Require(fromProfile, $"profile '{profile.Name}'");
        }

        if (!IsTrue(environment("AWS_EC2_METADATA_DISABLED")) && instanceRegion(cancellationToken) is string fromInstance)
        {
            return Require(fromInstance, "EC2 instance metadata");
        }

        throw new AutoMLConfigurationException(
            AutoMLConfigurationError.NoRegion,
            "No AWS region is set. Pass -Region (for example -Region us-east-1), run Set-DefaultAWSRegion, set AWS_REGION, or add 'region' to your profile.");
    }

    private static ChosenRegion Require(string value, string source)
    {
        var region = value.Trim();
        if (!Validation.IsRegionName(region))
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.InvalidRegion, $"'{value}' (from {source}) is not an AWS region name such as us-east-1 or eu-west-2.");
        }

        return new ChosenRegion(region, source);
    }
}
