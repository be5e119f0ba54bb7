#Requires -Version 7.0
<#
.SYNOPSIS
    Local SageMaker (moto) endpoint for the AutoMLV2 Pester tests, the demo and the benchmarks.

.DESCRIPTION
    Starts tests/moto/automl_moto.py (moto's real SageMaker/IAM/STS backends behind a small test-control
    layer) on a free loopback port, with IAM authentication switched on after a bootstrap that creates an
    IAM user + access key (and a role the user may assume) through moto IAM.

    Nothing here changes the caller's environment: every child process (python, the AWS CLI) gets its
    AWS_* variables through its own ProcessStartInfo. The server also stops by itself when the PowerShell
    process that started it is gone (--parent-pid), and is killed when PowerShell exits normally.
    Removing or re-importing (-Force) the module does NOT stop servers: always pair Start with Stop.

    Pester pattern (the server is killed even when a test or BeforeAll fails):

        BeforeAll {
            Import-Module "$PSScriptRoot/MotoHarness.psm1" -Force
            $moto = Start-AutoMLMoto
        }
        AfterAll {
            Stop-AutoMLMoto $moto      # idempotent, accepts $null (BeforeAll failed before assigning)
        }
        BeforeEach { Reset-AutoMLMoto $moto }   # faults, scripts, latency, rate limit, clock, stats

    Credentials for code under test: $moto.AccessKey / $moto.SecretKey / $moto.Region / $moto.Endpoint
    (pass them explicitly, e.g. as AWSSDK BasicAWSCredentials + ServiceURL = $moto.Endpoint).
#>

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$script:MotoDir = Join-Path $script:RepoRoot 'tests' 'moto'
$script:ServerScript = Join-Path $script:MotoDir 'automl_moto.py'
$script:CreateJobsScript = Join-Path $script:MotoDir 'create_jobs.py'
# Requests the IAM bootstrap makes (tests/moto/bootstrap_iam.py: ACTIONS); after them moto checks SigV4 + IAM.
$script:BootstrapActions = 6
$script:Started = [System.Collections.Generic.List[object]]::new()
$script:ProblemTypes = 'Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration'

function Get-HarnessCommand([string] $EnvName, [string[]] $Candidates) {
    $override = [Environment]::GetEnvironmentVariable($EnvName)
    if ($override) { return $override }
    foreach ($candidate in $Candidates) {
        $cmd = Get-Command $candidate -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($cmd) { return $cmd.Source }
    }
    throw "None of $($Candidates -join ', ') found on PATH (set `$env:$EnvName to override)."
}

function New-ChildStartInfo {
    # A ProcessStartInfo whose environment is the caller's minus every AWS_* variable (plus $Environment),
    # so a developer's profile, region or keys never leak into the harness and vice versa.
    param([string] $FileName, [string[]] $Arguments, [hashtable] $Environment = @{})
    $psi = [System.Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add([string]$a) }
    $psi.UseShellExecute = $false
    foreach ($key in @($psi.Environment.Keys)) {
        if ($key -like 'AWS_*' -or $key -eq 'INITIAL_NO_AUTH_ACTION_COUNT') { [void]$psi.Environment.Remove($key) }
    }
    foreach ($key in $Environment.Keys) {
        if ($null -eq $Environment[$key]) { [void]$psi.Environment.Remove($key) }
        else { $psi.Environment[$key] = [string]$Environment[$key] }
    }
    $psi
}

function Get-MotoChildEnvironment($Moto, [hashtable] $Extra) {
    $envs = @{
        AWS_ACCESS_KEY_ID           = $Moto.AccessKey
        AWS_SECRET_ACCESS_KEY       = $Moto.SecretKey
        AWS_DEFAULT_REGION          = $Moto.Region
        AWS_REGION                  = $Moto.Region
        AWS_EC2_METADATA_DISABLED   = 'true'
        AWS_CONFIG_FILE             = Join-Path $Moto.WorkDir 'no-aws-config'
        AWS_SHARED_CREDENTIALS_FILE = Join-Path $Moto.WorkDir 'no-aws-credentials'
        AWS_PAGER                   = ''
        PYTHONWARNINGS              = 'ignore'
    }
    if ($Extra) { foreach ($k in $Extra.Keys) { $envs[$k] = $Extra[$k] } }
    $envs
}

function Invoke-HarnessChild {
    # Runs a child to completion; returns ExitCode/StdOut/StdErr. Output is read asynchronously (no deadlock).
    param([string] $FileName, [string[]] $Arguments, [hashtable] $Environment, [int] $TimeoutSeconds = 120)
    $psi = New-ChildStartInfo -FileName $FileName -Arguments $Arguments -Environment $Environment
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $proc = [System.Diagnostics.Process]::Start($psi)
    try {
        $out = $proc.StandardOutput.ReadToEndAsync()
        $err = $proc.StandardError.ReadToEndAsync()
        if (-not $proc.WaitForExit($TimeoutSeconds * 1000)) {
            $proc.Kill($true)
            throw "$FileName $($Arguments -join ' ') did not finish within $TimeoutSeconds s."
        }
        $proc.WaitForExit()
        [pscustomobject]@{ ExitCode = $proc.ExitCode; StdOut = $out.GetAwaiter().GetResult(); StdErr = $err.GetAwaiter().GetResult() }
    }
    finally { $proc.Dispose() }
}

function Get-LogTail([string] $Path, [int] $Lines = 40) {
    if ($Path -and (Test-Path -LiteralPath $Path)) { (Get-Content -LiteralPath $Path -Tail $Lines) -join [Environment]::NewLine }
    else { '(no log)' }
}

function Start-AutoMLMoto {
    <#
    .SYNOPSIS  Start the local SageMaker endpoint and bootstrap its IAM identity.
    .OUTPUTS   [pscustomobject] Endpoint, Port, Region, AccessKey, SecretKey, UserArn, RoleArn, AuthEnabled,
               Process, LogPath, WorkDir.
    #>
    [CmdletBinding()]
    param(
        # Leave moto's IAM/SigV4 checks off (INITIAL_NO_AUTH_ACTION_COUNT unset); the user and key still exist.
        [switch] $NoAuth,
        [int] $TimeoutSeconds = 30,
        [string] $Region = 'us-east-1'
    )
    $python = Get-HarnessCommand 'AUTOML_MOTO_PYTHON' @('python3', 'python')
    $workDir = Join-Path ([IO.Path]::GetTempPath()) ("automl-moto-" + [guid]::NewGuid().ToString('n').Substring(0, 12))
    New-Item -ItemType Directory -Path $workDir -Force | Out-Null
    $portFile = Join-Path $workDir 'port'
    $credFile = Join-Path $workDir 'iam.json'
    $logPath = Join-Path $workDir 'automl_moto.log'
    $envs = @{ PYTHONUNBUFFERED = '1'; PYTHONWARNINGS = 'ignore' }
    if (-not $NoAuth) { $envs['INITIAL_NO_AUTH_ACTION_COUNT'] = [string]$script:BootstrapActions }
    $psi = New-ChildStartInfo -FileName $python -Environment $envs -Arguments @(
        $script:ServerScript, '--host', '127.0.0.1', '--port', '0', '--port-file', $portFile,
        '--bootstrap-iam', $credFile, '--log-file', $logPath, '--parent-pid', $PID)
    $psi.RedirectStandardInput = $true   # the server never reads it; keeps it off the test console
    $proc = [System.Diagnostics.Process]::Start($psi)
    $moto = [pscustomobject]@{
        PSTypeName = 'AutoMLMoto'
        Endpoint = $null; Port = 0; Region = $Region
        AccessKey = $null; SecretKey = $null; UserArn = $null; RoleArn = $null; AuthEnabled = $false
        Process = $proc; LogPath = $logPath; WorkDir = $workDir
    }
    $script:Started.Add($moto)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path -LiteralPath $portFile)) {
        if ($proc.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $why = if ($proc.HasExited) { "exited with code $($proc.ExitCode)" } else { "was not ready within $TimeoutSeconds s" }
            $tail = Get-LogTail $logPath
            Stop-AutoMLMoto $moto -KeepLog:(Test-Path -LiteralPath $logPath)
            throw "automl_moto.py $why. Log ($logPath):$([Environment]::NewLine)$tail"
        }
        Start-Sleep -Milliseconds 25
    }
    $iam = Get-Content -LiteralPath $credFile -Raw | ConvertFrom-Json
    $moto.Port = [int](Get-Content -LiteralPath $portFile -Raw)
    $moto.Endpoint = "http://127.0.0.1:$($moto.Port)"
    $moto.AccessKey = $iam.AccessKey
    $moto.SecretKey = $iam.SecretKey
    $moto.UserArn = $iam.UserArn
    $moto.RoleArn = $iam.RoleArn
    $moto.AuthEnabled = [bool]$iam.auth
    if ($moto.AuthEnabled -eq [bool]$NoAuth) {
        $tail = Get-LogTail $logPath
        Stop-AutoMLMoto $moto -KeepLog
        throw "IAM authentication is $(if ($moto.AuthEnabled) {'on'} else {'off'}) after the bootstrap, expected the opposite. Log:$([Environment]::NewLine)$tail"
    }
    $moto
}

function Stop-AutoMLMoto {
    <# .SYNOPSIS Kill the server (process tree) and remove its work folder. Idempotent; $null is fine. #>
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)] $Moto, [switch] $KeepLog)
    process {
        if ($null -eq $Moto) { return }
        $proc = $Moto.Process
        if ($proc) {
            try {
                if (-not $proc.HasExited) { $proc.Kill($true); [void]$proc.WaitForExit(10000) }
            }
            catch [System.InvalidOperationException] { }   # already gone / never started
            finally { $proc.Dispose() }
        }
        if (-not $KeepLog -and $Moto.WorkDir -and (Test-Path -LiteralPath $Moto.WorkDir)) {
            Remove-Item -LiteralPath $Moto.WorkDir -Recurse -Force -ErrorAction SilentlyContinue
        }
        [void]$script:Started.Remove($Moto)
    }
}

function Invoke-MotoControl($Moto, [string] $Method, [string] $Route, $Body) {
    if ($null -eq $Moto -or -not $Moto.Endpoint) { throw 'No running AutoML moto server (-Moto).' }
    $params = @{ Method = $Method; Uri = "$($Moto.Endpoint)/_automl/$Route"; NoProxy = $true; TimeoutSec = 30 }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 32 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Invoke-CreateJobs($Moto, [string[]] $Arguments) {
    $python = Get-HarnessCommand 'AUTOML_MOTO_PYTHON' @('python3', 'python')
    $result = Invoke-HarnessChild -FileName $python -Environment (Get-MotoChildEnvironment $Moto) -Arguments (
        @($script:CreateJobsScript, '--endpoint', $Moto.Endpoint, '--region', $Moto.Region) + $Arguments)
    if ($result.ExitCode -ne 0) { throw "create_jobs.py failed ($($result.ExitCode)): $($result.StdErr)" }
    @($result.StdOut | ConvertFrom-Json) | ForEach-Object { $_ }
}

function New-AutoMLMotoJob {
    <# .SYNOPSIS Create AutoML V2 job(s) named -Name through CreateAutoMLJobV2, signed with the harness key. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Moto,
        [Parameter(Mandatory)] [string[]] $Name,
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string] $ProblemType = 'Tabular'
    )
    $arguments = @('--problem-types', $ProblemType)
    foreach ($n in $Name) { $arguments += @('--name', $n) }
    Invoke-CreateJobs $Moto $arguments
}

function New-AutoMLMotoSampleJobs {
    <# .SYNOPSIS One fully configured job per problem type, named "<Prefix>-<problemtype>". #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Moto,
        [string] $Prefix = 'demo',
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string[]] $ProblemType = $script:ProblemTypes
    )
    Invoke-CreateJobs $Moto @('--prefix', $Prefix, '--problem-types', ($ProblemType -join ','))
}

function Set-AutoMLMotoJobScript {
    <#
    .SYNOPSIS Script a job's life. Each step: after_seconds (from now) or after_describes (the step shows from
              describe n+1), plus any of AutoMLJobStatus, AutoMLJobSecondaryStatus, FailureReason,
              PartialFailureReasons, BestCandidate, EndTime ($null removes it). EndTime is set on terminal
              statuses and removed on others unless given.
    .EXAMPLE  Set-AutoMLMotoJobScript $moto job1 @(
                  @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'Starting' }
                  @{ after_describes = 2; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [string] $Name,
          [Parameter(Mandatory, Position = 2)] [object[]] $Steps)
    Invoke-MotoControl $Moto POST "jobs/$([uri]::EscapeDataString($Name))/script" @{ steps = @($Steps) }
}

function Add-AutoMLMotoFault {
    <#
    .SYNOPSIS Append a fault rule (see tests/moto/automl_moto.py). Kinds: throttle, error, reset, truncate,
              malformed, html, hang, latency, skew, body. -Count omitted = every matching request.
    .EXAMPLE  Add-AutoMLMotoFault $moto -Kind error -Status 500 -Code InternalFailure -Count 2
    .EXAMPLE  Add-AutoMLMotoFault $moto -Rule @{ operation = 'ListAutoMLJobs'; kind = 'throttle' }, @{ kind = 'hang'; job = 'x' }
    #>
    [CmdletBinding(DefaultParameterSetName = 'Fields')]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [Parameter(Mandatory, ParameterSetName = 'Fields')]
        [ValidateSet('throttle', 'error', 'reset', 'truncate', 'malformed', 'html', 'hang', 'latency', 'skew', 'body')]
        [string] $Kind,
        [Parameter(ParameterSetName = 'Fields')] [string] $Operation = '*',
        [Parameter(ParameterSetName = 'Fields')] [string] $Job,
        [Parameter(ParameterSetName = 'Fields')] [int] $Count,
        [Parameter(ParameterSetName = 'Fields')] [int] $Status,
        [Parameter(ParameterSetName = 'Fields')] [string] $Code,
        [Parameter(ParameterSetName = 'Fields')] [string] $Message,
        [Parameter(ParameterSetName = 'Fields')] [int] $DelayMs,
        [Parameter(ParameterSetName = 'Fields')] [string] $Body,
        [Parameter(ParameterSetName = 'Fields')] [string] $ContentType,
        [Parameter(ParameterSetName = 'Fields')] [ValidateSet('rst', 'close')] [string] $Mode,
        [Parameter(ParameterSetName = 'Fields')] [double] $OffsetSeconds,
        [Parameter(ParameterSetName = 'Fields')] [int] $WindowSeconds,
        [Parameter(Mandatory, ParameterSetName = 'Rule')] [hashtable[]] $Rule
    )
    if ($PSCmdlet.ParameterSetName -eq 'Fields') {
        $r = [ordered]@{ operation = $Operation; kind = $Kind }
        $map = @{ Job = 'job'; Count = 'count'; Status = 'status'; Code = 'code'; Message = 'message'; DelayMs = 'delay_ms'
                  Body = 'body'; ContentType = 'content_type'; Mode = 'mode'; OffsetSeconds = 'offset_seconds'; WindowSeconds = 'window_seconds' }
        foreach ($p in $map.Keys) { if ($PSBoundParameters.ContainsKey($p)) { $r[$map[$p]] = $PSBoundParameters[$p] } }
        $Rule = @($r)
    }
    $null = Invoke-MotoControl $Moto POST 'faults' @($Rule)
}

function Clear-AutoMLMotoFault {
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    $null = Invoke-MotoControl $Moto DELETE 'faults'
}

function Set-AutoMLMotoClock {
    <# .SYNOPSIS Make the endpoint's clock run -OffsetSeconds ahead (negative: behind) of real time. #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [double] $OffsetSeconds)
    $null = Invoke-MotoControl $Moto POST 'clock' @{ offset_seconds = $OffsetSeconds }
}

function Set-AutoMLMotoLatency {
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [double] $Milliseconds)
    $null = Invoke-MotoControl $Moto POST 'latency' @{ ms = $Milliseconds }
}

function Set-AutoMLMotoRateLimit {
    <# .SYNOPSIS Throttle SageMaker requests beyond a token bucket of -RequestsPerSecond (burst = rate); 0 = off. #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [double] $RequestsPerSecond)
    $null = Invoke-MotoControl $Moto POST 'rate-limit' @{ rps = $RequestsPerSecond }
}

function New-AutoMLMotoBulkJobs {
    <# .SYNOPSIS Create -Count jobs "<Prefix>-00000".. directly in moto's backend (distinct, increasing CreationTime). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [string] $Prefix = 'bulk',
        [int] $Count = 1000,
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string] $ProblemType = 'Tabular',
        # One status, or several used in turn.
        [ValidateSet('Completed', 'InProgress', 'Failed', 'Stopped', 'Stopping')] [string[]] $Status = 'Completed'
    )
    (Invoke-MotoControl $Moto POST 'jobs/bulk' @{ prefix = $Prefix; count = $Count; problem_type = $ProblemType
                                                   status = @($Status); region = $Moto.Region }).created
}

function Expand-AutoMLMotoJob {
    <# .SYNOPSIS Give a job's BestCandidate -CandidateMetrics metrics (and -CandidateSteps steps): large responses. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [string] $Name,
          [int] $CandidateMetrics = 5000, [int] $CandidateSteps = 0)
    $null = Invoke-MotoControl $Moto POST "jobs/$([uri]::EscapeDataString($Name))/inflate" @{
        candidate_metrics = $CandidateMetrics; candidate_steps = $CandidateSteps }
}

function Get-AutoMLMotoStats {
    <# .SYNOPSIS requests (per operation), by_job, throttled, log ([epoch, operation, job, status] each). #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    Invoke-MotoControl $Moto GET 'stats'
}

function Reset-AutoMLMoto {
    <# .SYNOPSIS Clear faults, scripts, latency, rate limit, clock offset and stats (jobs stay). #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    $null = Invoke-MotoControl $Moto POST 'reset'
}

function Invoke-AutoMLMotoCli {
    <#
    .SYNOPSIS Run the AWS CLI against the endpoint with the harness credentials (set for the child only).
    .DESCRIPTION Returns the parsed JSON output ($null when there is none). A non-zero exit throws, with the
                 CLI's stderr as the message, unless -NoThrow: then an object ExitCode, Output, StdOut, StdErr.
                 -Environment adds variables for the child (e.g. @{ AWS_MAX_ATTEMPTS = '1' }).
    .EXAMPLE  Invoke-AutoMLMotoCli -Moto $moto sagemaker stop-auto-ml-job --auto-ml-job-name x
    #>
    [CmdletBinding(PositionalBinding = $false)]
    param(
        [Parameter(Mandatory)] $Moto,
        [hashtable] $Environment,
        [switch] $NoThrow,
        [int] $TimeoutSeconds = 120,
        [Parameter(ValueFromRemainingArguments)] [string[]] $Arguments
    )
    $aws = Get-HarnessCommand 'AUTOML_MOTO_AWS_CLI' @('aws')
    $result = Invoke-HarnessChild -FileName $aws -TimeoutSeconds $TimeoutSeconds -Environment (Get-MotoChildEnvironment $Moto $Environment) -Arguments (
        @('--endpoint-url', $Moto.Endpoint, '--region', $Moto.Region, '--output', 'json') + @($Arguments))
    $parsed = $null
    if ($result.StdOut.Trim()) {
        try { $parsed = $result.StdOut | ConvertFrom-Json -Depth 64 } catch { $parsed = $result.StdOut }
    }
    if ($NoThrow) {
        return [pscustomobject]@{ ExitCode = $result.ExitCode; Output = $parsed; StdOut = $result.StdOut; StdErr = $result.StdErr }
    }
    if ($result.ExitCode -ne 0) {
        $record = [System.Management.Automation.ErrorRecord]::new(
            [System.Exception]::new("aws $($Arguments -join ' ') failed ($($result.ExitCode)): $($result.StdErr.Trim())"),
            'AutoMLMotoCliFailed', [System.Management.Automation.ErrorCategory]::InvalidResult, $result)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $parsed
}

# Last resort when a run ends without AfterAll (the server also watches this process: --parent-pid).
$null = Register-EngineEvent -SourceIdentifier PowerShell.Exiting -SupportEvent -MessageData $script:Started -Action {
    foreach ($m in @($Event.MessageData)) { try { if (-not $m.Process.HasExited) { $m.Process.Kill($true) } } catch { } }
}

Export-ModuleMember -Function Start-AutoMLMoto, Stop-AutoMLMoto, New-AutoMLMotoJob, New-AutoMLMotoSampleJobs,
    Set-AutoMLMotoJobScript, Add-AutoMLMotoFault, Clear-AutoMLMotoFault, Set-AutoMLMotoClock, Set-AutoMLMotoLatency,
    Set-AutoMLMotoRateLimit, New-AutoMLMotoBulkJobs, Expand-AutoMLMotoJob, Get-AutoMLMotoStats, Reset-AutoMLMoto,
    Invoke-AutoMLMotoCli
