# Warm per call (run by tests/Bench/Invoke-Bench.ps1 in a child pwsh): -Count separate
# Get-AutoMLJobV2 invocations in this one session after -Warmup, each timed; then the breakdown of
# one call (measuring overhead, a no-op cmdlet with the same parameters, Get-AutoMLJobV2 with an
# invalid name (no Connect, no request), the engine's Connect, the client's describe, the parse).
# -MainOnly: the timed loop and Connect only (the second run, started with a realistic ~/.aws in
# AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE: AWSSDK reads those variables once per process).
# Writes one JSON object to -OutFile.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ProbePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey,
    [Parameter(Mandatory)] [string] $OutFile,
    [string] $Name = 'bench-0001',
    [int] $Count = 500,
    [int] $Warmup = 50,
    [switch] $MainOnly,
    # At most this many more calls until JIT tiering settles, before a second timed loop (0: none).
    [int] $SettleMaxCalls = 0,
    [int] $SettleBatch = 1000,
    # The request signed once for the floor (tests/Bench/py/bench_boto.py sign), replayed in-process.
    [string] $SignedRequest
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

function Get-Summary([double[]] $Times, [double] $WallMs, [long] $Allocated, [double] $CpuMs) {
    $sorted = [double[]]$Times.Clone()
    [Array]::Sort($sorted)
    [ordered]@{
        count                 = $sorted.Length
        meanMs                = ($sorted | Measure-Object -Average).Average
        medianMs              = $sorted[[int][Math]::Floor(($sorted.Length - 1) * 0.5)]
        p90Ms                 = $sorted[[int][Math]::Floor(($sorted.Length - 1) * 0.9)]
        p99Ms                 = $sorted[[int][Math]::Floor(($sorted.Length - 1) * 0.99)]
        minMs                 = $sorted[0]
        wallMs                = $WallMs
        allocatedBytesPerCall = $Allocated / [double]$sorted.Length
        cpuMsPerCall          = $CpuMs / $sorted.Length
    }
}

$result = [ordered]@{}
Import-Module $ModulePath
Add-Type -Path $ProbePath
Import-Module ([AutoMLV2Bench.InvokeBenchNoOpCommand].Assembly)

$sw = [Diagnostics.Stopwatch]::new()
$process = [Diagnostics.Process]::GetCurrentProcess()

# $Count separate Get-AutoMLJobV2 calls, each timed; with the JIT and GC figures of the loop.
function Measure-GetCalls {
    $times = [double[]]::new($Count)
    $gen0 = [GC]::CollectionCount(0); $gen2 = [GC]::CollectionCount(2)
    $alloc = [GC]::GetTotalAllocatedBytes($false)
    $jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
    $process.Refresh(); $cpu = $process.TotalProcessorTime
    $wall = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Count; $i++) {
        $sw.Restart()
        $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey
        $times[$i] = $sw.Elapsed.TotalMilliseconds
    }
    $wallMs = $wall.Elapsed.TotalMilliseconds
    $process.Refresh()
    $summary = Get-Summary $times $wallMs ([GC]::GetTotalAllocatedBytes($false) - $alloc) ($process.TotalProcessorTime - $cpu).TotalMilliseconds
    $summary.jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
    $summary.jitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds
    $summary.gen0Collections = [GC]::CollectionCount(0) - $gen0
    $summary.gen2Collections = [GC]::CollectionCount(2) - $gen2
    $summary
}

# --- The figure: separate invocations in one warm session -----------------------------------------
for ($i = 0; $i -lt $Warmup; $i++) {
    $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey
}
$result.getAutoMLJobV2 = Measure-GetCalls
$job = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey
$result.check = [ordered]@{ name = $job.AutoMLJobName; status = $job.AutoMLJobStatus; type = $job.GetType().FullName }

if ($MainOnly) {
    $result.engineConnect = [AutoMLV2Bench.Probe]::TimeConnect($Count, $Warmup, $Region, $Endpoint, $AccessKey, $SecretKey)
    $result.awsConfigFile = $env:AWS_CONFIG_FILE
    $result | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
    return
}

# --- Breakdown -------------------------------------------------------------------------------------
# Each variant: the same loop shape, so the loop's own cost is the same in every row.
function Measure-Variant([scriptblock] $Body) {
    # The body runs dot-sourced in this scope; timing is taken around it like above.
    for ($i = 0; $i -lt $Warmup; $i++) { . $Body }
    $t = [double[]]::new($Count)
    $a = [GC]::GetTotalAllocatedBytes($false)
    $process.Refresh(); $c = $process.TotalProcessorTime
    $w = [Diagnostics.Stopwatch]::StartNew()
    for ($i = 0; $i -lt $Count; $i++) {
        $sw.Restart()
        . $Body
        $t[$i] = $sw.Elapsed.TotalMilliseconds
    }
    $ww = $w.Elapsed.TotalMilliseconds
    $process.Refresh()
    Get-Summary $t $ww ([GC]::GetTotalAllocatedBytes($false) - $a) ($process.TotalProcessorTime - $c).TotalMilliseconds
}

$breakdown = [ordered]@{}
# The same Get-AutoMLJobV2 call through the variant loop (dot-sourced script block), for like-for-like rows.
$breakdown.fullCallInVariantLoop = Measure-Variant { $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey }
$breakdown.emptyBody = Measure-Variant { }
$breakdown.noOpCmdlet = Measure-Variant { $null = Invoke-BenchNoOp $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey }
$breakdown.invalidNameNoRequest = Measure-Variant { $null = Get-AutoMLJobV2 'not_valid!' -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey -ErrorAction Ignore }
# The cmdlet's own machinery (OrderedResults, dispatcher, output) over a fake engine: no Connect, no SDK.
try {
    [AutoMLV2Bench.Probe]::UseFakeEngine($job.psobject.BaseObject, $false)
    $breakdown.fakeEngineReady = Measure-Variant { $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey }
    [AutoMLV2Bench.Probe]::UseFakeEngine($job.psobject.BaseObject, $true)
    $breakdown.fakeEngineThreadPool = Measure-Variant { $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey }
    [AutoMLV2Bench.Probe]::UseFakeEngine($job.psobject.BaseObject, $true, $true)
    $breakdown.fakeEngineThreadPoolWithLog = Measure-Variant { $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey }
}
finally { [AutoMLV2Bench.Probe]::UseFakeEngine($null, $false) }
$breakdown.engineConnect = [AutoMLV2Bench.Probe]::TimeConnect($Count, $Warmup, $Region, $Endpoint, $AccessKey, $SecretKey)
$client = [AutoMLV2Bench.Probe]::Connect($Region, $Endpoint, $AccessKey, $SecretKey)
$breakdown.clientDescribe = [AutoMLV2Bench.Probe]::TimeDescribe($Count, $Warmup, $client, $Name)
$breakdown.clientDescribeWaitHandles = [AutoMLV2Bench.Probe]::TimeDescribe($Count, $Warmup, $client, $Name, $true)
if ($SignedRequest) { $breakdown.rawHttpInProcess = [AutoMLV2Bench.Probe]::TimeRawHttp($Count, $Warmup, $SignedRequest) }

$http = [Net.Http.HttpClient]::new()
try {
    $request = [Net.Http.HttpRequestMessage]::new([Net.Http.HttpMethod]::Post, "$Endpoint/")
    $request.Headers.TryAddWithoutValidation('X-Amz-Target', 'SageMaker.DescribeAutoMLJobV2') | Out-Null
    $request.Headers.TryAddWithoutValidation('Authorization', 'bench') | Out-Null
    $request.Content = [Net.Http.StringContent]::new("{`"AutoMLJobName`":`"$Name`"}")
    $body = $http.SendAsync($request).GetAwaiter().GetResult().Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()
}
finally { $http.Dispose() }
$breakdown.parseOnly = [AutoMLV2Bench.Probe]::TimeParse($Count, $Warmup, $client, $body)
$breakdown.responseBytes = $body.Length

# The same body with a member newer than the module in every kind of place: top level, a structure,
# each list element (channels, candidate metrics), a new union member, a map value.
$newer = [Text.Encoding]::UTF8.GetString($body) | ConvertFrom-Json -AsHashtable
$newer.NewTopLevel = 'arrived in 2027'
$newer.OutputDataConfig.NewStructureField = @{ Depth = 2; Tags = @('a', 'b') }
foreach ($channel in $newer.AutoMLJobInputDataConfig) { $channel.NewChannelField = @{ Shards = 4 } }
foreach ($metric in $newer.BestCandidate.CandidateProperties.CandidateMetrics) { $metric.NewMetricField = 1.5 }
$newer.AutoMLProblemTypeConfig.QuantumJobConfig = @{ Qubits = 5 }
foreach ($unit in $newer.BestCandidate.InferenceContainerDefinitions.Values) { foreach ($container in $unit) { $container.NewContainerField = @(1, 2) } }
$newerBody = [Text.Encoding]::UTF8.GetBytes(($newer | ConvertTo-Json -Depth 30 -Compress))
$breakdown.parseNewerMembers = [AutoMLV2Bench.Probe]::TimeParse($Count, $Warmup, $client, $newerBody)
$breakdown.newerMembersBytes = $newerBody.Length

# JIT settled: more calls, in batches, until two batches in a row JIT-compile at most 10 methods
# (.NET's tiered compilation has then recompiled the hot paths with their profile), at most
# -SettleMaxCalls; then the same timed loop again. This is the per-call cost of a long-lived
# session; the loop above is that of a session some 50 calls old.
if ($SettleMaxCalls -gt 0) {
    $settle = [Diagnostics.Stopwatch]::StartNew()
    $extra = 0; $quiet = 0; $batches = [Collections.Generic.List[object]]::new()
    while ($extra -lt $SettleMaxCalls -and $quiet -lt 2) {
        $jm = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
        $bw = [Diagnostics.Stopwatch]::StartNew()
        for ($i = 0; $i -lt $SettleBatch; $i++) {
            $null = Get-AutoMLJobV2 $Name -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey
        }
        $extra += $SettleBatch
        $compiled = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jm
        $batches.Add([ordered]@{ calls = $extra; meanMs = $bw.Elapsed.TotalMilliseconds / $SettleBatch; jitMethods = $compiled })
        $quiet = if ($compiled -le 10) { $quiet + 1 } else { 0 }
    }
    $settleMs = $settle.Elapsed.TotalMilliseconds
    $result.jitSettled = Measure-GetCalls
    $result.jitSettled.extraWarmupCalls = $extra
    $result.jitSettled.settled = $quiet -ge 2
    $result.jitSettled.settleSeconds = $settleMs / 1000
    $result.jitSettled.batches = $batches
}
$result.jitCompiledMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false)
$result.breakdown = $breakdown
$result.psVersion = $PSVersionTable.PSVersion.ToString()
$result.dotnet = [Environment]::Version.ToString()
$result | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
