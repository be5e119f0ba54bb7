#Requires -Version 7.2
# The fault matrix (tests/Pester/FAULTS.md): every row injects one fault into the local SageMaker
# endpoint (moto behind the test-control layer, tests/moto/automl_moto.py) and asserts what
# Get-AutoMLJobV2 (and, for transient faults, Wait-AutoMLJobV2 -PollInterval 1) must do.
#
# The cmdlets run in CHILD pwsh processes (out-of-process runspaces), not in the Pester process:
# AWSSDK.Core reads AWS_MAX_ATTEMPTS / AWS_RETRY_MODE once per process and keeps a per-endpoint
# clock-skew correction and retry quota in static state, so each child starts from a known SDK
# state (standard mode, 3 attempts unless a row says otherwise) whatever other test files did.
# Needs the built module (out/AutoMLV2/AutoMLV2.psd1), python3 with moto.

BeforeDiscovery {
    $script:manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "Fault matrix skipped: $manifest has not been built." }
}

Describe 'Fault matrix' -Tag 'Faults' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $isolation = Use-IsolatedAwsEnvironment
        $manifestPath = (Resolve-Path (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1')).Path

        # ---- child pwsh processes ------------------------------------------------------------
        $script:children = [System.Collections.Generic.List[object]]::new()

        function New-ChildPwsh {
            # An out-of-process runspace (a child pwsh started through the apphost in $PSHOME) with
            # the built module imported and -Environment applied before the first client exists.
            param([hashtable] $Environment = @{})
            $instance = [System.Management.Automation.Runspaces.PowerShellProcessInstance]::new()
            $runspace = [runspacefactory]::CreateOutOfProcessRunspace($null, $instance)
            $runspace.Open()
            $session = [pscustomobject]@{ Instance = $instance; Runspace = $runspace; ProcessId = $instance.Process.Id }
            $script:children.Add($session)
            $init = Invoke-ChildPwsh $session {
                param($Environment, $Manifest)
                foreach ($name in $Environment.Keys) { Set-Item -Path "env:$name" -Value $Environment[$name] }
                Import-Module $Manifest -Force -ErrorAction Stop
                (Get-Module AutoMLV2).Path
            } -ArgumentList $Environment, $manifestPath
            if ($init.Terminating -or $init.Output.Count -ne 1) { throw "The child pwsh could not import AutoMLV2: $($init.Terminating) $($init.Errors)" }
            $session
        }

        function Remove-ChildPwsh($Session) {
            if ($null -eq $Session) { return }
            try { $Session.Runspace.Dispose() } catch { }
            try { if (-not $Session.Instance.Process.HasExited) { $Session.Instance.Process.Kill($true) } } catch { }
            try { $Session.Instance.Dispose() } catch { }
            [void]$script:children.Remove($Session)
        }

        function Invoke-ChildPwsh {
            # Runs -Script in the child (in a local scope, so variables do not leak between rows) and
            # returns its output, its streams, a terminating error if any, and the wall time.
            param([Parameter(Mandatory, Position = 0)] $Session, [Parameter(Mandatory, Position = 1)] [scriptblock] $Script,
                  [object[]] $ArgumentList = @(), [double] $TimeoutSeconds = 120)
            $ps = [powershell]::Create()
            try {
                $ps.Runspace = $Session.Runspace
                $null = $ps.AddScript($Script.ToString(), $true)
                foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $async = $ps.BeginInvoke()
                if (-not $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($TimeoutSeconds))) {
                    $ps.Stop()
                    throw "The child pwsh did not finish within $TimeoutSeconds s (a hang)."
                }
                $terminating = $null
                $output = try { $ps.EndInvoke($async) } catch {
                    $e = $_.Exception
                    if ($e -is [System.Management.Automation.MethodInvocationException] -and $e.InnerException) { $e = $e.InnerException }
                    $terminating = if ($e -is [System.Management.Automation.IContainsErrorRecord]) { $e.ErrorRecord } else { $e }
                    @()
                }
                $clock.Stop()
                [pscustomobject]@{
                    Output      = @($output)
                    Jobs        = @($output | Where-Object { $_ -isnot [string] })
                    Text        = @($output | Where-Object { $_ -is [string] })
                    Errors      = @($ps.Streams.Error)
                    Verbose     = @($ps.Streams.Verbose | ForEach-Object Message)
                    Warning     = @($ps.Streams.Warning | ForEach-Object Message)
                    Terminating = $terminating
                    Seconds     = $clock.Elapsed.TotalSeconds
                }
            }
            finally { $ps.Dispose() }
        }

        # ---- rows ----------------------------------------------------------------------------
        function Invoke-ChildGet {
            # Get-AutoMLJobV2 in the child with -Verbose captured through 4>&1 ("VERBOSE: ..." lines
            # among the output); errors stay in the error stream.
            param($Session = $script:child, [string[]] $Name, [hashtable] $Connection = $script:conn, [double] $RequestTimeout = 0)
            Invoke-ChildPwsh $Session {
                param($Name, $Connection, $RequestTimeout)
                if ($RequestTimeout -gt 0) { $AutoMLV2RequestTimeoutSeconds = $RequestTimeout }
                Get-AutoMLJobV2 -AutoMLJobName $Name @Connection -Verbose 4>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: $($_.Message)" } else { $_ }
                }
            } -ArgumentList $Name, $Connection, $RequestTimeout
        }

        function Invoke-ChildWait {
            param($Session = $script:child, [string[]] $Name, [hashtable] $Connection = $script:conn, [int] $Timeout = 60, [double] $RequestTimeout = 0)
            Invoke-ChildPwsh $Session {
                param($Name, $Connection, $Timeout, $RequestTimeout)
                if ($RequestTimeout -gt 0) { $AutoMLV2RequestTimeoutSeconds = $RequestTimeout }
                $ProgressPreference = 'SilentlyContinue'
                Wait-AutoMLJobV2 -AutoMLJobName $Name @Connection -PollInterval 1 -Timeout $Timeout -Verbose 4>&1 | ForEach-Object {
                    if ($_ -is [System.Management.Automation.VerboseRecord]) { "VERBOSE: $($_.Message)" } else { $_ }
                }
            } -ArgumentList $Name, $Connection, $Timeout, $RequestTimeout -TimeoutSeconds ($Timeout + 60)
        }

        function Get-Requests([string] $Operation = 'DescribeAutoMLJobV2', [string] $Job) {
            @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[1] -eq $Operation -and (-not $Job -or $_[2] -eq $Job) })
        }

        function Get-ErrorSummary($Result) {
            ($Result.Errors | ForEach-Object { "[$($_.FullyQualifiedErrorId) $($_.CategoryInfo.Category) $($_.TargetObject)] $($_.Exception.Message)" }) -join "`n"
        }

        $script:moto = Start-AutoMLMoto
        $script:conn = Get-AutoMLTestConnection $moto
        $script:jobNames = 'fault-a', 'fault-b', 'fault-c'
        $null = New-AutoMLMotoJob -Moto $moto -Name $jobNames
        New-AutoMLMotoJob -Moto $moto -Name 'fault-big' | Out-Null
        foreach ($name in $jobNames + 'fault-big') {
            # Completed for good (applied steps stay after Reset-AutoMLMoto); no moto placeholder partial failure.
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null; FailureReason = $null })
        }
        Reset-AutoMLMoto $moto
        $script:child = New-ChildPwsh
    }

    AfterAll {
        foreach ($session in @($script:children)) { Remove-ChildPwsh $session }
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
    }

    BeforeEach {
        Reset-AutoMLMoto $moto
        $r = $null
    }

    AfterEach {
        # With $env:AUTOMLV2_FAULTS_OBSERVED set to a file, each row appends what it observed (one JSON
        # line): the source of the "observed" column of FAULTS.md.
        if ($env:AUTOMLV2_FAULTS_OBSERVED -and $r) {
            $stats = Get-AutoMLMotoStats $moto
            $test = Get-Variable -Name '____Pester' -ValueOnly -ErrorAction Ignore
            [pscustomobject]@{
                Test     = $test.CurrentTest.ExpandedName
                Jobs     = @($r.Jobs | ForEach-Object { "$($_.AutoMLJobName) ($($_.AutoMLJobStatus))" })
                Errors   = @($r.Errors | ForEach-Object { "$(($_.FullyQualifiedErrorId -split ',')[0]) / $($_.CategoryInfo.Category): $($_.Exception.Message)" })
                Retries  = @($r.Text | Where-Object { $_ -match 'retrying|Polling again' }).Count
                Requests = @($stats.log | Where-Object { $_[1] -in 'DescribeAutoMLJobV2', 'ListAutoMLJobs' }).Count
                Seconds  = [math]::Round($r.Seconds, 2)
            } | ConvertTo-Json -Compress -Depth 4 | Add-Content -LiteralPath $env:AUTOMLV2_FAULTS_OBSERVED
        }
    }

    Context 'Throttling and 5xx, then success' {
        It 'Get: ThrottlingException x2 then success -> the object, no error, retries visible in -Verbose' {
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job fault-a -Count 2
            $r = Invoke-ChildGet -Name fault-a
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            @(Get-Requests -Job fault-a).Count | Should -Be 3
            # AttemptLogHandler reports every retried attempt to -Verbose: "DescribeAutoMLJobV2 'fault-a': attempt 2 (retrying)".
            ($r.Text -join "`n") | Should -Match "(?m)^VERBOSE: .*'fault-a'.*attempt \d+.*retrying" -Because 'each retry of the SDK must be visible with -Verbose'
        }

        It 'Get: ThrottlingException x3 then success, AWS_MAX_ATTEMPTS=4 -> the object, retries visible in -Verbose' {
            $four = New-ChildPwsh -Environment @{ AWS_MAX_ATTEMPTS = '4' }
            try {
                Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job fault-a -Count 3
                $r = Invoke-ChildGet -Session $four -Name fault-a
                $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
                $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
                @(Get-Requests -Job fault-a).Count | Should -Be 4
                @($r.Text -match 'attempt \d+.*retrying').Count | Should -Be 3 -Because 'attempts 2, 3 and 4 are retries'
            }
            finally { Remove-ChildPwsh $four }
        }

        It 'Get: ThrottlingException x3 with the default 3 attempts -> the object: after the SDK''s attempts the command pauses and sends it again' {
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job fault-a -Count 3
            $r = Invoke-ChildGet -Name fault-a
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            @(Get-Requests -Job fault-a).Count | Should -Be 4
            ($r.Text -join "`n") | Should -Match '(?m)^VERBOSE: .*''fault-a'' was throttled \(ThrottlingException\); every request pauses'
        }

        It 'Wait: ThrottlingException x3 then success -> the object (a throttled poll never ends a wait)' {
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job fault-a -Count 3
            $r = Invoke-ChildWait -Name fault-a -Timeout 30
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            $r.Jobs.AutoMLJobStatus | Should -Be 'Completed'
            ($r.Text -join "`n") | Should -Match '(?m)^VERBOSE: fault-a: .*Polling again in'
            $r.Seconds | Should -BeLessThan 15
        }

        It 'Get: HTTP <Status> x2 then success -> the object' -ForEach @(@{ Status = 500; Code = 'InternalFailure' }, @{ Status = 503; Code = 'ServiceUnavailable' }) {
            Add-AutoMLMotoFault $moto -Kind error -Status $Status -Code $Code -Operation DescribeAutoMLJobV2 -Job fault-b -Count 2
            $r = Invoke-ChildGet -Name $jobNames
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be $jobNames
            @(Get-Requests -Job fault-b).Count | Should -Be 3
        }

        It 'Wait: HTTP <Status> x2 then success -> the object' -ForEach @(@{ Status = 500; Code = 'InternalFailure' }, @{ Status = 503; Code = 'ServiceUnavailable' }) {
            Add-AutoMLMotoFault $moto -Kind error -Status $Status -Code $Code -Operation DescribeAutoMLJobV2 -Job fault-b -Count 2
            $r = Invoke-ChildWait -Name $jobNames -Timeout 30
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            @($r.Jobs.AutoMLJobName | Sort-Object) | Should -Be $jobNames
        }
    }

    Context 'Persistent server errors' {
        It 'Get: persistent HTTP <Status> -> one error after the SDK''s 3 attempts, in bounded time; the other jobs come out' -ForEach @(@{ Status = 500; Code = 'InternalFailure' }, @{ Status = 503; Code = 'ServiceUnavailable' }) {
            Add-AutoMLMotoFault $moto -Kind error -Status $Status -Code $Code -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Seconds | Should -BeLessThan 10
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].CategoryInfo.Category | Should -BeIn 'ConnectionError', 'InvalidResult'
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ServiceError,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match "HTTP $Status"
            @(Get-Requests -Job fault-b).Count | Should -Be 3
        }

        It 'Get: persistent ThrottlingException -> Throttled (LimitsExceeded) in bounded time, after 5 rounds of the SDK''s 3 attempts' {
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            # Pauses of 1, 2, 4 and 8 s at most (with jitter) between the rounds, plus the SDK's backoff.
            $r.Seconds | Should -BeLessThan 45
            @(Get-Requests -Job fault-b).Count | Should -Be 15
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'Throttled,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $r.Errors[0].Exception.Message | Should -Match 'ThrottleLimit'
        }

        It 'Wait: persistent HTTP 500 never ends the wait; -Timeout does (OperationTimeout), with the retries in -Verbose' {
            Add-AutoMLMotoFault $moto -Kind error -Status 500 -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildWait -Name fault-a, fault-b -Timeout 4
            $r.Seconds | Should -BeLessThan 10
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'OperationTimeout,AutoMLV2.Commands.WaitAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            ($r.Text -join "`n") | Should -Match '(?m)^VERBOSE: fault-b: .*HTTP 500.*Polling again in'
        }

        It 'Get: connection refused (nothing listens) -> ConnectionFailed (ConnectionError) in bounded time' {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
            $closed = $conn.Clone(); $closed.EndpointUrl = "http://127.0.0.1:$port"
            $r = Invoke-ChildGet -Name fault-a -Connection $closed
            $r.Seconds | Should -BeLessThan 10
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].Exception.Message | Should -Match "127\.0\.0\.1:$port"
            $r.Errors[0].Exception.Message | Should -Match 'refused'
        }
    }

    Context 'Broken responses for one job in a pipeline of three' {
        It 'Get: connection reset mid-response -> ConnectionFailed for that job naming the reset; the others come out' {
            Add-AutoMLMotoFault $moto -Kind reset -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Seconds | Should -BeLessThan 10
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match 'reset|closed'
            $r.Errors[0].Exception.Message | Should -Not -Match 'Error unmarshalling response'
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        }

        It 'Get: truncated JSON (connection closed before Content-Length) -> an error naming the truncation; the others come out' {
            Add-AutoMLMotoFault $moto -Kind truncate -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Seconds | Should -BeLessThan 10
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match 'ended prematurely|truncated|incomplete'
            $r.Errors[0].Exception.Message | Should -Not -Match 'Error unmarshalling response'
            $r.Errors[0].FullyQualifiedErrorId | Should -BeIn 'ConnectionFailed,AutoMLV2.Commands.GetAutoMLJobV2Command', 'InvalidResponse,AutoMLV2.Commands.GetAutoMLJobV2Command'
        }

        It 'Get: malformed JSON (HTTP 200) -> InvalidResponse (InvalidResult) naming the bad response; the others come out' {
            Add-AutoMLMotoFault $moto -Kind malformed -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match 'DescribeAutoMLJobV2 response is not valid'
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidResponse,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }

        It 'Get: an HTML error page from a proxy (HTTP 502) -> an error saying an HTML page came back; the others come out' {
            Add-AutoMLMotoFault $moto -Kind html -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match 'HTML page'
            $r.Errors[0].Exception.Message | Should -Match '502 Bad Gateway'
            $r.Errors[0].FullyQualifiedErrorId | Should -BeIn 'ServiceError,AutoMLV2.Commands.GetAutoMLJobV2Command', 'InvalidResponse,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }

        It 'Get: an HTML page with HTTP 200 (captive portal) -> InvalidResponse saying an HTML page came back; the others come out' {
            Add-AutoMLMotoFault $moto -Kind body -Operation DescribeAutoMLJobV2 -Job fault-b -Status 200 -ContentType 'text/html; charset=utf-8' `
                -Body '<html><head><title>Hotel Wi-Fi login</title></head><body>Please log in</body></html>'
            $r = Invoke-ChildGet -Name $jobNames
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match 'HTML page'
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidResponse,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        }

        It 'Wait: one <Kind> then a good answer -> the object (a broken response never ends a wait)' -ForEach @(
            @{ Kind = 'reset' }, @{ Kind = 'truncate' }, @{ Kind = 'malformed' }, @{ Kind = 'html' }) {
            Add-AutoMLMotoFault $moto -Kind $Kind -Operation DescribeAutoMLJobV2 -Job fault-b -Count 1
            $r = Invoke-ChildWait -Name $jobNames -Timeout 30
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            @($r.Jobs.AutoMLJobName | Sort-Object) | Should -Be $jobNames
            $r.Seconds | Should -BeLessThan 15
        }
    }

    Context 'A server that never answers' {
        It 'Get: hang with $AutoMLV2RequestTimeoutSeconds = 2 -> ConnectionFailed "timed out" naming the setting, within attempts x 2 s + slack; the others come out' {
            Add-AutoMLMotoFault $moto -Kind hang -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames -RequestTimeout 2
            $attempts = @(Get-Requests -Job fault-b).Count
            $attempts | Should -BeGreaterOrEqual 1
            # 3 attempts, plus the immediate resends of AWSSDK.Core's stale-connection logic when a
            # pooled connection the server left hanging is reused after a timed-out attempt: they do
            # not count as attempts, and the SDK allows up to 10 (row 13; 2 were seen here on a quiet
            # machine, 4 under load). Each costs the 2 s timeout, which the time bound below checks.
            $attempts | Should -BeLessOrEqual 13
            $r.Seconds | Should -BeGreaterThan 1.9
            $r.Seconds | Should -BeLessThan ($attempts * 2 + 4)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].Exception.Message | Should -Match 'timed out'
            $r.Errors[0].Exception.Message | Should -Match '\$AutoMLV2RequestTimeoutSeconds'
        }

        It 'Wait: one hang (2 s request timeout) then a good answer -> the object' {
            Add-AutoMLMotoFault $moto -Kind hang -Operation DescribeAutoMLJobV2 -Job fault-b -Count 1
            $r = Invoke-ChildWait -Name fault-b -Timeout 30 -RequestTimeout 2
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-b'
            $r.Seconds | Should -BeLessThan 12
        }

        It 'Ctrl+C: <Command> against a server that never answers stops within 2 s' -ForEach @(
            @{ Command = 'Get-AutoMLJobV2'; Script = 'Get-AutoMLJobV2 fault-b @c' }
            @{ Command = 'Wait-AutoMLJobV2'; Script = 'Wait-AutoMLJobV2 fault-b @c -PollInterval 1' }) {
            Add-AutoMLMotoFault $moto -Kind hang -Operation DescribeAutoMLJobV2 -Job fault-b
            $ps = [powershell]::Create()
            try {
                $ps.Runspace = $child.Runspace
                $null = $ps.AddScript("param(`$c) `$ProgressPreference = 'SilentlyContinue'; $Script", $true).AddArgument($conn)
                $async = $ps.BeginInvoke()
                Start-Sleep -Seconds 1
                $async.IsCompleted | Should -BeFalse -Because 'the request hangs'
                $stop = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $stop.Stop()
                $r = [pscustomobject]@{ Jobs = @(); Errors = @(); Text = @(); Seconds = $stop.Elapsed.TotalSeconds }
                $stop.Elapsed.TotalSeconds | Should -BeLessThan 2
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            }
            finally { $ps.Dispose() }
            # The child is still usable afterwards.
            Clear-AutoMLMotoFault $moto
            (Invoke-ChildGet -Name fault-a).Jobs.AutoMLJobName | Should -Be 'fault-a'
        }
    }

    Context 'Clock skew (a fresh child: the SDK keeps the correction per endpoint, process-wide)' {
        BeforeAll { $script:skewed = New-ChildPwsh }
        AfterAll { Remove-ChildPwsh $script:skewed; Set-AutoMLMotoClock $moto 0 }

        It 'Get: server clock <Label> -> the SDK corrects the skew and the object comes out' -ForEach @(
            @{ Label = '30 min ahead'; Offset = 1800 }, @{ Label = '30 min behind'; Offset = -1800 }) {
            Set-AutoMLMotoClock $moto $Offset
            $r = Invoke-ChildGet -Session $skewed -Name fault-a
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            $statuses = @(Get-Requests -Job fault-a | ForEach-Object { $_[3] })
            $statuses[-1] | Should -Be 200
            $statuses.Count | Should -BeLessOrEqual 2 -Because 'one rejected attempt at most, then the corrected one'
        }

        It 'Wait: server clock 30 min ahead -> the object' {
            Set-AutoMLMotoClock $moto 1800
            $r = Invoke-ChildWait -Session $skewed -Name fault-c -Timeout 30
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-c'
        }

        It 'Get: the clocks agree again after a skew (the SDK''s stored correction is now wrong) -> the object comes out' {
            # As when NTP fixes a local clock that was 30 min off: the correction learnt from the skewed
            # responses now makes every signature 30 min off.
            Set-AutoMLMotoClock $moto 1800
            (Invoke-ChildGet -Session $skewed -Name fault-a).Jobs.AutoMLJobName | Should -Be 'fault-a'
            Set-AutoMLMotoClock $moto 0
            Reset-AutoMLMoto $moto
            $r = Invoke-ChildGet -Session $skewed -Name fault-a
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
        }
    }

    Context 'Authentication and authorization failures' {
        It 'Get: <Code> -> <Id> (<Category>) saying what to do (<Advice>); no retries' -ForEach @(
            @{ Code = 'ExpiredTokenException'; Message = 'The security token included in the request is expired'; Id = 'AuthenticationFailed'; Category = 'AuthenticationError'; Advice = 'aws sso login' }
            @{ Code = 'UnrecognizedClientException'; Message = 'The security token included in the request is invalid.'; Id = 'AuthenticationFailed'; Category = 'AuthenticationError'; Advice = 'access key' }
            @{ Code = 'AccessDeniedException'; Message = 'User: arn:aws:iam::123456789012:user/x is not authorized to perform: sagemaker:DescribeAutoMLJobV2'; Id = 'AccessDenied'; Category = 'PermissionDenied'; Advice = 'IAM policy' }) {
            Add-AutoMLMotoFault $moto -Kind error -Status 400 -Code $Code -Message $Message -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildGet -Name $jobNames
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be "$Id,AutoMLV2.Commands.GetAutoMLJobV2Command"
            $r.Errors[0].CategoryInfo.Category | Should -Be $Category
            $r.Errors[0].TargetObject | Should -Be 'fault-b'
            $r.Errors[0].Exception.Message | Should -Match ([regex]::Escape($Advice))
            @(Get-Requests -Job fault-b).Count | Should -Be 1
        }

        It 'Wait: AccessDeniedException ends the wait for that job at once (not transient)' {
            Add-AutoMLMotoFault $moto -Kind error -Status 400 -Code AccessDeniedException -Message 'not authorized' -Operation DescribeAutoMLJobV2 -Job fault-b
            $r = Invoke-ChildWait -Name fault-a, fault-b -Timeout 30
            $r.Seconds | Should -BeLessThan 5
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'AccessDenied,AutoMLV2.Commands.WaitAutoMLJobV2Command'
        }

        It 'Get: a wrong secret key (moto''s real SigV4 check) -> AuthenticationFailed saying to check the secret key' {
            $wrong = $conn.Clone(); $wrong.SecretKey = 'WrongSecretKeyForTheFaultMatrix0000000000'
            $r = Invoke-ChildGet -Name fault-a -Connection $wrong
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
            $r.Errors[0].Exception.Message | Should -Match 'secret key'
        }

        It 'Get: an unknown access key (moto''s real IAM check) -> AuthenticationFailed saying to check the access key' {
            $unknown = $conn.Clone(); $unknown.AccessKey = 'AKIAUNKNOWNFAULTKEY0'
            $r = Invoke-ChildGet -Name fault-a -Connection $unknown
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].Exception.Message | Should -Match 'access key'
        }

        It 'Get: a job that does not exist -> AutoMLJobNotFound (ObjectNotFound); the others come out' {
            $r = Invoke-ChildGet -Name fault-a, fault-nope, fault-c
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a', 'fault-c'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'AutoMLJobNotFound,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Errors[0].TargetObject | Should -Be 'fault-nope'
        }
    }

    Context 'Very large responses (a fresh child, to measure its memory)' {
        BeforeAll {
            $script:big = New-ChildPwsh
            Expand-AutoMLMotoJob $moto 'fault-big' -CandidateMetrics 30000 -CandidateSteps 2000
            # The size of the DescribeAutoMLJobV2 body, from the AWS CLI's output without its indentation.
            $cli = Invoke-AutoMLMotoCli -Moto $moto -NoThrow sagemaker describe-auto-ml-job-v2 --auto-ml-job-name fault-big
            $script:responseBytes = ($cli.StdOut -replace '\s+', '').Length
        }
        AfterAll { Remove-ChildPwsh $script:big }

        It 'Get: a multi-MB BestCandidate (30000 metrics, 2000 steps) -> parsed, with bounded memory growth' {
            $responseBytes | Should -BeGreaterThan 2MB -Because 'the row is about multi-MB responses'
            $r = Invoke-ChildPwsh $big {
                param($Connection)
                $null = Get-AutoMLJobV2 fault-a @Connection          # engine loaded, JIT warm
                [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
                $process = [Diagnostics.Process]::GetCurrentProcess()
                $before = $process.WorkingSet64; $peakBefore = $process.PeakWorkingSet64
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $job = Get-AutoMLJobV2 fault-big @Connection
                $clock.Stop()
                $process.Refresh()
                [pscustomobject]@{
                    Name     = $job.AutoMLJobName
                    Metrics  = @($job.BestCandidate.CandidateProperties.CandidateMetrics).Count
                    Steps    = @($job.BestCandidate.CandidateSteps).Count
                    Growth   = $process.WorkingSet64 - $before
                    PeakGrowth = $process.PeakWorkingSet64 - $peakBefore
                    Seconds  = $clock.Elapsed.TotalSeconds
                }
            } -ArgumentList $conn
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $m = $r.Output[0]
            $m.Name | Should -Be 'fault-big'
            $m.Metrics | Should -Be 30000
            $m.Steps | Should -Be 2000
            $m.Seconds | Should -BeLessThan 10
            # Streaming deserialization: the process grows by a small multiple of the response, never by hundreds of MB.
            $m.Growth | Should -BeLessThan ([math]::Max(64MB, 20 * $responseBytes))
            $m.PeakGrowth | Should -BeLessThan ([math]::Max(96MB, 30 * $responseBytes))
            Write-Host ("    large response: {0:N1} MB JSON, working set +{1:N1} MB (peak +{2:N1} MB), {3:N2} s" -f ($responseBytes / 1MB), ($m.Growth / 1MB), ($m.PeakGrowth / 1MB), $m.Seconds)
        }

        It 'Get: the large job among others via a wildcard -> every job comes out, the large one complete' {
            $r = Invoke-ChildPwsh $big {
                param($Connection)
                Get-AutoMLJobV2 'fault-*' @Connection | ForEach-Object { [pscustomobject]@{ Name = $_.AutoMLJobName; Metrics = @($_.BestCandidate.CandidateProperties.CandidateMetrics).Count } }
            } -ArgumentList $conn
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            @($r.Output.Name | Sort-Object) | Should -Be (@($jobNames + 'fault-big') | Sort-Object)
            ($r.Output | Where-Object Name -eq 'fault-big').Metrics | Should -Be 30000
        }
    }

    Context 'Forward compatibility' {
        BeforeAll {
            $script:futureBody = @{
                AutoMLJobName                = 'fault-a'
                AutoMLJobArn                 = 'arn:aws:sagemaker:us-east-1:123456789012:automl-job/fault-a'
                AutoMLJobInputDataConfig     = @(@{ ChannelType = 'training'; ContentType = 'text/csv;header=present'; CompressionType = 'Zstd'
                        DataSource = @{ S3DataSource = @{ S3DataType = 'S3Lakehouse'; S3Uri = 's3://amzn-bucket/in/' }; FutureDataSource = @{ Uri = 'x' } }; FutureChannelField = $true })
                OutputDataConfig             = @{ S3OutputPath = 's3://amzn-bucket/out/'; FutureOutputField = 1 }
                RoleArn                      = 'arn:aws:iam::123456789012:role/automl'
                AutoMLProblemTypeConfig      = @{ AudioSummarizationJobConfig = @{ Language = 'tlh'; CompletionCriteria = @{ MaxCandidates = 3 } } }
                AutoMLProblemTypeConfigName  = 'AudioSummarization'
                CreationTime                 = 1767225600.0
                LastModifiedTime             = 1767229200.5
                AutoMLJobStatus              = 'Paused'
                AutoMLJobSecondaryStatus     = 'WaitingForQuantumCapacity'
                AutoMLJobObjective           = @{ MetricName = 'Vibes' }
                BestCandidate                = @{
                    CandidateName = 'c1'; CandidateStatus = 'Hibernating'; ObjectiveStatus = 'Pondering'
                    CandidateSteps = @(@{ CandidateStepType = 'AWS::SageMaker::QuantumJob'; CandidateStepArn = 'arn:aws:sagemaker:us-east-1:123456789012:quantum-job/q'; CandidateStepName = 'q'; StepColor = 'blue' })
                    FinalAutoMLJobObjectiveMetric = @{ MetricName = 'Vibes'; Value = 0.5; Type = 'Vibe'; StandardMetricName = 'Vibes'; Confidence = 0.9 }
                    CandidateProperties = @{ CandidateMetrics = @(@{ MetricName = 'Vibes'; Value = 0.5; Set = 'Holdout'; StandardMetricName = 'Vibes'; Unit = 'vibe' }) }
                    CreationTime = 1767225600; LastModifiedTime = 1767225600
                }
                ResolvedAttributes           = @{ AutoMLProblemTypeResolvedAttributes = @{ AudioSummarizationResolvedAttributes = @{ Language = 'tlh' } } }
                BrandNewTopLevelField        = @{ nested = @(1, 2, @{ deep = 'yes' }) }
                AnotherNewField              = 'x'
                NewNumber                    = 42
                NewNull                      = $null
            } | ConvertTo-Json -Depth 16 -Compress
        }

        It 'Get: unknown enum values, an unknown union member and new fields -> kept (newer members by their names), displayed, no error' {
            Add-AutoMLMotoFault $moto -Kind body -Operation DescribeAutoMLJobV2 -Job fault-a -Body $futureBody
            $r = Invoke-ChildPwsh $child {
                param($Connection)
                $job = Get-AutoMLJobV2 fault-a @Connection
                [pscustomobject]@{
                    Status          = $job.AutoMLJobStatus
                    Secondary       = $job.AutoMLJobSecondaryStatus
                    ProblemType     = $job.AutoMLProblemTypeConfigName
                    KnownUnion      = @($job.AutoMLProblemTypeConfig.PSObject.Properties | Where-Object { $null -ne $_.Value -and $_.Name -ne 'AudioSummarizationJobConfig' }).Count
                    NewerUnion      = $job.AutoMLProblemTypeConfig.AudioSummarizationJobConfig.Language
                    NewerTopLevel   = $job.BrandNewTopLevelField.nested[2].deep
                    NewerInList     = $job.BestCandidate.CandidateSteps[0].StepColor
                    CandidateStatus = $job.BestCandidate.CandidateStatus
                    ObjectiveStatus = $job.BestCandidate.ObjectiveStatus
                    StepType        = $job.BestCandidate.CandidateSteps[0].CandidateStepType
                    MetricSet       = $job.BestCandidate.CandidateProperties.CandidateMetrics[0].Set
                    MetricType      = $job.BestCandidate.FinalAutoMLJobObjectiveMetric.Type
                    Compression     = $job.AutoMLJobInputDataConfig[0].CompressionType
                    S3DataType      = $job.AutoMLJobInputDataConfig[0].DataSource.S3DataSource.S3DataType
                    Table           = ($job | Out-String)
                    List            = ($job | Format-List * | Out-String)
                }
            } -ArgumentList $conn
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Terminating | Should -BeNullOrEmpty
            $o = $r.Output[0]
            $o.Status | Should -Be 'Paused'
            $o.Secondary | Should -Be 'WaitingForQuantumCapacity'
            $o.ProblemType | Should -Be 'AudioSummarization'
            $o.KnownUnion | Should -Be 0
            $o.NewerUnion | Should -Be 'tlh'
            $o.NewerTopLevel | Should -Be 'yes'
            $o.NewerInList | Should -Be 'blue'
            $o.CandidateStatus | Should -Be 'Hibernating'
            $o.ObjectiveStatus | Should -Be 'Pondering'
            $o.StepType | Should -Be 'AWS::SageMaker::QuantumJob'
            $o.MetricSet | Should -Be 'Holdout'
            $o.MetricType | Should -Be 'Vibe'
            $o.Compression | Should -Be 'Zstd'
            $o.S3DataType | Should -Be 'S3Lakehouse'
            $o.Table | Should -Match 'Paused'
            $o.List | Should -Match 'WaitingForQuantumCapacity'
        }

        It 'Get: a ListAutoMLJobs page with unknown statuses and new fields -> the wildcard still matches and describes' {
            $page = @{
                AutoMLJobSummaries = @(@{ AutoMLJobName = 'fault-a'; AutoMLJobArn = 'arn:aws:sagemaker:us-east-1:123456789012:automl-job/fault-a'
                        AutoMLJobStatus = 'Paused'; AutoMLJobSecondaryStatus = 'Hibernating'; CreationTime = 1767225600; LastModifiedTime = 1767225600
                        FutureSummaryField = @{ a = 1 } })
                FuturePageField    = 'x'
            } | ConvertTo-Json -Depth 8 -Compress
            Add-AutoMLMotoFault $moto -Kind body -Operation ListAutoMLJobs -Body $page
            $r = Invoke-ChildGet -Name 'fault-*'
            $r.Errors | Should -BeNullOrEmpty -Because (Get-ErrorSummary $r)
            $r.Jobs.AutoMLJobName | Should -Be 'fault-a'
        }
    }

    Context 'Retry settings' {
        It 'AWS_MAX_ATTEMPTS changed within a session applies to the next command' {
            $one = New-ChildPwsh -Environment @{ AWS_MAX_ATTEMPTS = '1' }
            try {
                Add-AutoMLMotoFault $moto -Kind error -Status 500 -Operation DescribeAutoMLJobV2 -Job fault-b
                $first = Invoke-ChildGet -Session $one -Name fault-b
                $first.Errors.Count | Should -Be 1
                @(Get-Requests -Job fault-b).Count | Should -Be 1
                Reset-AutoMLMoto $moto
                Add-AutoMLMotoFault $moto -Kind error -Status 500 -Operation DescribeAutoMLJobV2 -Job fault-b
                $null = Invoke-ChildPwsh $one { $env:AWS_MAX_ATTEMPTS = '4' }
                $r = Invoke-ChildGet -Session $one -Name fault-b
                $r.Errors.Count | Should -Be 1
                @(Get-Requests -Job fault-b).Count | Should -Be 4 -Because '$env:AWS_MAX_ATTEMPTS = 4 was set before this command'
            }
            finally { Remove-ChildPwsh $one }
        }
    }
}
