namespace AutoMLV2.Engine.Connection;

using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

/// <summary>
/// Creates the real credentials on first use, not during resolution: AWSSDK.Core's instance-profile
/// credentials contact the instance metadata service in their constructor, which off EC2 blocks and
/// then throws. First use is <see cref="AutoMLClient.EnsureCredentialsAsync"/>, which turns a failure
/// into a clear error. A failure is not cached, so a later call can succeed.
/// </summary>
internal sealed class LazyCredentials : AWSCredentials
{
    private readonly Lazy<AWSCredentials> inner;

    public LazyCredentials(Func<AWSCredentials> create)
    {
        inner = new Lazy<AWSCredentials>(create, LazyThreadSafetyMode.PublicationOnly);
    }

    public override ImmutableCredentials GetCredentials() => inner.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => inner.IsValueCreated
        ? inner.Value.GetCredentialsAsync()
        : Task.Run(() => inner.Value.GetCredentialsAsync());
}
