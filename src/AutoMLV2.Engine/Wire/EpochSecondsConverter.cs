namespace AutoMLV2.Engine.Wire;

using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// awsJson 1.1 timestamps: epoch seconds as a JSON number, with a fraction and possibly in exponent
/// form (<c>1.633345689941E9</c>). Read as local time, as PowerShell's own dates are, so that
/// arithmetic with <c>Get-Date</c> is right. ISO 8601 and RFC 1123 strings are accepted too.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTime>
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // ISO 8601 and RFC 1123 (http-date) only, the other timestamp formats AWS uses: a lenient
    // parse would read "00:00" as today.
    private static readonly string[] IsoFormats = { "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "r" };

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return FromEpochSeconds(reader.GetDouble());
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                {
                    return FromEpochSeconds(seconds);
                }

                if (DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return parsed.UtcDateTime.ToLocalTime();
                }

                throw new JsonException($"'{text}' is not a timestamp.");
            default:
                throw new JsonException($"A timestamp cannot be a JSON {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        writer.WriteNumberValue(ToEpochSeconds(value));
    }

    internal static DateTime FromEpochSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds < -62135596800d || seconds > 253402300799d)
        {
            throw new JsonException($"{seconds.ToString(CultureInfo.InvariantCulture)} is not a timestamp in range.");
        }

        // Round to milliseconds: the service sends at most millisecond precision, and a double of
        // epoch seconds cannot carry more without noise.
        var milliseconds = Math.Round(seconds * 1000d);
        return Epoch.AddMilliseconds(milliseconds).ToLocalTime();
    }

    internal static double ToEpochSeconds(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        return Math.Round((utc - Epoch).TotalMilliseconds) / 1000d;
    }
}
