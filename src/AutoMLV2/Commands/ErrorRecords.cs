namespace AutoMLV2.Commands;

using System;
using System.Management.Automation;

/// <summary>The module's error records: stable PascalCase error ids, fitting categories, the job name as target.</summary>
internal static class ErrorRecords
{
    public const string InvalidAutoMLJobName = "InvalidAutoMLJobName";
    public const string AutoMLJobNotFound = "AutoMLJobNotFound";
    public const string AccessDenied = "AccessDenied";
    public const string AuthenticationFailed = "AuthenticationFailed";
    public const string Throttled = "Throttled";
    public const string InvalidRequest = "InvalidRequest";
    public const string ConnectionFailed = "ConnectionFailed";
    public const string InvalidResponse = "InvalidResponse";
    public const string ServiceError = "ServiceError";

    public static ErrorRecord InvalidName(string problem, object? target)
        => new(new ArgumentException(problem), InvalidAutoMLJobName, ErrorCategory.InvalidArgument, target);

    public static ErrorRecord FromException(Exception exception, object? target)
    {
        if (exception is AutoMLServiceException service)
        {
            var (id, category) = service.Kind switch
            {
                AutoMLErrorKind.NotFound => (AutoMLJobNotFound, ErrorCategory.ObjectNotFound),
                AutoMLErrorKind.AccessDenied => (AccessDenied, ErrorCategory.PermissionDenied),
                AutoMLErrorKind.Authentication => (AuthenticationFailed, ErrorCategory.AuthenticationError),
                AutoMLErrorKind.Throttling => (Throttled, ErrorCategory.LimitsExceeded),
                AutoMLErrorKind.InvalidArgument => (InvalidRequest, ErrorCategory.InvalidArgument),
                AutoMLErrorKind.Connection => (ConnectionFailed, ErrorCategory.ConnectionError),
                AutoMLErrorKind.InvalidResponse => (InvalidResponse, ErrorCategory.InvalidResult),
                _ => (ServiceError, ErrorCategory.InvalidResult),
            };
            return new ErrorRecord(service, id, category, target);
        }

        if (exception is AutoMLConfigurationException configuration)
        {
            return Configuration(configuration);
        }

        return new ErrorRecord(exception, ServiceError, ErrorCategory.NotSpecified, target);
    }

    public static ErrorRecord Configuration(AutoMLConfigurationException exception)
    {
        var category = exception.ErrorId switch
        {
            "NoCredentials" or "CredentialsUnavailable" => ErrorCategory.AuthenticationError,
            "ProfileNotFound" => ErrorCategory.ObjectNotFound,
            "CredentialsFileInvalid" or "ProfileInvalid" => ErrorCategory.InvalidData,
            _ => ErrorCategory.InvalidArgument,
        };
        return new ErrorRecord(exception, exception.ErrorId, category, null);
    }
}
