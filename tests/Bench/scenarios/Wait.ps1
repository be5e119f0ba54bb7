# Waiting on many (run by tests/Bench/Invoke-Bench.ps1 in a child pwsh): posts the job-finishing
# schedule to the canned endpoint (job -> finish offset in ms; the endpoint's clock starts at the
# POST), then Wait-AutoMLJobV2 -PollInterval on all the jobs, recording when each object comes out
# of the pipeline (epoch ms) and this process's CPU time around the wait. Writes JSON to -OutFile.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey,
    [Parameter(Mandatory)] [string] $ScheduleFile,
    [Parameter(Mandatory)] [string] $OutFile,
    [int] $PollInterval = 5,
    [string] $WarmName = 'bench-0000'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module $ModulePath
$defaultThrottleLimit = [Activator]::CreateInstance((Get-Command Wait-AutoMLJobV2).ImplementingType).ThrottleLimit
$null = Get-AutoMLJobV2 $WarmName -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey

$schedule = Get-Content -Raw -LiteralPath $ScheduleFile
$names = @(($schedule | ConvertFrom-Json -AsHashtable).Keys | Sort-Object)
$config = Invoke-RestMethod -Method Post -Uri "$Endpoint/config" -Body "{`"schedule`":$schedule}" -ContentType 'application/json'

$emitted = [Collections.Generic.List[object]]::new()
$errors = $null
$terminating = $null
$jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)
$cpuBefore = (Get-Process -Id $PID).TotalProcessorTime
$startedAt = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$watch = [Diagnostics.Stopwatch]::StartNew()
try {
    Wait-AutoMLJobV2 -AutoMLJobName $names -PollInterval $PollInterval -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey -ErrorAction SilentlyContinue -ErrorVariable errors |
        ForEach-Object { $emitted.Add([ordered]@{ name = $_.AutoMLJobName; at = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(); status = $_.AutoMLJobStatus }) }
}
catch { $terminating = $_.ToString() }
$wallMs = $watch.Elapsed.TotalMilliseconds
$cpuMs = ((Get-Process -Id $PID).TotalProcessorTime - $cpuBefore).TotalMilliseconds
$jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
$jitMs = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds

[ordered]@{
    jobs             = $names.Count
    defaultThrottleLimit = $defaultThrottleLimit
    pollInterval     = $PollInterval
    scheduleStart    = $config.scheduleStart
    waitStartedAt    = $startedAt
    wallMs           = $wallMs
    cpuMs            = $cpuMs
    jitMethods       = $jitMethods
    jitMs            = $jitMs
    errors           = @($errors).Count
    terminatingError = $terminating
    emitted          = $emitted
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
