#Requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks AutoMLV2 against a fast canned SageMaker endpoint (and moto), on loopback, and prints
    our figures beside baselines measured in the same run.
.DESCRIPTION
    Run through the build: dotnet pwsh ./build.ps1 -Task Bench (builds the module first).
    Writes out/bench/results.json and prints a table: scenario, ours, baseline, ratio, target, met.
    A benchmark, not a test: missed targets do not fail it; it exits non-zero only when it cannot run.
    See tests/Bench/README.md for what each scenario measures.
#>
[CmdletBinding()]
param(
    # The pwsh to start children with (build.ps1 passes Get-PwshPath: the apphost in $PSHOME).
    [string] $Pwsh,
    [string] $ModulePath,
    [string] $OutDir,
    # The module's configuration, as build.ps1 built it (recorded; the canned endpoint is always Release).
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [ValidateSet('PerCall', 'Cold', 'ManyJobs', 'Moto', 'RateLimit', 'Wait', 'Leaderboard', 'Estate')]
    [string[]] $Scenario = @('PerCall', 'Cold', 'ManyJobs', 'Moto', 'RateLimit', 'Wait', 'Leaderboard', 'Estate'),
    # Smaller counts and a shorter wait: a smoke run of the benchmark itself (figures not comparable).
    [switch] $Quick
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
if (-not $Pwsh) {
    $Pwsh = Join-Path $PSHOME ($(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }))
    if (-not (Test-Path $Pwsh)) { $Pwsh = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName }
}
if (-not $ModulePath) { $ModulePath = Join-Path $Root 'out/AutoMLV2/AutoMLV2.psd1' }
if (-not (Test-Path $ModulePath)) { throw "No built module at ${ModulePath}: run ./build.ps1 -Task Build first (or -Task Bench)." }
$ModulePath = (Resolve-Path $ModulePath).Path
if (-not $OutDir) { $OutDir = Join-Path $Root 'out/bench' }
$null = New-Item -ItemType Directory -Force -Path $OutDir
$OutDir = (Resolve-Path $OutDir).Path
$WorkDir = Join-Path $OutDir 'work'
if (Test-Path $WorkDir) { Remove-Item $WorkDir -Recurse -Force }
$null = New-Item -ItemType Directory -Force -Path $WorkDir
$BenchDir = $PSScriptRoot
$ScenarioDir = Join-Path $BenchDir 'scenarios'

$Size = if ($Quick) {
    @{ PerCall = 100; PerCallWarmup = 20; SettleMaxCalls = 3000; SettleBatch = 200; Cli = 3; Cold = 3; Jobs = 200; BotoSeqLimit = 20; MotoJobs = 50; MotoBotoLimit = 10
       RateJobs = 200; RateJobsVariant = 100; WaitJobs = 20; WaitSpanSeconds = 12; LeaderboardRepeat = 2; LeaderboardSettle = 200; EstateJobs = 20; EstateRepeat = 2 }
}
else {
    @{ PerCall = 500; PerCallWarmup = 50; SettleMaxCalls = 60000; SettleBatch = 1000; Cli = 10; Cold = 10; Jobs = 1000; BotoSeqLimit = 100; MotoJobs = 200; MotoBotoLimit = 50
       RateJobs = 1000; RateJobsVariant = 400; WaitJobs = 100; WaitSpanSeconds = 60; LeaderboardRepeat = 7; LeaderboardSettle = 4000; EstateJobs = 100; EstateRepeat = 5 }
}
$Region = 'us-east-1'
$AccessKey = 'AKIDBENCHEXAMPLE0001'
$SecretKey = 'bench/secret/key/not/checked/by/the/canned/endpoint'
$LatencyMs = 50
$RateLimit = 20
$PollInterval = 5
$WaitSeed = 20240611
$EstateRegions = 'us-east-1', 'eu-west-1', 'ap-southeast-2'
$EstateLatencyMs = 100
$EstateSmallJobs = 5

# --- Child processes -------------------------------------------------------------------------------

function Resolve-Tool([string] $Name) {
    # pyenv shims add ~0.1 s of bash to every start; use the real executable where pyenv knows it.
    if (Get-Command pyenv -CommandType Application -ErrorAction SilentlyContinue) {
        $real = & pyenv which $Name 2>$null
        if ($LASTEXITCODE -eq 0 -and $real -and (Test-Path $real)) { return $real }
    }
    $command = Get-Command $Name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($command) { return $command.Source }
    $null
}

$NoAwsFiles = Join-Path $WorkDir 'no-aws'
$IsolatedEnvironment = @{
    AWS_CONFIG_FILE             = Join-Path $NoAwsFiles 'config'
    AWS_SHARED_CREDENTIALS_FILE = Join-Path $NoAwsFiles 'credentials'
    AWS_EC2_METADATA_DISABLED   = 'true'
    AWS_PAGER                   = ''
    POWERSHELL_TELEMETRY_OPTOUT = '1'
    POWERSHELL_UPDATECHECK      = 'Off'
    PYTHONWARNINGS              = 'ignore'
}

function New-ChildStartInfo([string] $FileName, [string[]] $Arguments, [hashtable] $Environment) {
    # The caller's environment minus every AWS_* variable, plus the isolation above: no developer
    # profile, key, region or endpoint can reach a child.
    $psi = [Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add([string]$a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    foreach ($key in @($psi.Environment.Keys)) { if ($key -like 'AWS_*') { [void]$psi.Environment.Remove($key) } }
    foreach ($table in $IsolatedEnvironment, $Environment) {
        if (-not $table) { continue }
        foreach ($key in $table.Keys) { $psi.Environment[$key] = [string]$table[$key] }
    }
    $psi
}

function Invoke-Child {
    # Runs a child to completion. -SampleCpu: its CPU time every second (epoch ms, CPU ms).
    param([string] $FileName, [string[]] $Arguments, [hashtable] $Environment, [int] $TimeoutSeconds = 300, [switch] $SampleCpu)
    $psi = New-ChildStartInfo $FileName $Arguments $Environment
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $proc = [Diagnostics.Process]::Start($psi)
    try {
        $proc.StandardInput.Close()
        $out = $proc.StandardOutput.ReadToEndAsync()
        $err = $proc.StandardError.ReadToEndAsync()
        $samples = [Collections.Generic.List[double[]]]::new()
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
        while (-not $proc.WaitForExit($(if ($SampleCpu) { 1000 } else { 250 }))) {
            if ($SampleCpu) {
                try {
                    $proc.Refresh()
                    $samples.Add(@([DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(), $proc.TotalProcessorTime.TotalMilliseconds))
                }
                catch [InvalidOperationException] { }
            }
            if ([DateTime]::UtcNow -gt $deadline) {
                $proc.Kill($true)
                throw "$FileName did not finish within $TimeoutSeconds s."
            }
        }
        $proc.WaitForExit()
        $wallMs = $watch.Elapsed.TotalMilliseconds
        [pscustomobject]@{
            ExitCode = $proc.ExitCode; StdOut = $out.GetAwaiter().GetResult(); StdErr = $err.GetAwaiter().GetResult()
            WallMs = $wallMs; CpuSamples = $samples
        }
    }
    finally { $proc.Dispose() }
}

function Invoke-PwshScenario([string] $Script, [hashtable] $Parameters, [int] $TimeoutSeconds = 300, [switch] $SampleCpu, [hashtable] $Environment) {
    $outFile = Join-Path $WorkDir ("$([IO.Path]::GetFileNameWithoutExtension($Script))-$([guid]::NewGuid().ToString('n').Substring(0, 8)).json")
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $ScenarioDir $Script), '-OutFile', $outFile)
    foreach ($key in $Parameters.Keys) {
        if ($Parameters[$key] -is [switch] -or $Parameters[$key] -is [bool]) { if ($Parameters[$key]) { $arguments += "-$key" } }
        else { $arguments += @("-$key", [string]$Parameters[$key]) }
    }
    $run = Invoke-Child -FileName $Pwsh -Arguments $arguments -TimeoutSeconds $TimeoutSeconds -SampleCpu:$SampleCpu -Environment $Environment
    if ($run.ExitCode -ne 0 -or -not (Test-Path $outFile)) {
        throw "$Script failed (exit code $($run.ExitCode)): $($run.StdErr.Trim()) $($run.StdOut.Trim())"
    }
    $result = Get-Content -Raw $outFile | ConvertFrom-Json -AsHashtable
    $result['_cpuSamples'] = $run.CpuSamples
    $result
}

# --- The canned endpoint ---------------------------------------------------------------------------

function Start-CannedEndpoint {
    $dll = Join-Path $OutDir 'bin/CannedEndpoint.dll'
    $portFile = Join-Path $WorkDir 'endpoint.port'
    $fixture = Join-Path $Root 'tests/AutoMLV2.Tests/Fixtures/describe-tabular.json'
    $arguments = @($dll, '--port-file', $portFile, '--parent-pid', $PID, '--max-seconds', 1800, '--jobs', $Size.Jobs)
    if (Test-Path $fixture) { $arguments += @('--fixture', $fixture) }
    $psi = New-ChildStartInfo (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source $arguments @{}
    $proc = [Diagnostics.Process]::Start($psi)
    $null = $proc.StandardOutput.ReadToEndAsync(); $null = $proc.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-Path $portFile)) {
        if ($proc.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            if (-not $proc.HasExited) { $proc.Kill($true) }
            throw 'The canned endpoint did not start.'
        }
        Start-Sleep -Milliseconds 50
    }
    [pscustomobject]@{ Process = $proc; Url = "http://127.0.0.1:$((Get-Content -Raw $portFile).Trim())"; Fixture = $(if (Test-Path $fixture) { $fixture } else { 'describe-fallback.json' }) }
}

function Invoke-Endpoint([string] $Method, [string] $Route, $Body) {
    $params = @{ Method = $Method; Uri = "$($Endpoint.Url)/$Route"; NoProxy = $true; TimeoutSec = 30 }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 5 -Compress); $params.ContentType = 'application/json' }
    Invoke-RestMethod @params
}

function Set-Endpoint([double] $Latency = 0, [double] $Rate = 0) {
    $null = Invoke-Endpoint POST 'config' @{ latencyMs = $Latency; rateLimit = $Rate }
    $null = Invoke-Endpoint POST 'reset' $null
}

# --- Small helpers ---------------------------------------------------------------------------------

function Get-Median([double[]] $Values) {
    $sorted = [double[]]$Values.Clone(); [Array]::Sort($sorted)
    if ($sorted.Length % 2) { $sorted[($sorted.Length - 1) / 2] } else { ($sorted[$sorted.Length / 2 - 1] + $sorted[$sorted.Length / 2]) / 2 }
}

function Get-Percentile([double[]] $Values, [double] $P) {
    $sorted = [double[]]$Values.Clone(); [Array]::Sort($sorted)
    $sorted[[int][Math]::Floor(($sorted.Length - 1) * $P)]
}

function Invoke-Python([string[]] $Arguments, [int] $TimeoutSeconds = 300) {
    $run = Invoke-Child -FileName $Python -Arguments (@((Join-Path $BenchDir 'py/bench_boto.py')) + $Arguments) -TimeoutSeconds $TimeoutSeconds
    if ($run.ExitCode -ne 0) { throw "bench_boto.py $($Arguments[0]) failed: $($run.StdErr.Trim())" }
    $run.StdOut | ConvertFrom-Json -AsHashtable
}

function Format-Ms([double] $Ms) {
    if ($Ms -ge 10000) { '{0:N1} s' -f ($Ms / 1000) } elseif ($Ms -ge 100) { '{0:N0} ms' -f $Ms } elseif ($Ms -ge 1) { '{0:N2} ms' -f $Ms } else { '{0:N3} ms' -f $Ms }
}

$Rows = [Collections.Generic.List[object]]::new()
$Notes = [Collections.Generic.List[string]]::new()
function Add-Row([string] $Scenario, [string] $Ours, [string] $Baseline, [string] $Ratio, [string] $Target, $Met) {
    $Rows.Add([pscustomobject]@{
            Scenario = $Scenario; Ours = $Ours; Baseline = $Baseline; Ratio = $Ratio; Target = $Target
            Met = $(if ($Met -is [bool]) { if ($Met) { 'yes' } else { 'NO' } } elseif ($null -eq $Met) { '-' } else { [string]$Met })
        })
}

$Results = [ordered]@{
    generatedAt = [DateTimeOffset]::UtcNow.ToString('o')
    quick       = [bool]$Quick
    machine     = [ordered]@{
        os = [Runtime.InteropServices.RuntimeInformation]::OSDescription; cores = [Environment]::ProcessorCount
        pwsh = $PSVersionTable.PSVersion.ToString(); dotnet = [Environment]::Version.ToString()
    }
    configuration = $Configuration
    sizes       = $Size
    source      = [ordered]@{
        commit = $(try { (& git -C $Root rev-parse HEAD 2>$null) } catch { $null })
        changedFiles = $(try { @(& git -C $Root status --porcelain -- src 2>$null).Count } catch { $null })
    }
    scenarios   = [ordered]@{}
}

function Invoke-Scenario([string] $Name, [scriptblock] $Body) {
    if ($Scenario -notcontains $Name) { return }
    Write-Host "== $Name" -ForegroundColor Cyan
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try { & $Body }
    catch {
        Write-Warning "$Name failed: $_"
        $Results.scenarios[$Name] = [ordered]@{ error = "$_" }
        Add-Row $Name 'error' '-' '-' '-' 'ERROR'
        $Notes.Add("$Name failed: $_")
    }
    Write-Host ("   ({0:N1} s)" -f $watch.Elapsed.TotalSeconds)
}

# --- Setup -----------------------------------------------------------------------------------------

$benchWatch = [Diagnostics.Stopwatch]::StartNew()
function Get-LoadAverage { if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg -Raw).Trim() } else { $null } }
# How busy the machine is right now (all processes, % of all cores over one second), from /proc/stat.
function Get-CpuBusyPercent {
    if (-not (Test-Path /proc/stat)) { return $null }
    $read = { $f = ((Get-Content /proc/stat -TotalCount 1) -split '\s+')[1..8] | ForEach-Object { [double]$_ }; @(($f | Measure-Object -Sum).Sum, ($f[3] + $f[4])) }
    $a = & $read; Start-Sleep -Seconds 1; $b = & $read
    $total = $b[0] - $a[0]
    if ($total -le 0) { return $null }
    [Math]::Round(100 * (1 - ($b[1] - $a[1]) / $total), 1)
}
$Results.machine.loadAverageAtStart = Get-LoadAverage
Write-Host 'Building the canned endpoint (tests/Bench/CannedEndpoint)'
& dotnet build (Join-Path $BenchDir 'CannedEndpoint/CannedEndpoint.csproj') -c Release -o (Join-Path $OutDir 'bin') --nologo -v q -clp:ErrorsOnly
if ($LASTEXITCODE -ne 0) { throw "Building the canned endpoint failed (exit code $LASTEXITCODE)." }

$Python = Resolve-Tool 'python3'
$Aws = Resolve-Tool 'aws'
if (-not $Python) { throw 'python3 is needed (botocore signs the floor request; boto3 is a baseline).' }

Start-Sleep -Seconds 2   # let the build servers settle before sampling how busy the machine is
$Results.machine.cpuBusyPercentBeforeRun = Get-CpuBusyPercent
$Endpoint = Start-CannedEndpoint
Write-Host "Canned endpoint: $($Endpoint.Url) (fixture $(Split-Path -Leaf $Endpoint.Fixture), $($Size.Jobs) jobs)"
$Results.endpoint = [ordered]@{ url = $Endpoint.Url; fixture = $Endpoint.Fixture }
$Moto = $null
try {
    # --- Warm per call -----------------------------------------------------------------------------
    Invoke-Scenario 'PerCall' {
        Set-Endpoint
        $signed = Join-Path $WorkDir 'signed-describe.json'
        $null = Invoke-Python @('sign', '--url', $Endpoint.Url, '--region', $Region, '--access-key', $AccessKey, '--secret-key', $SecretKey, '--name', 'bench-0001', '--out', $signed)
        # The floor runs twice, before and after our session and boto3 (others may share this machine);
        # the faster of the two medians is the baseline.
        $floorRuns = [Collections.Generic.List[object]]::new()
        $runFloor = {
            $run = Invoke-Child -FileName (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source -Arguments @(
                (Join-Path $OutDir 'bin/CannedEndpoint.dll'), 'floor', '--request', $signed, '--count', $Size.PerCall, '--warmup', [Math]::Max(200, $Size.PerCallWarmup))
            if ($run.ExitCode -ne 0) { throw "The floor client failed: $($run.StdErr)" }
            $floorRuns.Add(($run.StdOut | ConvertFrom-Json -AsHashtable))
        }
        & $runFloor

        # A realistic ~/.aws for a second run (the resolver reads the shared files on every call).
        $awsFiles = Join-Path $WorkDir 'aws-profiles'
        $null = New-Item -ItemType Directory -Force -Path $awsFiles
        $config = [Text.StringBuilder]::new(); $credentials = [Text.StringBuilder]::new()
        [void]$config.AppendLine("[default]`nregion = us-west-2`noutput = json`n")
        [void]$credentials.AppendLine("[default]`naws_access_key_id = AKIDDEFAULTEXAMPLE00`naws_secret_access_key = defaultsecret`n")
        foreach ($i in 1..9) {
            [void]$config.AppendLine("[profile team$i]`nregion = eu-west-$(($i % 3) + 1)`nrole_arn = arn:aws:iam::12345678901${i}:role/Team$i`nsource_profile = default`n")
            [void]$credentials.AppendLine("[team$i-keys]`naws_access_key_id = AKIDTEAM${i}EXAMPLE00`naws_secret_access_key = secret$i`n")
        }
        Set-Content (Join-Path $awsFiles 'config') $config.ToString()
        Set-Content (Join-Path $awsFiles 'credentials') $credentials.ToString()

        $ours = Invoke-PwshScenario 'PerCall.ps1' @{
            ModulePath = $ModulePath; ProbePath = (Join-Path $ScenarioDir 'Probe.cs'); Endpoint = $Endpoint.Url; Region = $Region
            AccessKey = $AccessKey; SecretKey = $SecretKey; Name = 'bench-0001'; Count = $Size.PerCall; Warmup = $Size.PerCallWarmup; SignedRequest = $signed; SettleMaxCalls = $Size.SettleMaxCalls; SettleBatch = $Size.SettleBatch
        }
        $withFiles = Invoke-PwshScenario 'PerCall.ps1' @{
            ModulePath = $ModulePath; ProbePath = (Join-Path $ScenarioDir 'Probe.cs'); Endpoint = $Endpoint.Url; Region = $Region
            AccessKey = $AccessKey; SecretKey = $SecretKey; Name = 'bench-0001'; Count = $Size.PerCall; Warmup = $Size.PerCallWarmup; MainOnly = $true
        } -Environment @{ AWS_CONFIG_FILE = (Join-Path $awsFiles 'config'); AWS_SHARED_CREDENTIALS_FILE = (Join-Path $awsFiles 'credentials') }
        $stats = Invoke-Endpoint GET 'stats' $null
        $boto = Invoke-Python @('percall', '--url', $Endpoint.Url, '--region', $Region, '--access-key', $AccessKey, '--secret-key', $SecretKey,
            '--name', 'bench-0001', '--count', $Size.PerCall, '--warmup', $Size.PerCallWarmup)

        & $runFloor
        $floor = $floorRuns | Sort-Object { $_.medianMs } | Select-Object -First 1
        $cli = $null
        if ($Aws) {
            $times = [Collections.Generic.List[double]]::new()
            $cliEnv = @{ AWS_ACCESS_KEY_ID = $AccessKey; AWS_SECRET_ACCESS_KEY = $SecretKey; AWS_DEFAULT_REGION = $Region }
            foreach ($i in 0..$Size.Cli) {
                $run = Invoke-Child -FileName $Aws -Environment $cliEnv -Arguments @('sagemaker', 'describe-auto-ml-job-v2', '--auto-ml-job-name', 'bench-0001',
                    '--endpoint-url', $Endpoint.Url, '--region', $Region, '--output', 'json')
                if ($run.ExitCode -ne 0) { throw "aws sagemaker describe-auto-ml-job-v2 failed: $($run.StdErr)" }
                if ($i -gt 0) { $times.Add($run.WallMs) }   # the first run warms the file cache
            }
            $cli = [ordered]@{ runs = $times.Count; meanMs = ($times | Measure-Object -Average).Average; medianMs = Get-Median $times.ToArray(); executable = $Aws }
        }
        $Results.scenarios.PerCall = [ordered]@{ floor = $floor; floorRuns = $floorRuns; ours = $ours; oursWithAwsFiles = $withFiles; boto3 = $boto; awsCli = $cli; endpointStats = [ordered]@{ connections = $stats.connections; requests = $stats.requests } }

        $o = $ours.getAutoMLJobV2
        $j = if ($ours.Contains('jitSettled')) { $ours.jitSettled } else { $null }
        $early = "after $($Size.PerCallWarmup) calls"
        Add-Row "Warm per call, $early (median of $($o.count)): Get-AutoMLJobV2 vs raw HTTP floor" (Format-Ms $o.medianMs) (Format-Ms $floor.medianMs) ('{0:N1}x' -f ($o.medianMs / $floor.medianMs)) '<= 1.5x' ($o.medianMs -le 1.5 * $floor.medianMs)
        Add-Row '  same, mean' (Format-Ms $o.meanMs) (Format-Ms $floor.meanMs) ('{0:N1}x' -f ($o.meanMs / $floor.meanMs)) '(info)' $null
        if ($j) {
            $settledText = if ($j.settled) { "JIT settled after $($j.extraWarmupCalls) more calls" } else { "JIT not settled after $($j.extraWarmupCalls) more calls" }
            Add-Row "Warm per call, $settledText (median of $($j.count)) vs floor" (Format-Ms $j.medianMs) (Format-Ms $floor.medianMs) ('{0:N1}x' -f ($j.medianMs / $floor.medianMs)) '<= 1.5x' ($j.medianMs -le 1.5 * $floor.medianMs)
        }
        $f = $withFiles.getAutoMLJobV2
        Add-Row "  same as the first row, with a ~/.aws config + credentials (10 profiles)" (Format-Ms $f.medianMs) (Format-Ms $floor.medianMs) ('{0:N1}x' -f ($f.medianMs / $floor.medianMs)) '(info)' $null
        Add-Row "Warm per call, $early, vs boto3 warm client (median)" (Format-Ms $o.medianMs) (Format-Ms $boto.medianMs) ('{0:N2}x' -f ($o.medianMs / $boto.medianMs)) '<= 0.5x' ($o.medianMs -le 0.5 * $boto.medianMs)
        Add-Row '  same, mean' (Format-Ms $o.meanMs) (Format-Ms $boto.meanMs) ('{0:N2}x' -f ($o.meanMs / $boto.meanMs)) '(info)' $null
        if ($j) {
            Add-Row "Warm per call, JIT settled, vs boto3 warm client (median)" (Format-Ms $j.medianMs) (Format-Ms $boto.medianMs) ('{0:N2}x' -f ($j.medianMs / $boto.medianMs)) '<= 0.5x' ($j.medianMs -le 0.5 * $boto.medianMs)
            $Notes.Add(('JIT settling: {0} more calls in {1:N1} s, {2} (the criterion: two batches in a row with at most 10 methods JIT-compiled); batch means (ms) {3}.' -f
                    $j.extraWarmupCalls, $j.settleSeconds, $(if ($j.settled) { 'settled' } else { 'NOT settled, stopped at the cap' }), (($j.batches | ForEach-Object { '{0:N2}' -f $_.meanMs }) -join ' ')))
        }
        if ($cli) {
            Add-Row "Per call: AWS CLI process (mean of $($cli.runs)) vs ours (mean)" (Format-Ms $o.meanMs) (Format-Ms $cli.meanMs) ('{0:N0}x faster' -f ($cli.meanMs / $o.meanMs)) '>= 20x faster' ($cli.meanMs -ge 20 * $o.meanMs)
        }
        else { $Notes.Add('AWS CLI not found: its per-call row is missing.') }
        $Notes.Add(('Warm per call: {0:N0} bytes allocated and {1:N2} ms CPU per Get-AutoMLJobV2 call; {2} gen0 / {3} gen2 GCs and {4} methods JIT-compiled ({5:N0} ms of JIT) during the {6} calls; the endpoint saw {7} TCP connection(s) for all of it.' -f
                $o.allocatedBytesPerCall, $o.cpuMsPerCall, $o.gen0Collections, $o.gen2Collections, $o.jitMethods, $o.jitMs, $o.count, $stats.connections))
    }

    # --- Cold start --------------------------------------------------------------------------------
    Invoke-Scenario 'Cold' {
        Set-Endpoint
        $call = "`$null = Get-AutoMLJobV2 bench-0001 -Region $Region -EndpointUrl $($Endpoint.Url) -AccessKey $AccessKey -SecretKey $SecretKey -ErrorAction Stop"
        $variants = [ordered]@{
            bare          = 'exit'
            import        = "Import-Module '$ModulePath'; exit"
            importNoCall  = "Import-Module '$ModulePath'; `$null = Get-AutoMLJobV2 'not_valid!' -ErrorAction Ignore; exit"
            importAndCall = "Import-Module '$ModulePath'; $call; exit"
        }
        $times = @{}; foreach ($k in $variants.Keys) { $times[$k] = [Collections.Generic.List[double]]::new() }
        $null = Invoke-Child -FileName $Pwsh -Arguments @('-NoProfile', '-Command', 'exit')   # file cache
        foreach ($i in 1..$Size.Cold) {
            foreach ($k in $variants.Keys) {
                $run = Invoke-Child -FileName $Pwsh -Arguments @('-NoProfile', '-Command', $variants[$k])
                if ($run.ExitCode -ne 0) { throw "pwsh -c `"$($variants[$k])`" failed ($($run.ExitCode)): $($run.StdErr.Trim())" }
                $times[$k].Add($run.WallMs)
            }
        }
        $describes = (Invoke-Endpoint GET 'stats' $null).describes
        if ($describes -ne $Size.Cold) { throw "The endpoint saw $describes describes, expected $($Size.Cold)." }
        $med = @{}; foreach ($k in $variants.Keys) { $med[$k] = Get-Median $times[$k].ToArray() }
        $Results.scenarios.Cold = [ordered]@{
            runs = $Size.Cold; medianMs = $med; samplesMs = $times; commands = $variants
        }
        $import = $med.import - $med.bare
        $first = $med.importAndCall - $med.bare
        Add-Row "Cold: Import-Module adds (median of $($Size.Cold), interleaved)" (Format-Ms $import) ("bare pwsh $(Format-Ms $med.bare)") ('{0:N2}x bare' -f ($med.import / $med.bare)) '< 100 ms added' ($import -lt 100)
        Add-Row 'Cold: import + first describe adds' (Format-Ms $first) ("bare pwsh $(Format-Ms $med.bare)") ('{0:N2}x bare' -f ($med.importAndCall / $med.bare)) '< 500 ms added' ($first -lt 500)
        $Notes.Add(('Cold start medians: bare {0}, import {1}, import + cmdlet without a request (invalid name: no engine load) {2}, import + first describe {3}: the first describe itself (engine + AWSSDK load, JIT, connection) costs {4}.' -f
                (Format-Ms $med.bare), (Format-Ms $med.import), (Format-Ms $med.importNoCall), (Format-Ms $med.importAndCall), (Format-Ms ($med.importAndCall - $med.importNoCall))))
    }

    # --- Many jobs over a real-world round trip ----------------------------------------------------
    Invoke-Scenario 'ManyJobs' {
        Set-Endpoint -Latency $LatencyMs
        $ours = Invoke-PwshScenario 'ManyJobs.ps1' @{ ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey; Pattern = 'bench-*'; WarmName = 'bench-0000' }
        $stats = Invoke-Endpoint GET 'stats' $null
        Set-Endpoint -Latency $LatencyMs
        $wide = Invoke-PwshScenario 'ManyJobs.ps1' @{ ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey; Pattern = 'bench-*'; WarmName = 'bench-0000'; ThrottleLimit = 16 }
        Set-Endpoint -Latency $LatencyMs
        $boto = Invoke-Python @('sequential', '--url', $Endpoint.Url, '--region', $Region, '--access-key', $AccessKey, '--secret-key', $SecretKey,
            '--name-contains', 'bench-', '--warm-name', 'bench-0000', '--describe-limit', $Size.BotoSeqLimit)
        $n = $Size.Jobs
        $limit = $ours.defaultThrottleLimit
        $ideal = $n * $LatencyMs / $limit
        $Results.scenarios.ManyJobs = [ordered]@{
            jobs = $n; latencyMs = $LatencyMs; concurrency = $limit; idealMs = $ideal; ours = $ours; throttleLimit16 = $wide; boto3Sequential = $boto
            endpointStats = [ordered]@{ requests = $stats.requests; connections = $stats.connections; maxInFlight = $stats.maxInFlight }
        }
        $complete = $ours.objects -eq $n -and $ours.errors -eq 0
        Add-Row "$n jobs, $LatencyMs ms latency: wall vs ideal N x latency / $limit" (Format-Ms $ours.wallMs) (Format-Ms $ideal) ('{0:N2}x' -f ($ours.wallMs / $ideal)) '<= 1.3x' ($complete -and $ours.wallMs -le 1.3 * $ideal)
        $botoLabel = if ($boto.extrapolated) { "boto3 sequential $(Format-Ms $boto.totalMs) (extrapolated from $($boto.described))" } else { "boto3 sequential $(Format-Ms $boto.totalMs)" }
        Add-Row "$n jobs: vs a sequential boto3 loop (list + describe each)" (Format-Ms $ours.wallMs) $botoLabel ('{0:N1}x faster' -f ($boto.totalMs / $ours.wallMs)) '>= 10x faster' ($boto.totalMs -ge 10 * $ours.wallMs)
        Add-Row "  same with -ThrottleLimit 16 vs boto3" (Format-Ms $wide.wallMs) (Format-Ms $boto.totalMs) ('{0:N1}x faster' -f ($boto.totalMs / $wide.wallMs)) ('(info; ideal {0})' -f (Format-Ms ($n * $LatencyMs / 16))) $(if ($wide.objects -ne $n -or $wide.errors) { 'NO' } else { $null })
        Add-Row "$n jobs: time to first object (streaming)" (Format-Ms $ours.firstObjectMs) '-' '-' '< 1 s' ($ours.firstObjectMs -lt 1000)
        Add-Row "$n jobs: pwsh working-set growth" ('{0:N1} MB' -f $ours.workingSetGrowthMB) ('{0:N0} MB before' -f $ours.workingSetBeforeMB) '-' '< 100 MB' ($ours.workingSetGrowthMB -lt 100)
        $Notes.Add(('{0} jobs: {1} objects, {2} errors; the endpoint saw {3} describes + {4} list pages on {5} connection(s), at most {6} requests in flight; {7:N0} ms CPU in pwsh ({8:N2} ms a job), of which {9:N0} ms JIT ({10} methods).' -f
                $n, $ours.objects, $ours.errors, $stats.requests.DescribeAutoMLJobV2, $stats.requests.ListAutoMLJobs, $stats.connections, $stats.maxInFlight, $ours.cpuMs, ($ours.cpuMs / [Math]::Max(1, $ours.objects)), $ours.jitMs, $ours.jitMethods))
    }

    # --- The same against moto ---------------------------------------------------------------------
    Invoke-Scenario 'Moto' {
        Import-Module (Join-Path $Root 'tests/Pester/MotoHarness.psm1') -Force
        $script:Moto = Start-AutoMLMoto
        $n = $Size.MotoJobs
        $null = New-AutoMLMotoBulkJobs $Moto -Prefix 'bench' -Count $n
        Reset-AutoMLMoto $Moto
        Set-AutoMLMotoLatency $Moto $LatencyMs
        $ours = Invoke-PwshScenario 'ManyJobs.ps1' @{ ModulePath = $ModulePath; Endpoint = $Moto.Endpoint; Region = $Moto.Region; AccessKey = $Moto.AccessKey; SecretKey = $Moto.SecretKey; Pattern = 'bench-*'; WarmName = 'bench-00000' }
        $stats = Get-AutoMLMotoStats $Moto
        $boto = Invoke-Python @('sequential', '--url', $Moto.Endpoint, '--region', $Moto.Region, '--access-key', $Moto.AccessKey, '--secret-key', $Moto.SecretKey,
            '--name-contains', 'bench-', '--warm-name', 'bench-00000', '--describe-limit', $Size.MotoBotoLimit)
        $limit = $ours.defaultThrottleLimit
        $ideal = $n * $LatencyMs / $limit
        $Results.scenarios.Moto = [ordered]@{ jobs = $n; latencyMs = $LatencyMs; idealMs = $ideal; ours = $ours; boto3Sequential = $boto; motoRequests = $stats.requests }
        Add-Row "moto: $n jobs, $LatencyMs ms latency: wall vs ideal" (Format-Ms $ours.wallMs) (Format-Ms $ideal) ('{0:N2}x' -f ($ours.wallMs / $ideal)) '(info; moto is the limit)' $(if ($ours.objects -ne $n -or $ours.errors) { "NO ($($ours.objects) objects, $($ours.errors) errors)" } else { $null })
        Add-Row "moto: $n jobs vs sequential boto3 (extrapolated from $($boto.described))" (Format-Ms $ours.wallMs) (Format-Ms $boto.totalMs) ('{0:N1}x faster' -f ($boto.totalMs / $ours.wallMs)) '(info)' $null
        $Notes.Add(('moto: first object after {0}; {1} objects, {2} errors; boto3 describe against moto {3} a call vs {4} against the canned endpoint at the same latency.' -f
                (Format-Ms $ours.firstObjectMs), $ours.objects, $ours.errors, (Format-Ms $boto.describeMeanMs), $(if ($Results.scenarios.Contains('ManyJobs') -and $Results.scenarios.ManyJobs.Contains('boto3Sequential')) { Format-Ms $Results.scenarios.ManyJobs.boto3Sequential.describeMeanMs } else { '?' })))
        Stop-AutoMLMoto $Moto
        $script:Moto = $null
    }

    # --- Under a rate limit ------------------------------------------------------------------------
    Invoke-Scenario 'RateLimit' {
        $null = Invoke-Endpoint POST 'config' @{ jobs = $Size.RateJobs }
        Set-Endpoint -Latency $LatencyMs -Rate $RateLimit
        try {
            $ours = Invoke-PwshScenario 'ManyJobs.ps1' @{ ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey; Pattern = 'bench-*'; WarmName = 'bench-0000' } -TimeoutSeconds 420
            $stats = Invoke-Endpoint GET 'stats' $null
        }
        finally { $null = Invoke-Endpoint POST 'config' @{ rateLimit = 0; jobs = $Size.Jobs } }
        $n = $Size.RateJobs
        $throughput = $ours.objects / ($ours.wallMs / 1000)
        $requests = $stats.requests.DescribeAutoMLJobV2 + $stats.requests.ListAutoMLJobs
        $Results.scenarios.RateLimit = [ordered]@{
            jobs = $n; rateLimit = $RateLimit; latencyMs = $LatencyMs; ours = $ours; throughputPerSecond = $throughput
            endpointStats = [ordered]@{ requests = $stats.requests; throttled = $stats.throttled; describesAnswered = $stats.describes; maxInFlight = $stats.maxInFlight }
        }
        Add-Row "Rate limit $RateLimit/s, $n jobs: errors" "$($ours.errors) errors ($($ours.listErrors) ListAutoMLJobs), $($ours.objects) of $n jobs out" "$n jobs" '-' '0 errors' ($ours.errors -eq 0 -and $ours.objects -eq $n -and -not $ours.terminatingError)
        if ($ours.objects + $ours.errors - $ours.listErrors -lt $n) {
            $Notes.Add(("Rate limit: {0} of {1} jobs were never described: a ListAutoMLJobs page failed (throttled after the SDK's retries) and the listing stopped there." -f ($n - $ours.objects - $ours.errors + $ours.listErrors), $n))
        }
        Add-Row "Rate limit: describes/s vs the limit" ('{0:N1}/s' -f $throughput) "$RateLimit/s" ('{0:N2}x below' -f ($RateLimit / [Math]::Max(0.001, $throughput))) ('>= {0:N1}/s (1.2x)' -f ($RateLimit / 1.2)) ($throughput -ge $RateLimit / 1.2)
        Add-Row 'Rate limit: throttled responses seen' "$($stats.throttled) of $requests requests" '-' '-' '(info)' $null
        # The same with more attempts (a setting users have today): fewer errors, at what throughput?
        $n2 = $Size.RateJobsVariant
        $null = Invoke-Endpoint POST 'config' @{ jobs = $n2 }
        Set-Endpoint -Latency $LatencyMs -Rate $RateLimit
        try {
            $more = Invoke-PwshScenario 'ManyJobs.ps1' @{ ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey; Pattern = 'bench-*'; WarmName = 'bench-0000' } -TimeoutSeconds 420 -Environment @{ AWS_MAX_ATTEMPTS = '10' }
            $moreStats = Invoke-Endpoint GET 'stats' $null
        }
        finally { $null = Invoke-Endpoint POST 'config' @{ rateLimit = 0; jobs = $Size.Jobs } }
        $moreThroughput = $more.objects / ($more.wallMs / 1000)
        $Results.scenarios.RateLimit.maxAttempts10 = [ordered]@{ jobs = $n2; ours = $more; throughputPerSecond = $moreThroughput; throttled = $moreStats.throttled; requests = $moreStats.requests }
        Add-Row "  same with AWS_MAX_ATTEMPTS=10, $n2 jobs" ('{0} errors, {1} of {2} out, {3:N1}/s' -f $more.errors, $more.objects, $n2, $moreThroughput) "$RateLimit/s" ('{0:N2}x below' -f ($RateLimit / [Math]::Max(0.001, $moreThroughput))) '(info)' $null
        if ($ours.errors) { $Notes.Add("Rate limit errors by id: $(($ours.errorIds.GetEnumerator() | ForEach-Object { "$($_.Key) x$($_.Value)" }) -join ', ').") }
        $Notes.Add(('Rate limit: wall {0} for {1} objects; the endpoint answered {2} describes, throttled {3} requests.' -f (Format-Ms $ours.wallMs), $ours.objects, $stats.describes, $stats.throttled))
    }

    # --- Waiting on many ---------------------------------------------------------------------------
    Invoke-Scenario 'Wait' {
        Set-Endpoint -Latency $LatencyMs
        $random = [Random]::new($WaitSeed)
        $offsets = [ordered]@{}
        foreach ($i in 0..($Size.WaitJobs - 1)) { $offsets['wait-{0:D3}' -f $i] = [Math]::Round($random.NextDouble() * $Size.WaitSpanSeconds * 1000) }
        $scheduleFile = Join-Path $WorkDir 'wait-schedule.json'
        $offsets | ConvertTo-Json -Compress | Set-Content -LiteralPath $scheduleFile -Encoding utf8NoBOM
        $ours = Invoke-PwshScenario 'Wait.ps1' @{ ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey; ScheduleFile = $scheduleFile; PollInterval = $PollInterval } -TimeoutSeconds ($Size.WaitSpanSeconds + 180) -SampleCpu
        $stats = Invoke-Endpoint GET 'stats?times=1' $null
        # The baseline, after ours (its stats read first): the same schedule polled by a bare HttpClient in a plain .NET process.
        $pollerOut = Join-Path $WorkDir 'poller.json'
        $null = Invoke-Endpoint POST 'reset' $null
        $run = Invoke-Child -FileName (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source -Arguments @(
            (Join-Path $OutDir 'bin/CannedEndpoint.dll'), 'poller', '--url', $Endpoint.Url, '--schedule', $scheduleFile, '--interval', $PollInterval,
            '--concurrency', $ours.defaultThrottleLimit, '--out', $pollerOut) -TimeoutSeconds ($Size.WaitSpanSeconds + 120)
        if ($run.ExitCode -ne 0) { throw "The poller baseline failed: $($run.StdErr)" }
        $poller = Get-Content -Raw $pollerOut | ConvertFrom-Json -AsHashtable
        $null = Invoke-Endpoint POST 'reset' $null

        $finishAt = $stats.finishAt
        $describes = 0
        foreach ($name in $offsets.Keys) { if ($stats.byJob.PSObject.Properties[$name]) { $describes += $stats.byJob.$name } }
        $ideal = 0
        foreach ($offset in $offsets.Values) { $ideal += [Math]::Ceiling($offset / 1000 / $PollInterval) + 1 }
        $delays = [Collections.Generic.List[double]]::new()
        $perJob = [ordered]@{}
        foreach ($e in $ours.emitted) {
            $delay = [double]$e.at - [double]$finishAt.($e.name)
            $delays.Add($delay)
            $perJob[$e.name] = [ordered]@{ finishOffsetMs = $offsets[$e.name]; emittedAfterFinishMs = $delay; describes = $stats.byJob.($e.name) }
        }
        $cpuPercent = 100 * $ours.cpuMs / $ours.wallMs
        # Steady state: from the driver's samples, after the first three poll rounds (JIT tiering settles).
        $steady = $null
        $from = [double]$ours.waitStartedAt + 3 * $PollInterval * 1000 + 1000
        $to = [double]$ours.waitStartedAt + $ours.wallMs
        $window = @($ours._cpuSamples | Where-Object { $_[0] -ge $from -and $_[0] -le $to })
        if ($window.Count -ge 2) { $steady = 100 * ($window[-1][1] - $window[0][1]) / ($window[-1][0] - $window[0][0]) }
        $Results.scenarios.Wait = [ordered]@{
            jobs = $Size.WaitJobs; spanSeconds = $Size.WaitSpanSeconds; seed = $WaitSeed; pollInterval = $PollInterval; latencyMs = $LatencyMs
            describes = $describes; idealDescribes = $ideal; wallMs = $ours.wallMs; cpuMs = $ours.cpuMs; cpuPercent = $cpuPercent; steadyCpuPercent = $steady
            emitted = $ours.emitted.Count; errors = $ours.errors; maxDelayMs = $(if ($delays.Count) { ($delays | Measure-Object -Maximum).Maximum } else { $null })
            meanDelayMs = $(if ($delays.Count) { ($delays | Measure-Object -Average).Average } else { $null })
            jobsOverInterval = @($delays | Where-Object { $_ -gt $PollInterval * 1000 }).Count; perJob = $perJob; cpuSamples = $ours._cpuSamples
            jitMethods = $ours.jitMethods; jitMs = $ours.jitMs; bareHttpClientPoller = $poller
        }
        $w = $Results.scenarios.Wait
        $allOut = $ours.emitted.Count -eq $Size.WaitJobs -and $ours.errors -eq 0
        Add-Row "Wait on $($Size.WaitJobs) jobs (-PollInterval $PollInterval, over $($Size.WaitSpanSeconds) s): describes vs ideal" "$describes" "$ideal" ('{0:N2}x' -f ($describes / $ideal)) '<= 1.1x' ($allOut -and $describes -le 1.1 * $ideal)
        if ($delays.Count) {
            $late = @($delays | Where-Object { $_ -gt $PollInterval * 1000 }).Count
            Add-Row 'Wait: emission delay after finish (max)' ("$(Format-Ms $w.maxDelayMs) ($late of $($delays.Count) over)") "interval $($PollInterval) s" ('{0:N2}x' -f ($w.maxDelayMs / ($PollInterval * 1000))) "<= $PollInterval s" ($allOut -and $w.maxDelayMs -le $PollInterval * 1000)
            Add-Row '  same, mean / p95' ("$(Format-Ms $w.meanDelayMs) / $(Format-Ms (Get-Percentile $delays.ToArray() 0.95))") '-' '-' '(info)' $null
        }
        Add-Row 'Wait: CPU / wall of the waiting pwsh' ('{0:N2}% ({1} / {2})' -f $cpuPercent, (Format-Ms $ours.cpuMs), (Format-Ms $ours.wallMs)) '1 core' '-' '< 2%' ($cpuPercent -lt 2)
        $pollerCpu = 100 * $poller.cpuMs / $poller.wallMs
        Add-Row '  bare HttpClient poller (plain .NET, same schedule) as baseline' ('{0:N2}% vs {1:N2}%' -f $cpuPercent, $pollerCpu) ('{0:N2}% ({1} / {2})' -f $pollerCpu, (Format-Ms $poller.cpuMs), (Format-Ms $poller.wallMs)) ('{0:N1}x' -f ($ours.cpuMs / [Math]::Max(1, $poller.cpuMs))) '(info)' $null
        $withoutJit = 100 * [Math]::Max(0, $ours.cpuMs - $ours.jitMs) / $ours.wallMs
        Add-Row '  same, less the JIT compilation time' ('{0:N2}%' -f $withoutJit) '1 core' '-' '(info)' $null
        if ($null -ne $steady) { Add-Row '  same, after the first 3 poll rounds' ('{0:N2}%' -f $steady) '1 core' '-' '(info)' $null }
        $Notes.Add(('Wait baseline: the bare HttpClient poller sent {0} describes for {1} jobs; {2} methods JIT-compiled, {3:N0} ms of JIT ({4:N0}% of its CPU time).' -f
                $poller.describes, $poller.jobs, $poller.jitMethods, $poller.jitMs, (100 * $poller.jitMs / [Math]::Max(1, $poller.cpuMs))))
        $Notes.Add(('Wait: {0} of {1} jobs written, {2} errors; {3} describes (ideal {4}); latency {5} ms per request; {6} methods JIT-compiled during the wait, {7:N0} ms of JIT ({8:N0}% of its CPU time).' -f
                $ours.emitted.Count, $Size.WaitJobs, $ours.errors, $describes, $ideal, $LatencyMs, $ours.jitMethods, $ours.jitMs, (100 * $ours.jitMs / [Math]::Max(1, $ours.cpuMs))))
    }

    # --- The leaderboard of one job --------------------------------------------------------------
    Invoke-Scenario 'Leaderboard' {
        Set-Endpoint
        $ours = Invoke-PwshScenario 'Leaderboard.ps1' @{
            ModulePath = $ModulePath; Endpoint = $Endpoint.Url; Region = $Region; AccessKey = $AccessKey; SecretKey = $SecretKey
            Repeat = $Size.LeaderboardRepeat; LatencyMs = $LatencyMs; SettleMaxRuns = $Size.LeaderboardSettle
        }
        # boto3, the same job, the same latency, knowing the direction (it does not look at the Type).
        $null = Invoke-Endpoint POST 'config' @{ latencyMs = $LatencyMs; candidates = 250; objective = 'Maximize' }
        $boto = Invoke-Python @('leaderboard', '--url', $Endpoint.Url, '--region', $Region, '--access-key', $AccessKey, '--secret-key', $SecretKey,
            '--name', 'bench-0001', '--order', 'Descending', '--count', $Size.LeaderboardRepeat)
        $null = Invoke-Endpoint POST 'config' @{ latencyMs = 0; candidates = 250; objective = 'Maximize' }
        $ours.boto3 = $boto
        $Results.scenarios.Leaderboard = $ours
        $labels = [ordered]@{
            max250      = 'Leaderboard of a 250-candidate job (objective maximized)'
            min250      = '  same, objective minimized (one page, read lowest first)'
            max750      = '  750 candidates, maximized (3 pages)'
            min750      = '  750 candidates, minimized (a page set aside, then 3 lowest first)'
            first5of750 = '  750 candidates, | Select-Object -First 5'
        }
        foreach ($key in $labels.Keys) {
            if (-not $ours.cases.Contains($key)) { continue }
            $case = $ours.cases[$key]
            $requests = @($case.requests)
            $ideal = ($requests | Measure-Object -Maximum).Maximum * $LatencyMs
            $expectedObjects = if ($case.first -gt 0) { $case.first } else { $case.candidates }
            $complete = @($case.objects).Count -eq 1 -and @($case.objects)[0] -eq $expectedObjects
            $fewest = if ($key -eq 'min750') { $case.pages + 1 } elseif ($case.first -gt 0) { 1 } else { $case.pages }
            $label = if ($key -eq 'max250') { "$($labels[$key]), $LatencyMs ms latency: requests, time (median of $($Size.LeaderboardRepeat))" } else { $labels[$key] }
            # -First: what counts is that the listing stops after one request.
            $timed = $case.first -eq 0
            $target = if ($timed) { "$fewest req, <= 1.3x" } else { "$fewest req" }
            $met = $complete -and ($requests | Measure-Object -Maximum).Maximum -le $fewest -and (-not $timed -or $case.medianMs -le 1.3 * $ideal)
            Add-Row $label ('{0} req, {1}' -f ($requests -join '/'), (Format-Ms $case.medianMs)) ("ideal {0} x {1} ms = {2}" -f ($requests | Measure-Object -Maximum).Maximum, $LatencyMs, (Format-Ms $ideal)) ('{0:N2}x' -f ($case.medianMs / $ideal)) $target $met
        }
        if ($ours.cases.Contains('max250')) {
            $m = $ours.cases.max250
            if ($ours.cases.Contains('max250settled')) {
                $s = $ours.cases.max250settled
                $ideal = ($s.requests | Measure-Object -Maximum).Maximum * $LatencyMs
                $how = if ($s.settled) { 'settled' } else { 'not settled' }
                Add-Row ('  250 candidates, maximized, JIT {0} after {1} more listings ({2:N0} s)' -f $how, $s.extraRuns, $s.settleSeconds) ('{0} req, {1}' -f ($s.requests -join '/'), (Format-Ms $s.medianMs)) ("ideal {0} x {1} ms = {2}" -f ($s.requests | Measure-Object -Maximum).Maximum, $LatencyMs, (Format-Ms $ideal)) ('{0:N2}x' -f ($s.medianMs / $ideal)) '(info)' $null
            }
            Add-Row '  250-candidate job vs a boto3 loop (list_candidates_for_auto_ml_job, 300 a page), same latency' (Format-Ms $m.medianMs) ('{0} ({1} req)' -f (Format-Ms $boto.medianMs), ($boto.requests -join '/')) ('{0:N2}x' -f ($m.medianMs / $boto.medianMs)) '<= 1.0x' ($m.medianMs -le $boto.medianMs)
            $Notes.Add(('Leaderboard: first candidate out after {0} (median) for the 250-candidate job; a candidate is ~2 KB of JSON, so its page is ~0.5 MB.' -f (Format-Ms $ours.cases.max250.firstObjectMs)))
        }
    }

    # --- Several regions in one command ----------------------------------------------------------
    Invoke-Scenario 'Estate' {
        Set-Endpoint
        try {
            $ours = Invoke-PwshScenario 'Estate.ps1' @{
                ModulePath = $ModulePath; Endpoint = $Endpoint.Url; AccessKey = $AccessKey; SecretKey = $SecretKey
                Regions = ($EstateRegions -join ','); LatencyMs = $EstateLatencyMs; Jobs = $Size.EstateJobs; SmallJobs = $EstateSmallJobs; Repeat = $Size.EstateRepeat
            }
        }
        finally { $null = Invoke-Endpoint POST 'config' @{ jobs = $Size.Jobs; latencyMs = 0 } }
        $Results.scenarios.Estate = $ours
        $k = $EstateRegions.Count
        $large = $ours.cases.large
        $small = $ours.cases.small
        $limit = $ours.defaultThrottleLimit
        $wide = $ours.wideThrottleLimit
        # Every run complete: each region's jobs out, no error, each region asked for its own (a list + a describe per job).
        $complete = {
            param($case, [int] $regions, [int] $n)
            $counts = @($case.requestsByRegion.Values)
            (@($case.objects) -join ',') -eq "$($regions * $n)" -and $case.errors -eq 0 -and $counts.Count -eq $regions -and @($counts | Where-Object { $_ -ne $n + 1 }).Count -eq 0
        }
        $okLarge = (& $complete $large.oneRegion 1 $large.jobsPerRegion) -and (& $complete $large.allRegions $k $large.jobsPerRegion) -and (& $complete $large.allRegionsWide $k $large.jobsPerRegion) -and (& $complete $large.oneAfterAnother $k $large.jobsPerRegion)
        $okSmall = (& $complete $small.oneRegion 1 $small.jobsPerRegion) -and (& $complete $small.allRegions $k $small.jobsPerRegion) -and (& $complete $small.oneAfterAnother $k $small.jobsPerRegion)
        $n = $large.jobsPerRegion
        Add-Row "Estate: $k regions x $n jobs, $EstateLatencyMs ms, -ThrottleLimit $wide ($limit a region) vs one region ($limit)" (Format-Ms $large.allRegionsWide.medianMs) (Format-Ms $large.oneRegion.medianMs) ('{0:N2}x' -f ($large.allRegionsWide.medianMs / $large.oneRegion.medianMs)) '<= 1.3x' ($okLarge -and $large.allRegionsWide.medianMs -le 1.3 * $large.oneRegion.medianMs)
        Add-Row "  same, vs $k one-region commands one after the other" (Format-Ms $large.allRegionsWide.medianMs) (Format-Ms $large.oneAfterAnother.medianMs) ('{0:N2}x' -f ($large.allRegionsWide.medianMs / $large.oneAfterAnother.medianMs)) '<= 0.5x' ($okLarge -and $large.allRegionsWide.medianMs -le 0.5 * $large.oneAfterAnother.medianMs)
        Add-Row "  $k regions, default -ThrottleLimit $limit (shared) vs one region" (Format-Ms $large.allRegions.medianMs) (Format-Ms $large.oneRegion.medianMs) ('{0:N2}x' -f ($large.allRegions.medianMs / $large.oneRegion.medianMs)) "(info; the limit is the command's)" $(if ($okLarge) { $null } else { 'NO' })
        Add-Row "  same, vs $k one-region commands one after the other" (Format-Ms $large.allRegions.medianMs) (Format-Ms $large.oneAfterAnother.medianMs) ('{0:N2}x' -f ($large.allRegions.medianMs / $large.oneAfterAnother.medianMs)) '(info)' $null
        $m = $small.jobsPerRegion
        Add-Row "Estate: $k regions x $m jobs (within the default limit) vs one region" (Format-Ms $small.allRegions.medianMs) (Format-Ms $small.oneRegion.medianMs) ('{0:N2}x' -f ($small.allRegions.medianMs / $small.oneRegion.medianMs)) '<= 1.3x' ($okSmall -and $small.allRegions.medianMs -le 1.3 * $small.oneRegion.medianMs)
        Add-Row "  same, vs $k one-region commands one after the other" (Format-Ms $small.allRegions.medianMs) (Format-Ms $small.oneAfterAnother.medianMs) ('{0:N2}x' -f ($small.allRegions.medianMs / $small.oneAfterAnother.medianMs)) '<= 0.5x' ($okSmall -and $small.allRegions.medianMs -le 0.5 * $small.oneAfterAnother.medianMs)
        $Notes.Add(('Estate: medians of {0} runs, interleaved, in one warm session; the endpoint delays each region ({1}) by {2} ms from the SigV4 credential scope and saw, per region and run, 1 list + 1 describe per job ({3}). Runs complete: {4}.' -f
                $Size.EstateRepeat, ($EstateRegions -join ', '), $EstateLatencyMs, (($large.allRegions.requestsByRegion.GetEnumerator() | ForEach-Object { "$($_.Key) $($_.Value)" }) -join ', '), $(if ($okLarge -and $okSmall) { 'yes' } else { 'NO (see results.json)' })))
    }
}
finally {
    if ($Moto) { Stop-AutoMLMoto $Moto }
    if ($Endpoint -and -not $Endpoint.Process.HasExited) { $Endpoint.Process.Kill($true); $null = $Endpoint.Process.WaitForExit(5000) }
}

# --- Report ----------------------------------------------------------------------------------------
$Results.table = $Rows
$Results.notes = $Notes
$Results.totalSeconds = $benchWatch.Elapsed.TotalSeconds
$Results.machine.loadAverageAtEnd = Get-LoadAverage
$Results.machine.cpuBusyPercentAfterRun = Get-CpuBusyPercent
foreach ($when in 'Before', 'After') {
    $busy = $Results.machine["cpuBusyPercent${when}Run"]
    if ($null -ne $busy -and $busy -gt 20) {
        $Notes.Insert(0, "Other processes kept the machine $busy% busy $($when.ToLowerInvariant()) the run: figures are noisier than usual.")
    }
}

function Write-Table($Items, [string[]] $Columns) {
    $widths = @{}
    foreach ($c in $Columns) { $widths[$c] = [Math]::Max($c.Length, (@($Items | ForEach-Object { "$($_.$c)".Length }) + 0 | Measure-Object -Maximum).Maximum) }
    $line = ($Columns | ForEach-Object { $_.PadRight($widths[$_]) }) -join ' | '
    Write-Host $line
    Write-Host (($Columns | ForEach-Object { '-' * $widths[$_] }) -join '-|-')
    foreach ($item in $Items) { Write-Host (($Columns | ForEach-Object { "$($item.$_)".PadRight($widths[$_]) }) -join ' | ') }
}

Write-Host ''
Write-Host "AutoMLV2 benchmark$(if ($Quick) { ' (QUICK: smoke run, figures not comparable)' }) - $($Results.machine.cores) cores, pwsh $($Results.machine.pwsh), .NET $($Results.machine.dotnet)" -ForegroundColor Cyan
Write-Table $Rows @('Scenario', 'Ours', 'Baseline', 'Ratio', 'Target', 'Met')

if ($Results.scenarios.Contains('PerCall') -and $Results.scenarios.PerCall.Contains('ours')) {
    $b = $Results.scenarios.PerCall.ours.breakdown
    $full = $Results.scenarios.PerCall.ours.getAutoMLJobV2
    $floor = $Results.scenarios.PerCall.floor
    $parts = @(
        [pscustomobject]@{ Piece = 'Get-AutoMLJobV2, whole call (the figure above)'; Median = Format-Ms $full.medianMs; Mean = Format-Ms $full.meanMs; Alloc = '{0:N0} B' -f $full.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = '  same call in the breakdown loop (dot-sourced block)'; Median = Format-Ms $b.fullCallInVariantLoop.medianMs; Mean = Format-Ms $b.fullCallInVariantLoop.meanMs; Alloc = '{0:N0} B' -f $b.fullCallInVariantLoop.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'breakdown loop, empty body (measuring overhead)'; Median = Format-Ms $b.emptyBody.medianMs; Mean = Format-Ms $b.emptyBody.meanMs; Alloc = '{0:N0} B' -f $b.emptyBody.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'no-op compiled cmdlet, same parameters (PowerShell)'; Median = Format-Ms $b.noOpCmdlet.medianMs; Mean = Format-Ms $b.noOpCmdlet.meanMs; Alloc = '{0:N0} B' -f $b.noOpCmdlet.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'Get-AutoMLJobV2 invalid name (no Connect, no request)'; Median = Format-Ms $b.invalidNameNoRequest.medianMs; Mean = Format-Ms $b.invalidNameNoRequest.meanMs; Alloc = '{0:N0} B' -f $b.invalidNameNoRequest.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'Get-AutoMLJobV2 over a fake engine, result ready (cmdlet machinery)'; Median = Format-Ms $b.fakeEngineReady.medianMs; Mean = Format-Ms $b.fakeEngineReady.meanMs; Alloc = '{0:N0} B' -f $b.fakeEngineReady.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'Get-AutoMLJobV2 over a fake engine, result from the thread pool'; Median = Format-Ms $b.fakeEngineThreadPool.medianMs; Mean = Format-Ms $b.fakeEngineThreadPool.meanMs; Alloc = '{0:N0} B' -f $b.fakeEngineThreadPool.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = '  same, plus the log lines the real engine posts per call (4 + 2)'; Median = Format-Ms $b.fakeEngineThreadPoolWithLog.medianMs; Mean = Format-Ms $b.fakeEngineThreadPoolWithLog.meanMs; Alloc = '{0:N0} B' -f $b.fakeEngineThreadPoolWithLog.allocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'engine Connect (resolve + client cache hit)'; Median = Format-Ms $b.engineConnect.MedianMs; Mean = Format-Ms $b.engineConnect.MeanMs; Alloc = '{0:N0} B' -f $b.engineConnect.AllocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'client DescribeAutoMLJobV2Async (SDK pipeline + HTTP + parse)'; Median = Format-Ms $b.clientDescribe.MedianMs; Mean = Format-Ms $b.clientDescribe.MeanMs; Alloc = '{0:N0} B' -f $b.clientDescribe.AllocatedBytesPerCall }
        [pscustomobject]@{ Piece = 'same describe, waited for through the module''s PipelineDispatcher'; Median = Format-Ms $b.clientDescribeWaitHandles.MedianMs; Mean = Format-Ms $b.clientDescribeWaitHandles.MeanMs; Alloc = '{0:N0} B' -f $b.clientDescribeWaitHandles.AllocatedBytesPerCall }
        [pscustomobject]@{ Piece = '  of which: raw HTTP floor (separate process)'; Median = Format-Ms $floor.medianMs; Mean = Format-Ms $floor.meanMs; Alloc = '-' }
        [pscustomobject]@{ Piece = '  of which: same raw HTTP, in pwsh, awaited from the pipeline thread'; Median = $(if ($b.Contains('rawHttpInProcess')) { Format-Ms $b.rawHttpInProcess.MedianMs } else { '-' }); Mean = $(if ($b.Contains('rawHttpInProcess')) { Format-Ms $b.rawHttpInProcess.MeanMs } else { '-' }); Alloc = $(if ($b.Contains('rawHttpInProcess')) { '{0:N0} B' -f $b.rawHttpInProcess.AllocatedBytesPerCall } else { '-' }) }
        [pscustomobject]@{ Piece = "  of which: response parse alone ($($b.responseBytes) B)"; Median = Format-Ms $b.parseOnly.MedianMs; Mean = Format-Ms $b.parseOnly.MeanMs; Alloc = '{0:N0} B' -f $b.parseOnly.AllocatedBytesPerCall }
        [pscustomobject]@{ Piece = "  same parse, a newer member in every kind of place ($($b.newerMembersBytes) B)"; Median = Format-Ms $b.parseNewerMembers.MedianMs; Mean = Format-Ms $b.parseNewerMembers.MeanMs; Alloc = '{0:N0} B' -f $b.parseNewerMembers.AllocatedBytesPerCall }
    )
    $wf = $Results.scenarios.PerCall.oursWithAwsFiles
    if ($wf) {
        $parts += [pscustomobject]@{ Piece = 'with ~/.aws (10 profiles): engine Connect'; Median = Format-Ms $wf.engineConnect.MedianMs; Mean = Format-Ms $wf.engineConnect.MeanMs; Alloc = '{0:N0} B' -f $wf.engineConnect.AllocatedBytesPerCall }
        $parts += [pscustomobject]@{ Piece = 'with ~/.aws (10 profiles): Get-AutoMLJobV2, whole call'; Median = Format-Ms $wf.getAutoMLJobV2.medianMs; Mean = Format-Ms $wf.getAutoMLJobV2.meanMs; Alloc = '{0:N0} B' -f $wf.getAutoMLJobV2.allocatedBytesPerCall }
    }
    Write-Host ''
    Write-Host 'Where one warm Get-AutoMLJobV2 call goes (same session, same endpoint):' -ForegroundColor Cyan
    Write-Table $parts @('Piece', 'Median', 'Mean', 'Alloc')
}

if ($Notes.Count) {
    Write-Host ''
    foreach ($note in $Notes) { Write-Host "- $note" }
}
$resultsFile = Join-Path $OutDir 'results.json'
$Results | ConvertTo-Json -Depth 8 | Set-Content -LiteralPath $resultsFile -Encoding utf8NoBOM
Write-Host ''
Write-Host ("Results: $resultsFile ({0:N0} s)" -f $benchWatch.Elapsed.TotalSeconds)
