// Members newer than the module: what the service sends that this model does not know (a new
// field, a new union member) is kept on the object it came in, under its API name, so that
// $job.NewField, $job.AutoMLProblemTypeConfig.NewJobConfig.Field and ConvertTo-Json see it like a
// known member. The engine's wire reader (src/AutoMLV2.Engine/Wire/NewerMemberReader.cs) finds
// them; this class is what the rest of the module knows about them.
//
// How an object carries them: the wire reader replaces it by an instance of a subclass made at run
// time (one per model type and set of member names) whose extra public properties are the newer
// members. That is why the model classes are not sealed: a real .NET property is the only thing
// ConvertTo-Json writes for a nested object, and it keeps `-is [AutoMLV2.Model.AutoMLJobV2]`, the
// views and ToString. Where no such subclass can be made (Windows PowerShell, whose engine build
// has no Reflection.Emit; a name no property can have), the object keeps its type and the members
// are attached to it as PowerShell note properties: reachable by name and shown in the views, but
// ConvertTo-Json writes them only for the object it is given, not below it.
namespace AutoMLV2.Model;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

internal static class NewerMembers
{
    private static readonly IReadOnlyList<KeyValuePair<string, object?>> None = Array.Empty<KeyValuePair<string, object?>>();

    /// <summary>The properties of each run-time subclass that are newer members, in the order they came.</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Carriers = new();

    /// <summary>Objects whose newer members are note properties (no subclass could carry them).</summary>
    private static readonly ConditionalWeakTable<object, IReadOnlyList<KeyValuePair<string, object?>>> Attached = new();

    /// <summary>
    /// The newer members <paramref name="model"/> carries, in the order the service sent them;
    /// empty for an object that has none (or for null). Values are plain: a structure is a
    /// PSCustomObject, a list an object[], then string, bool, int, long, BigInteger, double (a
    /// number no .NET number holds stays its JSON text), or null.
    /// </summary>
    internal static IReadOnlyList<KeyValuePair<string, object?>> Of(object? model)
    {
        if (model is PSObject wrapped)
        {
            model = wrapped.BaseObject;
        }

        if (model is null)
        {
            return None;
        }

        if (Carriers.TryGetValue(model.GetType(), out var properties))
        {
            return properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(model))).ToArray();
        }

        return Attached.TryGetValue(model, out var members) ? members : None;
    }

    /// <summary>Called by the engine for each subclass it makes: <paramref name="names"/> are its newer members, in order.</summary>
    internal static void RegisterCarrier(Type carrier, IReadOnlyList<string> names)
        => Carriers[carrier] = names.Select(name => carrier.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            ?? throw new ArgumentException($"{carrier.FullName} has no property '{name}'.", nameof(names))).ToArray();

    /// <summary>
    /// The fallback: keeps <paramref name="members"/> on <paramref name="model"/> itself, as
    /// PowerShell note properties (PowerShell keeps them per object, at any depth). Names that
    /// cannot be a PowerShell member (empty) are left out.
    /// </summary>
    internal static void Attach(object model, IReadOnlyList<KeyValuePair<string, object?>> members)
    {
        var kept = members.Where(m => m.Key.Length > 0).ToArray();
        var properties = PSObject.AsPSObject(model).Properties;
        foreach (var member in kept)
        {
            if (properties[member.Key] is null)
            {
                properties.Add(new PSNoteProperty(member.Key, member.Value));
            }
        }

        Attached.Remove(model);
        Attached.Add(model, kept);
    }

    /// <summary>
    /// A structure inside a newer member, as a PSCustomObject with one note property per member
    /// (typed object here so that the engine, which has no PowerShell reference, can call it).
    /// A name repeated (or repeated in another case, which PowerShell's members do not tell apart)
    /// keeps its last value, as a JSON reader does; an empty name cannot be a member and is left out.
    /// </summary>
    internal static object Structure(IEnumerable<KeyValuePair<string, object?>> members)
    {
        var structure = new PSObject();
        foreach (var member in members)
        {
            if (member.Key.Length == 0)
            {
                continue;
            }

            if (structure.Properties[member.Key] is not null)
            {
                structure.Properties.Remove(member.Key);
            }

            structure.Properties.Add(new PSNoteProperty(member.Key, member.Value));
        }

        return structure;
    }

    /// <summary>The members of a structure made by <see cref="Structure"/>, in order.</summary>
    internal static IEnumerable<KeyValuePair<string, object?>> MembersOf(PSObject structure)
        => structure.Properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.Value));

    /// <summary>Whether <paramref name="type"/> is a union shape of the service model (<see cref="UnionShapeAttribute"/>).</summary>
    internal static bool IsUnion(Type type) => type.IsDefined(typeof(UnionShapeAttribute), inherit: true);
}

/// <summary>
/// Marks a model class whose SageMaker shape is a union (at most one member is set). On the wire a
/// union may carry a <c>__type</c> key naming the member; it is not a member and is never kept.
/// The conformance test checks these marks against the service model.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class UnionShapeAttribute : Attribute
{
}
