namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using Amazon.Runtime.Internal.Transform;
using AutoMLV2.Engine.Client;
using AutoMLV2.Engine.Wire;
using AutoMLV2.Model;
using AutoMLV2.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Sdk;

/// <summary>A valid body generated from the model, with the layout and read chunking it is fed with.</summary>
public abstract class GeneratedBody
{
    private protected GeneratedBody(JNode root, Layout layout, int chunkSeed)
    {
        Root = root;
        Layout = layout;
        ChunkSeed = chunkSeed;
    }

    internal JNode Root { get; }

    internal Layout Layout { get; }

    /// <summary>How the body reaches the parser: see <see cref="ParserHarness.Read"/>.</summary>
    internal int ChunkSeed { get; }

    internal abstract OperationModel Operation { get; }

    internal string Json => Root.ToJson(Layout);

    public override string ToString() => $"{Operation.Operation} body ({Layout}, {ParserHarness.FeedName(ChunkSeed)}): {ParserHarness.Preview(Json)}";
}

public sealed class DescribeDocument : GeneratedBody
{
    internal DescribeDocument(JNode root, Layout layout, int chunkSeed)
        : base(root, layout, chunkSeed)
    {
    }

    internal override OperationModel Operation => OperationModel.Describe;
}

public sealed class ListDocument : GeneratedBody
{
    internal ListDocument(JNode root, Layout layout, int chunkSeed)
        : base(root, layout, chunkSeed)
    {
    }

    internal override OperationModel Operation => OperationModel.List;
}

/// <summary>Bytes that may or may not be a body, and how they were made.</summary>
public class MalformedBody
{
    internal MalformedBody(string description, byte[] bytes, int chunkSeed = 0)
    {
        Description = description;
        Bytes = bytes;
        ChunkSeed = chunkSeed;
    }

    internal string Description { get; }

    internal byte[] Bytes { get; }

    internal int ChunkSeed { get; }

    public override string ToString() => $"{Description}, {Bytes.Length} bytes, {ParserHarness.FeedName(ChunkSeed)}: {ParserHarness.Preview(Bytes)}";
}

/// <summary>A mutated DescribeAutoMLJobV2 body.</summary>
public sealed class MutatedDescribeBody : MalformedBody
{
    internal MutatedDescribeBody(MalformedBody body, int chunkSeed)
        : base(body.Description, body.Bytes, chunkSeed)
    {
    }
}

/// <summary>A mutated ListAutoMLJobs body.</summary>
public sealed class MutatedListBody : MalformedBody
{
    internal MutatedListBody(MalformedBody body, int chunkSeed)
        : base(body.Description, body.Bytes, chunkSeed)
    {
    }
}

/// <summary>The generators and shrinkers FsCheck uses for the parameters of <see cref="ParserProperties"/>.</summary>
public static class ParserArbitraries
{
    private static readonly Gen<Layout> Layouts = Gen.Elements(Layout.Compact, Layout.Compact, Layout.Indented, Layout.Spacy);

    /// <summary>Mostly one buffer; now and then random small reads, or the SDK's unmarshaller entry point.</summary>
    private static readonly Gen<int> ChunkSeeds = Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(1, int.MaxValue)), (1, Gen.Constant(-1)));

    public static Arbitrary<DescribeDocument> DescribeDocuments() =>
        Arb.From(
            from root in ModelGenerators.Describe.Document
            from layout in Layouts
            from chunks in ChunkSeeds
            select new DescribeDocument(root, layout, chunks),
            d => d.Root.Shrink().Select(r => new DescribeDocument(r, d.Layout, d.ChunkSeed)));

    public static Arbitrary<ListDocument> ListDocuments() =>
        Arb.From(
            from root in ModelGenerators.List.Document
            from layout in Layouts
            from chunks in ChunkSeeds
            select new ListDocument(root, layout, chunks),
            d => d.Root.Shrink().Select(r => new ListDocument(r, d.Layout, d.ChunkSeed)));

    public static Arbitrary<MalformedBody> ArbitraryBodies() =>
        Arb.From(
            from body in MalformedGenerators.Arbitrary()
            from chunks in ChunkSeeds
            select new MalformedBody(body.Description, body.Bytes, chunks),
            b => MalformedGenerators.Shrink(b).Select(s => new MalformedBody(s.Description, s.Bytes, b.ChunkSeed)));

    public static Arbitrary<MutatedDescribeBody> MutatedDescribeBodies() =>
        Arb.From(
            from body in MalformedGenerators.Mutated(ModelGenerators.Describe)
            from chunks in ChunkSeeds
            select new MutatedDescribeBody(body, chunks),
            b => MalformedGenerators.Shrink(b).Select(s => new MutatedDescribeBody(s, b.ChunkSeed)));

    public static Arbitrary<MutatedListBody> MutatedListBodies() =>
        Arb.From(
            from body in MalformedGenerators.Mutated(ModelGenerators.List)
            from chunks in ChunkSeeds
            select new MutatedListBody(body, chunks),
            b => MalformedGenerators.Shrink(b).Select(s => new MutatedListBody(s, b.ChunkSeed)));
}

/// <summary>Feeds bytes to the engine's real body reader and sorts what comes out.</summary>
internal static class ParserHarness
{
    public static string FeedName(int chunkSeed) => chunkSeed switch
    {
        0 => "ReadBody over one MemoryStream",
        < 0 => "the SDK unmarshaller's Unmarshall(JsonUnmarshallerContext)",
        _ => $"ReadBody over a ChunkedStream with seed {chunkSeed}",
    };

    /// <summary>
    /// The typed object, or the parse error; anything else escaping the parser is thrown as a test
    /// failure describing it. <paramref name="chunkSeed"/>: 0, the engine's ReadBody over one
    /// MemoryStream; above 0, ReadBody over a <see cref="ChunkedStream"/> of that seed; below 0,
    /// the whole SDK unmarshaller (a 200 response, JSON content type).
    /// <paramref name="carriers"/>: whether objects with newer members may get a run-time class
    /// (CarrierTypes); without, they carry them as note properties. Every read with made-up member
    /// names would make a class, and the run has room for a few thousand only.
    /// </summary>
    public static (object? Value, AutoMLResponseParseException? Error) Read(OperationModel operation, byte[] bytes, int chunkSeed, bool carriers = false)
    {
        using var noCarriers = carriers ? null : CarrierTypes.WithoutOnThisThread();
        using Stream stream = chunkSeed <= 0 ? new MemoryStream(bytes, writable: false) : new ChunkedStream(bytes, chunkSeed);
        return Classify(operation, () => chunkSeed < 0 ? ThroughTheSdk(operation, stream) : operation.Operation switch
        {
            "DescribeAutoMLJobV2" => DescribeAutoMLJobV2ResponseUnmarshaller.ReadBody(stream, operation.Operation, out _),
            "ListAutoMLJobs" => ListAutoMLJobsResponseUnmarshaller.ReadBody(stream, operation.Operation, out _),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        });
    }

    /// <summary>Runs a parse: its value, or its <see cref="AutoMLResponseParseException"/>; any other exception becomes a test failure naming it.</summary>
    public static (object? Value, AutoMLResponseParseException? Error) Classify(OperationModel operation, Func<object> parse)
    {
        try
        {
            return (parse(), null);
        }
        catch (AutoMLResponseParseException e)
        {
            return (null, e);
        }
        catch (Exception e)
        {
            throw new XunitException($"{operation.Operation}: {Describe(e)}");
        }
    }

    private static object ThroughTheSdk(OperationModel operation, Stream stream)
    {
        var context = new JsonUnmarshallerContext(stream, false, new FakeResponseData(HttpStatusCode.OK, string.Empty), false);
        return operation.Operation == "ListAutoMLJobs"
            ? ((ListAutoMLJobsResponse)ListAutoMLJobsResponseUnmarshaller.Instance.Unmarshall(context)).Result
            : ((DescribeAutoMLJobV2Response)DescribeAutoMLJobV2ResponseUnmarshaller.Instance.Unmarshall(context)).Job;
    }

    public static Type ClrType(OperationModel operation) => operation.Operation == "ListAutoMLJobs" ? typeof(ListAutoMLJobsResult) : typeof(AutoMLJobV2);

    /// <summary>Type, message and the top of the stack, for the report of an exception that escaped.</summary>
    public static string Describe(Exception e)
    {
        var frames = new StackTrace(e, fNeedFileInfo: false).GetFrames()
            .Take(6)
            .Select(f => f.GetMethod() is { } m ? $"   at {m.DeclaringType?.FullName}.{m.Name}" : "   at ?");
        return $"{e.GetType().FullName} escaped the parser: {e.Message}\n{string.Join("\n", frames)}";
    }

    public static string Preview(string text) => text.Length <= 1500 ? text : text.Substring(0, 1500) + $"... ({text.Length} chars)";

    /// <summary>Printable ASCII as is, every other byte as \xNN.</summary>
    public static string Preview(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.Take(1500))
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return bytes.Length <= 1500 ? text.ToString() : text + $"... ({bytes.Length} bytes)";
    }
}

/// <summary>A read-only stream that hands out its bytes in random short reads, as a network stream may.</summary>
internal sealed class ChunkedStream : Stream
{
    private readonly byte[] bytes;
    private readonly Random random;
    private int position;

    public ChunkedStream(byte[] bytes, int seed)
    {
        this.bytes = bytes;
        random = new Random(seed);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var size = Math.Min(Math.Min(buffer.Length, bytes.Length - position), random.Next(2) == 0 ? random.Next(1, 8) : random.Next(1, 4096));
        if (size <= 0)
        {
            return 0;
        }

        bytes.AsSpan(position, size).CopyTo(buffer);
        position += size;
        return size;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
