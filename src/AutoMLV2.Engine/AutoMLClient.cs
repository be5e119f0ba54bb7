namespace AutoMLV2.Engine;

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Connection;
using AutoMLV2.Internal;
using RetryPolicy = AutoMLV2.Internal.RetryPolicy;
using AutoMLV2.Model;

/// <summary>
/// The client of one resolved connection, shared by every cmdlet invocation that resolves to it:
/// SDK calls in, our own types and exceptions out. Each call names the invocation's log, which
/// <see cref="AttemptLogHandler"/> writes every HTTP attempt to.
/// </summary>
internal sealed class AutoMLClient
{
    private readonly SageMakerAutoMLClient client;
    private readonly ResolvedConnection connection;
    private int credentialsChecked;

    // The account of these credentials, from the first ARN a response carried: candidates have no
    // ARN of their own, and a failed one may have no steps either.
    private string? accountId;

    public AutoMLClient(SageMakerAutoMLClient client, ResolvedConnection connection)
    {
        this.client = client;
        this.connection = connection;
    }

    /// <summary>This client, as seen by one cmdlet invocation.</summary>
    public IAutoMLClient For(IEngineLog log) => new Invocation(this, log);

    public async Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, IEngineLog log, CancellationToken cancellationToken)
    {
        var response = await CallAsync(
            () => client.DescribeAutoMLJobV2Async(new DescribeAutoMLJobV2Request { AutoMLJobName = autoMLJobName }, cancellationToken),
            SageMakerOperation.DescribeAutoMLJobV2,
            autoMLJobName,
            log,
            cancellationToken).ConfigureAwait(false);
        var job = response.Job;
        Stamp(job);
        if (job.BestCandidate is { } best)
        {
            best.AutoMLJobName = job.AutoMLJobName;
            Stamp(best);
        }

        ReportNewerMembers(response.NewerMembers, log);
        return job;
    }

    public async Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, IEngineLog log, CancellationToken cancellationToken)
    {
        var request = new ListAutoMLJobsRequest(query);
        var response = await CallAsync(() => client.ListAutoMLJobsAsync(request, cancellationToken), SageMakerOperation.ListAutoMLJobs, null, log, cancellationToken).ConfigureAwait(false);
        ReportNewerMembers(response.NewerMembers, log);
        var summaries = response.Result.AutoMLJobSummaries ?? Array.Empty<AutoMLJobSummary>();
        foreach (var summary in summaries)
        {
            Learn(summary.AutoMLJobArn);
        }

        return new AutoMLJobListPage(summaries, TokenOrNull(response.Result.NextToken));
    }

    public async Task<CandidateListPage> ListCandidatesForAutoMLJobAsync(CandidateListQuery query, IEngineLog log, CancellationToken cancellationToken)
    {
        var request = new ListCandidatesForAutoMLJobRequest(query);
        var response = await CallAsync(() => client.ListCandidatesForAutoMLJobAsync(request, cancellationToken), SageMakerOperation.ListCandidatesForAutoMLJob, query.AutoMLJobName, log, cancellationToken).ConfigureAwait(false);
        ReportNewerMembers(response.NewerMembers, log);
        var candidates = response.Result.Candidates ?? Array.Empty<AutoMLCandidate>();
        foreach (var candidate in candidates)
        {
            Stamp(candidate);
        }

        return new CandidateListPage(candidates, TokenOrNull(response.Result.NextToken));
    }

    /// <summary>Where the job came from: region and account from its ARN, and the profile of these credentials.</summary>
    private void Stamp(AutoMLJobV2 job)
    {
        var (region, account) = AwsArn.Parts(job.AutoMLJobArn);
        Remember(account);
        job.Region = region ?? connection.Region;
        job.AccountId = account ?? Volatile.Read(ref accountId);
        job.ProfileName = connection.Chosen.Profile?.Name;
    }

    /// <summary>Where the candidate came from: this client's region, the account of its steps' ARNs (else of these credentials), the profile.</summary>
    private void Stamp(AutoMLCandidate candidate)
    {
        string? account = null;
        foreach (var step in candidate.CandidateSteps ?? Array.Empty<AutoMLCandidateStep>())
        {
            if (AwsArn.Parts(step.CandidateStepArn).AccountId is string fromStep)
            {
                account = fromStep;
                Remember(account);
                break;
            }
        }

        candidate.Region = connection.Region;
        candidate.AccountId = account ?? Volatile.Read(ref accountId);
        candidate.ProfileName = connection.Chosen.Profile?.Name;
    }

    private void Learn(string? arn)
    {
        if (Volatile.Read(ref accountId) is null)
        {
            Remember(AwsArn.Parts(arn).AccountId);
        }
    }

    /// <summary>The account of these credentials, as an ARN of theirs says; the first one known is kept.</summary>
    private void Remember(string? account)
    {
        if (account is not null && Volatile.Read(ref accountId) is null)
        {
            Volatile.Write(ref accountId, account);
        }
    }

    private static void ReportNewerMembers(IReadOnlyList<string> newerMembers, IEngineLog log)
    {
        if (newerMembers.Count > 0)
        {
            log.NewerMembers(newerMembers);
        }
    }

    /// <summary>
    /// Credentials that come from somewhere else (assume role, SSO, instance, container, another
    /// AWSSDK) are fetched once up front, so that a failure there is reported as what it is
    /// rather than as a failed SageMaker call.
    /// </summary>
    internal async Task EnsureCredentialsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref credentialsChecked) == 1 || connection.Credentials is BasicAWSCredentials or SessionAWSCredentials)
        {
            return;
        }

        try
        {
            var fetch = connection.Credentials.GetCredentialsAsync();
            var finished = await Task.WhenAny(fetch, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            await finished.ConfigureAwait(false);
            Volatile.Write(ref credentialsChecked, 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = ErrorMapper.Innermost(e).Message;
            if (connection.Chosen.FromInstance)
            {
                // The last resort failed too: nothing was configured anywhere.
                throw new AutoMLConfigurationException(AutoMLConfigurationError.NoCredentials, $"{CredentialChooser.NoCredentialsMessage} (The EC2 instance metadata service supplied none either: {reason} Set AWS_EC2_METADATA_DISABLED=true to skip it.)", e);
            }

            throw new AutoMLConfigurationException(AutoMLConfigurationError.CredentialsUnavailable, $"The credentials from {connection.CredentialSource} could not be obtained: {reason}", e);
        }
    }

    /// <summary>An empty NextToken means the last page, as none does.</summary>
    private static string? TokenOrNull(string? token) => string.IsNullOrEmpty(token) ? null : token;

    private async Task<T> CallAsync<T>(Func<Task<T>> call, string operation, string? jobName, IEngineLog log, CancellationToken cancellationToken)
    {
        var endpoint = connection.Endpoint.ToString();
        var correction = CorrectClockSkew.GetClockCorrectionForEndpoint(endpoint);
        try
        {
            using (InvocationLog.Use(log))
            {
                await EnsureCredentialsAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await call().ConfigureAwait(false);
                }
                catch (AmazonServiceException e) when (RetryPolicy.IsClockSkewError(e.ErrorCode) && RetryPolicy.ClockCorrectionMoved(correction, CorrectClockSkew.GetClockCorrectionForEndpoint(endpoint)))
                {
                    // The SDK corrected its clock from this answer but retries only when the skew it
                    // sees is large; when the correction itself was what went stale (the local clock
                    // was fixed), one more attempt with the new correction is what it needs.
                    log.Verbose($"The clock correction for {endpoint} changed after a {e.ErrorCode}; trying once more.");
                    return await call().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is not AutoMLServiceException && e is not AutoMLConfigurationException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw ErrorMapper.Map(e, operation, jobName, connection);
        }
    }

    private sealed class Invocation : IAutoMLClient
    {
        private readonly AutoMLClient client;
        private readonly IEngineLog log;

        public Invocation(AutoMLClient client, IEngineLog log)
        {
            this.client = client;
            this.log = log;
        }

        public Task<AutoMLJobV2> DescribeAutoMLJobV2Async(string autoMLJobName, CancellationToken cancellationToken)
            => client.DescribeAutoMLJobV2Async(autoMLJobName, log, cancellationToken);

        public Task<AutoMLJobListPage> ListAutoMLJobsAsync(AutoMLJobListQuery query, CancellationToken cancellationToken)
            => client.ListAutoMLJobsAsync(query, log, cancellationToken);

        public Task<CandidateListPage> ListCandidatesForAutoMLJobAsync(CandidateListQuery query, CancellationToken cancellationToken)
            => client.ListCandidatesForAutoMLJobAsync(query, log, cancellationToken);
    }
}
