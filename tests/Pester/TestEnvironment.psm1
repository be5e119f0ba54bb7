#Requires -Version 7.0
<#
.SYNOPSIS
    Shared helpers for the AutoMLV2 acceptance tests (tests/Pester/*.Tests.ps1).

.DESCRIPTION
    Use-IsolatedAwsEnvironment / Restore-AwsEnvironment
        Save and clear every AWS_* environment variable and the global $StoredAWSCredentials /
        $StoredAWSRegion (AWS Tools for PowerShell), switch off instance metadata and point the
        shared credentials and config files at files in a temp dir that hold no profile, so that
        the machine's ~/.aws, keys or region never leak into a test. Calls nest (a stack): isolate
        in BeforeAll, and again in BeforeEach when a test changes the environment, restoring in the
        matching AfterEach/AfterAll.
        The two files EXIST (empty, shared by all test processes, never removed), on purpose: AWSSDK.Core
        (4.1) reads AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE once per process, and when the
        file named there does not exist at that moment it falls back to ~/.aws/credentials and
        ~/.aws/config for good. A path to a missing file would therefore let ~/.aws leak in.
    Import-BuiltAutoMLV2
        Imports the BUILT module (out/AutoMLV2/AutoMLV2.psd1) by path, -Force, into the global
        scope. Fails with a clear message when it has not been built. Never imports sources.
    Get-AutoMLTestConnection
        The common splat for a harness instance (tests/Pester/MotoHarness.psm1):
        @{ Region; EndpointUrl; AccessKey; SecretKey }.
    Set-AwsIniFile
        Writes a shared credentials or config file (INI) from a hashtable of profiles.
    Get-BuiltAutoMLV2Path / Get-TestPwshPath
        The built manifest's path, and the pwsh to start child sessions with (under 'dotnet pwsh'
        the process is dotnet itself, so the apphost in $PSHOME).

    Pattern:

        BeforeAll {
            Import-Module "$PSScriptRoot/TestEnvironment.psm1" -Force
            Import-Module "$PSScriptRoot/MotoHarness.psm1" -Force
            Use-IsolatedAwsEnvironment
            Import-BuiltAutoMLV2
            $moto = Start-AutoMLMoto
            $conn = Get-AutoMLTestConnection $moto
        }
        AfterAll {
            Stop-AutoMLMoto $moto
            Restore-AwsEnvironment
        }
        It 'gets' { Get-AutoMLJobV2 job1 @conn }
#>

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$script:BuiltManifest = Join-Path $script:RepoRoot 'out' 'AutoMLV2' 'AutoMLV2.psd1'
$script:GlobalVariables = 'StoredAWSCredentials', 'StoredAWSRegion'
$script:Saved = [System.Collections.Generic.Stack[object]]::new()
# Empty shared credentials/config files (see Use-IsolatedAwsEnvironment), one pair for every test
# process on the machine: never removed, so that a path the SDK has captured always stays valid.
$script:EmptyAwsDirectory = Join-Path ([IO.Path]::GetTempPath()) 'automlv2-test-aws-empty'

function Initialize-EmptyAwsFiles {
    $null = New-Item -ItemType Directory -Path $script:EmptyAwsDirectory -Force
    foreach ($name in 'credentials', 'config') {
        $file = Join-Path $script:EmptyAwsDirectory $name
        if (-not (Test-Path -LiteralPath $file) -or (Get-Item -LiteralPath $file).Length -gt 0) {
            try { [IO.File]::WriteAllText($file, '') } catch [System.IO.IOException] { }   # another process got there first
        }
    }
}

function Get-AwsEnvironmentVariableNames {
    @([Environment]::GetEnvironmentVariables().Keys | Where-Object { $_ -like 'AWS_*' } | Sort-Object)
}

# Removes an environment variable. (Not [Environment]::SetEnvironmentVariable($name, $null): PowerShell
# passes $null to a string parameter as '', which leaves the variable set, to an empty value.)
function Remove-EnvironmentVariable([string] $Name) {
    Remove-Item -LiteralPath "Env:$Name" -Force -ErrorAction Ignore
}

function Set-EnvironmentVariable([string] $Name, $Value) {
    if ($null -eq $Value) { Remove-EnvironmentVariable $Name }
    else { Set-Item -LiteralPath "Env:$Name" -Value ([string]$Value) }
}

function Use-IsolatedAwsEnvironment {
    <#
    .SYNOPSIS  Save and clear the AWS environment (AWS_* variables, global $StoredAWSCredentials/$StoredAWSRegion).
    .OUTPUTS   [pscustomobject] with TempDirectory (a fresh empty folder for the caller, removed by
               Restore-AwsEnvironment), CredentialsFile and ConfigFile (the empty files the SDK is pointed at:
               do not write to them; write your own files into TempDirectory or TestDrive).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param()

    $variables = @{}
    foreach ($name in Get-AwsEnvironmentVariableNames) {
        $variables[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $globals = @{}
    foreach ($name in $script:GlobalVariables) {
        $existing = Get-Variable -Name $name -Scope Global -ErrorAction Ignore
        if ($existing) { $globals[$name] = $existing.Value }
    }

    Initialize-EmptyAwsFiles
    $credentials = Join-Path $script:EmptyAwsDirectory 'credentials'
    $config = Join-Path $script:EmptyAwsDirectory 'config'

    $temp = Join-Path ([IO.Path]::GetTempPath()) ('automlv2-test-' + [guid]::NewGuid().ToString('n').Substring(0, 12))
    $null = New-Item -ItemType Directory -Path $temp -Force
    $state = [pscustomobject]@{
        PSTypeName      = 'AutoMLV2.TestEnvironment'
        Variables       = $variables
        Globals         = $globals
        TempDirectory   = $temp
        CredentialsFile = $credentials
        ConfigFile      = $config
    }
    $script:Saved.Push($state)

    foreach ($name in $variables.Keys) { Remove-EnvironmentVariable $name }
    foreach ($name in $script:GlobalVariables) { Remove-Variable -Name $name -Scope Global -Force -ErrorAction Ignore }

    Set-EnvironmentVariable AWS_EC2_METADATA_DISABLED 'true'
    Set-EnvironmentVariable AWS_SHARED_CREDENTIALS_FILE $state.CredentialsFile
    Set-EnvironmentVariable AWS_CONFIG_FILE $state.ConfigFile
    $state
}

function Restore-AwsEnvironment {
    <#
    .SYNOPSIS  Undo the most recent Use-IsolatedAwsEnvironment: the AWS_* variables and the global
               $StoredAWSCredentials/$StoredAWSRegion are exactly as they were before it. Safe when
               nothing is saved (a failed BeforeAll).
    #>
    [CmdletBinding()]
    param()

    if ($script:Saved.Count -eq 0) { return }
    $state = $script:Saved.Pop()

    foreach ($name in Get-AwsEnvironmentVariableNames) {
        if (-not $state.Variables.ContainsKey($name)) { Remove-EnvironmentVariable $name }
    }
    foreach ($name in $state.Variables.Keys) { Set-EnvironmentVariable $name $state.Variables[$name] }

    foreach ($name in $script:GlobalVariables) {
        if ($state.Globals.ContainsKey($name)) { Set-Variable -Name $name -Scope Global -Value $state.Globals[$name] -Force }
        else { Remove-Variable -Name $name -Scope Global -Force -ErrorAction Ignore }
    }

    if ($state.TempDirectory -and (Test-Path -LiteralPath $state.TempDirectory)) {
        Remove-Item -LiteralPath $state.TempDirectory -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Import-BuiltAutoMLV2 {
    <#
    .SYNOPSIS  Import out/AutoMLV2/AutoMLV2.psd1 (the built module) -Force into the global scope.
    .OUTPUTS   [psmoduleinfo]
    #>
    [CmdletBinding()]
    [OutputType([psmoduleinfo])]
    param()

    if (-not (Test-Path -LiteralPath $script:BuiltManifest)) {
        throw "AutoMLV2 has not been built: '$script:BuiltManifest' does not exist. Build it first: dotnet pwsh ./build.ps1 -Task Build"
    }
    $module = Import-Module -Name $script:BuiltManifest -Force -Global -PassThru -ErrorAction Stop
    $expected = Split-Path -Parent $script:BuiltManifest
    if ((Split-Path -Parent $module.Path) -ne $expected) {
        throw "AutoMLV2 was imported from '$($module.Path)', not from the build output '$expected'."
    }
    $module
}

function Get-BuiltAutoMLV2Path {
    <# .SYNOPSIS The path of the built manifest, out/AutoMLV2/AutoMLV2.psd1 (whether or not it exists). #>
    [CmdletBinding()] [OutputType([string])] param()
    $script:BuiltManifest
}

function Get-TestPwshPath {
    <# .SYNOPSIS The pwsh executable to start a child session with: the apphost in $PSHOME, else this process. #>
    [CmdletBinding()] [OutputType([string])] param()
    $apphost = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    if (Test-Path -LiteralPath $apphost) { return $apphost }
    [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
}

function Get-AutoMLTestConnection {
    <#
    .SYNOPSIS  The common splat for a harness instance: @{ Region; EndpointUrl; AccessKey; SecretKey }.
    .EXAMPLE   $conn = Get-AutoMLTestConnection $moto; Get-AutoMLJobV2 job1 @conn
    .EXAMPLE   $where = Get-AutoMLTestConnection $moto -Exclude AccessKey, SecretKey   # credentials from elsewhere
    #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [ValidateSet('Region', 'EndpointUrl', 'AccessKey', 'SecretKey')] [string[]] $Exclude = @()
    )
    if ($null -eq $Moto -or -not $Moto.Endpoint) { throw 'No running AutoML moto server (-Moto).' }
    $splat = @{ Region = $Moto.Region; EndpointUrl = $Moto.Endpoint; AccessKey = $Moto.AccessKey; SecretKey = $Moto.SecretKey }
    foreach ($key in $Exclude) { $splat.Remove($key) }
    $splat
}

function Set-AwsIniFile {
    <#
    .SYNOPSIS  Write a shared credentials or config file. -Profiles: @{ 'section name' = @{ key = value } };
               the section names are written as given ('default', 'profile dev' for a config file, ...).
    .OUTPUTS   [string] the full path written.
    .EXAMPLE   Set-AwsIniFile "$TestDrive/credentials" @{ dev = @{ aws_access_key_id = 'AK'; aws_secret_access_key = 'SK' } }
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [Parameter(Mandatory, Position = 1)] [System.Collections.IDictionary] $Profiles
    )
    $lines = foreach ($section in $Profiles.Keys) {
        "[$section]"
        foreach ($key in $Profiles[$section].Keys) { "$key = $($Profiles[$section][$key])" }
        ''
    }
    $full = [IO.Path]::GetFullPath($Path)
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $full)
    Set-Content -LiteralPath $full -Value $lines -Encoding utf8NoBOM
    $full
}

<#
.SYNOPSIS
    Out-String without ANSI styling, for assertions on rendered views: sets $PSStyle.OutputRendering
    to PlainText and returns what it was, for Restore-OutputRendering in AfterAll. (Host, the default,
    is 0: test the saved value against $null, not for truth.)
#>
function Use-PlainTextRendering {
    if (-not $PSStyle) { return $null }
    $saved = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'
    $saved
}

function Restore-OutputRendering($Saved) {
    if ($PSStyle -and $null -ne $Saved) { $PSStyle.OutputRendering = $Saved }
}

Export-ModuleMember -Function Use-IsolatedAwsEnvironment, Restore-AwsEnvironment, Import-BuiltAutoMLV2,
    Get-BuiltAutoMLV2Path, Get-TestPwshPath, Get-AutoMLTestConnection, Set-AwsIniFile,
    Use-PlainTextRendering, Restore-OutputRendering
