namespace AwsSdkTestModule
{
    using System.Management.Automation;
    using Amazon.Runtime;

    /// <summary>Creates credentials with this module's AWSSDK.Core, as AWS Tools' New-AWSCredential does.</summary>
    [Cmdlet(VerbsCommon.New, "TestAWSCredential")]
    [OutputType(typeof(AWSCredentials))]
    public sealed class NewTestAWSCredentialCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public string AccessKey { get; set; }

        [Parameter(Mandatory = true)]
        public string SecretKey { get; set; }

        [Parameter]
        public string SessionToken { get; set; }

        protected override void ProcessRecord()
        {
            WriteObject(string.IsNullOrEmpty(SessionToken)
                ? new BasicAWSCredentials(AccessKey, SecretKey)
                : (AWSCredentials)new SessionAWSCredentials(AccessKey, SecretKey, SessionToken));
        }
    }

    /// <summary>Sets $StoredAWSCredentials the way AWS Tools' Set-AWSCredential does: an AWSPSCredentials wrapper.</summary>
    [Cmdlet(VerbsCommon.Set, "TestStoredAWSCredential")]
    public sealed class SetTestStoredAWSCredentialCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)]
        public string AccessKey { get; set; }

        [Parameter(Mandatory = true)]
        public string SecretKey { get; set; }

        protected override void ProcessRecord()
        {
            var wrapped = new Amazon.PowerShell.Common.AWSPSCredentials(new BasicAWSCredentials(AccessKey, SecretKey), "test-profile");
            SessionState.PSVariable.Set(new PSVariable("StoredAWSCredentials", wrapped, ScopedItemOptions.None));
        }
    }

    /// <summary>Says which AWSSDK.Core this module runs on, and from where.</summary>
    [Cmdlet(VerbsCommon.Get, "TestSdkInfo")]
    public sealed class GetTestSdkInfoCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var assembly = typeof(AWSCredentials).Assembly;
            var info = new PSObject();
            info.Properties.Add(new PSNoteProperty("AssemblyVersion", assembly.GetName().Version.ToString()));
            info.Properties.Add(new PSNoteProperty("FileVersion", System.Diagnostics.FileVersionInfo.GetVersionInfo(assembly.Location).FileVersion));
            info.Properties.Add(new PSNoteProperty("Location", assembly.Location));
            // Proves the module's own SDK still works after AutoMLV2 loaded: sign nothing, just resolve credentials.
            info.Properties.Add(new PSNoteProperty("CanCreateCredentials", new BasicAWSCredentials("AKIDEXAMPLE", "secret").GetCredentials().AccessKey == "AKIDEXAMPLE"));
            WriteObject(info);
        }
    }
}

namespace Amazon.PowerShell.Common
{
    using Amazon.Runtime;

    /// <summary>The shape of AWS Tools' $StoredAWSCredentials value: the credentials sit in an internal property.</summary>
    public sealed class AWSPSCredentials
    {
        internal AWSPSCredentials(AWSCredentials credentials, string name)
        {
            Credentials = credentials;
            Name = name;
        }

        internal AWSCredentials Credentials { get; private set; }

        internal string Name { get; private set; }

        public override string ToString() => Name;
    }
}
