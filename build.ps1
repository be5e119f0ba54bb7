#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates, packages and benchmarks AutoMLV2.
.DESCRIPTION
    Build   assembles the importable module at out/AutoMLV2 (AutoMLV2.psd1).
    Test    builds, runs the xunit and Pester tests, and ends with "N passed, N failed".
    Demo    starts a local SageMaker endpoint (moto), creates sample jobs and shows the cmdlets.
    Package builds, then publishes the .nupkg with Publish-PSResource into out/repository.
    Bench   builds, then runs tests/Bench (canned endpoint, moto, boto3, AWS CLI); table + out/bench/results.json.
    Clean   removes out/ and the build folders.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Clean')]
    [string]$Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string]$Configuration = 'Release',

    # Pester: only the test files whose name matches (for example 'Get*').
    [string]$PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'AutoMLV2'

function Invoke-Native {
    param([string]$Command, [string[]]$Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

# The pwsh running this script, to start children with. Under 'dotnet pwsh' the process is
# dotnet itself, so use the apphost beside pwsh.dll in $PSHOME rather than the process path.
function Get-PwshPath {
    $apphost = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    if (Test-Path $apphost) { return $apphost }
    [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
}

# The CHANGELOG.md section of this version, for the manifest's ReleaseNotes.
function Get-ReleaseNotes([string]$Version) {
    $text = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
    $section = [regex]::Match($text, '(?ms)^## ' + [regex]::Escape($Version) + '\s*$(.*?)(?=^## |\z)')
    if (-not $section.Success) { throw "CHANGELOG.md has no '## $Version' section." }
    $section.Groups[1].Value.Trim()
}

function Get-ModuleVersion {
    ([xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))).Project.PropertyGroup.Version | Select-Object -First 1
}

function Invoke-Build {
    $version = Get-ModuleVersion
    Write-Host "Building AutoMLV2 $version ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $Root 'Module.sln'), '-c', $Configuration, '--nologo', '-v', 'q', '-clp:ErrorsOnly')

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $ModuleOut, (Join-Path $ModuleOut 'en-US')

    # The cmdlets assembly beside the manifest; the engine and AWSSDK in dependencies/<edition>.
    $cmdlets = Join-Path $Root "src/AutoMLV2/bin/$Configuration/netstandard2.0"
    Copy-Item (Join-Path $cmdlets 'AutoMLV2.dll') $ModuleOut
    $engineBuilds = @{ core = 'net8.0'; desktop = 'netstandard2.0' }
    foreach ($edition in $engineBuilds.Keys) {
        $from = Join-Path $Root "src/AutoMLV2.Engine/bin/$Configuration/$($engineBuilds[$edition])"
        $to = Join-Path $ModuleOut "dependencies/$edition"
        $null = New-Item -ItemType Directory -Force -Path $to
        Get-ChildItem $from -Filter *.dll | Where-Object Name -ne 'AutoMLV2.dll' | Copy-Item -Destination $to
    }

    Copy-Item (Join-Path $Root 'module/*.ps1xml') $ModuleOut
    $null = & (Join-Path $Root 'tools/New-MamlHelp.ps1') -DocsPath (Join-Path $Root 'docs') -OutputPath (Join-Path $ModuleOut 'en-US/AutoMLV2.dll-Help.xml')
    if (Test-Path (Join-Path $Root 'module/en-US')) {
        Copy-Item (Join-Path $Root 'module/en-US/*') (Join-Path $ModuleOut 'en-US')
    }

    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut
    $manifest = (Get-Content -Raw (Join-Path $Root 'AutoMLV2.psd1')).
        Replace('{{Version}}', $version).
        Replace('{{ReleaseNotes}}', (Get-ReleaseNotes $version).Replace("'", "''")).
        Replace('{{ProjectUri}}', $(if ($env:AUTOMLV2_PROJECT_URI) { "ProjectUri   = '$env:AUTOMLV2_PROJECT_URI'" } else { '' }))
    Set-Content -Path (Join-Path $ModuleOut 'AutoMLV2.psd1') -Value $manifest -Encoding utf8NoBOM
    Write-Host "Module ready: $(Join-Path $ModuleOut 'AutoMLV2.psd1')"
}

function Get-PesterModulePath {
    $version = ([xml](Get-Content -Raw (Join-Path $Root 'tests/tools/Tools.csproj'))).Project.ItemGroup.PackageDownload |
        Where-Object Include -eq 'Pester' | ForEach-Object { $_.Version.Trim('[', ']') }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $path)) {
        Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/tools/Tools.csproj'), '--nologo', '-v', 'q')
    }
    $path
}

function Invoke-XunitTests {
    $results = Join-Path $Out 'test-results'
    $null = New-Item -ItemType Directory -Force -Path $results
    $trx = Join-Path $results 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    & dotnet test (Join-Path $Root 'tests/AutoMLV2.Tests/AutoMLV2.Tests.csproj') -c $Configuration --no-build --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) { throw "xunit produced no results (dotnet test exit code $exit)." }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted }
}

function Invoke-PesterTests {
    # A child pwsh: the tests import the built module, which must not already be loaded here.
    $pester = Get-PesterModulePath
    $script = @'
param($Pester, $Root, $Filter, $ResultFile)
Import-Module $Pester -MinimumVersion 5.0 -ErrorAction Stop
$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter "$Filter.Tests.ps1" | ForEach-Object FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = $ResultFile
$config.TestResult.OutputFormat = 'NUnitXml'
$result = Invoke-Pester -Configuration $config
"PESTER_COUNTS $($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)"
'@
    $resultFile = Join-Path $Out 'test-results/pester.xml'
    $null = New-Item -ItemType Directory -Force -Path (Split-Path $resultFile)
    $counts = $null
    & (Get-PwshPath) -NoProfile -NonInteractive -Command ([scriptblock]::Create($script)) -args $pester, $Root, $PesterFilter, $resultFile |
        ForEach-Object {
            if ($_ -is [string] -and $_ -match '^PESTER_COUNTS (\d+) (\d+)$') { $counts = $Matches } else { $_ }
        } | Out-Host
    if (-not $counts) { return [pscustomobject]@{ Passed = 0; Failed = 1 } }
    [pscustomobject]@{ Passed = [int]$counts[1]; Failed = [int]$counts[2] }
}

# Test-only modules on other AWSSDK.Core versions, for the coexistence tests.
function Invoke-BuildTestModules {
    foreach ($sdk in '37', '40') {
        $name = "AwsSdk${sdk}TestModule"
        $to = Join-Path $Out "test/$name"
        Invoke-Native dotnet @('build', (Join-Path $Root "tests/Coexistence/Sdk$sdk/$name.csproj"), '-c', $Configuration, '-o', $to, '--nologo', '-v', 'q', '-clp:ErrorsOnly')
        Copy-Item (Join-Path $Root "tests/Coexistence/Sdk$sdk/$name.psd1") $to
    }
}

function Invoke-Test {
    Invoke-Package
    Invoke-BuildTestModules
    Write-Host "`n== xunit" -ForegroundColor Cyan
    $xunit = Invoke-XunitTests
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed"
    Write-Host "`n== Pester" -ForegroundColor Cyan
    $pester = Invoke-PesterTests
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    & (Get-PwshPath) -NoProfile -File (Join-Path $Root 'tests/demo.ps1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

# Publishes the built module with Publish-PSResource into a local file repository, out/repository.
# Runs in a child pwsh whose PSResourceGet settings live under out/ (XDG_DATA_HOME / LOCALAPPDATA),
# so that no repository is registered in the user's own configuration.
function Invoke-Package {
    Invoke-Build
    $repository = Join-Path $Out 'repository'
    if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
    $null = New-Item -ItemType Directory -Force -Path $repository
    # .NET reports LocalApplicationData (XDG_DATA_HOME) only when the folder exists.
    $settings = Join-Path $Out 'psresourceget-home'
    $null = New-Item -ItemType Directory -Force -Path $settings
    $script = @'
param($ModulePath, $Repository)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AutoMLV2Local -Uri $Repository -Trusted -Force
Publish-PSResource -Path $ModulePath -Repository AutoMLV2Local
'@
    $saved = $env:XDG_DATA_HOME, $env:LOCALAPPDATA
    try {
        $env:XDG_DATA_HOME = $settings
        $env:LOCALAPPDATA = $settings
        & (Get-PwshPath) -NoProfile -NonInteractive -Command ([scriptblock]::Create($script)) -args $ModuleOut, $repository
        if ($LASTEXITCODE -ne 0) { throw "Publish-PSResource failed with exit code $LASTEXITCODE." }
    }
    finally {
        $env:XDG_DATA_HOME, $env:LOCALAPPDATA = $saved
    }
    $package = Get-ChildItem $repository -Filter 'AutoMLV2.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package to $repository." }
    Write-Host "Package ready: $($package.FullName)"
}

# A benchmark, not a test: it exits 0 whether or not its targets are met (non-zero only if it cannot run).
function Invoke-Bench {
    Invoke-Build
    & (Join-Path $Root 'tests/Bench/Invoke-Bench.ps1') -Pwsh (Get-PwshPath) -ModulePath (Join-Path $ModuleOut 'AutoMLV2.psd1') -OutDir (Join-Path $Out 'bench') -Configuration $Configuration
}

function Invoke-Clean {
    foreach ($path in @($Out) + (Get-ChildItem $Root -Recurse -Directory -Include bin, obj | Where-Object FullName -notmatch '[\\/]\.git[\\/]').FullName) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
