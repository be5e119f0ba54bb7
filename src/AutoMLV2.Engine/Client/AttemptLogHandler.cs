namespace AutoMLV2.Engine.Client;

using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using AutoMLV2.Internal;

/// <summary>
/// Reports each HTTP attempt to the log of the cmdlet invocation that made it
/// (<see cref="InvocationLog"/>). Only the operation, job, attempt, status and error code are
/// logged: never headers, never credentials.
/// </summary>
internal sealed class AttemptLogHandler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Before(executionContext);
        try
        {
            base.InvokeSync(executionContext);
            After(executionContext, null);
        }
        catch (Exception e)
        {
            After(executionContext, e);
            throw;
        }
    }

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Before(executionContext);
        try
        {
            var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            After(executionContext, null);
            return result;
        }
        catch (Exception e)
        {
            After(executionContext, e);
            throw;
        }
    }

    private static void Before(IExecutionContext executionContext)
    {
        var log = InvocationLog.Current;
        if (log is null)
        {
            return;
        }

        var request = executionContext.RequestContext;
        var attempt = request.Retries + 1;
        var message = $"{request.RequestName.Replace("Request", string.Empty)} {Describe(request.OriginalRequest)}: attempt {attempt}";
        if (attempt > 1)
        {
            log.Verbose(message + " (retrying)");
        }
        else
        {
            log.Debug(message);
        }
    }

    private static void After(IExecutionContext executionContext, Exception? error)
    {
        var log = InvocationLog.Current;
        if (log is null)
        {
            return;
        }

        var request = executionContext.RequestContext;
        var operation = request.RequestName.Replace("Request", string.Empty);
        if (error is null)
        {
            log.Debug($"{operation} {Describe(request.OriginalRequest)}: HTTP {(int)(executionContext.ResponseContext.HttpResponse?.StatusCode ?? 0)}");
        }
        else if (error is not OperationCanceledException)
        {
            var what = error is AmazonServiceException service
                ? $"{service.ErrorCode} (HTTP {(int)service.StatusCode})"
                : error.GetType().Name;
            log.Verbose($"{operation} {Describe(request.OriginalRequest)}: attempt {request.Retries + 1} failed: {what}");
        }
    }

    private static string Describe(AmazonWebServiceRequest request) => request switch
    {
        DescribeAutoMLJobV2Request describe => $"'{describe.AutoMLJobName}'",
        ListAutoMLJobsRequest list => list.Query.NextToken is null ? "(first page)" : "(next page)",
        ListCandidatesForAutoMLJobRequest candidates => $"'{candidates.Query.AutoMLJobName}' {(candidates.Query.NextToken is null ? "(first page)" : "(next page)")}",
        _ => string.Empty,
    };
}
