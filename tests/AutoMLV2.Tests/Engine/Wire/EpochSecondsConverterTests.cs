namespace AutoMLV2.Tests.Engine.Wire;

using System;
using System.Text;
using System.Text.Json;
using AutoMLV2.Engine.Wire;
using Xunit;

/// <summary>awsJson timestamps (epoch seconds, any number form) to local DateTime, and back.</summary>
public sealed class EpochSecondsConverterTests
{
    [Theory]
    [InlineData("1700822400", "2023-11-24T10:40:00.000Z")]
    [InlineData("1700822400.5", "2023-11-24T10:40:00.500Z")]
    [InlineData("1700822400.123", "2023-11-24T10:40:00.123Z")]
    [InlineData("1700822400.1239", "2023-11-24T10:40:00.124Z")] // rounded to the millisecond
    [InlineData("1.7008224E9", "2023-11-24T10:40:00.000Z")]
    [InlineData("1.7008224e+9", "2023-11-24T10:40:00.000Z")]
    [InlineData("1.633345689941E9", "2021-10-04T11:08:09.941Z")]
    [InlineData("17008224001E-1", "2023-11-24T10:40:00.100Z")]
    [InlineData("0", "1970-01-01T00:00:00.000Z")]
    [InlineData("-1.5", "1969-12-31T23:59:58.500Z")]
    [InlineData("-86400", "1969-12-31T00:00:00.000Z")]
    [InlineData("\"1700822400.25\"", "2023-11-24T10:40:00.250Z")]
    [InlineData("\"1.7008224E9\"", "2023-11-24T10:40:00.000Z")]
    [InlineData("\"2023-11-24T10:40:00Z\"", "2023-11-24T10:40:00.000Z")]
    [InlineData("\"2023-11-24T10:40:00.123Z\"", "2023-11-24T10:40:00.123Z")]
    [InlineData("\"2023-11-24T12:40:00+02:00\"", "2023-11-24T10:40:00.000Z")]
    [InlineData("\"2023-11-24T10:40:00\"", "2023-11-24T10:40:00.000Z")] // no offset: UTC, as AWS means it
    [InlineData("\"Fri, 24 Nov 2023 10:40:00 GMT\"", "2023-11-24T10:40:00.000Z")]
    public void ReadsEveryFormAsTheLocalTimeOfThatInstant(string json, string expectedUtc)
    {
        var value = Read(json);

        Assert.Equal(DateTimeKind.Local, value.Kind);
        Assert.Equal(DateTime.Parse(expectedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), value.ToUniversalTime());
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("-1e12")]
    [InlineData("253402300800")] // 10000-01-01
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[1700822400]")]
    public void AnythingElseIsAJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    [Fact]
    public void TheLargestAndSmallestRepresentableInstantsAreAccepted()
    {
        Assert.Equal(DateTime.MaxValue.Year, Read("253402300799").ToUniversalTime().Year);
        Assert.Equal(1, Read("-62135596800").ToUniversalTime().Year);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Local)]
    [InlineData(DateTimeKind.Unspecified)]
    public void WritesEpochSecondsThatReadBackToTheSameInstant(DateTimeKind kind)
    {
        var utc = new DateTime(2024, 3, 1, 12, 30, 15, 250, DateTimeKind.Utc);
        var value = kind switch
        {
            DateTimeKind.Utc => utc,
            DateTimeKind.Local => utc.ToLocalTime(),
            _ => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), // taken as UTC
        };

        var written = Write(value);

        Assert.Equal("1709296215.25", written);
        Assert.Equal(utc, Read(written).ToUniversalTime());
    }

    private static DateTime Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new EpochSecondsConverter().Read(ref reader, typeof(DateTime), new JsonSerializerOptions());
    }

    private static string Write(DateTime value)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            new EpochSecondsConverter().Write(writer, value, new JsonSerializerOptions());
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
