# Many jobs (run by tests/Bench/Invoke-Bench.ps1 in a child pwsh): one Get-AutoMLJobV2 <pattern>
# that lists and describes every matching job, streamed through ForEach-Object. Records the wall
# time, the time to the first object, objects and errors, the pwsh working set before / during /
# after, CPU time, and the cmdlet's default -ThrottleLimit. Writes one JSON object to -OutFile.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $Region,
    [Parameter(Mandatory)] [string] $AccessKey,
    [Parameter(Mandatory)] [string] $SecretKey,
    [Parameter(Mandatory)] [string] $OutFile,
    [string] $Pattern = 'bench-*',
    # Described once first (engine load, JIT, connection), as in any session that has made a call.
    [string] $WarmName = 'bench-0000',
    # 0: the cmdlet's default.
    [int] $ThrottleLimit = 0
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module $ModulePath
$command = Get-Command Get-AutoMLJobV2
$defaultThrottleLimit = [Activator]::CreateInstance($command.ImplementingType).ThrottleLimit
$null = Get-AutoMLJobV2 $WarmName -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey

[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$wsBefore = $process.WorkingSet64
$peakBefore = $process.PeakWorkingSet64
$managedBefore = [GC]::GetTotalMemory($false)
$cpuBefore = $process.TotalProcessorTime
$jitMethods = [System.Runtime.JitInfo]::GetCompiledMethodCount($false); $jitTime = [System.Runtime.JitInfo]::GetCompilationTime($false)

$state = @{ Count = 0; First = $null; MaxWs = $wsBefore; FirstName = $null }
$errors = $null
$terminating = $null
$extra = @{}
if ($ThrottleLimit -gt 0) { $extra.ThrottleLimit = $ThrottleLimit }
$watch = [Diagnostics.Stopwatch]::StartNew()
try {
    Get-AutoMLJobV2 $Pattern -Region $Region -EndpointUrl $Endpoint -AccessKey $AccessKey -SecretKey $SecretKey -ErrorAction SilentlyContinue -ErrorVariable errors @extra |
        ForEach-Object {
            if ($state.Count -eq 0) { $state.First = $watch.Elapsed.TotalMilliseconds; $state.FirstName = $_.AutoMLJobName }
            $state.Count++
            if ($state.Count % 50 -eq 0) {
                $process.Refresh()
                if ($process.WorkingSet64 -gt $state.MaxWs) { $state.MaxWs = $process.WorkingSet64 }
            }
        }
}
catch { $terminating = $_.ToString() }
$wallMs = $watch.Elapsed.TotalMilliseconds
$process.Refresh()
$wsAfter = $process.WorkingSet64
$peakAfter = $process.PeakWorkingSet64
$during = [Math]::Max($state.MaxWs, $wsAfter)
if ($peakAfter -gt $peakBefore) { $during = [Math]::Max($during, $peakAfter) }

$errorIds = @{}
$listErrors = 0
foreach ($e in @($errors)) {
    $id = if ($e -is [Management.Automation.ErrorRecord]) { $e.FullyQualifiedErrorId } else { "$e" }
    $errorIds[$id] = 1 + [int]$errorIds[$id]
    # A failed ListAutoMLJobs page names the pattern; a failed describe names the job.
    if ($e -is [Management.Automation.ErrorRecord] -and "$($e.TargetObject)" -eq $Pattern) { $listErrors++ }
}

[ordered]@{
    pattern              = $Pattern
    defaultThrottleLimit = $defaultThrottleLimit
    throttleLimit        = $(if ($ThrottleLimit -gt 0) { $ThrottleLimit } else { $defaultThrottleLimit })
    wallMs               = $wallMs
    firstObjectMs        = $state.First
    firstObjectName      = $state.FirstName
    objects              = $state.Count
    errors               = @($errors).Count
    errorIds             = $errorIds
    listErrors           = $listErrors
    terminatingError     = $terminating
    warmupDescribes      = 1
    workingSetBeforeMB   = $wsBefore / 1MB
    workingSetDuringMB   = $during / 1MB
    workingSetAfterMB    = $wsAfter / 1MB
    workingSetGrowthMB   = ($during - $wsBefore) / 1MB
    managedHeapBeforeMB  = $managedBefore / 1MB
    managedHeapAfterMB   = [GC]::GetTotalMemory($false) / 1MB
    cpuMs                = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
    jitMethods           = [System.Runtime.JitInfo]::GetCompiledMethodCount($false) - $jitMethods
    jitMs                = ([System.Runtime.JitInfo]::GetCompilationTime($false) - $jitTime).TotalMilliseconds
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM
