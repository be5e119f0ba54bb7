namespace AutoMLV2.Tests.Formatting;

using AutoMLV2.Formatting;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using Xunit;

/// <summary>
/// How members newer than the module read in the views: the list views' NewerMembers item (one
/// "Name: value" a line) and a union whose member is newer (its name and content, not a blank).
/// </summary>
public sealed class NewerMemberDisplayTests
{
    [Fact]
    public void TheNewerMembersOfAJobAreOneNameAndValueALine()
    {
        var job = Bodies.Describe("""
            {"AutoMLJobName":"j","FutureString":"added in 2026","FutureNumber":1.5E300,"FutureInteger":42,"FutureBool":true,"FutureNull":null,
             "FutureArray":[1,"two",{"three":[3]},[]],"FutureObject":{"Nested":{"List":[{"A":1},{"B":[true,false]}]},"Empty":{}},"Huge":1e400}
            """);

        Assert.Equal(
            "FutureString: added in 2026\n"
            + "FutureNumber: 1.5E+300\n"
            + "FutureInteger: 42\n"
            + "FutureBool: True\n"
            + "FutureNull\n"
            + "FutureArray: [1, two, {three=[3]}, []]\n"
            + "FutureObject: Nested={List=[{A=1}, {B=[True, False]}]}, Empty={}\n"
            + "Huge: 1e400",
            Display.NewerMemberLines(job));
    }

    [Fact]
    public void WithoutNewerMembersTheLinesAreEmpty()
    {
        Assert.Equal(string.Empty, Display.NewerMemberLines(Bodies.Describe(TestEnvironment.ReadFixture("describe-tabular.json"))));
        Assert.Equal(string.Empty, Display.NewerMemberLines(null));
        Assert.Equal(string.Empty, Display.NewerMemberLines(new AutoMLJobV2()));
    }

    [Fact]
    public void AUnionWhoseMemberIsNewerShowsThatMembersNameAndContent()
    {
        var job = Bodies.Describe(TestEnvironment.ReadFixture("describe-unknown-union.json"));

        Assert.Equal(
            "FutureJobConfig: CompletionCriteria={MaxCandidates=5, MaxRuntimePerTrainingJobInSeconds=3600, MaxAutoMLJobRuntimeInSeconds=7200}, FrameSamplingRate=2.5, Labels=[scratch, dent], Nested={Deeper={Deepest=[1, 2, 3]}}",
            job.AutoMLProblemTypeConfig!.ToString());
        Assert.Equal("objective F1; FutureResolvedAttributes: FrameCount=1200; MaxCandidates=250, MaxRuntimePerTrainingJob=3600s, MaxAutoMLJobRuntime=86400s", job.ResolvedAttributes!.ToString());
    }

    [Fact]
    public void AKnownUnionMemberAndANewerOneAreBothShown()
    {
        var job = Bodies.Describe("""
            {"AutoMLProblemTypeConfig":{"TabularJobConfig":{"ProblemType":"Regression"},"QuantumJobConfig":{"Qubits":5}},
             "AutoMLComputeConfig":{"EmrServerlessComputeConfig":{"ExecutionRoleARN":"arn:aws:iam::1:role/r"},"GpuComputeConfig":{"Count":2}}}
            """);

        Assert.Equal("Tabular: Regression; QuantumJobConfig: Qubits=5", job.AutoMLProblemTypeConfig!.ToString());
        Assert.Equal("EMR Serverless: arn:aws:iam::1:role/r; GpuComputeConfig: Count=2", job.AutoMLComputeConfig!.ToString());
    }

    [Fact]
    public void ACandidatesNewerMembersAreItsOwnNotThoseOfItsParts()
    {
        var job = Bodies.Describe("""
            {"BestCandidate":{"CandidateName":"c","NewCandidateField":"x","CandidateSteps":[{"CandidateStepName":"s","NewStepField":1}]}}
            """);

        Assert.Equal("NewCandidateField: x", Display.NewerMemberLines(job.BestCandidate));
        Assert.Equal(string.Empty, Display.NewerMemberLines(job));
    }
}
