namespace AutoMLV2.Tests.Engine.Wire.Properties;

using System;
using System.Globalization;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

/// <summary>
/// Scalars as awsJson 1.1 may send them, each with its exact text: strings with every kind of
/// escape, integers, finite floats in plain, exponent and integral (<c>123.0</c>) forms, booleans,
/// and timestamps as epoch seconds with fractions and in exponent form.
/// </summary>
internal static class LeafGenerators
{
    /// <summary>The earliest and latest epoch seconds a .NET DateTime can hold (0001-01-01, 9999-12-31T23:59:59).</summary>
    public const long MinEpochSeconds = -62135596800L;

    public const long MaxEpochSeconds = 253402300799L;

    private static readonly char[] Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/ ".ToCharArray();

    private static readonly char[] Special = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f{}[],:'`$%&*+=?@^|~#<>".ToCharArray();

    private static readonly char[] NonAscii = "éßøñüÅжλ中文日本語한국\u00a0\u2028\u2029\ufeff\ufffd\u200b".ToCharArray();

    private static readonly string[] Astral = { "\U0001F600", "\U0001F4A9", "\U00010348", "\U0001D11E", "\U000E0001" };

    /// <summary>Chars of a string (valid UTF-16: surrogates only in pairs).</summary>
    public static readonly Gen<string> Text =
        Gen.Frequency(
            (12, Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Char, n)).Select(parts => string.Concat(parts))),
            (1, Gen.Constant(string.Empty)),
            // Long strings, to cross the serializer's buffer boundaries.
            (1, from unit in Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Char, n)).Select(p => string.Concat(p))
                from length in Gen.Choose(2_000, 40_000)
                select Repeat(unit, length)));

    /// <summary>A JSON string literal of a random string, each char raw or escaped at random.</summary>
    public static readonly Gen<(string Value, string Literal)> StringLiteral =
        from value in Text
        from seed in Gen.Choose(0, int.MaxValue)
        from escapeShare in Gen.Elements(0, 0, 10, 50, 100)
        select (value, Quote(value, seed, escapeShare));

    public static readonly Gen<JNode> Integer =
        Gen.Frequency(
            (6, Gen.Choose(-1000, 1000)),
            (6, Gen.Choose(int.MinValue, int.MaxValue)),
            (2, Gen.Elements(int.MinValue, int.MaxValue, 0, -1, 1, 86400, 2147483646)))
        .SelectMany(v => Gen.Elements(
            v.ToString(CultureInfo.InvariantCulture),
            v == 0 ? "-0" : v.ToString(CultureInfo.InvariantCulture)))
        .Select(text => (JNode)new JLeaf(text, "integer"));

    public static readonly Gen<JNode> Float =
        (from value in Gen.Frequency(
            (4, from n in Gen.Choose(-1_000_000, 1_000_000) from scale in Gen.Choose(0, 8) select n / Math.Pow(10, scale)),
            (3, from m in Gen.Choose(-999_999_999, 999_999_999) from e in Gen.Choose(-320, 300) select m * Math.Pow(10, e)),
            (2, from n in Gen.Choose(-100_000, 100_000) select (double)n),
            (1, Gen.Elements(0d, -0d, 1d, 0.1, 0.2, 0.8734, 1.25E-4, double.MaxValue, -double.MaxValue, double.Epsilon, float.MaxValue, float.Epsilon, 9007199254740993d, 1e15, 1e16)))
         where double.IsFinite(value)
         from form in Gen.Choose(0, 6)
         select (JNode)new JLeaf(FloatText(value, form), "float"));

    public static readonly Gen<JNode> Boolean = Gen.Elements("true", "false").Select(t => (JNode)new JLeaf(t, "boolean"));

    public static readonly Gen<JNode> Timestamp =
        from seconds in Gen.Frequency(
            (6, Gen.Choose(1_000_000_000, 2_000_000_000).Select(s => (long)s)),
            (3, from high in Gen.Choose((int)(MinEpochSeconds / 1000), (int)(MaxEpochSeconds / 1000)) from low in Gen.Choose(0, 999) select Math.Clamp(((long)high * 1000) + low, MinEpochSeconds, MaxEpochSeconds)),
            (1, Gen.Elements(MinEpochSeconds, MaxEpochSeconds, 0L, -1L, 1L, MinEpochSeconds + 1, MaxEpochSeconds - 1)))
        from digits in Gen.Choose(0, 3)
        from fraction in Gen.Choose(0, 999)
        from form in Gen.Choose(0, 4)
        select (JNode)new JLeaf(TimestampText(seconds, digits, fraction, form), "timestamp");

    private static Gen<string> Char =>
        Gen.Frequency(
            (20, Gen.Elements(Plain).Select(c => c.ToString())),
            (3, Gen.Elements(Special).Select(c => c.ToString())),
            (3, Gen.Elements(NonAscii).Select(c => c.ToString())),
            (1, Gen.Elements(Astral)),
            (1, Gen.Choose(0x20, 0xD7FF).Select(c => ((char)c).ToString())));

    /// <summary>A JSON string literal for <paramref name="value"/>: required escapes in short or \u form, others escaped for about <paramref name="escapePercent"/>% of the chars.</summary>
    public static string Quote(string value, int seed, int escapePercent)
    {
        var random = new Random(seed);
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var escape = random.Next(100) < escapePercent;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // A pair is written whole: both raw, or both as \u escapes.
                text.Append(escape ? $"\\u{(int)c:X4}\\u{(int)value[i + 1]:x4}" : value.Substring(i, 2));
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when !escape || random.Next(2) == 0:
                    text.Append("\\\"");
                    continue;
                case '\\' when !escape || random.Next(2) == 0:
                    text.Append("\\\\");
                    continue;
                case '/' when escape && random.Next(2) == 0:
                    text.Append("\\/");
                    continue;
                case '\b' when !escape || random.Next(2) == 0:
                    text.Append("\\b");
                    continue;
                case '\f' when !escape || random.Next(2) == 0:
                    text.Append("\\f");
                    continue;
                case '\n' when !escape || random.Next(2) == 0:
                    text.Append("\\n");
                    continue;
                case '\r' when !escape || random.Next(2) == 0:
                    text.Append("\\r");
                    continue;
                case '\t' when !escape || random.Next(2) == 0:
                    text.Append("\\t");
                    continue;
            }

            if (escape || c < 0x20 || c == '"' || c == '\\')
            {
                var hex = ((int)c).ToString(random.Next(2) == 0 ? "X4" : "x4", CultureInfo.InvariantCulture);
                text.Append("\\u").Append(hex);
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>A member name, now and then with a char written as a \u escape (the parser must unescape before matching).</summary>
    public static Gen<(string Name, string Literal)> Name(string name) =>
        Gen.Frequency(
            (9, Gen.Constant(Quote(name, 0, 0))),
            (1, Gen.Choose(0, int.MaxValue).Select(seed => Quote(name, seed, 20))))
        .Select(literal => (name, literal));

    public static Gen<JNode> String(string[]? enumValues)
    {
        var text = StringLiteral.Select(s => (JNode)new JLeaf(s.Literal, "string"));
        if (enumValues is null)
        {
            return text;
        }

        // Known values, and values the model does not list (new ones, other spellings, any string).
        var unknownValues = Gen.Frequency(
            (2, StringLiteral.Select(s => s.Literal)),
            (1, Gen.Elements(enumValues).Select(v => Quote(v.ToLowerInvariant(), 0, 0))),
            (1, Gen.Elements(enumValues).Select(v => Quote(v + "V2", 0, 0))),
            (1, Gen.Elements("Paused", "WaitingForCapacity", "TabularRanking", "Rouge1", "AWS::SageMaker::HyperPodJob", "holdout", "").Select(v => Quote(v, 0, 0))));
        return Gen.Frequency(
            (3, from v in Gen.Elements(enumValues) from seed in Gen.Choose(0, int.MaxValue) from share in Gen.Elements(0, 0, 0, 30) select Quote(v, seed, share)),
            (1, unknownValues))
            .Select(literal => (JNode)new JLeaf(literal, "string"));
    }

    public static string FloatText(double value, int form)
    {
        var text = form switch
        {
            // Integral values as "123.0".
            1 when Math.Abs(value) < 1e15 && Math.Floor(value) == value => ((long)value).ToString(CultureInfo.InvariantCulture) + ".0",
            2 => value.ToString("E6", CultureInfo.InvariantCulture),                                       // 1.234568E+005
            3 => value.ToString("E12", CultureInfo.InvariantCulture).ToLowerInvariant().Replace("e+", "e"), // 1.234567890123e005
            4 => value.ToString("E2", CultureInfo.InvariantCulture).Replace("E+", "E"),
            5 => ShiftedExponent(value),
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };

        // A shortened form may round past double.MaxValue; the property wants finite values only.
        return double.IsFinite(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)) ? text : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Epoch seconds with 0–3 fraction digits, plain, in scientific form (1.7008224E9), or as digits with a negative exponent (17008224001E-1).</summary>
    public static string TimestampText(long seconds, int digits, int fraction, int form)
    {
        // Past either end of DateTime's range a fraction would take the instant out of it.
        if (seconds is MinEpochSeconds or MaxEpochSeconds)
        {
            digits = 0;
        }

        var fractionText = digits == 0 ? string.Empty : (fraction % (int)Math.Pow(10, digits)).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        var negative = seconds < 0;
        var whole = Math.Abs(seconds).ToString(CultureInfo.InvariantCulture);
        var sign = negative ? "-" : string.Empty;
        switch (form)
        {
            case 1 or 2:
            {
                // Scientific: d.dddE(n): all digits after the first go after the point.
                var all = (whole + fractionText).TrimStart('0');
                if (all.Length == 0)
                {
                    return sign + "0E0";
                }

                var exponent = whole.TrimStart('0').Length - 1;
                if (whole.TrimStart('0').Length == 0)
                {
                    // 0.0ddd: the exponent counts the leading zeros of the fraction.
                    exponent = -(fractionText.Length - fractionText.TrimStart('0').Length) - 1;
                }

                var mantissa = all.TrimEnd('0');
                mantissa = mantissa.Length == 1 ? mantissa : mantissa[0] + "." + mantissa.Substring(1);
                var e = form == 1 ? "E" : exponent >= 0 ? "e+" : "e";
                return sign + mantissa + e + exponent.ToString(CultureInfo.InvariantCulture);
            }

            case 3 when fractionText.Length > 0:
                // All digits, and a negative exponent: 17008224001E-1.
            {
                var digitsText = (whole + fractionText).TrimStart('0');
                return sign + (digitsText.Length == 0 ? "0" : digitsText) + "E-" + fractionText.Length.ToString(CultureInfo.InvariantCulture);
            }

            case 4:
                return sign + whole + (fractionText.Length > 0 ? "." + fractionText : ".0");
            default:
                return sign + whole + (fractionText.Length > 0 ? "." + fractionText : string.Empty);
        }
    }

    private static string ShiftedExponent(double value)
    {
        // The "R" digits with the point moved into an exponent: 0.8734 -> 8734E-4.
        var r = value.ToString("E16", CultureInfo.InvariantCulture);
        var mantissa = r.Substring(0, r.IndexOf('E'));
        var exponent = int.Parse(r.Substring(r.IndexOf('E') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-').Replace(".", string.Empty).TrimEnd('0');
        if (digits.Length == 0)
        {
            return negative ? "-0E0" : "0E0";
        }

        return (negative ? "-" : string.Empty) + digits + "E" + (exponent - (digits.Length - 1)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Repeat(string unit, int length)
    {
        if (unit.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString();
    }

    /// <summary>Any valid JSON value, for unknown members: nested objects and arrays, any number text (1e400 is valid JSON, and must be skipped).</summary>
    public static Gen<JNode> AnyValue(int depth)
    {
        var scalars = Gen.Frequency(
            (4, StringLiteral.Select(s => s.Literal)),
            (2, Float.Select(f => ((JLeaf)f).Text)),
            (1, Gen.Elements("true", "false", "null", "0", "-0", "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "0.000000000000000000000000000001", "-1.5e+308")))
            .Select(t => (JNode)new JLeaf(t, "unknown"));
        if (depth <= 0)
        {
            return scalars;
        }

        var array = Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(AnyValue(depth - 1), n)).Select(items => (JNode)new JArray(items, "unknown"));
        var obj = Gen.Choose(0, 3)
            .SelectMany(n => Gen.ArrayOf(
                from name in StringLiteral
                from value in AnyValue(depth - 1)
                select new JMember(name.Value, name.Literal, value, unknown: true), n))
            .Select(members => (JNode)new JObject(members.GroupBy(m => m.Name).Select(g => g.First()).ToArray(), "unknown"));
        return Gen.Frequency((4, scalars), (1, array), (1, obj));
    }
}
