namespace AutoMLV2.Tests.Errors;

using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Xunit;

public sealed class ErrorCatalogTests
{
    public static TheoryData<AutoMLConfigurationError> ConfigurationErrors()
    {
        var data = new TheoryData<AutoMLConfigurationError>();
        foreach (AutoMLConfigurationError error in Enum.GetValues(typeof(AutoMLConfigurationError)))
        {
            data.Add(error);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigurationErrors))]
    public void EveryConfigurationErrorEndsTheCommandWithItsNameAsIdAndNoTarget(AutoMLConfigurationError error)
    {
        var exception = new AutoMLConfigurationException(error, "nothing can be sent");

        var record = ErrorCatalog.Record(exception, "job-a");

        Assert.True(ErrorCatalog.EndsCommand(exception));
        Assert.Equal(error.ToString(), record.FullyQualifiedErrorId);
        Assert.Equal(error.ToString(), exception.ErrorId);
        Assert.Null(record.TargetObject);
    }

    [Theory]
    [InlineData(AutoMLConfigurationError.NoCredentials, ErrorCategory.AuthenticationError)]
    [InlineData(AutoMLConfigurationError.CredentialsUnavailable, ErrorCategory.AuthenticationError)]
    [InlineData(AutoMLConfigurationError.ProfileNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(AutoMLConfigurationError.ProfileInvalid, ErrorCategory.InvalidData)]
    [InlineData(AutoMLConfigurationError.CredentialsFileInvalid, ErrorCategory.InvalidData)]
    [InlineData(AutoMLConfigurationError.NoRegion, ErrorCategory.InvalidArgument)]
    [InlineData(AutoMLConfigurationError.InvalidRequestTimeout, ErrorCategory.InvalidArgument)]
    public void ConfigurationErrorsHaveTheirCategory(AutoMLConfigurationError error, ErrorCategory category)
        => Assert.Equal(category, ErrorCatalog.For(error).Category);

    [Theory]
    [InlineData(AutoMLErrorKind.NotFound, "AutoMLJobNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(AutoMLErrorKind.AccessDenied, "AccessDenied", ErrorCategory.PermissionDenied)]
    [InlineData(AutoMLErrorKind.Authentication, "AuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData(AutoMLErrorKind.Throttling, "Throttled", ErrorCategory.LimitsExceeded)]
    [InlineData(AutoMLErrorKind.InvalidArgument, "InvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(AutoMLErrorKind.Connection, "ConnectionFailed", ErrorCategory.ConnectionError)]
    [InlineData(AutoMLErrorKind.InvalidResponse, "InvalidResponse", ErrorCategory.InvalidResult)]
    [InlineData(AutoMLErrorKind.ServiceError, "ServiceError", ErrorCategory.InvalidResult)]
    public void AFailedCallIsAnErrorForItsItemOnly(AutoMLErrorKind kind, string id, ErrorCategory category)
    {
        var exception = new AutoMLServiceException(kind, "failed");

        var record = ErrorCatalog.Record(exception, "job-a");

        Assert.False(ErrorCatalog.EndsCommand(exception));
        Assert.Equal(id, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
        Assert.Equal("job-a", record.TargetObject);
    }

    [Theory]
    [InlineData(AutoMLErrorKind.AccessDenied, true)]
    [InlineData(AutoMLErrorKind.Authentication, true)]
    [InlineData(AutoMLErrorKind.Connection, true)]
    [InlineData(AutoMLErrorKind.NotFound, false)]
    [InlineData(AutoMLErrorKind.Throttling, false)]
    [InlineData(AutoMLErrorKind.ServiceError, false)]
    [InlineData(AutoMLErrorKind.InvalidResponse, false)]
    [InlineData(AutoMLErrorKind.InvalidArgument, false)]
    public void WhatConcernsAConnectionAsAWholeIsKnown(AutoMLErrorKind kind, bool connection)
        => Assert.Equal(connection, ErrorCatalog.ConcernsConnection(new AutoMLServiceException(kind, "x")));

    [Fact]
    public void AConfigurationErrorConcernsTheConnectionAndABugDoesNot()
    {
        Assert.True(ErrorCatalog.ConcernsConnection(new AutoMLConfigurationException(AutoMLConfigurationError.NoCredentials, "x")));
        Assert.False(ErrorCatalog.ConcernsConnection(new InvalidOperationException("bug")));
    }

    [Fact]
    public void AnExceptionTheModuleDidNotMakeIsReportedForItsItemWithoutACategory()
    {
        var record = ErrorCatalog.Record(new InvalidOperationException("bug"), "job-a");

        Assert.False(ErrorCatalog.EndsCommand(new InvalidOperationException("bug")));
        Assert.Equal("ServiceError", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotSpecified, record.CategoryInfo.Category);
    }

    [Fact]
    public void EveryItemErrorIdIsItsFieldNameAndAppearsOnce()
    {
        var items = typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorDefinition) && f.Name != nameof(ErrorCatalog.Unexpected))
            .Select(f => (f.Name, Definition: (ErrorDefinition)f.GetValue(null)!))
            .ToList();

        Assert.All(items, i => Assert.Equal(i.Name, i.Definition.Id));
        Assert.Equal(new[] { nameof(ErrorCatalog.InvalidTimeFilter), nameof(ErrorCatalog.TooManyConnections) }, items.Where(i => i.Definition.EndsCommand).Select(i => i.Name).OrderBy(n => n, StringComparer.Ordinal));
        var configurationIds = Enum.GetNames(typeof(AutoMLConfigurationError));
        Assert.Empty(items.Select(i => i.Name).Intersect(configurationIds));
    }

    [Fact]
    public void AnErrorThatEndsTheCommandHasNoTarget()
    {
        var ending = ErrorCatalog.InvalidTimeFilter.Record(new ArgumentException("no job can match"), "job-a");
        var item = ErrorCatalog.InvalidAutoMLJobName.Record(new ArgumentException("bad name"), "job-a");

        Assert.Null(ending.TargetObject);
        Assert.Equal("InvalidTimeFilter", ending.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, ending.CategoryInfo.Category);
        Assert.Equal("job-a", item.TargetObject);
    }

    [Fact]
    public void TheReadmeErrorTableNamesEveryErrorId()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var ids = typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorDefinition))
            .Select(f => ((ErrorDefinition)f.GetValue(null)!).Id)
            .Concat(Enum.GetNames(typeof(AutoMLConfigurationError)));

        Assert.All(ids, id => Assert.Contains("`" + id + "`", readme, StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Module.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Module.sln was not found above " + AppContext.BaseDirectory);
    }
}
