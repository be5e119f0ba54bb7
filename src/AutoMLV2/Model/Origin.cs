// Where an object came from: the region and account of the job (from its ARN) and the profile that
// supplied the credentials. Not SageMaker members: the setters are internal, so no response can fill
// them and the conformance test leaves them alone; the engine sets them on every object it returns,
// so that the object can go down the pipeline to another cmdlet (Wait-AutoMLJobV2,
// Get-AutoMLJobV2Candidate), which binds Region and ProfileName by property name.
namespace AutoMLV2.Model;

public partial class AutoMLJobV2
{
    /// <summary>The region of the job (from AutoMLJobArn; else the region it was asked in).</summary>
    public string? Region { get; internal set; }

    /// <summary>The AWS account of the job (from AutoMLJobArn).</summary>
    public string? AccountId { get; internal set; }

    /// <summary>The profile whose credentials read the job; null when the credentials came from elsewhere.</summary>
    public string? ProfileName { get; internal set; }
}

public partial class AutoMLCandidate
{
    /// <summary>The region of the candidate's job.</summary>
    public string? Region { get; internal set; }

    /// <summary>The AWS account of the candidate's job (from the ARNs of its steps or its job).</summary>
    public string? AccountId { get; internal set; }

    /// <summary>The profile whose credentials read the candidate; null when the credentials came from elsewhere.</summary>
    public string? ProfileName { get; internal set; }

    /// <summary>Set when the command spanned several connections: the leaderboard heading then says where the job is.</summary>
    internal bool ShowOrigin { get; set; }
}

/// <summary>The parts of an ARN the module needs: <c>arn:partition:service:region:account:resource</c>.</summary>
internal static class AwsArn
{
    /// <summary>The region and account of <paramref name="arn"/>; nulls for what it does not have.</summary>
    public static (string? Region, string? AccountId) Parts(string? arn)
    {
        var parts = arn?.Split(new[] { ':' }, 6);
        if (parts is not { Length: 6 } || parts[0] != "arn")
        {
            return (null, null);
        }

        return (parts[3].Length == 0 ? null : parts[3], parts[4].Length == 0 ? null : parts[4]);
    }
}
