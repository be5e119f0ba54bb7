namespace Amazon.Runtime
{
    using System;

    /// <summary>Same full name as AWSSDK.Core's, in another assembly.</summary>
    public class ImmutableCredentials
    {
        public ImmutableCredentials(string accessKey, string secretKey, string? token)
        {
            AccessKey = accessKey;
            SecretKey = secretKey;
            Token = token;
        }

        public string AccessKey { get; }

        public string SecretKey { get; }

        public string? Token { get; }
    }

    /// <summary>Same full name as AWSSDK.Core's base class of every credentials type.</summary>
    public abstract class AWSCredentials
    {
        public abstract ImmutableCredentials? GetCredentials();
    }

    /// <summary>A refreshing credentials object: each call may return new keys.</summary>
    public sealed class RotatingAWSCredentials : AWSCredentials
    {
        private readonly Func<ImmutableCredentials?> next;

        public RotatingAWSCredentials(Func<ImmutableCredentials?> next)
        {
            this.next = next;
        }

        public int Calls { get; private set; }

        public override ImmutableCredentials? GetCredentials()
        {
            Calls++;
            return next();
        }
    }
}

namespace Amazon.PowerShell.Common
{
    using Amazon.Runtime;

    /// <summary>Like AWS Tools' $StoredAWSCredentials value: the credentials sit in a non-public property.</summary>
    public sealed class AWSPSCredentials
    {
        public AWSPSCredentials(AWSCredentials credentials, string name)
        {
            Credentials = credentials;
            Name = name;
        }

        public string Name { get; }

        internal AWSCredentials Credentials { get; }
    }
}
