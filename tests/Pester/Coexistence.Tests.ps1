#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# AutoMLV2 beside another module that loaded its own AWSSDK.Core into the default load context:
# AWSSDK.Core 3.7 (AWS Tools for PowerShell 4.x) and 4.0.x (AWS Tools 5.x, same assembly version
# 4.0.0.0 as ours), in both import orders, each in a fresh pwsh process.

BeforeDiscovery {
    $script:Scenarios = foreach ($sdk in '37', '40') {
        @{ Sdk = $sdk; Order = 'TheirsFirst' }
        @{ Sdk = $sdk; Order = 'OursFirst' }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:Manifest = Join-Path $Root 'out/AutoMLV2/AutoMLV2.psd1'
    if (-not (Test-Path $Manifest)) { throw "Build the module first: dotnet pwsh ./build.ps1 -Task Build" }
    $script:moto = Start-AutoMLMoto
    New-AutoMLMotoJob -Moto $moto -Name 'coexist-1' -ProblemType Tabular | Out-Null

    # Runs $Body in a fresh pwsh (so that load order is real) and returns what it wrote as JSON.
    function Invoke-FreshPwsh([string]$Body) {
        $script = @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Get-ChildItem env:AWS_* | Where-Object Name -ne 'AWS_EC2_METADATA_DISABLED' | ForEach-Object { Remove-Item "env:`$(`$_.Name)" }
`$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials'
`$env:AWS_CONFIG_FILE = '/nonexistent/config'
`$common = @{ Region = '$($moto.Region)'; EndpointUrl = '$($moto.Endpoint)' }
`$keys = @{ AccessKey = '$($moto.AccessKey)'; SecretKey = '$($moto.SecretKey)' }
function Get-SdkLoads {
    [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object {
        [pscustomobject]@{
            Version = `$_.GetName().Version.ToString()
            File = [Diagnostics.FileVersionInfo]::GetVersionInfo(`$_.Location).FileVersion
            Context = [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).GetType().Name
            Location = `$_.Location
        }
    }
}
$Body
"@
        # Under 'dotnet pwsh' the process is dotnet; the apphost sits beside pwsh.dll.
        $pwsh = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
        $output = & $pwsh -NoProfile -NonInteractive -Command $script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE):`n$($output -join "`n")" }
        ($output | Where-Object { $_ -is [string] }) -join "`n" | ConvertFrom-Json
    }
}

AfterAll {
    Stop-AutoMLMoto $moto
}

Describe 'AutoMLV2 beside a module on AWSSDK.Core <Sdk> (<Order>)' -ForEach $Scenarios {
    BeforeAll {
        $theirs = Join-Path $Root "out/test/AwsSdk${Sdk}TestModule/AwsSdk${Sdk}TestModule.psd1"
        if (-not (Test-Path $theirs)) { throw "Build the test modules first (build.ps1 -Task Test does): $theirs" }
        $importTheirs = "Import-Module '$theirs'"
        $importOurs = "Import-Module '$Manifest'"
        $first, $second = if ($Order -eq 'TheirsFirst') { $importTheirs, $importOurs } else { $importOurs, $importTheirs }
        $script:result = Invoke-FreshPwsh @"
$first
`$warmup = if ('$Order' -eq 'OursFirst') { (Get-AutoMLJobV2 coexist-1 @common @keys).AutoMLJobName }
$second
`$theirCredential = New-TestAWSCredential @keys
`$withTheirCredential = Get-AutoMLJobV2 coexist-1 @common -Credential `$theirCredential
`$withKeys = Get-AutoMLJobV2 coexist-1 @common @keys
Set-TestStoredAWSCredential @keys
`$withStored = Get-AutoMLJobV2 coexist-1 @common
[pscustomobject]@{
    Warmup = `$warmup
    WithTheirCredential = `$withTheirCredential.AutoMLJobName
    WithTheirCredentialType = `$withTheirCredential.GetType().FullName
    WithKeys = `$withKeys.AutoMLJobName
    WithStored = `$withStored.AutoMLJobName
    TheirSdk = Get-TestSdkInfo
    Loads = @(Get-SdkLoads)
} | ConvertTo-Json -Depth 4
"@
    }

    It 'describes a job with credentials created by the other module' {
        $result.WithTheirCredential | Should -Be 'coexist-1'
        $result.WithTheirCredentialType | Should -Be 'AutoMLV2.Model.AutoMLJobV2'
    }

    It 'describes a job with its own -AccessKey/-SecretKey' {
        $result.WithKeys | Should -Be 'coexist-1'
        if ($Order -eq 'OursFirst') { $result.Warmup | Should -Be 'coexist-1' }
    }

    It 'reads an AWS Tools-style $StoredAWSCredentials wrapper' {
        $result.WithStored | Should -Be 'coexist-1'
    }

    It 'leaves the other module on its own AWSSDK.Core, working' {
        $expected = if ($Sdk -eq '37') { '3.7.' } else { '4.0.' }
        $result.TheirSdk.FileVersion | Should -BeLike "$expected*"
        $result.TheirSdk.Location | Should -BeLike "*AwsSdk${Sdk}TestModule*"
        $result.TheirSdk.CanCreateCredentials | Should -BeTrue
    }

    It 'loads its own AWSSDK.Core 4.1 privately, from dependencies/' {
        $ours = @($result.Loads | Where-Object Location -like '*AutoMLV2*dependencies*')
        $ours.Count | Should -Be 1
        $ours[0].File | Should -BeLike '4.1.*'
        $ours[0].Context | Should -Not -Be 'DefaultAssemblyLoadContext'
        $theirs = @($result.Loads | Where-Object Location -like "*AwsSdk${Sdk}TestModule*")
        $theirs.Count | Should -Be 1
        $theirs[0].Context | Should -Be 'DefaultAssemblyLoadContext'
    }
}
