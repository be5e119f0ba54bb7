namespace AutoMLV2.Commands;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AutoMLV2.Internal;

/// <summary>
/// A literal job name asked of several connections. A job lives in one region of one account, so
/// "not found" from the others is expected: the name is an AutoMLJobNotFound error only when no
/// connection that answered has it, and then one error names every place it was looked for.
/// </summary>
internal sealed class LiteralGroup
{
    private readonly List<ConnectionSettings> missing = new();
    private int unanswered;
    private bool found;

    public LiteralGroup(string name, int connections)
    {
        Name = name;
        unanswered = connections;
    }

    public string Name { get; }

    /// <summary>Whether <paramref name="error"/> is the "not found" this group decides about.</summary>
    public static bool IsNotFound(Exception error) => error is AutoMLServiceException { Kind: AutoMLErrorKind.NotFound };

    /// <summary>A connection had the job.</summary>
    public ErrorRecord? Found() => Answered(null);

    /// <summary>A connection does not have the job.</summary>
    public ErrorRecord? NotFound(ConnectionSettings target) => Answered(target);

    /// <summary>A connection failed otherwise (its error is written on its own).</summary>
    public ErrorRecord? Failed() => Answered(null, failed: true);

    private ErrorRecord? Answered(ConnectionSettings? missingFrom, bool failed = false)
    {
        if (missingFrom is not null)
        {
            missing.Add(missingFrom);
        }
        else if (!failed)
        {
            found = true;
        }

        if (--unanswered > 0 || found || missing.Count == 0)
        {
            return null;
        }

        var where = string.Join("; ", missing.Select(AutoMLCmdletBase.Describe));
        var error = new AutoMLServiceException(AutoMLErrorKind.NotFound, $"AutoML job '{Name}' was not found in {where}.", "ResourceNotFound");
        return ErrorCatalog.AutoMLJobNotFound.Record(error, Name);
    }
}
