namespace AutoMLV2.Engine.Client;

using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using AutoMLV2.Engine.Connection;

/// <summary>
/// The SageMaker client, reduced to the AutoML operations, on AWSSDK.Core's own pipeline: the SDK
/// signs (SigV4), resolves credentials, retries (standard mode) and corrects clock skew.
/// </summary>
internal sealed class SageMakerAutoMLClient : AmazonServiceClient
{
    private static readonly IServiceMetadata Metadata = new SageMakerAutoMLMetadata();

    public SageMakerAutoMLClient(AWSCredentials credentials, SageMakerAutoMLConfig config)
        : base(credentials, config)
    {
    }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    /// <summary>A client for <paramref name="connection"/>: its region, endpoint, timeout and the SDK's retry settings.</summary>
    public static SageMakerAutoMLClient For(ResolvedConnection connection) => new(connection.Credentials, new SageMakerAutoMLConfig
    {
        AuthenticationRegion = connection.Region,
        RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(connection.Region),
        CustomEndpoint = connection.EndpointChoice.Custom,
        UseFIPSEndpoint = connection.EndpointChoice.UseFips,
        UseDualstackEndpoint = connection.EndpointChoice.UseDualStack,
        Timeout = connection.RequestTimeout,
        RetryMode = connection.Retry.Mode,
        MaxErrorRetry = connection.Retry.MaxAttempts - 1,
    });

    public Task<DescribeAutoMLJobV2Response> DescribeAutoMLJobV2Async(DescribeAutoMLJobV2Request request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = DescribeAutoMLJobV2RequestMarshaller.Instance,
            ResponseUnmarshaller = DescribeAutoMLJobV2ResponseUnmarshaller.Instance,
        };
        return InvokeAsync<DescribeAutoMLJobV2Response>(request, options, cancellationToken);
    }

    public Task<ListAutoMLJobsResponse> ListAutoMLJobsAsync(ListAutoMLJobsRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = ListAutoMLJobsRequestMarshaller.Instance,
            ResponseUnmarshaller = ListAutoMLJobsResponseUnmarshaller.Instance,
        };
        return InvokeAsync<ListAutoMLJobsResponse>(request, options, cancellationToken);
    }

    public Task<ListCandidatesForAutoMLJobResponse> ListCandidatesForAutoMLJobAsync(ListCandidatesForAutoMLJobRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = ListCandidatesForAutoMLJobRequestMarshaller.Instance,
            ResponseUnmarshaller = ListCandidatesForAutoMLJobResponseUnmarshaller.Instance,
        };
        return InvokeAsync<ListCandidatesForAutoMLJobResponse>(request, options, cancellationToken);
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new SageMakerEndpointResolver());
        pipeline.AddHandlerAfter<SageMakerEndpointResolver>(new SageMakerAuthResolverHandler());
        // Inside the retry loop, so that every attempt (and why it failed) reaches -Verbose/-Debug.
        pipeline.AddHandlerAfter<RetryHandler>(new AttemptLogHandler());
    }
}
