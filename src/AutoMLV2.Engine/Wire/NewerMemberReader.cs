namespace AutoMLV2.Engine.Wire;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AutoMLV2.Model;

/// <summary>
/// Keeps the members of a response that the model does not know (AutoMLV2.Model.NewerMembers says
/// how they look to the user). While <see cref="Read"/> runs a body read on this thread, the
/// extension-data property of <see cref="WireContract"/> records, per object, the members it had no
/// property for. Afterwards, and only if something was recorded, one walk over the result gives
/// each such object its newer members: it is replaced by a copy of a run-time subclass that has them
/// as properties (<see cref="CarrierTypes"/>), or, where none can be made, they are attached to it
/// as PowerShell note properties. A <c>__type</c> key inside a union is a wire artifact and is
/// dropped. The walk also lists the members as "Type.Member" for the command's Verbose line.
/// </summary>
internal sealed class NewerMemberReader
{
    [ThreadStatic]
    private static NewerMemberReader? current;

    private readonly string responseName;
    private Dictionary<object, Dictionary<string, JsonElement>>? captured;
    private object? lastOwner;
    private Dictionary<string, JsonElement>? lastMembers;
    private Type? lastCarrierType;
    private string[]? lastCarrierNames;
    private CarrierTypes.Carrier? lastCarrier;

    private NewerMemberReader(string responseName) => this.responseName = responseName;

    /// <summary>
    /// Runs <paramref name="read"/> (a synchronous System.Text.Json read with <see cref="WireContract"/>
    /// metadata) and keeps the newer members of its result. <paramref name="newerMembers"/>: what was
    /// newer, as "Type.Member", sorted; members of <paramref name="responseName"/> (the response
    /// shape, when the body is not a public model class) cannot be kept on any object and are only
    /// listed.
    /// </summary>
    internal static T Read<T>(Func<T> read, string responseName, out IReadOnlyList<string> newerMembers)
        where T : class
    {
        var reader = new NewerMemberReader(responseName);
        var previous = current;
        current = reader;
        T body;
        try
        {
            body = read();
        }
        finally
        {
            current = previous;
        }

        if (reader.captured is null)
        {
            newerMembers = Array.Empty<string>();
            return body;
        }

        var found = new HashSet<(Type Owner, string Member)>();
        body = (T)reader.Walk(body, typeof(T), found);
        newerMembers = found.Select(m => reader.OwnerName(m.Owner) + "." + m.Member).OrderBy(m => m, StringComparer.Ordinal).ToArray();
        return body;
    }

    /// <summary>The extension-data getter: the members recorded so far for <paramref name="owner"/> (null outside <see cref="Read"/>).</summary>
    internal static object? CapturedOf(object owner)
    {
        var reader = current;
        if (reader is null)
        {
            return null;
        }

        if (ReferenceEquals(owner, reader.lastOwner))
        {
            return reader.lastMembers;
        }

        return reader.captured is not null && reader.captured.TryGetValue(owner, out var members) ? members : null;
    }

    /// <summary>The extension-data setter: System.Text.Json made the dictionary for <paramref name="owner"/>'s first unknown member.</summary>
    internal static void Capture(object owner, object? members)
    {
        if (current is not { } reader || members is not Dictionary<string, JsonElement> dictionary)
        {
            return;
        }

        reader.captured ??= new Dictionary<object, Dictionary<string, JsonElement>>(ReferenceComparer.Instance);
        reader.captured[owner] = dictionary;
        reader.lastOwner = owner;
        reader.lastMembers = dictionary;
    }

    /// <summary>A value as a JSON reader returns it, for a newer member: see AutoMLV2.Model.NewerMembers.Of.</summary>
    internal static object? PlainValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => NewerMembers.Structure(element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, PlainValue(p.Value))).ToList()),
        JsonValueKind.Array => element.EnumerateArray().Select(PlainValue).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => Number(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>
    /// int, long, BigInteger for whole numbers; double otherwise; a number no double holds
    /// (1e400, or 1e-400, which would read as 0) stays its JSON text rather than change its value.
    /// </summary>
    private static object Number(JsonElement element)
    {
        if (element.TryGetInt32(out var small))
        {
            return small;
        }

        if (element.TryGetInt64(out var large))
        {
            return large;
        }

        var text = element.GetRawText();
        if (text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0)
        {
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        if (element.TryGetDouble(out var number) && !double.IsInfinity(number) && !double.IsNaN(number) && (number != 0 || IsZero(text)))
        {
            return number;
        }

        return text;
    }

    private static bool IsZero(string numberText)
    {
        foreach (var c in numberText)
        {
            if (c is 'e' or 'E')
            {
                return true;
            }

            if (c is >= '1' and <= '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The owner's name in "Type.Member": the model class users see, or the response shape.</summary>
    private string OwnerName(Type type) => IsModelClass(type) ? type.Name : responseName;

    private static bool IsModelClass(Type type)
        => type.Assembly == typeof(AutoMLJobV2).Assembly && type.IsPublic && !type.IsSealed && !type.IsAbstract;

    /// <summary>Gives every recorded object under <paramref name="node"/> its newer members; returns the node or its replacement.</summary>
    private object Walk(object node, Type type, HashSet<(Type Owner, string Member)> found)
    {
        if (node is IList list && type.IsArray)
        {
            var element = type.GetElementType()!;
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is { } item && Walk(item, element, found) is var replaced && !ReferenceEquals(replaced, item))
                {
                    list[i] = replaced;
                }
            }

            return node;
        }

        if (node is IDictionary map)
        {
            var valueType = type.GetGenericArguments()[1];
            foreach (var key in map.Keys.Cast<object>().ToArray())
            {
                if (map[key] is { } item && Walk(item, valueType, found) is var replaced && !ReferenceEquals(replaced, item))
                {
                    map[key] = replaced;
                }
            }

            return node;
        }

        var contract = WireContract.Object(type);
        foreach (var member in contract.Nested)
        {
            if (member.Get!(node) is { } value && Walk(value, member.PropertyType, found) is var replaced && !ReferenceEquals(replaced, value))
            {
                member.Set!(node, replaced);
            }
        }

        return captured!.TryGetValue(node, out var members) ? Keep(node, contract, members, found) : node;
    }

    private object Keep(object node, WireContract.ObjectContract contract, Dictionary<string, JsonElement> members, HashSet<(Type Owner, string Member)> found)
    {
        var union = NewerMembers.IsUnion(contract.Type);
        // Of a response's own members (not a model class) only the names are told; their values are not kept.
        var keeps = IsModelClass(contract.Type);
        var kept = new List<KeyValuePair<string, object?>>(members.Count);
        foreach (var member in members)
        {
            // A union's __type names the member that is set; an empty name cannot be a member of
            // any .NET or PowerShell object (and no service model has one).
            if ((union && member.Key == "__type") || member.Key.Length == 0)
            {
                continue;
            }

            if (keeps)
            {
                kept.Add(new KeyValuePair<string, object?>(member.Key, PlainValue(member.Value)));
            }

            found.Add((contract.Type, member.Key));
        }

        if (kept.Count == 0)
        {
            return node;
        }

        if (CarrierFor(contract.Type, kept) is not { } carrier)
        {
            NewerMembers.Attach(node, kept);
            return node;
        }

        var copy = carrier.Create(kept.Select(m => m.Value).ToArray());
        foreach (var member in contract.Members)
        {
            member.Set!(copy, member.Get!(node));
        }

        return copy;
    }

    /// <summary>
    /// The carrier class for these members; the one of the previous object when it had the same
    /// (the members of a list's items usually are), without building the look-up key again.
    /// </summary>
    private CarrierTypes.Carrier? CarrierFor(Type type, List<KeyValuePair<string, object?>> members)
    {
        if (type == lastCarrierType && lastCarrierNames is { } names && names.Length == members.Count)
        {
            var same = true;
            for (var i = 0; i < names.Length && same; i++)
            {
                same = string.Equals(names[i], members[i].Key, StringComparison.Ordinal);
            }

            if (same)
            {
                return lastCarrier;
            }
        }

        lastCarrierType = type;
        lastCarrierNames = members.Select(m => m.Key).ToArray();
        return lastCarrier = CarrierTypes.For(type, lastCarrierNames);
    }

    /// <summary>Objects by identity (netstandard2.0 has no ReferenceEqualityComparer).</summary>
    private sealed class ReferenceComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
