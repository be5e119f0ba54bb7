namespace AutoMLV2.Engine.Wire;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

/// <summary>
/// The metadata every response body is read with: <see cref="WireJsonContext"/>'s source-generated
/// contract, with one addition to every object type (every model class, every response class, any
/// added later): an extension-data property that receives the members the type has no property for
/// and hands them to <see cref="NewerMemberReader"/>. System.Text.Json touches it only when it meets
/// such a member, so an object without one costs nothing more than before.
/// </summary>
internal static class WireContract
{
    /// <summary>No JSON member can have this name: the property exists only in the contract.</summary>
    private const string CapturePropertyName = "\u0001NewerMembers";

    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly ConcurrentDictionary<Type, bool> HoldsObjectsCache = new();
    private static readonly ConcurrentDictionary<Type, ObjectContract> ObjectContracts = new();

    /// <summary>The contract of a response body type (or any type of <see cref="WireJsonContext"/>).</summary>
    internal static JsonTypeInfo<T> For<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Whether a value of <paramref name="type"/> can contain an object: an object type, or a list or map of them.</summary>
    internal static bool HoldsObjects(Type type) => HoldsObjectsCache.GetOrAdd(type, t =>
    {
        if (t == typeof(string) || t.IsValueType)
        {
            return false;
        }

        if (t.IsArray)
        {
            return HoldsObjects(t.GetElementType()!);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return HoldsObjects(t.GetGenericArguments()[1]);
        }

        return Options.GetTypeInfo(t).Kind == JsonTypeInfoKind.Object;
    });

    /// <summary>The members of an object type, as the wire reader sets them.</summary>
    internal static ObjectContract Object(Type type) => ObjectContracts.GetOrAdd(type, t => new ObjectContract(Options.GetTypeInfo(t)));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(WireJsonContext.Default.Options)
        {
            TypeInfoResolver = WireJsonContext.Default.WithAddedModifier(AddNewerMemberCapture),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void AddNewerMemberCapture(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Properties.Any(p => p.IsExtensionData))
        {
            return;
        }

        var capture = type.CreateJsonPropertyInfo(typeof(Dictionary<string, JsonElement>), CapturePropertyName);
        capture.IsExtensionData = true;
        capture.Get = NewerMemberReader.CapturedOf;
        capture.Set = NewerMemberReader.Capture;
        type.Properties.Add(capture);
    }

    /// <summary>An object type's wire members: those a copy must carry over, and those that can hold further objects.</summary>
    internal sealed class ObjectContract
    {
        public ObjectContract(JsonTypeInfo type)
        {
            Type = type.Type;
            Members = type.Properties.Where(p => !p.IsExtensionData && p.Get is not null && p.Set is not null).ToArray();
            Nested = Members.Where(p => HoldsObjects(p.PropertyType)).ToArray();
        }

        public Type Type { get; }

        /// <summary>Every member the model knows (readable and settable).</summary>
        public IReadOnlyList<JsonPropertyInfo> Members { get; }

        /// <summary>The members whose values can contain objects.</summary>
        public IReadOnlyList<JsonPropertyInfo> Nested { get; }
    }
}
