# Help for AutoMLV2.
#  - tools/New-MamlHelp.ps1 on small markdown fixtures in TestDrive: what comes out in the MAML, and
#    the errors for malformed markdown.
#  - Meta-tests of the BUILT module (out/AutoMLV2): Get-Help -Full of every exported cmdlet has a
#    synopsis, a description, at least 4 examples, and every parameter of the code documented with
#    the type, aliases, position, Required and pipeline binding the code has; [OutputType]; exports;
#    about_AutoMLV2; Test-ModuleManifest. The built module is examined in a fresh pwsh -NoProfile
#    (imported by path), so nothing loaded in this session (another AutoMLV2, help cached by
#    Get-Help) can hide a problem. Skipped, with a warning, when the module has not been built.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "AutoMLV2 help meta-tests skipped: $manifest has not been built." }

    # Runs in a fresh pwsh: imports the module by path and writes, as JSON, what the code and
    # Get-Help say about every exported cmdlet and its parameters.
    $reportScript = @'
param([Parameter(Mandatory)] [string] $Manifest, [Parameter(Mandatory)] [string] $OutFile)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
Get-Module AutoMLV2 | Remove-Module
$module = Import-Module $Manifest -Force -PassThru
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
function Text($Value) { ((@($Value) | ForEach-Object { if ($_ -and $_.PSObject.Properties['Text']) { $_.Text } else { "$_" } }) -join "`n").Trim() }
$commands = foreach ($command in Get-Command -Module AutoMLV2 -CommandType Cmdlet) {
    $help = Get-Help $command.Name -Full
    $helpParameters = @(if ($help.PSObject.Properties['parameters'] -and $help.parameters) { $help.parameters.parameter })
    [ordered]@{
        Name               = $command.Name
        OutputType         = @($command.OutputType | ForEach-Object Name)
        Synopsis           = "$($help.Synopsis)".Trim()
        Description        = Text $help.description
        Examples           = @(if ($help.examples) { $help.examples.example | ForEach-Object { [ordered]@{ Title = "$($_.title)"; Code = "$($_.code)"; Remarks = Text $_.remarks } } })
        Outputs            = @(if ($help.returnValues) { $help.returnValues.returnValue | ForEach-Object { "$($_.type.name)" } })
        FullText           = $help | Out-String -Width 250
        HelpParameterNames = @($helpParameters | ForEach-Object { "$($_.name)" })
        Parameters         = @(foreach ($parameter in $command.Parameters.Values | Where-Object Name -notin $common) {
                $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                $documented = @($helpParameters | Where-Object { "$($_.name)" -eq $parameter.Name })
                [ordered]@{
                    Name           = $parameter.Name
                    Type           = $parameter.ParameterType.Name
                    FullType       = $parameter.ParameterType.FullName
                    Aliases        = @($parameter.Aliases)
                    Mandatory      = @($attributes | Where-Object Mandatory).Count -gt 0
                    Position       = @($attributes | ForEach-Object { if ($_.Position -ge 0) { "$($_.Position)" } else { 'named' } } | Select-Object -Unique)
                    ByValue        = @($attributes | Where-Object ValueFromPipeline).Count -gt 0
                    ByPropertyName = @($attributes | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
                    Wildcards      = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
                    Help           = if ($documented) {
                        $h = $documented[0]
                        [ordered]@{
                            Description = Text $h.description; Type = "$($h.type.name)"; Aliases = "$($h.aliases)"
                            PipelineInput = "$($h.pipelineInput)"; Required = "$($h.required)"; Position = "$($h.position)"; Globbing = "$($h.globbing)"
                        }
                    }
                }
            })
    }
}
[ordered]@{
    ModuleBase      = $module.ModuleBase
    ExportedCmdlets = @($module.ExportedCmdlets.Keys)
    ModuleCommands  = @(Get-Command -Module AutoMLV2 | ForEach-Object Name)
    Commands        = @($commands)
    # Every error id of the module: those of the catalog and the configuration errors.
    ErrorIds        = @(
        $catalog = [AutoMLV2.AutoMLConfigurationError].Assembly.GetType('AutoMLV2.ErrorCatalog', $true)
        $catalog.GetFields([Reflection.BindingFlags]'Public, Static') | ForEach-Object { $_.GetValue($null).Id }
        [enum]::GetNames([AutoMLV2.AutoMLConfigurationError])
    ) | Sort-Object -Unique
    About           = try { Get-Help about_AutoMLV2 -ErrorAction Stop | Out-String -Width 250 } catch { "Get-Help about_AutoMLV2 failed: $_" }
} | ConvertTo-Json -Depth 10 | Set-Content -LiteralPath $OutFile -Encoding utf8
'@

    $invokeReport = {
        param([string] $Manifest, [string] $Script)
        $work = Join-Path ([IO.Path]::GetTempPath()) "automlv2-help-$PID-$([guid]::NewGuid().ToString('n'))"
        $null = New-Item -ItemType Directory -Path $work
        try {
            Set-Content -LiteralPath "$work/report.ps1" -Value $Script -Encoding utf8
            # Under 'dotnet pwsh' this process is dotnet itself: start pwsh.dll from $PSHOME.
            $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
            $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            $output = & $exe @prefix -NoProfile -NonInteractive -File "$work/report.ps1" -Manifest $Manifest -OutFile "$work/report.json" 2>&1
            if ($LASTEXITCODE -ne 0 -or -not (Test-Path "$work/report.json")) {
                throw "The help report for '$Manifest' failed (exit code $LASTEXITCODE): $($output -join "`n")"
            }
            Get-Content -Raw "$work/report.json" | ConvertFrom-Json
        }
        finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }
    }

    $report = if (-not $moduleMissing) { & $invokeReport (Resolve-Path $manifest).Path $reportScript }
    $commandCases = @(foreach ($command in @($report | Where-Object { $_ } | ForEach-Object Commands)) { @{ Command = $command.Name; Info = $command } })
    $parameterCases = @(foreach ($case in $commandCases) {
            foreach ($parameter in $case.Info.Parameters) { @{ Command = $case.Command; Parameter = $parameter.Name; Info = $parameter } }
        })
    $sections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS' | ForEach-Object { @{ Section = $_ } }
}

BeforeAll {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $generator = Join-Path $root 'tools/New-MamlHelp.ps1'
    $builtModule = Join-Path $root 'out/AutoMLV2'

    # What is wrong with the help of one parameter, compared with the code: one message per
    # problem, each naming the cmdlet and the parameter; nothing when the help is right.
    function Get-ParameterHelpProblem([string] $Command, $Parameter) {
        $name = "$Command -$($Parameter.Name)"
        $help = $Parameter.Help
        if (-not $help) { return "$name is not in the help." }
        if ([string]::IsNullOrWhiteSpace($help.Description)) { "$name has no description in the help." }
        if ($help.Type -notin $Parameter.Type, $Parameter.FullType) { "$name is of type $($Parameter.Type), but the help says '$($help.Type)'." }
        $helpAliases = @(if ($help.Aliases -and $help.Aliases -ne 'none') { $help.Aliases -split ',\s*' }) | Sort-Object
        if (($helpAliases -join ', ') -ne ((@($Parameter.Aliases) | Sort-Object) -join ', ')) {
            "$name has the aliases '$(@($Parameter.Aliases) -join ', ')', but the help says '$($help.Aliases)'."
        }
        $binding = @(if ($Parameter.ByPropertyName) { 'ByPropertyName' }; if ($Parameter.ByValue) { 'ByValue' })
        $expected = if ($binding) { "True ($($binding -join ', '))" } else { 'False' }
        $helpBinding = if ($help.PipelineInput -match '^True \((.+)\)$') { "True ($(($Matches[1] -split ',\s*' | Sort-Object) -join ', '))" } else { $help.PipelineInput }
        if ($helpBinding -ne $expected) { "$name takes pipeline input '$expected', but the help says '$($help.PipelineInput)'." }
        if ($help.Required -ne "$($Parameter.Mandatory)".ToLowerInvariant()) { "$name has Mandatory=$($Parameter.Mandatory), but the help says required '$($help.Required)'." }
        if (@($Parameter.Position).Count -ne 1 -or $help.Position -ne @($Parameter.Position)[0]) { "$name has the position '$(@($Parameter.Position) -join ', ')', but the help says '$($help.Position)'." }
        if ($help.Globbing -ne "$($Parameter.Wildcards)".ToLowerInvariant()) { "$name has SupportsWildcards=$($Parameter.Wildcards), but the help says wildcards '$($help.Globbing)'." }
    }
}

Describe 'tools/New-MamlHelp.ps1' {
    BeforeAll {
        $fixture = @'
---
external help file: Widget.dll-Help.xml
Module Name: Widget
online version:
schema: 2.0.0
---

# Test-Widget

## SYNOPSIS
Tests widgets.

## SYNTAX

### ByName (Default)
```
Test-Widget [-Name] <String[]> [-Color <String>] [-Force] [<CommonParameters>]
```

### ById
```
Test-Widget -Id <Int32> [-Color <String>] [-Force] [<CommonParameters>]
```

## DESCRIPTION
The `Test-Widget` cmdlet tests widgets
by name or by id.

It has a second paragraph.

## EXAMPLES

### Example 1: Test one widget
```powershell
Test-Widget -Name gear
# a comment, not a heading
Test-Widget gear -Force
```

Tests the widget gear twice.

### Example 2: Test by id
```powershell
Get-Widget | Test-Widget
```

Pipes widgets.

## PARAMETERS

### -Name
Names of the widgets.

May be patterns.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases: WidgetName, WN

Required: True
Position: 0
Default value: None
Accept pipeline input: True (ByPropertyName, ByValue)
Accept wildcard characters: True
```

### -Id
The id of the widget.

```yaml
Type: Int32
Parameter Sets: ById
Aliases: None

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Color
The color to test.

```yaml
Type: String
Parameter Sets: (All)
Aliases:
Accepted values: Red, Green

Required: False
Position: Named
Default value: Red
Accept pipeline input: False
Accept wildcard characters: False
```

### -Force
Tests even broken widgets.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases: None

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### System.String[]
Widget names.

## OUTPUTS

### Widget.TestResult
One result per widget.

## NOTES
Widgets are fragile.

## RELATED LINKS

[Get-Widget](Get-Widget.md)

[Widget site](https://example.com/widgets)
'@
        $ns = @{
            msh     = 'http://msh'
            maml    = 'http://schemas.microsoft.com/maml/2004/10'
            command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
            dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
        }

        # Writes $Markdown as TestDrive:/<Name>/docs/Test-Widget.md and runs the generator on it.
        function Invoke-Generator([string] $Markdown, [string] $Name = [guid]::NewGuid().ToString('n')) {
            $docs = Join-Path $TestDrive "$Name/docs"
            $null = New-Item -ItemType Directory -Force -Path $docs
            Set-Content -LiteralPath (Join-Path $docs 'Test-Widget.md') -Value $Markdown -Encoding utf8
            & $generator -DocsPath $docs -OutputPath (Join-Path $TestDrive "$Name/en-US/Widget.dll-Help.xml")
        }

        function Select-Maml([string] $XPath) { @(Select-Xml -LiteralPath $script:out -XPath $XPath -Namespace $ns | ForEach-Object Node) }
        function Get-MamlParameter([string] $Name) { Select-Maml "/msh:helpItems/command:command/command:parameters/command:parameter[maml:name='$Name']" | Select-Object -First 1 }

        # A README without front matter beside the cmdlet help is not cmdlet help: it is skipped.
        $docs = Join-Path $TestDrive 'good/docs'
        $null = New-Item -ItemType Directory -Force -Path $docs
        Set-Content -LiteralPath (Join-Path $docs 'README.md') -Value "# Widget docs`n`nNot cmdlet help."
        $script:out = (Invoke-Generator $fixture 'good').FullName
    }

    It 'writes a MAML helpItems file with one command per cmdlet' {
        $script:out | Should -Exist
        $script:out | Should -BeLike '*en-US*Widget.dll-Help.xml'
        ([xml](Get-Content -Raw $script:out)).DocumentElement.schema | Should -Be 'maml'
        (Select-Maml '/msh:helpItems/command:command').Count | Should -Be 1
    }

    It 'writes the name, verb, noun and synopsis' {
        (Select-Maml '//command:details/command:name').InnerText | Should -Be 'Test-Widget'
        (Select-Maml '//command:details/command:verb').InnerText | Should -Be 'Test'
        (Select-Maml '//command:details/command:noun').InnerText | Should -Be 'Widget'
        (Select-Maml '//command:details/maml:description/maml:para').InnerText | Should -Be 'Tests widgets.'
    }

    It 'writes the description as paragraphs, lines joined and code marks dropped' {
        $paragraphs = Select-Maml '/msh:helpItems/command:command/maml:description/maml:para'
        $paragraphs.InnerText | Should -Be @('The Test-Widget cmdlet tests widgets by name or by id.', 'It has a second paragraph.')
    }

    It 'writes every documented parameter with its attributes' {
        (Select-Maml '//command:parameters/command:parameter/maml:name').InnerText | Should -Be @('Name', 'Id', 'Color', 'Force')
        $name = Get-MamlParameter Name
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.globbing | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'WidgetName, WN'
        $name.description.para | Should -Be @('Names of the widgets.', 'May be patterns.')
        $name.type.name | Should -Be 'String[]'
        $name.parameterValue.'#text' | Should -Be 'String[]'
        $name.defaultValue | Should -Be 'None'
    }

    It 'writes named positions, one-way pipeline input, no aliases and defaults' {
        $id = Get-MamlParameter Id
        $id.position | Should -Be 'named'
        $id.pipelineInput | Should -Be 'True (ByPropertyName)'
        $id.aliases | Should -Be 'none'
        $id.required | Should -Be 'true'
        $color = Get-MamlParameter Color
        $color.aliases | Should -Be 'none'
        $color.pipelineInput | Should -Be 'False'
        $color.defaultValue | Should -Be 'Red'
    }

    It 'writes accepted values as a parameterValueGroup and a switch value as not required' {
        (Get-MamlParameter Color).parameterValueGroup.parameterValue.'#text' | Should -Be @('Red', 'Green')
        (Get-MamlParameter Force).parameterValue.required | Should -Be 'false'
        (Get-MamlParameter Name).parameterValue.required | Should -Be 'true'
    }

    It 'writes one syntax item per parameter set, with the parameters of that set in SYNTAX order' {
        $items = Select-Maml '//command:syntax/command:syntaxItem'
        $items.Count | Should -Be 2
        @(Select-Maml '//command:syntax/command:syntaxItem[1]/command:parameter/maml:name').InnerText | Should -Be @('Name', 'Color', 'Force')
        @(Select-Maml '//command:syntax/command:syntaxItem[2]/command:parameter/maml:name').InnerText | Should -Be @('Id', 'Color', 'Force')
        (Select-Maml '//command:syntax/command:syntaxItem[1]/maml:name').InnerText | Should -Be 'Test-Widget'
    }

    It 'writes the examples with title, code and remarks; a # line in code is not a heading' {
        $examples = Select-Maml '//command:examples/command:example'
        $examples.Count | Should -Be 2
        $examples[0].title | Should -BeLike '*Example 1: Test one widget*'
        $examples[0].code | Should -Be "Test-Widget -Name gear`n# a comment, not a heading`nTest-Widget gear -Force"
        $examples[0].remarks.para[0] | Should -Be 'Tests the widget gear twice.'
        $examples[1].code | Should -Be 'Get-Widget | Test-Widget'
    }

    It 'writes inputs, outputs, notes and related links; relative links have no URI' {
        (Select-Maml '//command:inputTypes/command:inputType/dev:type/maml:name').InnerText | Should -Be 'System.String[]'
        (Select-Maml '//command:returnValues/command:returnValue/dev:type/maml:name').InnerText | Should -Be 'Widget.TestResult'
        (Select-Maml '//command:returnValues/command:returnValue/maml:description/maml:para').InnerText | Should -Be 'One result per widget.'
        (Select-Maml '//maml:alertSet/maml:alert/maml:para').InnerText | Should -Be 'Widgets are fragile.'
        $links = Select-Maml '//command:relatedLinks/maml:navigationLink'
        $links.linkText | Should -Be @('Get-Widget', 'Widget site')
        $links[0].uri | Should -BeNullOrEmpty
        $links[1].uri | Should -Be 'https://example.com/widgets'
    }

    It 'fails naming the file and the section when ## <Section> is missing' -ForEach $sections {
        $broken = $fixture -replace "(?m)^## $Section\r?\n", "## NOT-$($Section -replace ' ', '-')`n"
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: the section '## $Section' is missing."
    }

    It 'fails when a parameter lacks a yaml key' {
        $broken = $fixture -replace '(?m)^Accept pipeline input: True \(ByPropertyName\)\r?\n', ''
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: the yaml of -Id has no 'Accept pipeline input:'."
    }

    It 'fails when a parameter has no description' {
        $broken = $fixture -replace 'The id of the widget\.', ''
        { Invoke-Generator $broken } | Should -Throw 'Test-Widget.md: -Id has no description.'
    }

    It 'fails when SYNTAX lists a parameter that is not documented' {
        $broken = $fixture -replace '(?s)### -Id\r?\n.*?(?=### -Color)', ''
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: the SYNTAX of 'ById' lists -Id, which has no '### -Id' under PARAMETERS."
    }

    It 'fails when a parameter of a set is missing from its SYNTAX block' {
        $broken = $fixture -replace 'Test-Widget -Id <Int32> \[-Color <String>\] ', 'Test-Widget -Id <Int32> '
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: -Color belongs to the set 'ById', but its SYNTAX block does not list it."
    }

    It 'fails when a parameter names a set that SYNTAX does not have' {
        $broken = $fixture -replace 'Parameter Sets: ById', 'Parameter Sets: ById, ByColor'
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: -Id names the parameter set 'ByColor', which SYNTAX does not have."
    }

    It 'fails when an example has no code' {
        $broken = $fixture -replace '(?s)```powershell\r?\nGet-Widget \| Test-Widget\r?\n```', 'No code here.'
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: 'Example 2: Test by id' has no code block."
    }

    It 'puts the blocks of an Include: file where the line is, without its title and introduction' {
        $block = [regex]::Match($fixture, '(?s)### -Force\r?\n.*?```yaml.*?```\r?\n').Value
        $including = $fixture.Replace($block, "Include: [the shared parameters](shared.md)`n")
        $docs = Join-Path $TestDrive 'include/docs'
        $null = New-Item -ItemType Directory -Force -Path $docs
        Set-Content -LiteralPath (Join-Path $docs 'shared.md') -Value "# Shared parameters`n`nAn introduction for readers.`n`n$block" -Encoding utf8
        $out = (Invoke-Generator $including 'include').FullName
        $names = @(Select-Xml -LiteralPath $out -XPath '//command:parameters/command:parameter/maml:name' -Namespace $ns | ForEach-Object { $_.Node.InnerText })
        $names | Should -Be @('Name', 'Id', 'Color', 'Force')
        $text = (Get-Content -Raw $out)
        $text | Should -Match 'Tests even broken widgets\.'
        $text | Should -Not -Match 'An introduction for readers|Shared parameters|Include:'
    }

    It 'fails naming the file when an Include: file does not exist' {
        $broken = $fixture -replace '(?m)^### -Force', "Include: [gone](missing.md)`n`n### -Force"
        { Invoke-Generator $broken } | Should -Throw "Test-Widget.md: PARAMETERS includes 'missing.md', which does not exist."
    }

    It 'fails when there is no cmdlet help at all' {
        $empty = Join-Path $TestDrive 'empty'
        $null = New-Item -ItemType Directory -Force -Path $empty
        { & $generator -DocsPath $empty -OutputPath (Join-Path $TestDrive 'empty/x.xml') } | Should -Throw "No cmdlet help in*"
    }
}

Describe 'Help of the built module' -Skip:$moduleMissing -ForEach @{ Report = $report } {
    It 'imports the module from out/AutoMLV2' {
        $Report.ModuleBase | Should -Be (Resolve-Path $builtModule).Path
    }

    It 'exports exactly the cmdlets of the manifest' {
        $manifestData = Import-PowerShellDataFile (Join-Path $builtModule 'AutoMLV2.psd1')
        @($Report.ModuleCommands | Sort-Object) | Should -Be @($manifestData.CmdletsToExport | Sort-Object)
        @($Report.ExportedCmdlets | Sort-Object) | Should -Be @($manifestData.CmdletsToExport | Sort-Object)
    }

    It 'passes Test-ModuleManifest' {
        $module = Test-ModuleManifest (Join-Path $builtModule 'AutoMLV2.psd1') -ErrorAction Stop
        $module.Name | Should -Be 'AutoMLV2'
        $module.Version | Should -Not -Be ([version]'0.0')
    }

    Context '<Command>' -ForEach $commandCases {
        It 'has a synopsis' {
            $Info.Synopsis | Should -Not -BeNullOrEmpty
            $Info.Synopsis | Should -Not -Match '^\s*\S+\s+\[' -Because 'PowerShell puts the syntax there when there is no help file'
        }

        It 'has a description' {
            $Info.Description.Length | Should -BeGreaterThan 100
        }

        It 'has at least 4 examples, each with code and an explanation' {
            @($Info.Examples).Count | Should -BeGreaterOrEqual 4
            foreach ($example in $Info.Examples) {
                $example.Code | Should -Not -BeNullOrEmpty -Because $example.Title
                $example.Code | Should -Match $Command -Because "$($example.Title) should use $Command"
                $example.Remarks | Should -Not -BeNullOrEmpty -Because $example.Title
            }
        }

        It 'declares [OutputType] and documents the same type under OUTPUTS' {
            $expected = @{ 'Get-AutoMLJobV2' = 'AutoMLV2.Model.AutoMLJobV2'; 'Wait-AutoMLJobV2' = 'AutoMLV2.Model.AutoMLJobV2'; 'Get-AutoMLJobV2Candidate' = 'AutoMLV2.Model.AutoMLCandidate' }
            @($Info.OutputType) | Should -Be @($expected[$Command])
            @($Info.Outputs) | Should -Be @($Info.OutputType)
        }

        It 'documents no parameter that it does not have' {
            $extra = @($Info.HelpParameterNames | Where-Object { $_ -notin @($Info.Parameters | ForEach-Object Name) })
            $extra | Should -BeNullOrEmpty -Because 'the help should not document parameters the cmdlet lacks'
        }

        It 'shows the synopsis and every parameter in Get-Help -Full' {
            $Info.FullText | Should -Match ([regex]::Escape($Info.Synopsis))
            $missing = @($Info.Parameters | Where-Object { $Info.FullText -notmatch "(?m)^\s+-$($_.Name) <" } | ForEach-Object { "-$($_.Name)" })
            $missing | Should -BeNullOrEmpty -Because 'Get-Help -Full should list every parameter under PARAMETERS'
        }
    }

    It '<Command> -<Parameter> is documented as in the code' -ForEach $parameterCases {
        Get-ParameterHelpProblem $Command $Info | Should -BeNullOrEmpty
    }

    Context 'about_AutoMLV2' {
        It 'is found by Get-Help and covers <_>' -ForEach @(
            'credential', 'region', 'endpoint', 'view', 'Wait-AutoMLJobV2', 'AWS_ENDPOINT_URL_SAGEMAKER', 'AWS_ENDPOINT_URL',
            'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', '$AutoMLV2RequestTimeoutSeconds', 'AWS_MAX_ATTEMPTS', 'AWS_RETRY_MODE',
            'SecondaryStatus', 'ProblemType', 'Duration', 'OperationTimeout', 'tab', 'AssemblyLoadContext',
            'Get-AutoMLJobV2Candidate', 'Rank', 'sagemaker:ListCandidatesForAutoMLJob', 'THE LEADERBOARD'
        ) {
            $Report.About | Should -Match 'about_AutoMLV2'
            $Report.About | Should -Match ([regex]::Escape($_))
        }

        It 'lists every error id the code raises' {
            $ids = @($Report.ErrorIds)
            $ids | Should -Contain 'NoCredentials'
            $ids | Should -Contain 'AutoMLJobFailed'
            $missing = @($ids | Where-Object { $Report.About -notmatch "\b$_\b" })
            $missing | Should -BeNullOrEmpty -Because 'about_AutoMLV2 lists the error ids'
        }
    }
}

# The meta-test above has to fail, naming the parameter, when the help of a parameter is missing
# or wrong. A copy of the built module gets help generated from docs with -PollInterval removed
# from Wait-AutoMLJobV2 and wrong facts about -Timeout and -ThrottleLimit.
Describe 'The parameter meta-test' -Skip:$moduleMissing -ForEach @{ ReportScript = $reportScript; InvokeReport = $invokeReport } {
    BeforeAll {
        $copy = Join-Path $TestDrive 'broken'
        $null = New-Item -ItemType Directory -Path $copy
        Copy-Item $builtModule -Destination $copy -Recurse
        $docs = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory -Path $docs
        Copy-Item (Join-Path $root 'docs/*.md') $docs
        $waitDoc = Join-Path $docs 'Wait-AutoMLJobV2.md'
        $text = Get-Content -Raw $waitDoc
        $text = $text -replace ' \[-PollInterval <Int32>\]', '' -replace '(?s)### -PollInterval\r?\n.*?(?=### -ThrottleLimit)', ''
        $text = $text -replace '(?s)(### -Timeout\r?\n.*?Type: )Int32', '${1}String'
        $text = $text -replace '(?s)(### -ThrottleLimit\r?\n.*?Aliases: )None', '${1}Limit'
        Set-Content -LiteralPath $waitDoc -Value $text -Encoding utf8
        $null = & $generator -DocsPath $docs -OutputPath (Join-Path $copy 'AutoMLV2/en-US/AutoMLV2.dll-Help.xml')
        $broken = & $InvokeReport (Join-Path $copy 'AutoMLV2/AutoMLV2.psd1') $ReportScript
        $wait = $broken.Commands | Where-Object Name -eq 'Wait-AutoMLJobV2'
        function Get-Problem([string] $Name) { Get-ParameterHelpProblem 'Wait-AutoMLJobV2' ($wait.Parameters | Where-Object Name -eq $Name) }
    }

    It 'fails naming a parameter that the help lacks' {
        Get-Problem PollInterval | Should -Be 'Wait-AutoMLJobV2 -PollInterval is not in the help.'
    }

    It 'fails naming a parameter whose type is wrong' {
        Get-Problem Timeout | Should -Be "Wait-AutoMLJobV2 -Timeout is of type Int32, but the help says 'String'."
    }

    It 'fails naming a parameter whose aliases are wrong' {
        Get-Problem ThrottleLimit | Should -Be "Wait-AutoMLJobV2 -ThrottleLimit has the aliases '', but the help says 'Limit'."
    }

    It 'still passes the parameters whose help is right' {
        foreach ($name in 'AutoMLJobName', 'Region', 'ProfileName', 'EndpointUrl') { Get-Problem $name | Should -BeNullOrEmpty -Because "-$name was not changed" }
    }
}
