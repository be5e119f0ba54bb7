namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

/// <summary>
/// A generated response body, kept as a tree of raw JSON tokens so that the generator decides the
/// exact text (number forms, string escapes, member order, whitespace) and so that a mutation can
/// put any text at any node. Each node remembers what the model says it is
/// (<see cref="ModelType"/>), and each member whether the model knows it.
/// </summary>
internal abstract class JNode
{
    protected JNode(string modelType)
    {
        ModelType = modelType;
    }

    /// <summary>string, integer, float, boolean, timestamp, list, map, structure, union; unknown for what the model does not have; raw for injected text.</summary>
    public string ModelType { get; }

    public abstract IEnumerable<JNode> Children { get; }

    public abstract void Write(StringBuilder into, Layout layout, int depth);

    public string ToJson(Layout layout = Layout.Compact)
    {
        var text = new StringBuilder();
        Write(text, layout, 0);
        return text.ToString();
    }

    public IEnumerable<JNode> Preorder()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var node in child.Preorder())
            {
                yield return node;
            }
        }
    }

    public int Count() => Preorder().Count();

    /// <summary>The tree with the node at preorder position <paramref name="index"/> replaced.</summary>
    public JNode ReplaceAt(int index, Func<JNode, JNode> replace)
    {
        var position = index;
        return Replace(this, ref position, replace);
    }

    /// <summary>The tree without the members the model does not know: what the typed object must hold.</summary>
    public abstract JNode StripUnknown();

    /// <summary>Smaller trees of the same kind, for FsCheck's shrinking: a member or item fewer, or a child shrunk.</summary>
    public abstract IEnumerable<JNode> Shrink();

    protected static void NewLine(StringBuilder into, Layout layout, int depth)
    {
        switch (layout)
        {
            case Layout.Indented:
                into.Append('\n').Append(' ', depth * 2);
                break;
            case Layout.Spacy:
                into.Append(" \r\n\t ");
                break;
        }
    }

    private static JNode Replace(JNode node, ref int position, Func<JNode, JNode> replace)
    {
        if (position == 0)
        {
            position = -1;
            return replace(node);
        }

        position--;
        switch (node)
        {
            case JArray array:
                var items = new JNode[array.Items.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = position < 0 ? array.Items[i] : Replace(array.Items[i], ref position, replace);
                }

                return new JArray(items, array.ModelType);
            case JObject obj:
                var members = new JMember[obj.Members.Count];
                for (var i = 0; i < members.Length; i++)
                {
                    var member = obj.Members[i];
                    members[i] = position < 0 ? member : member.With(Replace(member.Value, ref position, replace));
                }

                return new JObject(members, obj.ModelType);
            default:
                return node;
        }
    }
}

internal enum Layout
{
    Compact,
    Indented,
    Spacy,
}

/// <summary>A scalar (or any injected text), as its exact JSON text.</summary>
internal sealed class JLeaf : JNode
{
    public JLeaf(string text, string modelType)
        : base(modelType)
    {
        Text = text;
    }

    public string Text { get; }

    public override IEnumerable<JNode> Children => Array.Empty<JNode>();

    public override void Write(StringBuilder into, Layout layout, int depth) => into.Append(Text);

    public override JNode StripUnknown() => this;

    public override IEnumerable<JNode> Shrink()
    {
        if (ModelType == "string" && Text.Length > 3)
        {
            yield return new JLeaf("\"a\"", ModelType);
        }
    }
}

internal sealed class JArray : JNode
{
    public JArray(IReadOnlyList<JNode> items, string modelType)
        : base(modelType)
    {
        Items = items;
    }

    public IReadOnlyList<JNode> Items { get; }

    public override IEnumerable<JNode> Children => Items;

    public override void Write(StringBuilder into, Layout layout, int depth)
    {
        into.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                into.Append(',');
            }

            NewLine(into, layout, depth + 1);
            Items[i].Write(into, layout, depth + 1);
        }

        if (Items.Count > 0)
        {
            NewLine(into, layout, depth);
        }

        into.Append(']');
    }

    public override JNode StripUnknown() => new JArray(Items.Select(i => i.StripUnknown()).ToArray(), ModelType);

    public override IEnumerable<JNode> Shrink()
    {
        for (var i = 0; i < Items.Count; i++)
        {
            yield return new JArray(Items.Where((_, j) => j != i).ToArray(), ModelType);
        }

        for (var i = 0; i < Items.Count; i++)
        {
            foreach (var smaller in Items[i].Shrink())
            {
                yield return new JArray(Items.Select((item, j) => j == i ? smaller : item).ToArray(), ModelType);
            }
        }
    }
}

internal sealed class JMember
{
    public JMember(string name, string nameText, JNode value, bool unknown)
    {
        Name = name;
        NameText = nameText;
        Value = value;
        Unknown = unknown;
    }

    /// <summary>The name as the parser sees it (unescaped).</summary>
    public string Name { get; }

    /// <summary>The name as written in the body: a JSON string literal, possibly with escapes.</summary>
    public string NameText { get; }

    public JNode Value { get; }

    /// <summary>A member the model does not have (a future field, an unknown union member, <c>__type</c>).</summary>
    public bool Unknown { get; }

    public JMember With(JNode value) => new(Name, NameText, value, Unknown);
}

/// <summary>A structure, a union, a map, or an unknown member's object value.</summary>
internal sealed class JObject : JNode
{
    public JObject(IReadOnlyList<JMember> members, string modelType)
        : base(modelType)
    {
        Members = members;
    }

    public IReadOnlyList<JMember> Members { get; }

    public override IEnumerable<JNode> Children => Members.Select(m => m.Value);

    public override void Write(StringBuilder into, Layout layout, int depth)
    {
        into.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
            {
                into.Append(',');
            }

            NewLine(into, layout, depth + 1);
            into.Append(Members[i].NameText).Append(layout == Layout.Compact ? ":" : ": ");
            Members[i].Value.Write(into, layout, depth + 1);
        }

        if (Members.Count > 0)
        {
            NewLine(into, layout, depth);
        }

        into.Append('}');
    }

    public override JNode StripUnknown()
        => new JObject(Members.Where(m => !m.Unknown).Select(m => m.With(m.Value.StripUnknown())).ToArray(), ModelType);

    public override IEnumerable<JNode> Shrink()
    {
        for (var i = 0; i < Members.Count; i++)
        {
            yield return new JObject(Members.Where((_, j) => j != i).ToArray(), ModelType);
        }

        for (var i = 0; i < Members.Count; i++)
        {
            foreach (var smaller in Members[i].Value.Shrink())
            {
                yield return new JObject(Members.Select((m, j) => j == i ? m.With(smaller) : m).ToArray(), ModelType);
            }
        }
    }

    /// <summary>
    /// The comparer's paths (<c>$.A.B[0].C[key]</c>) of the unions under <paramref name="node"/>
    /// that hold no member the model knows: the parser may leave those null or empty.
    /// </summary>
    public static void EmptyUnionPaths(JNode node, string path, List<string> into)
    {
        switch (node)
        {
            case JObject { ModelType: "union" } union when union.Members.All(m => m.Unknown):
                into.Add(path);
                break;
            case JObject obj:
                foreach (var member in obj.Members.Where(m => !m.Unknown))
                {
                    EmptyUnionPaths(member.Value, obj.ModelType == "map" ? $"{path}[{member.Name}]" : $"{path}.{member.Name}", into);
                }

                break;
            case JArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    EmptyUnionPaths(array.Items[i], $"{path}[{i}]", into);
                }

                break;
        }
    }
}
