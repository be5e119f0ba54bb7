namespace AutoMLV2.Engine.Connection;

using System;
using Amazon.Runtime.CredentialManagement;
using static AutoMLV2.Engine.Connection.SettingText;

/// <summary>Finding a profile in the shared files, with the errors that say what is wrong.</summary>
internal static class ProfileLookup
{
    public const string DefaultProfileName = "default";

    public static CredentialProfile Require(ICredentialProfileSource profileSource, string name, string? location, string? why = null)
    {
        return Find(profileSource, name, location) ?? throw new AutoMLConfigurationException(
            AutoMLConfigurationError.ProfileNotFound,
            $"The profile '{name}' was not found{(why is null ? string.Empty : " (" + why + ")")} in {(Blank(location) is null ? $"the shared credentials file ('{profileSource.Location}') and the config file" : "'" + location + "'")}. List profiles with 'aws configure list-profiles' or Get-AWSCredential -ListProfileDetail.");
    }

    public static CredentialProfile? Find(ICredentialProfileSource profileSource, string name, string? location = null)
    {
        try
        {
            return profileSource.TryGetProfile(name);
        }
        catch (Exception e) when (e is not AutoMLConfigurationException)
        {
            throw new AutoMLConfigurationException(AutoMLConfigurationError.CredentialsFileInvalid, $"The shared credentials or config file{Where(location)} cannot be read: {e.Message}", e);
        }
    }
}
