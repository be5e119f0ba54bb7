namespace AutoMLV2.Tests.Support;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Amazon.Runtime.Internal.Transform;
using AutoMLV2.Engine.Client;

/// <summary>An HTTP response as the SDK's pipeline hands it to an unmarshaller.</summary>
internal sealed class FakeResponseData : IWebResponseData, IHttpResponseBody
{
    private readonly byte[] body;
    private readonly Dictionary<string, string> headers;

    public FakeResponseData(HttpStatusCode status, string body, string contentType = "application/x-amz-json-1.1", IDictionary<string, string>? headers = null)
    {
        StatusCode = status;
        this.body = Encoding.UTF8.GetBytes(body);
        this.headers = new Dictionary<string, string>(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = contentType,
        };
    }

    public long ContentLength => body.Length;

    public string ContentType => headers["Content-Type"];

    public HttpStatusCode StatusCode { get; }

    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and < 300;

    public IHttpResponseBody ResponseBody => this;

    /// <summary>The SDK's unmarshaller context over this response.</summary>
    public JsonUnmarshallerContext Context(bool isException = false)
        => new(new MemoryStream(body), false, this, isException);

    public string[] GetHeaderNames() => headers.Keys.ToArray();

    public bool IsHeaderPresent(string headerName) => headers.ContainsKey(headerName);

    public string GetHeaderValue(string headerName) => headers.TryGetValue(headerName, out var value) ? value : null!;

    public Amazon.Runtime.EventStreams.IEventStreamHeader GetEventStreamHeader(string headerName) => null!;

    public bool IsEventHeaderPresent(string headerName) => false;

    public Stream OpenResponse() => new MemoryStream(body);

    public Task<Stream> OpenResponseAsync() => Task.FromResult(OpenResponse());

    public void Dispose()
    {
    }
}

/// <summary>The real response body readers of the engine.</summary>
internal static class Bodies
{
    public static AutoMLV2.Model.AutoMLJobV2 Describe(string json) => Describe(json, out _);

    /// <summary>As <see cref="Describe(string)"/>, with the members newer than the module ("Type.Member").</summary>
    public static AutoMLV2.Model.AutoMLJobV2 Describe(string json, out IReadOnlyList<string> newerMembers)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return DescribeAutoMLJobV2ResponseUnmarshaller.ReadBody(stream, "DescribeAutoMLJobV2", out newerMembers);
    }

    public static AutoMLV2.Engine.Wire.ListAutoMLJobsResult List(string json) => List(json, out _);

    public static AutoMLV2.Engine.Wire.ListAutoMLJobsResult List(string json, out IReadOnlyList<string> newerMembers)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ListAutoMLJobsResponseUnmarshaller.ReadBody(stream, "ListAutoMLJobs", out newerMembers);
    }

    public static AutoMLV2.Engine.Wire.ListCandidatesForAutoMLJobResult Candidates(string json) => Candidates(json, out _);

    public static AutoMLV2.Engine.Wire.ListCandidatesForAutoMLJobResult Candidates(string json, out IReadOnlyList<string> newerMembers)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return ListCandidatesForAutoMLJobResponseUnmarshaller.ReadBody(stream, "ListCandidatesForAutoMLJob", out newerMembers);
    }
}
