namespace AutoMLV2.Internal;

using System;
using System.Collections.Generic;
using System.Globalization;

/// <summary>
/// Get-AutoMLJobV2's -CreatedAfter, -CreatedBefore, -ModifiedAfter and -ModifiedBefore as the
/// instants they name: sent to ListAutoMLJobs (CreationTimeAfter, …) for the service to filter, and
/// compared here, the same way, with the jobs described by a literal name.
/// <list type="bullet">
/// <item>A Utc <see cref="DateTime"/> is that instant. A Local one is the wall-clock time of the
/// local time zone, and so is an Unspecified one (what <c>[datetime]'2025-01-15 09:30'</c> and a
/// string bound to the parameter give): the same as AWSSDK.Core (AWS Tools) and
/// <see cref="DateTime.ToUniversalTime"/>. A local time that the clocks skip (daylight saving
/// time) names no instant and is an error; one that they repeat is taken as standard time.</item>
/// <item>The bounds are exclusive: a job created exactly at -CreatedAfter is not "created after"
/// it. The API reference of ListAutoMLJobs only says "a filter for time"; the sibling
/// operations say "created after" and "created before" the time (ListTrainingJobs), and moto
/// compares with &gt; and &lt;.</item>
/// <item>The wire carries milliseconds, as do the service's times, so every bound is rounded to
/// the millisecond (half away from zero) here, once: what is sent and what is compared are the
/// same instant.</item>
/// <item>A job without the time a bound is about (no CreationTime) does not match it.</item>
/// </list>
/// </summary>
internal sealed class TimeFilter
{
    public static readonly TimeFilter None = new(null, null, null, null);

    private TimeFilter(DateTime? createdAfter, DateTime? createdBefore, DateTime? modifiedAfter, DateTime? modifiedBefore)
    {
        CreatedAfter = createdAfter;
        CreatedBefore = createdBefore;
        ModifiedAfter = modifiedAfter;
        ModifiedBefore = modifiedBefore;
    }

    /// <summary>The bounds as UTC instants in whole milliseconds; null when not given.</summary>
    public DateTime? CreatedAfter { get; }

    public DateTime? CreatedBefore { get; }

    public DateTime? ModifiedAfter { get; }

    public DateTime? ModifiedBefore { get; }

    public bool IsEmpty => CreatedAfter is null && CreatedBefore is null && ModifiedAfter is null && ModifiedBefore is null;

    /// <summary>
    /// The filter of the four parameters (each null when not given), local and unspecified times
    /// read in <paramref name="localZone"/> (<see cref="TimeZoneInfo.Local"/> but in tests).
    /// Throws <see cref="ArgumentException"/> for a range no job can be in (After not earlier than
    /// Before) or a local time that does not exist.
    /// </summary>
    public static TimeFilter Create(DateTime? createdAfter, DateTime? createdBefore, DateTime? modifiedAfter, DateTime? modifiedBefore, TimeZoneInfo localZone)
    {
        var filter = new TimeFilter(
            Instant(createdAfter, "CreatedAfter", localZone),
            Instant(createdBefore, "CreatedBefore", localZone),
            Instant(modifiedAfter, "ModifiedAfter", localZone),
            Instant(modifiedBefore, "ModifiedBefore", localZone));
        CheckRange(filter.CreatedAfter, filter.CreatedBefore, "Created", "created", localZone);
        CheckRange(filter.ModifiedAfter, filter.ModifiedBefore, "Modified", "last modified", localZone);
        return filter;
    }

    /// <summary>Whether a job with these times passes every bound, as the service decides it.</summary>
    public bool Matches(DateTime? creationTime, DateTime? lastModifiedTime) =>
        Within(creationTime, CreatedAfter, CreatedBefore) && Within(lastModifiedTime, ModifiedAfter, ModifiedBefore);

    /// <summary>Sets the ListAutoMLJobs members of the bounds that were given.</summary>
    public void ApplyTo(AutoMLJobListQuery query)
    {
        query.CreationTimeAfter = CreatedAfter;
        query.CreationTimeBefore = CreatedBefore;
        query.LastModifiedTimeAfter = ModifiedAfter;
        query.LastModifiedTimeBefore = ModifiedBefore;
    }

    /// <summary>"CreationTimeAfter=2025-01-15T04:00:00.000Z, …" for the bounds given (their API names, in UTC); "(none)" without.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        Add(parts, "CreationTimeAfter", CreatedAfter);
        Add(parts, "CreationTimeBefore", CreatedBefore);
        Add(parts, "LastModifiedTimeAfter", ModifiedAfter);
        Add(parts, "LastModifiedTimeBefore", ModifiedBefore);
        return parts.Count == 0 ? "(none)" : string.Join(", ", parts);
    }

    private static DateTime? Instant(DateTime? value, string parameter, TimeZoneInfo localZone)
    {
        if (value is not { } time)
        {
            return null;
        }

        DateTime utc;
        if (time.Kind == DateTimeKind.Utc)
        {
            utc = time;
        }
        else
        {
            var wallClock = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
            if (localZone.IsInvalidTime(wallClock))
            {
                throw new ArgumentException(
                    $"-{parameter} {wallClock.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} does not exist in the time zone {localZone.Id}: the clocks skip it (daylight saving time). Give a time outside the gap, or a UTC time.");
            }

            utc = TimeZoneInfo.ConvertTimeToUtc(wallClock, localZone);
        }

        var milliseconds = Math.DivRem(utc.Ticks, TimeSpan.TicksPerMillisecond, out var rest);
        if (rest >= TimeSpan.TicksPerMillisecond / 2 && milliseconds < DateTime.MaxValue.Ticks / TimeSpan.TicksPerMillisecond)
        {
            milliseconds++;
        }

        return new DateTime(milliseconds * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static void CheckRange(DateTime? after, DateTime? before, string parameter, string what, TimeZoneInfo localZone)
    {
        if (after is { } from && before is { } to && from >= to)
        {
            throw new ArgumentException(
                $"-{parameter}After ({Iso(from)}, {Local(from)}) is not earlier than -{parameter}Before ({Iso(to)}, {Local(to)}): no job can be {what} after the one and before the other. Both bounds are exclusive.");
        }

        string Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, localZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " local time";
    }

    private static bool Within(DateTime? time, DateTime? after, DateTime? before)
    {
        if (after is null && before is null)
        {
            return true;
        }

        if (time is not { } value)
        {
            return false;
        }

        var utc = value.ToUniversalTime();
        return (after is null || utc > after.Value) && (before is null || utc < before.Value);
    }

    private static void Add(List<string> parts, string name, DateTime? value)
    {
        if (value is { } time)
        {
            parts.Add(name + "=" + Iso(time));
        }
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
