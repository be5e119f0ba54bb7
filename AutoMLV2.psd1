# Source manifest: the build stamps the version from Directory.Build.props and writes the result
# to out/AutoMLV2/AutoMLV2.psd1. Edit this file, not the built one.
@{
    RootModule           = 'AutoMLV2.dll'
    ModuleVersion        = '{{Version}}'
    GUID                 = '6f1f5e2c-2b0e-4d8a-9a55-3c7f1f4b8e21'
    Author               = 'AutoMLV2 contributors'
    CompanyName          = 'AutoMLV2 contributors'
    Copyright            = '(c) AutoMLV2 contributors. Apache License 2.0.'
    Description          = 'Inspect and wait on Amazon SageMaker AutoML V2 jobs from PowerShell: Get-AutoMLJobV2 describes jobs by name or wildcard into typed objects with readable views, Get-AutoMLJobV2Candidate reads their candidate leaderboards ranked by the objective, Wait-AutoMLJobV2 blocks until they finish. Lives beside AWS Tools for PowerShell (its AWSSDK loads privately).'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('AutoMLV2.format.ps1xml')
    TypesToProcess       = @('AutoMLV2.types.ps1xml')
    CmdletsToExport      = @('Get-AutoMLJobV2', 'Get-AutoMLJobV2Candidate', 'Wait-AutoMLJobV2')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('AWS', 'SageMaker', 'AutoML', 'AutoMLV2', 'MachineLearning', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            # ProjectUri is stamped by the build from $env:AUTOMLV2_PROJECT_URI (the repository's
            # public address, known where it is published); left out when unset.
            {{ProjectUri}}
            ReleaseNotes = '{{ReleaseNotes}}'
        }
    }
}
