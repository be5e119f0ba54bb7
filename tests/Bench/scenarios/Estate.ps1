# Estate (run by tests/Bench/Invoke-Bench.ps1 in a child pwsh): Get-AutoMLJobV2 'bench-*' over the
# same jobs in several regions of the canned endpoint, each region with its own latency (the endpoint
# tells the regions apart by the SigV4 credential scope). Per case, -Repeat times, interleaved: the
# command for one region, the same command for every region at once, and one one-region command per
# region one after the other. Records each run's wall time, objects, errors and the requests each
# region received (the endpoint's count). Writes one JSON object to -OutFile.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey,
    [Parameter(Mandatory)] [string] $OutFile,
    [string[]] $Regions = @('us-east-1', 'eu-west-1', 'ap-southeast-2'),
    [double] $LatencyMs = 100,
    # Jobs per region in the large case (one ListAutoMLJobs page up to 100), and in the small case
    # (every region's describes fit in the default -ThrottleLimit at once).
    [int] $Jobs = 100,
    [int] $SmallJobs = 5,
    [int] $Repeat = 5
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Regions = @($Regions | ForEach-Object { $_ -split ',' } | Where-Object { $_ })   # -File passes 'a,b,c' as one string
Import-Module $ModulePath
$defaultLimit = [Activator]::CreateInstance((Get-Command Get-AutoMLJobV2).ImplementingType).ThrottleLimit
$wideLimit = $defaultLimit * $Regions.Count
$keys = @{ EndpointUrl = $Endpoint; AccessKey = $AccessKey; SecretKey = $SecretKey }

function Set-Endpoint([hashtable] $Config) {
    $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/config" -NoProxy -ContentType 'application/json' -Body ($Config | ConvertTo-Json -Compress)
}
function Reset-Stats { $null = Invoke-RestMethod -Method Post -Uri "$Endpoint/reset" -NoProxy }
function Get-RegionRequests {
    $byRegion = (Invoke-RestMethod -Uri "$Endpoint/stats" -NoProxy).byRegion
    $counts = [ordered]@{}
    foreach ($p in $byRegion.PSObject.Properties) { $counts[$p.Name] = [int]$p.Value }
    $counts
}
function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone(); [Array]::Sort($sorted)
    if ($sorted.Length % 2) { $sorted[($sorted.Length - 1) / 2] } else { ($sorted[$sorted.Length / 2 - 1] + $sorted[$sorted.Length / 2]) / 2 }
}

# One command over -Region $Where; the time until its last object.
function Invoke-Once([string[]] $Where, [int] $Limit) {
    $errors = $null
    $count = 0
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Get-AutoMLJobV2 'bench-*' -Region $Where -ThrottleLimit $Limit @keys -ErrorAction SilentlyContinue -ErrorVariable errors | ForEach-Object { $count++ }
    [pscustomobject]@{ Ms = $watch.Elapsed.TotalMilliseconds; Objects = $count; Errors = @($errors).Count }
}

# A case: its runs, each after a reset of the endpoint's statistics.
function Measure-Case([scriptblock] $Body) {
    Reset-Stats
    $run = & $Body
    $run | Add-Member -NotePropertyName ByRegion -NotePropertyValue (Get-RegionRequests) -PassThru
}

$latencies = @{}; foreach ($r in $Regions) { $latencies[$r] = $LatencyMs }
$sizes = [ordered]@{ large = $Jobs; small = $SmallJobs }
$result = [ordered]@{ regions = $Regions; latencyMs = $LatencyMs; defaultThrottleLimit = $defaultLimit; wideThrottleLimit = $wideLimit; repeat = $Repeat; cases = [ordered]@{} }

foreach ($size in $sizes.Keys) {
    $n = $sizes[$size]
    Set-Endpoint @{ jobs = $n; latencyMs = 0; regionLatencyMs = $latencies }
    $cases = [ordered]@{
        oneRegion         = { Invoke-Once $Regions[0] $defaultLimit }
        allRegions        = { Invoke-Once $Regions $defaultLimit }
        oneAfterAnother   = {
            $runs = foreach ($r in $Regions) { Invoke-Once $r $defaultLimit }
            [pscustomobject]@{ Ms = ($runs | Measure-Object Ms -Sum).Sum; Objects = ($runs | Measure-Object Objects -Sum).Sum; Errors = ($runs | Measure-Object Errors -Sum).Sum }
        }
    }
    if ($size -eq 'large') { $cases.allRegionsWide = { Invoke-Once $Regions $wideLimit } }

    # Warm-up: every region's client (engine load, JIT, connections), then each case once.
    foreach ($r in $Regions) { $null = Get-AutoMLJobV2 bench-0000 -Region $r @keys }
    foreach ($case in $cases.Keys) { $null = Measure-Case $cases[$case] }

    $runs = [ordered]@{}; foreach ($case in $cases.Keys) { $runs[$case] = [Collections.Generic.List[object]]::new() }
    foreach ($i in 1..$Repeat) {
        foreach ($case in $cases.Keys) { $runs[$case].Add((Measure-Case $cases[$case])) }
    }
    $summary = [ordered]@{ jobsPerRegion = $n }
    foreach ($case in $cases.Keys) {
        $r = $runs[$case]
        $summary[$case] = [ordered]@{
            medianMs = Get-Median ($r | ForEach-Object Ms); minMs = ($r | Measure-Object Ms -Minimum).Minimum
            objects = @($r | ForEach-Object Objects | Sort-Object -Unique); errors = ($r | Measure-Object Errors -Sum).Sum
            requestsByRegion = $r[0].ByRegion; runsMs = @($r | ForEach-Object Ms)
        }
    }
    $result.cases[$size] = $summary
}
Set-Endpoint @{ regionLatencyMs = @{} }

$result | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
