namespace AutoMLV2.Internal;

using System;

/// <summary>
/// Every retry and throttling decision of the module, for every cmdlet. What happens to a request:
/// <list type="bullet">
/// <item><b>Every request</b> goes through AWSSDK.Core's retry handler: up to <see cref="DefaultMaxAttempts"/>
/// attempts (or AWS_MAX_ATTEMPTS, else the profile's max_attempts, read at every command) in the
/// SDK's standard mode: exponential backoff with jitter and a retry quota. The SDK retries throttling,
/// HTTP 5xx, timeouts and broken connections, and never a 4xx such as not found or access denied.</item>
/// <item><b>Throttled after those attempts</b>: every request of the command pauses together
/// (<see cref="ThrottlePause"/>: 1 s doubling to 20 s per wave of throttles, with jitter) and the
/// throttled one is sent again, up to <see cref="ThrottledResends"/> times; only then is it a
/// Throttled error for that item. A rate limit slows a command down; it does not lose jobs.</item>
/// <item><b>Failed</b> (5xx, connection reset, malformed response) after the SDK's attempts: an error
/// for that item, the others go on. While waiting (<see cref="IsTransient"/>), such a failure never
/// ends the wait: the job is polled again after <see cref="WaitRetryDelay"/> (the poll interval,
/// doubling up to the larger of the interval and two minutes, with jitter). Not found, access denied,
/// authentication and invalid requests end the wait for that job only: waiting will not fix them.</item>
/// <item><b>Timed out</b>: each attempt is bounded by $AutoMLV2RequestTimeoutSeconds (default 60) and is
/// a failed attempt the SDK retries; after the last it is a ConnectionFailed error (transient for a wait).</item>
/// <item><b>Rejected for the clock</b>: the SDK corrects its clock skew from the answer but retries only
/// when the skew it sees is large; when the correction itself went stale (the local clock was fixed in
/// the meantime), one more attempt is made with the new correction (<see cref="ClockCorrectionMoved"/>).</item>
/// </list>
/// AWSSDK.Core's <b>adaptive</b> mode adds a client-side rate limiter (a token bucket per client whose
/// fill rate follows the throttles it sees) in front of every attempt. It is used when AWS_RETRY_MODE or
/// the profile's retry_mode asks for it, as in every AWS SDK, but it is not the default: the SDKs'
/// default is standard, AWS meant adaptive for a client that works against one resource, and the
/// command-wide pause above already gives a command what the limiter would (after a throttle every
/// request of the command waits), while saying so in -Verbose and losing no job.
/// </summary>
internal static class RetryPolicy
{
    /// <summary>The SDK's attempts per request when nothing says otherwise (as in every AWS SDK).</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>The most attempts AWS_MAX_ATTEMPTS may ask for.</summary>
    public const int MostMaxAttempts = 100;

    /// <summary>How many times a request throttled after the SDK's attempts is sent again, after a command-wide pause.</summary>
    public const int ThrottledResends = 4;

    private static readonly TimeSpan FirstThrottlePause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestThrottlePause = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LongestWaitRetryDelay = TimeSpan.FromMinutes(2);

    /// <summary>Whether <paramref name="error"/> is a throttle the SDK's attempts could not get past.</summary>
    public static bool IsThrottled(Exception error) => error is AutoMLServiceException { Kind: AutoMLErrorKind.Throttling };

    /// <summary>How long every request of a command pauses after the <paramref name="wave"/>th wave of throttles in a row.</summary>
    public static TimeSpan ThrottlePause(int wave, Random random) => Backoff(wave, FirstThrottlePause, LongestThrottlePause, random);

    /// <summary>
    /// Transient failures never end a wait: throttling, connection problems and timeouts, 5xx, a
    /// garbled response. Not found, access denied, authentication and invalid requests will not get
    /// better by waiting.
    /// </summary>
    public static bool IsTransient(Exception error) => error is AutoMLServiceException service && service.Kind switch
    {
        AutoMLErrorKind.Throttling or AutoMLErrorKind.Connection or AutoMLErrorKind.InvalidResponse => true,
        AutoMLErrorKind.ServiceError => service.StatusCode is null or >= 500,
        _ => false,
    };

    /// <summary>
    /// Delay before polling a job again after <paramref name="failures"/> transient failures in a row:
    /// exponential from the poll interval, capped at the larger of the interval and two minutes.
    /// </summary>
    public static TimeSpan WaitRetryDelay(int failures, TimeSpan pollInterval, Random random)
        => Backoff(failures, pollInterval, pollInterval > LongestWaitRetryDelay ? pollInterval : LongestWaitRetryDelay, random);

    /// <summary>Service error codes that mean the request's signature time was rejected.</summary>
    public static bool IsClockSkewError(string? errorCode) => errorCode is "InvalidSignatureException" or "SignatureDoesNotMatch" or "RequestExpired" or "RequestTimeTooSkewed" or "RequestInTheFuture" or "AuthFailure";

    /// <summary>Whether the SDK's clock correction for an endpoint moved enough during a call to be worth one more attempt.</summary>
    public static bool ClockCorrectionMoved(TimeSpan before, TimeSpan after) => Math.Abs((after - before).TotalMinutes) > 4;

    /// <summary>
    /// Exponential backoff with "equal jitter": between half and all of the capped exponential delay
    /// after <paramref name="failures"/> failures in a row (1 for the first), so that many requests do
    /// not retry in step.
    /// </summary>
    private static TimeSpan Backoff(int failures, TimeSpan first, TimeSpan cap, Random random)
    {
        double fraction;
        lock (random)
        {
            fraction = random.NextDouble();
        }

        var exponential = Math.Min(cap.TotalSeconds, first.TotalSeconds * Math.Pow(2, Math.Min(Math.Max(failures, 1) - 1, 16)));
        return TimeSpan.FromSeconds((exponential / 2d) + (fraction * exponential / 2d));
    }
}
