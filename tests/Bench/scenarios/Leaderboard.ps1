# Leaderboard (run by tests/Bench/Invoke-Bench.ps1 in a child pwsh): Get-AutoMLJobV2Candidate of one
# job of the canned endpoint, streamed through ForEach-Object, for each case (how many candidates, the
# objective's Type, and -First 5), -Repeat times after a warm-up of each objective. Records, per case,
# the requests of each run (the endpoint's count), the wall time (median and min), the time to the
# first object and the objects. Writes one JSON object to -OutFile.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $Repeat = 5,
    [double] $LatencyMs = 50,
    [string] $Name = 'bench-0001',
    # Only these cases (all when empty): max250, min250, max750, min750, first5of750.
    [string[]] $Only = @(),
    # After the cases: listings of the 250-candidate job without latency, in batches of -SettleBatch,
    # until two batches in a row JIT-compile at most 10 methods (at most -SettleMaxRuns), then max250
    # again: the leaderboard of a long-lived session. 0: not measured.
    [int] $SettleMaxRuns = 0,
    [int] $SettleBatch = 100
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module $ModulePath
$c = @{ Region = $Region; EndpointUrl = $Endpoint; AccessKey = $AccessKey; SecretKey = $SecretKey }

function Set-Endpoint([hashtable] $Config) {
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/config" -NoProxy -ContentType 'application/json' -Body ($Config | ConvertTo-Json -Compress)
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/reset" -NoProxy
}

function Get-CandidateRequests {
    $requests = (Invoke-RestMethod -Uri "$Endpoint/stats" -NoProxy).requests
    if ($requests.PSObject.Properties['ListCandidatesForAutoMLJob']) { [int]$requests.ListCandidatesForAutoMLJob } else { 0 }
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone(); [Array]::Sort($sorted)
    if ($sorted.Length % 2) { $sorted[($sorted.Length - 1) / 2] } else { ($sorted[$sorted.Length / 2 - 1] + $sorted[$sorted.Length / 2]) / 2 }
}

# Warm-up without latency: engine load, connection, and the JIT of both ranking paths, a few
# times each, so that the first case measured does not pay for .NET's first, unoptimized code.
foreach ($objective in 'Maximize', 'Minimize') {
    Set-Endpoint @{ latencyMs = 0; candidates = 750; objective = $objective }
    foreach ($i in 1..5) { Get-AutoMLJobV2Candidate 'bench-0000' @c | ForEach-Object { $null = $_.Rank } }
}

$cases = @(
    @{ Name = 'max250'; Candidates = 250; Objective = 'Maximize'; First = 0 }
    @{ Name = 'min250'; Candidates = 250; Objective = 'Minimize'; First = 0 }
    @{ Name = 'max750'; Candidates = 750; Objective = 'Maximize'; First = 0 }
    @{ Name = 'min750'; Candidates = 750; Objective = 'Minimize'; First = 0 }
    @{ Name = 'first5of750'; Candidates = 750; Objective = 'Maximize'; First = 5 }
) | Where-Object { $Only.Count -eq 0 -or $Only -contains $_.Name }

function Measure-Case([hashtable] $scenario) {
    Set-Endpoint @{ latencyMs = $LatencyMs; candidates = $scenario.Candidates; objective = $scenario.Objective }
    $runs = foreach ($i in 1..$Repeat) {
        $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/reset" -NoProxy
        $state = @{ Count = 0; First = $null; Ranks = 0 }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $each = {
            if ($state.Count -eq 0) { $state.First = $watch.Elapsed.TotalMilliseconds }
            $state.Count++
            if ($null -ne $_.Rank) { $state.Ranks++ }
        }
        if ($scenario.First -gt 0) { Get-AutoMLJobV2Candidate $Name @c | Select-Object -First $scenario.First | ForEach-Object $each }
        else { Get-AutoMLJobV2Candidate $Name @c | ForEach-Object $each }
        $wallMs = $watch.Elapsed.TotalMilliseconds
        Start-Sleep -Milliseconds 200   # a request sent after the command returned would still be counted
        [pscustomobject]@{ wallMs = $wallMs; firstObjectMs = $state.First; objects = $state.Count; ranked = $state.Ranks; requests = Get-CandidateRequests }
    }
    [ordered]@{
        candidates    = $scenario.Candidates
        objective     = $scenario.Objective
        first         = $scenario.First
        latencyMs     = $LatencyMs
        pages         = [Math]::Ceiling($scenario.Candidates / 300)
        requests      = @($runs.requests | Sort-Object -Unique)
        medianMs      = Get-Median $runs.wallMs
        minMs         = ($runs.wallMs | Measure-Object -Minimum).Minimum
        firstObjectMs = Get-Median $runs.firstObjectMs
        objects       = @($runs.objects | Sort-Object -Unique)
        ranked        = @($runs.ranked | Sort-Object -Unique)
        runs          = @($runs)
    }
}

$results = [ordered]@{}
foreach ($scenario in $cases) { $results[$scenario.Name] = Measure-Case $scenario }

if ($SettleMaxRuns -gt 0) {
    Set-Endpoint @{ latencyMs = 0; candidates = 250; objective = 'Maximize' }
    $settle = [Diagnostics.Stopwatch]::StartNew()
    $extra = 0; $quiet = 0
    while ($extra -lt $SettleMaxRuns -and $quiet -lt 2) {
        $jm = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        for ($i = 0; $i -lt $SettleBatch; $i++) { $null = Get-AutoMLJobV2Candidate $Name @c }
        $extra += $SettleBatch
        $quiet = if ([System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jm -le 10) { $quiet + 1 } else { 0 }
    }
    $settled = Measure-Case @{ Name = 'max250settled'; Candidates = 250; Objective = 'Maximize'; First = 0 }
    $settled.extraRuns = $extra
    $settled.settled = $quiet -ge 2
    $settled.settleSeconds = $settle.Elapsed.TotalSeconds
    $results['max250settled'] = $settled
}

[ordered]@{ repeat = $Repeat; latencyMs = $LatencyMs; job = $Name; cases = $results } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
