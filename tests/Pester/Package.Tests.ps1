#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The shape a user gets from the Gallery: the .nupkg that build.ps1 -Task Package published into
# out/repository is installed with Install-PSResource into a temporary module path and imported
# BY NAME in a fresh pwsh, which then describes a job against moto.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:Repository = Join-Path $Root 'out/repository'
    $script:Package = Get-ChildItem $Repository -Filter 'AutoMLV2.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $Package) { throw "Package the module first: dotnet pwsh ./build.ps1 -Task Package" }
    $script:Version = [regex]::Match($Package.Name, '^AutoMLV2\.(.+)\.nupkg$').Groups[1].Value
    $script:moto = Start-AutoMLMoto
    New-AutoMLMotoJob -Moto $moto -Name 'gallery-1' -ProblemType Tabular | Out-Null

    # A fresh user profile per run keeps the real one untouched: PSResourceGet keeps repositories
    # under LocalApplicationData (XDG_DATA_HOME on Linux and macOS, reported only when the folder
    # exists) and installs CurrentUser modules under HOME (~/.local/share/powershell/Modules),
    # which is where pwsh looks for modules by name.
    $script:UserData = Join-Path $TestDrive 'user-data'
    $null = New-Item -ItemType Directory -Path (Join-Path $UserData '.local/share')
    $script:Pwsh = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))

    function Invoke-UserPwsh([string]$Script) {
        $saved = $env:XDG_DATA_HOME, $env:LOCALAPPDATA, $env:HOME, $env:USERPROFILE
        try {
            $env:XDG_DATA_HOME = Join-Path $UserData '.local/share'
            $env:LOCALAPPDATA = $env:XDG_DATA_HOME
            $env:HOME = $UserData
            $env:USERPROFILE = $UserData
            $output = & $Pwsh -NoProfile -NonInteractive -Command $Script 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | ForEach-Object ToString) -join "`n" }
        }
        finally {
            $env:XDG_DATA_HOME, $env:LOCALAPPDATA, $env:HOME, $env:USERPROFILE = $saved
        }
    }

    # The first paragraph of a section of docs/<Command>.md as Get-Help shows it: its lines joined
    # with spaces, without the backticks of inline code (the child prints Get-Help's text on one
    # line, whitespace runs as one space).
    function Get-DocParagraph([string]$Command, [string]$Section) {
        $text = Get-Content -Raw (Join-Path $Root "docs/$Command.md")
        $paragraph = [regex]::Match($text, "(?ms)^## $Section\r?\n\s*(.+?)\r?\n\s*(\r?\n|$)").Groups[1].Value
        if (-not $paragraph) { throw "docs/$Command.md has no '## $Section' paragraph." }
        ((($paragraph -split '\r?\n' | ForEach-Object Trim) -join ' ') -replace '`([^`]+)`', '$1') -replace '\s+', ' '
    }

    $script:Install = Invoke-UserPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name AutoMLV2Test -Uri '$Repository' -Trusted
Install-PSResource -Name AutoMLV2 -Repository AutoMLV2Test -Scope CurrentUser -TrustRepository -Quiet
(Get-InstalledPSResource -Name AutoMLV2 -Scope CurrentUser).InstalledLocation
"@
    $script:Use = Invoke-UserPwsh @"
`$ErrorActionPreference = 'Stop'
`$env:AWS_EC2_METADATA_DISABLED = 'true'
Import-Module AutoMLV2
`$module = Get-Module AutoMLV2
`$job = Get-AutoMLJobV2 gallery-1 -Region '$($moto.Region)' -EndpointUrl '$($moto.Endpoint)' -AccessKey '$($moto.AccessKey)' -SecretKey '$($moto.SecretKey)'
"MODULEBASE=`$(`$module.ModuleBase)"
"VERSION=`$(`$module.Version)"
"COMMANDS=`$((`$module.ExportedCmdlets.Keys | Sort-Object) -join ',')"
"JOB=`$(`$job.AutoMLJobName)|`$(`$job.GetType().FullName)"
foreach (`$name in 'Get-AutoMLJobV2', 'Wait-AutoMLJobV2') {
    `$help = Get-Help `$name
    "SYNOPSIS `$name=`$((`$help.Synopsis -replace '\s+', ' ').Trim())"
    "DESCRIPTION `$name=`$((@(`$help.description)[0].Text -replace '\s+', ' ').Trim())"
}
"@
}

AfterAll {
    Stop-AutoMLMoto $moto
}

Describe 'The published package' {
    It 'installs with Install-PSResource from a local repository' {
        $Install.ExitCode | Should -Be 0 -Because $Install.Output
        $Install.Output | Should -BeLike "*$UserData*"
    }

    It 'imports by name from the user module path and describes a job' {
        $Use.ExitCode | Should -Be 0 -Because $Use.Output
        $Use.Output | Should -Match "MODULEBASE=$([regex]::Escape($UserData))"
        $Use.Output | Should -Match "VERSION=$([regex]::Escape($Version))"
        $Use.Output | Should -Match 'COMMANDS=Get-AutoMLJobV2,Get-AutoMLJobV2Candidate,Wait-AutoMLJobV2'
        $Use.Output | Should -Match 'JOB=gallery-1\|AutoMLV2\.Model\.AutoMLJobV2'
    }

    It 'carries its help: Get-Help shows the synopsis and description of docs/, from the installed help file' {
        $Use.ExitCode | Should -Be 0 -Because $Use.Output
        $moduleBase = [regex]::Match($Use.Output, '(?m)^MODULEBASE=(.+)$').Groups[1].Value.Trim()
        Join-Path $moduleBase 'en-US/AutoMLV2.dll-Help.xml' | Should -Exist
        # Without the help file Get-Help still answers, with the syntax as the synopsis and no description.
        foreach ($name in 'Get-AutoMLJobV2', 'Wait-AutoMLJobV2') {
            $shown = @{}
            foreach ($match in [regex]::Matches($Use.Output, "(?m)^(SYNOPSIS|DESCRIPTION) $name=(.*)$")) {
                $shown[$match.Groups[1].Value] = $match.Groups[2].Value.Trim()
            }
            $shown['SYNOPSIS'] | Should -BeExactly (Get-DocParagraph $name 'SYNOPSIS') -Because "the synopsis of $name in docs/$name.md"
            $shown['DESCRIPTION'] | Should -BeExactly (Get-DocParagraph $name 'DESCRIPTION') -Because "the first paragraph of the description of $name in docs/$name.md"
        }
    }

    It 'carries the engine and AWSSDK for both editions' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Package.FullName)
        try { $entries = $zip.Entries.FullName } finally { $zip.Dispose() }
        foreach ($edition in 'core', 'desktop') {
            $entries | Should -Contain "dependencies/$edition/AutoMLV2.Engine.dll"
            $entries | Should -Contain "dependencies/$edition/AWSSDK.Core.dll"
            $entries | Should -Contain "dependencies/$edition/AWSSDK.SecurityToken.dll"
        }
        $entries | Should -Contain 'AutoMLV2.dll'
        $entries | Should -Contain 'AutoMLV2.psd1'
        $entries | Should -Contain 'en-US/AutoMLV2.dll-Help.xml'
        $entries | Should -Contain 'en-US/about_AutoMLV2.help.txt'
        $entries | Where-Object { $_ -like 'dependencies/*/AutoMLV2.dll' } | Should -BeNullOrEmpty
    }
}
