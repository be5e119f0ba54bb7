namespace AutoMLV2;

using System;
using System.Collections.Generic;
using System.Management.Automation;

/// <summary>One error the cmdlets write: its stable id, its category, and whether it ends the command.</summary>
internal sealed class ErrorDefinition
{
    public ErrorDefinition(string id, ErrorCategory category, bool endsCommand)
    {
        Id = id;
        Category = category;
        EndsCommand = endsCommand;
    }

    /// <summary>The PascalCase error id (the first part of FullyQualifiedErrorId).</summary>
    public string Id { get; }

    public ErrorCategory Category { get; }

    /// <summary>
    /// True for what no item can escape (nothing can be sent): the command stops with a terminating
    /// error. False for what concerns one job or pattern: a non-terminating error, and the pipeline
    /// goes on.
    /// </summary>
    public bool EndsCommand { get; }

    /// <summary>The error record; one that ends the command has no target (it is not about one item).</summary>
    public ErrorRecord Record(Exception exception, object? target) => new(exception, Id, Category, EndsCommand ? null : target);
}

/// <summary>
/// Every error id of the module, with its category and whether it ends the command: the one place
/// that decides how a failure reaches PowerShell. The README's "Errors" table lists the same.
/// </summary>
internal static class ErrorCatalog
{
    public static readonly ErrorDefinition InvalidAutoMLJobName = Item(nameof(InvalidAutoMLJobName), ErrorCategory.InvalidArgument);
    public static readonly ErrorDefinition AutoMLJobNotFound = Item(nameof(AutoMLJobNotFound), ErrorCategory.ObjectNotFound);
    public static readonly ErrorDefinition AccessDenied = Item(nameof(AccessDenied), ErrorCategory.PermissionDenied);
    public static readonly ErrorDefinition AuthenticationFailed = Item(nameof(AuthenticationFailed), ErrorCategory.AuthenticationError);
    public static readonly ErrorDefinition Throttled = Item(nameof(Throttled), ErrorCategory.LimitsExceeded);
    public static readonly ErrorDefinition InvalidRequest = Item(nameof(InvalidRequest), ErrorCategory.InvalidArgument);
    public static readonly ErrorDefinition ConnectionFailed = Item(nameof(ConnectionFailed), ErrorCategory.ConnectionError);
    public static readonly ErrorDefinition InvalidResponse = Item(nameof(InvalidResponse), ErrorCategory.InvalidResult);
    public static readonly ErrorDefinition ServiceError = Item(nameof(ServiceError), ErrorCategory.InvalidResult);

    /// <summary>
    /// Get-AutoMLJobV2: time filters no job can pass (-CreatedAfter not earlier than -CreatedBefore),
    /// or a local time that does not exist. Checked before any request; ends the command, since it
    /// concerns every name.
    /// </summary>
    public static readonly ErrorDefinition InvalidTimeFilter = new(nameof(InvalidTimeFilter), ErrorCategory.InvalidArgument, endsCommand: true);

    /// <summary>An exception the module did not make (a bug, or an SDK failure nothing mapped): reported, never swallowed.</summary>
    public static readonly ErrorDefinition Unexpected = Item(nameof(ServiceError), ErrorCategory.NotSpecified);

    /// <summary>Wait-AutoMLJobV2: the job ended Failed (target: its object).</summary>
    public static readonly ErrorDefinition AutoMLJobFailed = Item(nameof(AutoMLJobFailed), ErrorCategory.InvalidResult);

    /// <summary>Wait-AutoMLJobV2: the job ended Stopped (target: its object).</summary>
    public static readonly ErrorDefinition AutoMLJobStopped = Item(nameof(AutoMLJobStopped), ErrorCategory.OperationStopped);

    /// <summary>Wait-AutoMLJobV2: -Timeout expired while the job ran (target: its last object, or its name).</summary>
    public static readonly ErrorDefinition OperationTimeout = Item(nameof(OperationTimeout), ErrorCategory.OperationTimeout);

    /// <summary>Wait-AutoMLJobV2 given several regions or profiles on its command line: each job waits in one place.</summary>
    public static readonly ErrorDefinition TooManyConnections = new(nameof(TooManyConnections), ErrorCategory.InvalidArgument, endsCommand: true);

    private static readonly Dictionary<AutoMLConfigurationError, ErrorDefinition> Configuration = new();

    static ErrorCatalog()
    {
        foreach (AutoMLConfigurationError error in Enum.GetValues(typeof(AutoMLConfigurationError)))
        {
            Configuration[error] = new ErrorDefinition(error.ToString(), CategoryOf(error), endsCommand: true);
        }
    }

    /// <summary>The error of a failed SageMaker call, by what kind of failure it was.</summary>
    public static ErrorDefinition For(AutoMLErrorKind kind) => kind switch
    {
        AutoMLErrorKind.NotFound => AutoMLJobNotFound,
        AutoMLErrorKind.AccessDenied => AccessDenied,
        AutoMLErrorKind.Authentication => AuthenticationFailed,
        AutoMLErrorKind.Throttling => Throttled,
        AutoMLErrorKind.InvalidArgument => InvalidRequest,
        AutoMLErrorKind.Connection => ConnectionFailed,
        AutoMLErrorKind.InvalidResponse => InvalidResponse,
        _ => ServiceError,
    };

    /// <summary>A configuration error: it always ends the command.</summary>
    public static ErrorDefinition For(AutoMLConfigurationError error) => Configuration[error];

    public static ErrorDefinition For(Exception exception) => exception switch
    {
        AutoMLServiceException service => For(service.Kind),
        AutoMLConfigurationException configuration => For(configuration.Error),
        _ => Unexpected,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> concerns a connection as a whole rather than one job: it
    /// could not be set up, or the service refused or could not be reached. A command that queries
    /// several connections reports it once for that connection and goes on with the others.
    /// </summary>
    public static bool ConcernsConnection(Exception exception) => exception switch
    {
        AutoMLConfigurationException => true,
        AutoMLServiceException service => service.Kind is AutoMLErrorKind.AccessDenied or AutoMLErrorKind.Authentication or AutoMLErrorKind.Connection,
        _ => false,
    };

    /// <summary>
    /// The error of a connection that failed as a whole in a command that goes on with its other
    /// connections: not terminating, whatever the error, and its target names the connection.
    /// </summary>
    public static ErrorRecord ConnectionRecord(Exception exception, string connection)
    {
        var definition = For(exception);
        return new ErrorRecord(exception, definition.Id, definition.Category, connection);
    }

    /// <summary>Whether <paramref name="exception"/> is one that no item of the command can escape.</summary>
    public static bool EndsCommand(Exception exception) => For(exception).EndsCommand;

    /// <summary>The error record for <paramref name="exception"/>; a configuration error has no target (it is not about one item).</summary>
    public static ErrorRecord Record(Exception exception, object? target) => For(exception).Record(exception, target);

    private static ErrorDefinition Item(string id, ErrorCategory category) => new(id, category, endsCommand: false);

    private static ErrorCategory CategoryOf(AutoMLConfigurationError error) => error switch
    {
        AutoMLConfigurationError.NoCredentials or AutoMLConfigurationError.CredentialsUnavailable => ErrorCategory.AuthenticationError,
        AutoMLConfigurationError.ProfileNotFound => ErrorCategory.ObjectNotFound,
        AutoMLConfigurationError.CredentialsFileInvalid or AutoMLConfigurationError.ProfileInvalid => ErrorCategory.InvalidData,
        _ => ErrorCategory.InvalidArgument,
    };
}
