namespace AutoMLV2.Engine.Client;

using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using AutoMLV2.Engine.Connection;

/// <summary>Every SageMaker operation is signed with SigV4 (signing name <c>sagemaker</c>).</summary>
internal sealed class SageMakerAuthResolverHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}

/// <summary>Feeds the SageMaker endpoint rule set's parameters to <see cref="SageMakerEndpointProvider"/>.</summary>
internal sealed class SageMakerEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        => ((SageMakerAutoMLConfig)requestContext.ClientConfig).EndpointParametersFor();
}

/// <summary>The SageMaker endpoint rule set (<see cref="EndpointRules"/>) as the SDK's endpoint provider.</summary>
internal sealed class SageMakerEndpointProvider : IEndpointProvider
{
    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        var custom = parameters["Endpoint"] as string;
        var endpoint = EndpointRules.Resolve(
            parameters["Region"] as string,
            parameters["UseFIPS"] is true,
            parameters["UseDualStack"] is true,
            custom is null ? null : new Uri(custom));
        return new Endpoint(endpoint.ToString());
    }
}
