#Requires -Version 5.1
<#
.SYNOPSIS
    Turns cmdlet help written as platyPS-style markdown into the MAML XML that Get-Help reads.
.DESCRIPTION
    Reads every markdown file in -DocsPath whose YAML front matter names an 'external help file'
    and writes one MAML file (<helpItems schema="maml">, one command:command per cmdlet) to
    -OutputPath. A binary module's help lives in <ModuleBase>/<culture>/<Assembly>.dll-Help.xml.

    The markdown follows platyPS's layout: front matter, '# Verb-Noun', then the sections
    SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES and RELATED LINKS.
    Under SYNTAX, '### SetName' headings (each with a code block) name the parameter sets; without
    them the cmdlet has a single set. Under PARAMETERS, each '### -Name' has a description and a
    yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline
    input, Accept wildcard characters, and optionally Accepted values).

    Parameters that several cmdlets share are written once, in a markdown file of their own (no
    front matter; a title and an introduction, then '### -Name' blocks), and a line 'Include: [text](file.md)' under PARAMETERS
    puts that file's blocks in its place; on GitHub the line reads as a link to the file.

    A missing section, example code, parameter yaml key, or a SYNTAX block that disagrees with the
    parameters' 'Parameter Sets' stops the script with an error naming the file and the problem.
.EXAMPLE
    ./tools/New-MamlHelp.ps1 -DocsPath ./docs -OutputPath ./out/AutoMLV2/en-US/AutoMLV2.dll-Help.xml
#>
[CmdletBinding()]
param(
    # Folder with the <Verb-Noun>.md files.
    [Parameter(Mandatory)]
    [string] $DocsPath,

    # The MAML file to write, for example out/AutoMLV2/en-US/AutoMLV2.dll-Help.xml.
    [Parameter(Mandatory)]
    [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$RequiredSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$YamlKeys = 'Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters'
$AllSets = '__AllParameterSets'

#region Markdown

# Splits lines into blocks under headings that start with $Marker ('## ' or '### '); fenced code
# is never a heading. The first block (Title $null) holds what comes before the first heading.
function Split-Heading([string[]] $Lines, [string] $Marker) {
    $current = [pscustomobject]@{ Title = $null; Lines = [Collections.Generic.List[string]]::new() }
    $fenced = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $fenced = -not $fenced }
        if (-not $fenced -and $line.StartsWith($Marker)) {
            $current
            $current = [pscustomobject]@{ Title = $line.Substring($Marker.Length).Trim(); Lines = [Collections.Generic.List[string]]::new() }
        }
        else { $current.Lines.Add($line) }
    }
    $current
}

# The fenced code blocks in $Lines: language, text, and the line indexes of the fences.
function Get-Fence([string[]] $Lines) {
    $start = -1
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i] -notmatch '^\s*```(.*)$') { continue }
        if ($start -lt 0) { $start = $i; $info = $Matches[1].Trim(); continue }
        $text = if ($i - $start -gt 1) { ($Lines[($start + 1)..($i - 1)] -join "`n") } else { '' }
        [pscustomobject]@{ Info = $info; Text = $text; Start = $start; End = $i }
        $start = -1
    }
}

# Paragraphs: blank lines separate them, list items start new ones, a fenced block is one paragraph
# with its line breaks kept, and the other lines of a paragraph are joined with spaces (`code`
# marks dropped: Get-Help shows plain text).
function ConvertTo-Paragraph([string[]] $Lines) {
    $paragraph = [Collections.Generic.List[string]]::new()
    $fence = $null
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $fence -join "`n"; $fence = $null } else { $fence.Add($line) }
            continue
        }
        if ($line -match '^\s*```' -or $line.Trim() -eq '' -or $line -match '^\s*([-*]|\d+\.)\s') {
            if ($paragraph.Count) { ($paragraph -join ' ') -replace '`([^`]+)`', '$1'; $paragraph.Clear() }
        }
        if ($line -match '^\s*```') { $fence = [Collections.Generic.List[string]]::new() }
        elseif ($line.Trim() -ne '') { $paragraph.Add($line.Trim()) }
    }
    if ($paragraph.Count) { ($paragraph -join ' ') -replace '`([^`]+)`', '$1' }
    if ($null -ne $fence) { $fence -join "`n" }
}

function Split-List([string] $Value) {
    if ($Value -match '^\s*(None)?\s*$') { return , @() }
    , @($Value -split ',' | ForEach-Object Trim | Where-Object { $_ })
}

function Read-HelpMarkdown([string] $Path) {
    $file = Split-Path $Path -Leaf
    function Fail([string] $Problem) { throw "${file}: $Problem" }

    $lines = [string[]] (Get-Content -LiteralPath $Path -Encoding utf8)
    if ($lines.Count -lt 3 -or $lines[0].Trim() -ne '---') { Fail 'no YAML front matter (a first line ---).' }
    $end = [array]::IndexOf($lines, '---', 1)
    if ($end -lt 0) { Fail 'the YAML front matter has no closing ---.' }
    $front = @{}
    foreach ($line in $lines[1..([Math]::Max(1, $end - 1))]) { if ($line -match '^([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() } }
    foreach ($key in 'external help file', 'Module Name') {
        if (-not $front[$key]) { Fail "the front matter has no '${key}:'." }
    }

    $body = if ($end + 1 -lt $lines.Count) { $lines[($end + 1)..($lines.Count - 1)] } else { @() }
    $top = @(Split-Heading $body '# ')
    if ($top.Count -lt 2 -or $top[1].Title -notmatch '^\w+-\w+$') { Fail "no '# Verb-Noun' title." }
    $name = $top[1].Title
    $sections = @{}
    foreach ($section in Split-Heading $top[1].Lines '## ') {
        if ($null -eq $section.Title) { continue }
        if ($sections.ContainsKey($section.Title)) { Fail "the section '## $($section.Title)' appears twice." }
        $sections[$section.Title] = [string[]] $section.Lines
    }
    foreach ($section in $RequiredSections) {
        if (-not $sections.ContainsKey($section)) { Fail "the section '## $section' is missing." }
    }

    $synopsis = @(ConvertTo-Paragraph $sections['SYNOPSIS'])
    if (-not $synopsis) { Fail "'## SYNOPSIS' is empty." }

    # Parameters, in the order they are documented, shared ones included where the Include line is.
    $parameterLines = foreach ($line in $sections['PARAMETERS']) {
        if ($line -notmatch '^Include: \[[^\]]*\]\(([\w.-]+\.md)\)\s*$') { $line; continue }
        $included = Join-Path (Split-Path $Path) $Matches[1]
        if (-not (Test-Path -LiteralPath $included)) { Fail "PARAMETERS includes '$($Matches[1])', which does not exist." }
        # From its first '### -Name' on: a title and an introduction above it are for readers on GitHub.
        $includedLines = [string[]] (Get-Content -LiteralPath $included -Encoding utf8)
        $first = [array]::FindIndex($includedLines, [Predicate[string]] { param($l) $l.StartsWith('### ') })
        if ($first -lt 0) { Fail "PARAMETERS includes '$($Matches[1])', which has no '### -Name' block." }
        $includedLines[$first..($includedLines.Count - 1)]
    }
    $parameters = [ordered]@{}
    foreach ($block in Split-Heading ([string[]] $parameterLines) '### ') {
        if ($null -eq $block.Title -or $block.Title -eq 'CommonParameters') { continue }
        if ($block.Title -notmatch '^-(\w+)$') { Fail "'### $($block.Title)' under PARAMETERS is not '### -Name'." }
        $parameterName = $Matches[1]
        $yaml = @(Get-Fence $block.Lines | Where-Object Info -eq 'yaml')
        if ($yaml.Count -ne 1) { Fail "-$parameterName needs exactly one yaml block." }
        $values = @{}
        foreach ($line in $yaml[0].Text -split "`n") { if ($line -match '^([^:]+):\s*(.*)$') { $values[$Matches[1].Trim()] = $Matches[2].Trim() } }
        foreach ($key in $YamlKeys) {
            if (-not $values.ContainsKey($key)) { Fail "the yaml of -$parameterName has no '${key}:'." }
        }
        $description = if ($yaml[0].Start -gt 0) { @(ConvertTo-Paragraph $block.Lines[0..($yaml[0].Start - 1)]) } else { @() }
        if (-not $description) { Fail "-$parameterName has no description." }
        $sets = Split-List $values['Parameter Sets']
        $parameters[$parameterName] = [pscustomobject]@{
            Name           = $parameterName
            Description    = $description
            Type           = $values['Type']
            Sets           = if ($sets -contains '(All)') { @($AllSets) } else { $sets }
            Aliases        = Split-List $values['Aliases']
            Required       = $values['Required'] -eq 'True'
            Position       = if ($values['Position'] -match '^\d+$') { $values['Position'] } else { 'named' }
            Default        = if ($values['Default value']) { $values['Default value'] } else { 'None' }
            PipelineInput  = $values['Accept pipeline input']
            Globbing       = $values['Accept wildcard characters'] -eq 'True'
            AcceptedValues = if ($values['Accepted values']) { Split-List $values['Accepted values'] } else { @() }
        }
    }

    # Parameter sets: '### Name' or '### Name (Default)' headings under SYNTAX, else one set. The
    # parameters of a set are those whose yaml names it, in the order its code block lists them.
    $setBlocks = @(Split-Heading $sections['SYNTAX'] '### ')
    if ($setBlocks.Count -gt 1) { $setBlocks = $setBlocks[1..($setBlocks.Count - 1)] }
    $syntax = foreach ($block in $setBlocks) {
        $setName = if ($block.Title) { $block.Title -replace '\s*\(Default\)\s*$' } else { $AllSets }
        $code = @(Get-Fence $block.Lines)
        if (-not $code) { Fail "the SYNTAX of '$setName' has no code block." }
        $listed = @([regex]::Matches($code[0].Text, '(?<![\w-])-(\w+)') | ForEach-Object { $_.Groups[1].Value })
        $members = @($parameters.Values | Where-Object { $_.Sets -contains $AllSets -or $_.Sets -contains $setName })
        foreach ($parameterName in $listed) {
            if (-not $parameters.Contains($parameterName)) { Fail "the SYNTAX of '$setName' lists -$parameterName, which has no '### -$parameterName' under PARAMETERS." }
            if (@($members | ForEach-Object Name) -notcontains $parameterName) { Fail "the SYNTAX of '$setName' lists -$parameterName, whose 'Parameter Sets' do not include it." }
        }
        foreach ($member in $members) {
            if ($listed -notcontains $member.Name) { Fail "-$($member.Name) belongs to the set '$setName', but its SYNTAX block does not list it." }
        }
        [pscustomobject]@{ Name = $setName; Parameters = @($listed | Select-Object -Unique | ForEach-Object { $parameters[$_] }) }
    }
    $known = @($syntax | ForEach-Object Name) + $AllSets
    foreach ($parameter in $parameters.Values) {
        foreach ($set in $parameter.Sets) {
            if ($known -notcontains $set) { Fail "-$($parameter.Name) names the parameter set '$set', which SYNTAX does not have." }
        }
    }

    $examples = foreach ($block in Split-Heading $sections['EXAMPLES'] '### ') {
        if ($null -eq $block.Title) { continue }
        if ($block.Title -notmatch '^Example \d+') { Fail "'### $($block.Title)' under EXAMPLES is not '### Example N: title'." }
        $code = @(Get-Fence $block.Lines)
        if (-not $code) { Fail "'$($block.Title)' has no code block." }
        $after = if ($code[0].End + 1 -lt $block.Lines.Count) { $block.Lines[($code[0].End + 1)..($block.Lines.Count - 1)] } else { @() }
        [pscustomobject]@{ Title = $block.Title; Code = $code[0].Text; Remarks = @(ConvertTo-Paragraph $after) }
    }
    if (-not $examples) { Fail "'## EXAMPLES' has no '### Example N: title'." }

    $typed = {
        param($Lines)
        foreach ($block in Split-Heading $Lines '### ') {
            if ($block.Title) { [pscustomobject]@{ Type = $block.Title; Description = @(ConvertTo-Paragraph $block.Lines) } }
        }
    }
    $links = foreach ($line in $sections['RELATED LINKS']) {
        if ($line -match '\[([^\]]+)\]\(([^)]*)\)') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
    }

    [pscustomobject]@{
        File        = $file
        HelpFile    = $front['external help file']
        Name        = $name
        Synopsis    = $synopsis
        Description = @(ConvertTo-Paragraph $sections['DESCRIPTION'])
        Syntax      = @($syntax)
        Parameters  = @($parameters.Values)
        Inputs      = @(& $typed $sections['INPUTS'])
        Outputs     = @(& $typed $sections['OUTPUTS'])
        Examples    = @($examples)
        Notes       = @(ConvertTo-Paragraph $sections['NOTES'])
        Links       = @($links)
    }
}

#endregion

#region MAML

$Maml = 'http://schemas.microsoft.com/maml/2004/10'
$Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$Dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

function Open([string] $Prefix, [string] $Name) {
    $ns = @{ maml = $Maml; command = $Command; dev = $Dev }[$Prefix]
    $writer.WriteStartElement($Prefix, $Name, $ns)
}
function Close { $writer.WriteEndElement() }
function Leaf([string] $Prefix, [string] $Name, [string] $Text) { Open $Prefix $Name; $writer.WriteString($Text); Close }
function Paras([string] $Prefix, [string] $Name, [string[]] $Paragraphs) {
    Open $Prefix $Name
    foreach ($p in $Paragraphs) { Leaf maml para $p }
    Close
}
function Attributes([hashtable] $Values) { foreach ($key in $Values.Keys | Sort-Object) { $writer.WriteAttributeString($key, $Values[$key]) } }

function Write-Parameter($Parameter) {
    Open command parameter
    Attributes @{
        required = "$($Parameter.Required)".ToLowerInvariant(); variableLength = 'true'; globbing = "$($Parameter.Globbing)".ToLowerInvariant()
        pipelineInput = $Parameter.PipelineInput; position = $Parameter.Position
        aliases = if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }
    }
    Leaf maml name $Parameter.Name
    Paras maml description $Parameter.Description
    if ($Parameter.AcceptedValues) {
        Open command parameterValueGroup
        foreach ($value in $Parameter.AcceptedValues) { Open command parameterValue; Attributes @{ required = 'false'; variableLength = 'false' }; $writer.WriteString($value); Close }
        Close
    }
    $switch = $Parameter.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    Open command parameterValue; Attributes @{ required = "$(-not $switch)".ToLowerInvariant(); variableLength = 'false' }; $writer.WriteString($Parameter.Type); Close
    Open dev type; Leaf maml name $Parameter.Type; Close
    Leaf dev defaultValue $Parameter.Default
    Close
}

function Write-Command($Help) {
    Open command command
    $writer.WriteAttributeString('xmlns', 'maml', $null, $Maml)
    $writer.WriteAttributeString('xmlns', 'command', $null, $Command)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $Dev)
    Open command details
    Leaf command name $Help.Name
    Leaf command verb ($Help.Name -split '-', 2)[0]
    Leaf command noun ($Help.Name -split '-', 2)[1]
    Paras maml description $Help.Synopsis
    Close
    Paras maml description $Help.Description

    Open command syntax
    foreach ($set in $Help.Syntax) {
        Open command syntaxItem
        Leaf maml name $Help.Name
        foreach ($parameter in $set.Parameters) { Write-Parameter $parameter }
        Close
    }
    Close

    Open command parameters
    foreach ($parameter in $Help.Parameters) { Write-Parameter $parameter }
    Close

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        Open command $kind[0]
        foreach ($item in $kind[2]) {
            Open command $kind[1]
            Open dev type; Leaf maml name $item.Type; Close
            Paras maml description $item.Description
            Close
        }
        Close
    }

    Open maml alertSet; Paras maml alert $Help.Notes; Close

    Open command examples
    foreach ($example in $Help.Examples) {
        Open command example
        Leaf maml title "-------------------------- $($example.Title) --------------------------"
        Leaf dev code $example.Code
        Paras dev remarks (@($example.Remarks) + '')  # the empty paragraph separates the examples
        Close
    }
    Close

    Open command relatedLinks
    foreach ($link in $Help.Links) {
        # Only absolute URLs are kept: Get-Help -Online opens the first one, a .md link means nothing there.
        $uri = if ($link.Uri -match '^https?://') { $link.Uri } else { '' }
        Open maml navigationLink; Leaf maml linkText $link.Text; Leaf maml uri $uri; Close
    }
    Close
    Close
}

#endregion

if (-not (Test-Path -LiteralPath $DocsPath -PathType Container)) { throw "The docs folder '$DocsPath' does not exist." }
$files = @(Get-ChildItem -LiteralPath $DocsPath -Filter *.md | Sort-Object Name |
        Where-Object { (Get-Content -LiteralPath $_.FullName -TotalCount 10) -match '^external help file:' })
if (-not $files) { throw "No cmdlet help in '$DocsPath': no .md file has 'external help file:' in its front matter." }
$commands = @(foreach ($file in $files) { Read-HelpMarkdown $file.FullName })

$helpFiles = @($commands.HelpFile | Select-Object -Unique)
if ($helpFiles.Count -gt 1) { throw "The docs name different help files ($($helpFiles -join ', ')); write one -OutputPath per file." }
if ($helpFiles[0] -ne (Split-Path $OutputPath -Leaf)) {
    Write-Warning "The docs say 'external help file: $($helpFiles[0])', but the output is '$(Split-Path $OutputPath -Leaf)': Get-Help will not find it under that name."
}

$target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
$null = New-Item -ItemType Directory -Force -Path (Split-Path $target)
$settings = [Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [Text.UTF8Encoding]::new($false)
$writer = [Xml.XmlWriter]::Create($target, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($help in $commands) { Write-Command $help }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }

Write-Verbose "Wrote help for $($commands.Name -join ', ') to $target."
Get-Item -LiteralPath $target
