namespace AutoMLV2.Engine.Client;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using AutoMLV2.Engine.Wire;
using AutoMLV2.Internal;
using AutoMLV2.Model;

/// <summary>The names of the operations the module calls, as X-Amz-Target and IAM (sagemaker:&lt;name&gt;) spell them.</summary>
internal static class SageMakerOperation
{
    public const string DescribeAutoMLJobV2 = nameof(DescribeAutoMLJobV2);
    public const string ListAutoMLJobs = nameof(ListAutoMLJobs);
    public const string ListCandidatesForAutoMLJob = nameof(ListCandidatesForAutoMLJob);
}

internal sealed class DescribeAutoMLJobV2Request : AmazonWebServiceRequest
{
    public string AutoMLJobName { get; set; } = string.Empty;
}

internal sealed class DescribeAutoMLJobV2Response : AmazonWebServiceResponse
{
    public AutoMLJobV2 Job { get; set; } = new();

    /// <summary>The members of the body newer than the module, as "Type.Member" (kept on <see cref="Job"/>).</summary>
    public IReadOnlyList<string> NewerMembers { get; set; } = Array.Empty<string>();
}

internal sealed class ListAutoMLJobsRequest : AmazonWebServiceRequest
{
    public ListAutoMLJobsRequest(AutoMLJobListQuery query) => Query = query;

    public AutoMLJobListQuery Query { get; }
}

internal sealed class ListAutoMLJobsResponse : AmazonWebServiceResponse
{
    public ListAutoMLJobsResult Result { get; set; } = new();

    /// <summary>As <see cref="DescribeAutoMLJobV2Response.NewerMembers"/>.</summary>
    public IReadOnlyList<string> NewerMembers { get; set; } = Array.Empty<string>();
}

internal sealed class ListCandidatesForAutoMLJobRequest : AmazonWebServiceRequest
{
    public ListCandidatesForAutoMLJobRequest(CandidateListQuery query) => Query = query;

    public CandidateListQuery Query { get; }
}

internal sealed class ListCandidatesForAutoMLJobResponse : AmazonWebServiceResponse
{
    public ListCandidatesForAutoMLJobResult Result { get; set; } = new();

    /// <summary>As <see cref="DescribeAutoMLJobV2Response.NewerMembers"/>.</summary>
    public IReadOnlyList<string> NewerMembers { get; set; } = Array.Empty<string>();
}

/// <summary>awsJson 1.1: <c>POST /</c> with the operation in <c>X-Amz-Target</c> and the input as a JSON object.</summary>
internal abstract class JsonRequestMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
    where TRequest : AmazonWebServiceRequest
{
    protected abstract string Operation { get; }

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        IRequest request = new DefaultRequest(input, SageMakerAutoMLConfig.ServiceIdValue);
        request.Headers["X-Amz-Target"] = "SageMaker." + Operation;
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["x-amz-api-version"] = SageMakerAutoMLConfig.ApiVersion;
        request.HttpMethod = "POST";
        request.ResourcePath = "/";

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteMembers(writer, (TRequest)input);
            writer.WriteEndObject();
        }

        request.Content = buffer.ToArray();
        return request;
    }

    protected abstract void WriteMembers(Utf8JsonWriter writer, TRequest request);

    protected static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    protected static void WriteIfSet(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>A timestamp member: epoch seconds, a JSON number with the milliseconds as its fraction.</summary>
    protected static void WriteIfSet(Utf8JsonWriter writer, string name, DateTime? value)
    {
        if (value is { } time)
        {
            writer.WriteNumber(name, EpochSecondsConverter.ToEpochSeconds(time));
        }
    }
}

internal sealed class DescribeAutoMLJobV2RequestMarshaller : JsonRequestMarshaller<DescribeAutoMLJobV2Request>
{
    public static readonly DescribeAutoMLJobV2RequestMarshaller Instance = new();

    protected override string Operation => SageMakerOperation.DescribeAutoMLJobV2;

    protected override void WriteMembers(Utf8JsonWriter writer, DescribeAutoMLJobV2Request request)
    {
        writer.WriteString("AutoMLJobName", request.AutoMLJobName);
    }
}

internal sealed class ListAutoMLJobsRequestMarshaller : JsonRequestMarshaller<ListAutoMLJobsRequest>
{
    public static readonly ListAutoMLJobsRequestMarshaller Instance = new();

    protected override string Operation => SageMakerOperation.ListAutoMLJobs;

    protected override void WriteMembers(Utf8JsonWriter writer, ListAutoMLJobsRequest request)
    {
        var query = request.Query;
        WriteIfSet(writer, "CreationTimeAfter", query.CreationTimeAfter);
        WriteIfSet(writer, "CreationTimeBefore", query.CreationTimeBefore);
        WriteIfSet(writer, "LastModifiedTimeAfter", query.LastModifiedTimeAfter);
        WriteIfSet(writer, "LastModifiedTimeBefore", query.LastModifiedTimeBefore);
        WriteIfSet(writer, "NameContains", query.NameContains);
        WriteIfSet(writer, "StatusEquals", query.StatusEquals);
        WriteIfSet(writer, "SortBy", query.SortBy);
        WriteIfSet(writer, "SortOrder", query.SortOrder);
        WriteIfSet(writer, "MaxResults", query.MaxResults);
        WriteIfSet(writer, "NextToken", query.NextToken);
    }
}

internal sealed class ListCandidatesForAutoMLJobRequestMarshaller : JsonRequestMarshaller<ListCandidatesForAutoMLJobRequest>
{
    public static readonly ListCandidatesForAutoMLJobRequestMarshaller Instance = new();

    protected override string Operation => SageMakerOperation.ListCandidatesForAutoMLJob;

    protected override void WriteMembers(Utf8JsonWriter writer, ListCandidatesForAutoMLJobRequest request)
    {
        var query = request.Query;
        writer.WriteString("AutoMLJobName", query.AutoMLJobName);
        WriteIfSet(writer, "StatusEquals", query.StatusEquals);
        WriteIfSet(writer, "CandidateNameEquals", query.CandidateNameEquals);
        WriteIfSet(writer, "SortBy", query.SortBy);
        WriteIfSet(writer, "SortOrder", query.SortOrder);
        WriteIfSet(writer, "MaxResults", query.MaxResults);
        WriteIfSet(writer, "NextToken", query.NextToken);
    }
}

/// <summary>
/// Reads a response body with the source-generated System.Text.Json metadata
/// (<see cref="WireContract"/>: every body type of <see cref="WireJsonContext"/>, with the members
/// newer than the module kept by <see cref="NewerMemberReader"/>), streaming from the SDK's
/// response stream. Anything that is not a valid body becomes an
/// <see cref="AutoMLResponseParseException"/>; errors go through <see cref="ServiceErrorReader"/>.
/// </summary>
internal abstract class WireResponseUnmarshaller<TBody> : JsonResponseUnmarshaller
    where TBody : class
{
    protected abstract string Operation { get; }

    protected abstract AmazonWebServiceResponse Wrap(TBody body, IReadOnlyList<string> newerMembers);

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var contentType = context.ResponseData?.GetHeaderValue("Content-Type");
        if (contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            throw new AutoMLResponseParseException(
                $"The endpoint answered {Operation} with an HTML page instead of JSON; a proxy or a wrong -EndpointUrl may be in the way.",
                (int?)context.ResponseData?.StatusCode,
                context.ResponseData?.GetHeaderValue("x-amzn-RequestId"));
        }

        var body = ReadBody(context.Stream, Operation, out var newerMembers, (int?)context.ResponseData?.StatusCode, context.ResponseData?.GetHeaderValue("x-amzn-RequestId"));
        return Wrap(body, newerMembers);
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        => ServiceErrorReader.Read(context, innerException, statusCode);

    /// <summary>
    /// The body of <paramref name="operation"/>; <paramref name="newerMembers"/>: its members newer
    /// than the module, as "Type.Member" (members of the response itself as "{operation}Response.Member").
    /// </summary>
    internal static TBody ReadBody(Stream stream, string operation, out IReadOnlyList<string> newerMembers, int? statusCode = null, string? requestId = null)
    {
        try
        {
            return NewerMemberReader.Read(
                () => JsonSerializer.Deserialize(stream, BodyType)
                    ?? throw new AutoMLResponseParseException($"The {operation} response body is JSON null, not an object.", statusCode, requestId),
                operation + "Response",
                out newerMembers);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? string.Empty : $" at {e.Path}";
            throw new AutoMLResponseParseException($"The {operation} response is not valid{where}: {FirstLine(e.Message)}", statusCode, requestId, e);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException or DecoderFallbackException)
        {
            throw new AutoMLResponseParseException($"The {operation} response is not valid: {FirstLine(e.Message)}", statusCode, requestId, e);
        }
    }

    private static readonly JsonTypeInfo<TBody> BodyType = WireContract.For<TBody>();

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? message : message.Substring(0, end);
    }
}

internal sealed class DescribeAutoMLJobV2ResponseUnmarshaller : WireResponseUnmarshaller<AutoMLJobV2>
{
    public static readonly DescribeAutoMLJobV2ResponseUnmarshaller Instance = new();

    protected override string Operation => SageMakerOperation.DescribeAutoMLJobV2;

    protected override AmazonWebServiceResponse Wrap(AutoMLJobV2 body, IReadOnlyList<string> newerMembers) => new DescribeAutoMLJobV2Response { Job = body, NewerMembers = newerMembers };
}

internal sealed class ListAutoMLJobsResponseUnmarshaller : WireResponseUnmarshaller<ListAutoMLJobsResult>
{
    public static readonly ListAutoMLJobsResponseUnmarshaller Instance = new();

    protected override string Operation => SageMakerOperation.ListAutoMLJobs;

    protected override AmazonWebServiceResponse Wrap(ListAutoMLJobsResult body, IReadOnlyList<string> newerMembers) => new ListAutoMLJobsResponse { Result = body, NewerMembers = newerMembers };
}

internal sealed class ListCandidatesForAutoMLJobResponseUnmarshaller : WireResponseUnmarshaller<ListCandidatesForAutoMLJobResult>
{
    public static readonly ListCandidatesForAutoMLJobResponseUnmarshaller Instance = new();

    protected override string Operation => SageMakerOperation.ListCandidatesForAutoMLJob;

    protected override AmazonWebServiceResponse Wrap(ListCandidatesForAutoMLJobResult body, IReadOnlyList<string> newerMembers) => new ListCandidatesForAutoMLJobResponse { Result = body, NewerMembers = newerMembers };
}
