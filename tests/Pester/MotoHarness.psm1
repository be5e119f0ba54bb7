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
    A second account's identity: $moto.Accounts[1] (AccountId, AccessKey, SecretKey, UserArn, RoleArn); jobs
    live in one account and one region (the signing key's account, the credential scope's region).

    The local forward proxy (tests/moto/proxy.py) is separate: Start-AutoMLProxy / Stop-AutoMLProxy.
#>

Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$script:MotoDir = Join-Path $script:RepoRoot 'tests' 'moto'
$script:ServerScript = Join-Path $script:MotoDir 'automl_moto.py'
$script:CreateJobsScript = Join-Path $script:MotoDir 'create_jobs.py'
$script:ProxyScript = Join-Path $script:MotoDir 'proxy.py'
# Requests the IAM bootstrap makes (tests/moto/bootstrap_iam.py: ACTIONS, 6 per account, two accounts); after
# them moto checks SigV4 + IAM.
$script:BootstrapActions = 12
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

function Get-MotoAccount($Moto, [string] $Account) {
    # The bootstrap identity of -Account (an account id; empty = the first account).
    if (-not $Account) { return @($Moto.Accounts)[0] }
    $found = @($Moto.Accounts) | Where-Object AccountId -eq $Account
    if (-not $found) { throw "No harness identity in account $Account (known: $(@($Moto.Accounts).AccountId -join ', '))." }
    $found
}

function Get-MotoChildEnvironment($Moto, [hashtable] $Extra, [string] $Region, [string] $Account) {
    $identity = if ($Account) { Get-MotoAccount $Moto $Account } else { $Moto }
    if (-not $Region) { $Region = $Moto.Region }
    $envs = @{
        AWS_ACCESS_KEY_ID           = $identity.AccessKey
        AWS_SECRET_ACCESS_KEY       = $identity.SecretKey
        AWS_DEFAULT_REGION          = $Region
        AWS_REGION                  = $Region
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
    .SYNOPSIS  Start the local SageMaker endpoint and bootstrap its IAM identities (two accounts).
    .OUTPUTS   [pscustomobject] Endpoint, Port, Region, AccessKey, SecretKey, UserArn, RoleArn, AuthEnabled,
               AccountId, Accounts, Process, LogPath, WorkDir. AccessKey/SecretKey/UserArn/RoleArn/AccountId are
               the first account's (123456789012, moto's default); Accounts holds both identities as
               @{ AccountId; AccessKey; SecretKey; UserArn; RoleArn } (the second: 111122223333, whose role
               also trusts the first account's user).
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
        AccountId = $null; Accounts = @()
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
    $moto.AccountId = $iam.Account
    $moto.Accounts = @($iam.Accounts | ForEach-Object {
        [pscustomobject]@{ AccountId = $_.AccountId; AccessKey = $_.AccessKey; SecretKey = $_.SecretKey
                           UserArn = $_.UserArn; RoleArn = $_.RoleArn } })
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

function Invoke-CreateJobs($Moto, [string[]] $Arguments, [string] $Region, [string] $Account) {
    $python = Get-HarnessCommand 'AUTOML_MOTO_PYTHON' @('python3', 'python')
    if (-not $Region) { $Region = $Moto.Region }
    $identity = Get-MotoAccount $Moto $Account
    $result = Invoke-HarnessChild -FileName $python -Environment (Get-MotoChildEnvironment $Moto -Region $Region -Account $Account) -Arguments (
        @($script:CreateJobsScript, '--endpoint', $Moto.Endpoint, '--region', $Region, '--account', $identity.AccountId) + $Arguments)
    if ($result.ExitCode -ne 0) { throw "create_jobs.py failed ($($result.ExitCode)): $($result.StdErr)" }
    @($result.StdOut | ConvertFrom-Json) | ForEach-Object { $_ }
}

function New-AutoMLMotoJob {
    <#
    .SYNOPSIS Create AutoML V2 job(s) named -Name through CreateAutoMLJobV2, signed with the harness key.
    .DESCRIPTION -Region (default $Moto.Region) and -Account (an account id of $Moto.Accounts; default the first)
                 choose where the job lives: the request is signed for that region with that account's key, so
                 the ARN carries both. Returns [{name, problem_type, arn}].
    .EXAMPLE  New-AutoMLMotoJob -Moto $moto -Name job1 -Region eu-west-1 -Account $moto.Accounts[1].AccountId
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Moto,
        [Parameter(Mandatory)] [string[]] $Name,
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string] $ProblemType = 'Tabular',
        [string] $Region,
        [string] $Account
    )
    $arguments = @('--problem-types', $ProblemType)
    foreach ($n in $Name) { $arguments += @('--name', $n) }
    Invoke-CreateJobs $Moto $arguments -Region $Region -Account $Account
}

function New-AutoMLMotoSampleJobs {
    <# .SYNOPSIS One fully configured job per problem type, named "<Prefix>-<problemtype>" (-Region/-Account as New-AutoMLMotoJob). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Moto,
        [string] $Prefix = 'demo',
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string[]] $ProblemType = $script:ProblemTypes,
        [string] $Region,
        [string] $Account
    )
    Invoke-CreateJobs $Moto @('--prefix', $Prefix, '--problem-types', ($ProblemType -join ',')) -Region $Region -Account $Account
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
    .EXAMPLE  Add-AutoMLMotoFault $moto -Kind error -Region eu-west-1 -Status 403 -Code UnrecognizedClientException -Message 'The security token included in the request is invalid.'
              # -Region matches the request's credential-scope region, -Account the signing key's account id
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
        [Parameter(ParameterSetName = 'Fields')] [string] $Region,
        [Parameter(ParameterSetName = 'Fields')] [string] $Account,
        [Parameter(Mandatory, ParameterSetName = 'Rule')] [hashtable[]] $Rule
    )
    if ($PSCmdlet.ParameterSetName -eq 'Fields') {
        $r = [ordered]@{ operation = $Operation; kind = $Kind }
        $map = @{ Job = 'job'; Count = 'count'; Status = 'status'; Code = 'code'; Message = 'message'; DelayMs = 'delay_ms'
                  Body = 'body'; ContentType = 'content_type'; Mode = 'mode'; OffsetSeconds = 'offset_seconds'; WindowSeconds = 'window_seconds'
                  Region = 'region'; Account = 'account' }
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
    <#
    .SYNOPSIS Delay every SageMaker request by -Milliseconds; with -Region only requests signed for that region
              (instead of the global delay; 0 removes the region's own delay).
    .EXAMPLE  Set-AutoMLMotoLatency $moto 100 -Region eu-west-1
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [double] $Milliseconds,
          [string] $Region)
    $body = @{ ms = $Milliseconds }
    if ($Region) { $body.region = $Region }
    $null = Invoke-MotoControl $Moto POST 'latency' $body
}

function Set-AutoMLMotoRateLimit {
    <# .SYNOPSIS Throttle SageMaker requests beyond a token bucket of -RequestsPerSecond (burst = rate); 0 = off. #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [double] $RequestsPerSecond)
    $null = Invoke-MotoControl $Moto POST 'rate-limit' @{ rps = $RequestsPerSecond }
}

function New-AutoMLMotoBulkJobs {
    <#
    .SYNOPSIS Create -Count jobs "<Prefix>-00000".. directly in moto's backend (distinct, increasing CreationTime).
    .DESCRIPTION Job i is created at -CreationStart + i * -CreationStepSeconds (default: ending about a minute
                 ago, 1 s apart) and last modified -LastModifiedOffsetSeconds later (default 0), in -Region
                 (default $Moto.Region) of -Account (default the first account). Returns the count created.
    .EXAMPLE  New-AutoMLMotoBulkJobs $moto -Prefix old -Count 10 -CreationStart ([datetime]'2024-01-01Z') -CreationStepSeconds 86400
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [string] $Prefix = 'bulk',
        [int] $Count = 1000,
        [ValidateSet('Tabular', 'ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'TextGeneration')]
        [string] $ProblemType = 'Tabular',
        # One status, or several used in turn.
        [ValidateSet('Completed', 'InProgress', 'Failed', 'Stopped', 'Stopping')] [string[]] $Status = 'Completed',
        [string] $Region,
        [string] $Account,
        # [datetime] (Unspecified kind = UTC), [DateTimeOffset], epoch seconds, or an ISO 8601 string.
        $CreationStart,
        [double] $CreationStepSeconds = 1,
        [double] $LastModifiedOffsetSeconds = 0
    )
    $body = @{ prefix = $Prefix; count = $Count; problem_type = $ProblemType; status = @($Status)
               region = $(if ($Region) { $Region } else { $Moto.Region })
               creation_step_seconds = $CreationStepSeconds; last_modified_offset_seconds = $LastModifiedOffsetSeconds }
    if ($Account) { $body.account = (Get-MotoAccount $Moto $Account).AccountId }
    if ($null -ne $CreationStart) { $body.creation_start = ConvertTo-MotoTime $CreationStart }
    (Invoke-MotoControl $Moto POST 'jobs/bulk' $body).created
}

function ConvertTo-MotoTime($Value) {
    # Epoch seconds for the endpoint: [datetime] (Unspecified kind taken as UTC), [DateTimeOffset], numbers as
    # they are, strings passed on (the endpoint parses ISO 8601).
    if ($Value -is [System.Management.Automation.PSObject]) { $Value = $Value.BaseObject }
    if ($Value -is [datetime]) {
        if ($Value.Kind -eq [DateTimeKind]::Unspecified) { $Value = [datetime]::SpecifyKind($Value, [DateTimeKind]::Utc) }
        return [DateTimeOffset]::new($Value.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0
    }
    if ($Value -is [DateTimeOffset]) { return $Value.ToUnixTimeMilliseconds() / 1000.0 }
    $Value
}

function Get-MotoJobRoute([string] $Name, [string] $Leaf) { "jobs/$([uri]::EscapeDataString($Name))/$Leaf" }

function Add-MotoJobScope($Moto, [hashtable] $Body, [string] $Region, [string] $Account) {
    if ($Region) { $Body.region = $Region }
    if ($Account) { $Body.account = (Get-MotoAccount $Moto $Account).AccountId }
    $Body
}

function Set-AutoMLMotoJobTimes {
    <#
    .SYNOPSIS Set a job's CreationTime, LastModifiedTime and/or EndTime (what ListAutoMLJobs filters and sorts on).
    .DESCRIPTION Each time: [datetime] (Unspecified kind = UTC), [DateTimeOffset], epoch seconds or an ISO 8601
                 string; $null for -EndTime removes it. Without -Region/-Account every job of that name is set.
                 Returns one {arn, CreationTime, LastModifiedTime, EndTime} (epoch seconds) per job changed.
    .EXAMPLE  Set-AutoMLMotoJobTimes $moto job1 -CreationTime ([datetime]'2024-03-01T00:00:00Z') -LastModifiedTime 1709600000
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [string] $Name,
          $CreationTime, $LastModifiedTime, $EndTime, [string] $Region, [string] $Account)
    $body = Add-MotoJobScope $Moto @{} $Region $Account
    foreach ($p in 'CreationTime', 'LastModifiedTime', 'EndTime') {
        if ($PSBoundParameters.ContainsKey($p)) { $body[$p] = ConvertTo-MotoTime $PSBoundParameters[$p] }
    }
    (Invoke-MotoControl $Moto POST (Get-MotoJobRoute $Name 'times') $body).jobs
}

function Add-AutoMLMotoCandidates {
    <#
    .SYNOPSIS Give a job candidates for ListCandidatesForAutoMLJob: -Candidate objects as they are, or -Count
              generated ones.
    .DESCRIPTION -Candidate: hashtables/objects returned verbatim (any members, unknown ones and unknown
                 statuses too; CreationTime/EndTime/LastModifiedTime may be [datetime] or ISO strings and come
                 back as epoch seconds). -Count: generated candidates "<Prefix>-cand-0000".., -StepSeconds apart
                 from -Start, objective -MetricName/-ObjectiveType (default: the job's objective metric, Type
                 from the metric), -Failed/-InProgress/-Stopped of them without a final objective value,
                 -Ties pairs sharing a value (every second pair also its CreationTime), -Seed for the values.
                 Candidates are added to those already there unless -Replace. -SetBestCandidate makes
                 DescribeAutoMLJobV2's BestCandidate the best Completed one. Without -Region/-Account every job
                 of that name gets them. Returns one {arn, added, total, names} per job.
    .EXAMPLE  Add-AutoMLMotoCandidates $moto job1 -Count 250 -MetricName MSE -ObjectiveType Minimize -Failed 5 -Ties 3
    .EXAMPLE  Add-AutoMLMotoCandidates $moto job1 -Candidate @{ CandidateName = 'c1'; CandidateStatus = 'Exotic'; Extra = 1 }
    #>
    [CmdletBinding(DefaultParameterSetName = 'Generate')]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [Parameter(Mandatory, Position = 1)] [string] $Name,
        [Parameter(Mandatory, ParameterSetName = 'Explicit')] [object[]] $Candidate,
        [Parameter(Mandatory, ParameterSetName = 'Generate')] [int] $Count,
        [Parameter(ParameterSetName = 'Generate')] [string] $MetricName,
        [Parameter(ParameterSetName = 'Generate')] [ValidateSet('Maximize', 'Minimize')] [string] $ObjectiveType,
        [Parameter(ParameterSetName = 'Generate')] [int] $Failed = 0,
        [Parameter(ParameterSetName = 'Generate')] [int] $InProgress = 0,
        [Parameter(ParameterSetName = 'Generate')] [int] $Stopped = 0,
        [Parameter(ParameterSetName = 'Generate')] [int] $Ties = 0,
        [Parameter(ParameterSetName = 'Generate')] [int] $Seed = 1,
        [Parameter(ParameterSetName = 'Generate')] [string] $Prefix,
        [Parameter(ParameterSetName = 'Generate')] $Start,
        [Parameter(ParameterSetName = 'Generate')] [double] $StepSeconds = 60,
        [switch] $Replace,
        [switch] $SetBestCandidate,
        [string] $Region,
        [string] $Account
    )
    $body = Add-MotoJobScope $Moto @{ replace = [bool]$Replace; best_candidate = [bool]$SetBestCandidate } $Region $Account
    if ($PSCmdlet.ParameterSetName -eq 'Explicit') {
        $body.candidates = @($Candidate | ForEach-Object {
            $c = [ordered]@{}
            if ($_ -is [System.Collections.IDictionary]) { foreach ($k in $_.Keys) { $c[$k] = $_[$k] } }
            else { foreach ($p in $_.PSObject.Properties) { $c[$p.Name] = $p.Value } }
            foreach ($t in 'CreationTime', 'EndTime', 'LastModifiedTime') {
                if ($c.Contains($t) -and ($c[$t] -is [datetime] -or $c[$t] -is [DateTimeOffset])) { $c[$t] = ConvertTo-MotoTime $c[$t] }
            }
            $c })
    }
    else {
        $body.count = $Count; $body.failed = $Failed; $body.in_progress = $InProgress; $body.stopped = $Stopped
        $body.ties = $Ties; $body.seed = $Seed; $body.step_seconds = $StepSeconds
        $objective = @{}
        if ($MetricName) { $objective.MetricName = $MetricName }
        if ($ObjectiveType) { $objective.Type = $ObjectiveType }
        if ($objective.Count) { $body.objective = $objective }
        if ($Prefix) { $body.prefix = $Prefix }
        if ($null -ne $Start) { $body.start = ConvertTo-MotoTime $Start }
    }
    (Invoke-MotoControl $Moto POST (Get-MotoJobRoute $Name 'candidates') $body).jobs
}

function Clear-AutoMLMotoCandidates {
    <# .SYNOPSIS Remove a job's candidates (every job of that name unless -Region/-Account). #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [Parameter(Mandatory, Position = 1)] [string] $Name,
          [string] $Region, [string] $Account)
    $null = Invoke-MotoControl $Moto DELETE (Get-MotoJobRoute $Name 'candidates') (Add-MotoJobScope $Moto @{} $Region $Account)
}

function Revoke-AutoMLMotoNextTokens {
    <# .SYNOPSIS Expire every ListCandidatesForAutoMLJob NextToken issued so far (using one then: ValidationException). #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    $null = Invoke-MotoControl $Moto POST 'candidates/expire-tokens'
}

function Get-AutoMLMotoStsLog {
    <#
    .SYNOPSIS The AssumeRole / GetSessionToken requests STS received since start or Reset-AutoMLMoto: requests
              ([{time, operation, AccessKeyId, RoleArn, RoleSessionName, SerialNumber, TokenCode, DurationSeconds,
              ExternalId, status}]; members the request lacked are absent), last (the latest one), require_mfa.
    .EXAMPLE  (Get-AutoMLMotoStsLog $moto).last.TokenCode | Should -Be '123456'
    #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    Invoke-MotoControl $Moto GET 'sts'
}

function Set-AutoMLMotoMfaRequirement {
    <#
    .SYNOPSIS Make AssumeRole (of -RoleArn, or of any role) fail with 403 AccessDenied, as STS does for a role whose
              trust policy needs MFA, unless SerialNumber and TokenCode are sent (and equal -SerialNumber /
              -TokenCode when given: "MultiFactorAuthentication failed with invalid MFA one time pass code.").
              -Off removes the requirement (so does Reset-AutoMLMoto).
    .EXAMPLE  Set-AutoMLMotoMfaRequirement $moto -TokenCode 123456 -RoleArn $moto.RoleArn
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Moto, [string] $TokenCode, [string] $SerialNumber, [string] $RoleArn,
          [switch] $Off)
    $body = @{ require_mfa = -not $Off }
    if ($TokenCode) { $body.token_code = $TokenCode }
    if ($SerialNumber) { $body.serial_number = $SerialNumber }
    if ($RoleArn) { $body.role_arn = $RoleArn }
    $null = Invoke-MotoControl $Moto POST 'sts' $body
}

function Start-AutoMLProxy {
    <#
    .SYNOPSIS Start the loopback forward proxy (tests/moto/proxy.py): plain-http absolute-URI requests and CONNECT.
    .DESCRIPTION -Route @{ 'sagemaker.proxy.test' = '127.0.0.1:5000' } sends requests for that name (any port)
                 to HOST:PORT, so a client whose endpoint uses the name can only reach it through the proxy.
                 -Credential makes it answer 407 unless Proxy-Authorization carries those Basic credentials.
                 Targets must be loopback or routed unless -AllowRemote.
    .OUTPUTS  [pscustomobject] Url (http://127.0.0.1:PORT), Port, Process, LogPath, WorkDir.
    .EXAMPLE  $proxy = Start-AutoMLProxy -Route @{ 'sagemaker.proxy.test' = "127.0.0.1:$($moto.Port)" }
              # ... HTTP_PROXY = $proxy.Url ...; (Get-AutoMLProxyStats $proxy).requests; Stop-AutoMLProxy $proxy
    #>
    [CmdletBinding()]
    param([hashtable] $Route, [pscredential] $Credential, [switch] $AllowRemote, [int] $TimeoutSeconds = 15)
    $python = Get-HarnessCommand 'AUTOML_MOTO_PYTHON' @('python3', 'python')
    $workDir = Join-Path ([IO.Path]::GetTempPath()) ("automl-proxy-" + [guid]::NewGuid().ToString('n').Substring(0, 12))
    New-Item -ItemType Directory -Path $workDir -Force | Out-Null
    $portFile = Join-Path $workDir 'port'
    $logPath = Join-Path $workDir 'proxy.log'
    $arguments = @($script:ProxyScript, '--host', '127.0.0.1', '--port', '0', '--port-file', $portFile,
                   '--log-file', $logPath, '--parent-pid', $PID)
    if ($Route) { foreach ($k in $Route.Keys) { $arguments += @('--route', "$k=$($Route[$k] -replace '^[a-z]+://', '' -replace '/.*$', '')") } }
    if ($Credential) { $arguments += @('--auth', "$($Credential.UserName):$($Credential.GetNetworkCredential().Password)") }
    if ($AllowRemote) { $arguments += '--allow-remote' }
    $psi = New-ChildStartInfo -FileName $python -Arguments $arguments -Environment @{ PYTHONUNBUFFERED = '1' }
    $psi.RedirectStandardInput = $true
    $proc = [System.Diagnostics.Process]::Start($psi)
    $proxy = [pscustomobject]@{ PSTypeName = 'AutoMLProxy'; Url = $null; Port = 0; Process = $proc; LogPath = $logPath; WorkDir = $workDir }
    $script:Started.Add($proxy)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while (-not (Test-Path -LiteralPath $portFile)) {
        if ($proc.HasExited -or [DateTime]::UtcNow -gt $deadline) {
            $tail = Get-LogTail $logPath
            Stop-AutoMLProxy $proxy -KeepLog
            throw "proxy.py did not start. Log ($logPath):$([Environment]::NewLine)$tail"
        }
        Start-Sleep -Milliseconds 25
    }
    $proxy.Port = [int](Get-Content -LiteralPath $portFile -Raw)
    $proxy.Url = "http://127.0.0.1:$($proxy.Port)"
    $proxy
}

function Stop-AutoMLProxy {
    <# .SYNOPSIS Kill the proxy and remove its work folder. Idempotent; $null is fine. #>
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)] $Proxy, [switch] $KeepLog)
    process { Stop-AutoMLMoto $Proxy -KeepLog:$KeepLog }
}

function Invoke-ProxyControl($Proxy, [string] $Method, [string] $Route) {
    if ($null -eq $Proxy -or -not $Proxy.Url) { throw 'No running AutoML proxy (-Proxy).' }
    Invoke-RestMethod -Method $Method -Uri "$($Proxy.Url)/$Route" -NoProxy -TimeoutSec 30
}

function Get-AutoMLProxyStats {
    <# .SYNOPSIS requests (absolute-URI), connects, denied, by_target ("host:port" = n), connections, log ([epoch, method, target, status] each). #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Proxy)
    Invoke-ProxyControl $Proxy GET 'stats'
}

function Reset-AutoMLProxyStats {
    <# .SYNOPSIS Clear the proxy's counters and log. #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Proxy)
    $null = Invoke-ProxyControl $Proxy POST 'reset'
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
    <# .SYNOPSIS requests (per operation), by_job, by_region, by_account (SageMaker requests), throttled, connections, log ([epoch, operation, job, status, region, account] each; region and account of SageMaker requests). #>
    [CmdletBinding()] param([Parameter(Mandatory, Position = 0)] $Moto)
    Invoke-MotoControl $Moto GET 'stats'
}

function Reset-AutoMLMoto {
    <# .SYNOPSIS Clear faults, scripts, latency (global and per region), rate limit, clock offset, stats, the STS log and MFA requirement (jobs and their candidates stay). #>
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

function Invoke-AutoMLMotoRequest {
    <#
    .SYNOPSIS One raw awsJson 1.1 SageMaker request, SigV4-signed with a harness key (or unsigned), for tests that
              need the wire: values a real SDK refuses to send, exact error bodies, requests through a proxy.
    .DESCRIPTION -Body: a hashtable (sent as JSON) or a string (sent as is). -Region (default $Moto.Region) is the
                 credential scope's region; -Account picks that account's key from $Moto.Accounts; -AccessKey /
                 -SecretKey override the key; -Unsigned sends no Authorization. -Endpoint (default $Moto.Endpoint)
                 may name a host only a -Proxy route knows. Returns StatusCode, Headers (name -> value), Content
                 (text) and Json (parsed, or $null); never throws for an HTTP error status.
    .EXAMPLE  (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'job1'; MaxResults = 100 }).Json.Candidates
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Moto,
        [Parameter(Mandatory, Position = 1)] [string] $Operation,
        [Parameter(Position = 2)] $Body = @{},
        [string] $Region,
        [string] $Account,
        [string] $AccessKey,
        [string] $SecretKey,
        [switch] $Unsigned,
        [string] $Endpoint,
        [string] $Proxy,
        [int] $TimeoutSeconds = 30
    )
    $identity = Get-MotoAccount $Moto $Account
    if (-not $AccessKey) { $AccessKey = $identity.AccessKey }
    if (-not $SecretKey) { $SecretKey = $identity.SecretKey }
    if (-not $Region) { $Region = $Moto.Region }
    $uri = [uri]"$(if ($Endpoint) { $Endpoint.TrimEnd('/') } else { $Moto.Endpoint })/"
    $text = if ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 32 -Compress }
    $payload = [Text.Encoding]::UTF8.GetBytes($text)
    $target = "SageMaker.$Operation"
    $handler = [System.Net.Http.SocketsHttpHandler]::new()
    $handler.UseProxy = [bool]$Proxy
    if ($Proxy) { $handler.Proxy = [System.Net.WebProxy]::new($Proxy) }
    $http = [System.Net.Http.HttpClient]::new($handler)
    $http.Timeout = [TimeSpan]::FromSeconds($TimeoutSeconds)
    try {
        $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Post, $uri)
        $request.Content = [System.Net.Http.ByteArrayContent]::new($payload)
        $request.Content.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::new('application/x-amz-json-1.1')
        [void]$request.Headers.TryAddWithoutValidation('X-Amz-Target', $target)
        if (-not $Unsigned) {
            $now = [DateTime]::UtcNow
            $amzDate = $now.ToString("yyyyMMdd'T'HHmmss'Z'", [Globalization.CultureInfo]::InvariantCulture)
            $day = $now.ToString('yyyyMMdd', [Globalization.CultureInfo]::InvariantCulture)
            [void]$request.Headers.TryAddWithoutValidation('X-Amz-Date', $amzDate)
            $hex = { param([byte[]] $b) [Convert]::ToHexString($b).ToLowerInvariant() }
            $hmac = { param([byte[]] $k, [string] $t) [System.Security.Cryptography.HMACSHA256]::HashData($k, [Text.Encoding]::UTF8.GetBytes($t)) }
            $signed = 'content-type;host;x-amz-date;x-amz-target'
            $canonical = "POST`n/`n`ncontent-type:application/x-amz-json-1.1`nhost:$($uri.Authority)`nx-amz-date:$amzDate`n" +
                         "x-amz-target:$target`n`n$signed`n$(& $hex ([System.Security.Cryptography.SHA256]::HashData($payload)))"
            $scope = "$day/$Region/sagemaker/aws4_request"
            $toSign = "AWS4-HMAC-SHA256`n$amzDate`n$scope`n$(& $hex ([System.Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($canonical))))"
            $key = [Text.Encoding]::UTF8.GetBytes("AWS4$SecretKey")
            foreach ($part in $day, $Region, 'sagemaker', 'aws4_request') { $key = & $hmac $key $part }
            $signature = & $hex (& $hmac $key $toSign)
            [void]$request.Headers.TryAddWithoutValidation('Authorization',
                "AWS4-HMAC-SHA256 Credential=$AccessKey/$scope, SignedHeaders=$signed, Signature=$signature")
        }
        $response = $http.SendAsync($request).GetAwaiter().GetResult()
        $content = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        $headers = @{}
        foreach ($h in @($response.Headers) + @($response.Content.Headers)) { $headers[$h.Key] = $h.Value -join ',' }
        $json = $null
        if ($content.Trim().StartsWith('{')) { try { $json = $content | ConvertFrom-Json -Depth 64 } catch { } }
        [pscustomobject]@{ StatusCode = [int]$response.StatusCode; Headers = $headers; Content = $content; Json = $json }
    }
    finally { $http.Dispose() }
}

# Last resort when a run ends without AfterAll (the server also watches this process: --parent-pid).
$null = Register-EngineEvent -SourceIdentifier PowerShell.Exiting -SupportEvent -MessageData $script:Started -Action {
    foreach ($m in @($Event.MessageData)) { try { if (-not $m.Process.HasExited) { $m.Process.Kill($true) } } catch { } }
}

Export-ModuleMember -Function Start-AutoMLMoto, Stop-AutoMLMoto, New-AutoMLMotoJob, New-AutoMLMotoSampleJobs,
    Set-AutoMLMotoJobScript, Add-AutoMLMotoFault, Clear-AutoMLMotoFault, Set-AutoMLMotoClock, Set-AutoMLMotoLatency,
    Set-AutoMLMotoRateLimit, New-AutoMLMotoBulkJobs, Expand-AutoMLMotoJob, Get-AutoMLMotoStats, Reset-AutoMLMoto,
    Invoke-AutoMLMotoCli, Set-AutoMLMotoJobTimes, Add-AutoMLMotoCandidates, Clear-AutoMLMotoCandidates,
    Revoke-AutoMLMotoNextTokens, Get-AutoMLMotoStsLog, Set-AutoMLMotoMfaRequirement, Start-AutoMLProxy, Stop-AutoMLProxy,
    Get-AutoMLProxyStats, Reset-AutoMLProxyStats, Invoke-AutoMLMotoRequest
