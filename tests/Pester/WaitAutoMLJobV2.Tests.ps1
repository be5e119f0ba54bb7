# Acceptance tests of Wait-AutoMLJobV2 (the BUILT module, out/AutoMLV2/AutoMLV2.psd1) against a local
# SageMaker endpoint: moto with IAM SigV4 authentication on (tests/Pester/MotoHarness.psm1). Jobs are
# scripted through the harness (status, secondary status, failure reason, best candidate over describes or
# seconds), faults are injected into the endpoint, and requests are counted per job. One server for the
# whole file; the caller's AWS environment is isolated (TestEnvironment.psm1). -PollInterval 1 throughout.

Describe 'Wait-AutoMLJobV2 against a local SageMaker endpoint (moto, IAM auth on)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force

        $null = Use-IsolatedAwsEnvironment
        $manifest = (Import-BuiltAutoMLV2).Path
        $moto = Start-AutoMLMoto
        $conn = Get-AutoMLTestConnection $moto
        $command = 'AutoMLV2.Commands.WaitAutoMLJobV2Command'

        # Every job of the file, created at once (one boto3 process). Each test has its own jobs: the
        # harness reset between tests clears scripts, faults and stats, not the jobs.
        $null = New-AutoMLMotoJob -Moto $moto -Name @(
            'w-phases', 'w-failed', 'w-failed-stop', 'w-stopped', 'w-partial',
            'w-order-a', 'w-order-b', 'w-order-c', 'w-order-d', 'w-order-e',
            'w-forever-1', 'w-forever-2', 'w-timeout-done', 'w-here-1', 'w-here-2', 'w-throttled',
            'w-pipe-1', 'w-pipe-2', 'w-pipe-3', 'w-prog-1', 'w-prog-2', 'w-ctrlc', 'w-ctrlc-hang', 'w-done',
            'w-transient', 'w-timeout-hang', 'w-alias')

        # A running job without moto's placeholders (a new moto job already has an EndTime, an empty
        # FailureReason and PartialFailureReasons, and a BestCandidate).
        function New-RunningStep([string] $Secondary = 'Starting') {
            @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = $Secondary
               FailureReason = $null; PartialFailureReasons = $null; BestCandidate = $null; EndTime = $null }
        }

        function Set-JobScript([string] $Name, [object[]] $Steps) { $null = Set-AutoMLMotoJobScript $moto $Name $Steps }

        # DescribeAutoMLJobV2 requests the endpoint received for one job since the last reset (faulted ones too).
        function Get-DescribeCount([string] $Name) {
            @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[1] -ceq 'DescribeAutoMLJobV2' -and $_[2] -ceq $Name }).Count
        }

        function Wait-Until([scriptblock] $Condition, [int] $TimeoutSeconds = 15, [string] $What = 'the condition') {
            $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
            while (-not (& $Condition)) {
                if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $TimeoutSeconds s waiting for $What." }
                Start-Sleep -Milliseconds 50
            }
        }

        # Runs the script block with Verbose, Warning and Error merged in, and sorts what came out.
        function Invoke-Captured([scriptblock] $ScriptBlock) {
            $all = [System.Collections.Generic.List[object]]::new()
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            foreach ($item in (& $ScriptBlock 4>&1 3>&1 2>&1)) { $all.Add($item) }
            $watch.Stop()
            [pscustomobject]@{
                All      = $all.ToArray()
                Jobs     = @($all | Where-Object { $_ -is [AutoMLV2.Model.AutoMLJobV2] })
                Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
                Verbose  = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
                Elapsed  = $watch.Elapsed
            }
        }

        # Wait-AutoMLJobV2 in a runspace of its own (progress records, Ctrl+C, changes made while it waits).
        function Start-BackgroundWait([string[]] $Name, [hashtable] $Parameters = @{}) {
            $ps = [powershell]::Create()
            $null = $ps.AddScript({
                    param($Manifest, $Names, $Parameters)
                    Import-Module $Manifest -ErrorAction Stop
                    Wait-AutoMLJobV2 -AutoMLJobName $Names @Parameters
                }.ToString()).AddArgument($manifest).AddArgument($Name).AddArgument($conn + $Parameters)
            [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
        }

        function Receive-BackgroundWait($Wait, [int] $TimeoutSeconds = 30) {
            if (-not $Wait.Handle.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)) {
                $Wait.PowerShell.Stop()
                throw "The background Wait-AutoMLJobV2 did not end within $TimeoutSeconds s."
            }
            @($Wait.PowerShell.EndInvoke($Wait.Handle))
        }

        function Stop-BackgroundWait($Wait) {
            if ($Wait) {
                if ($Wait.PowerShell.InvocationStateInfo.State -eq 'Running') { $Wait.PowerShell.Stop() }
                $Wait.PowerShell.Dispose()
            }
        }

        $bestCandidate = @{
            CandidateName                 = 'w-phases-candidate-7'
            CandidateStatus               = 'Completed'
            ObjectiveStatus               = 'Succeeded'
            FinalAutoMLJobObjectiveMetric = @{ Type = 'Maximize'; MetricName = 'validation:f1'; StandardMetricName = 'F1'; Value = 0.875 }
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
    }

    BeforeEach { Reset-AutoMLMoto $moto }

    It 'returns a job that goes through several secondary statuses once, in its final state, and -Verbose shows each transition' {
        Set-JobScript w-phases @(
            New-RunningStep Starting
            @{ after_describes = 1; AutoMLJobSecondaryStatus = 'AnalyzingData' }
            @{ after_describes = 2; AutoMLJobSecondaryStatus = 'FeatureEngineering' }
            @{ after_describes = 3; AutoMLJobSecondaryStatus = 'ModelTuning' }
            @{ after_describes = 4; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; BestCandidate = $bestCandidate })
        $before = [datetime]::Now

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-phases @conn -PollInterval 1 -Verbose }

        $after = [datetime]::Now
        $r.Errors | Should -BeNullOrEmpty
        $r.Jobs.Count | Should -Be 1
        $job = $r.Jobs[0]
        $job.AutoMLJobName | Should -Be 'w-phases'
        $job.AutoMLJobStatus | Should -Be 'Completed'
        $job.AutoMLJobSecondaryStatus | Should -Be 'Completed'
        $job.EndTime | Should -BeOfType [datetime]
        $job.BestCandidate.CandidateName | Should -Be 'w-phases-candidate-7'
        $job.BestCandidate.FinalAutoMLJobObjectiveMetric.Value | Should -Be 0.875
        Get-DescribeCount w-phases | Should -Be 5

        $transitions = @($r.Verbose | Where-Object { $_ -match '^\d\d:\d\d:\d\d w-phases: ' })
        $transitions -replace '^\d\d:\d\d:\d\d ', '' | Should -Be @(
            'w-phases: InProgress/Starting'
            'w-phases: InProgress/Starting -> InProgress/AnalyzingData'
            'w-phases: InProgress/AnalyzingData -> InProgress/FeatureEngineering'
            'w-phases: InProgress/FeatureEngineering -> InProgress/ModelTuning'
            'w-phases: InProgress/ModelTuning -> Completed/Completed')
        # The timestamps are the local times of the polls, one interval apart.
        if ($before.Date -eq $after.Date) {
            $times = @($transitions | ForEach-Object { [timespan]::ParseExact($_.Substring(0, 8), 'hh\:mm\:ss', [cultureinfo]::InvariantCulture) })
            foreach ($t in $times) { $t | Should -BeGreaterOrEqual $before.TimeOfDay.Subtract([timespan]::FromSeconds(1)) }
            foreach ($t in $times) { $t | Should -BeLessOrEqual $after.TimeOfDay.Add([timespan]::FromSeconds(1)) }
            for ($i = 1; $i -lt $times.Count; $i++) { $times[$i] | Should -BeGreaterThan $times[$i - 1] }
        }
    }

    It 'writes a failed job AND then an AutoMLJobFailed error with the failure reason, targeting the object' {
        Set-JobScript w-failed @(
            New-RunningStep TrainingModels
            @{ after_describes = 1; AutoMLJobStatus = 'Failed'; AutoMLJobSecondaryStatus = 'Failed'; FailureReason = 'AlgorithmError: the training data has no rows' })

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-failed @conn -PollInterval 1 }

        $r.All.Count | Should -Be 2
        $r.All[0] | Should -BeOfType [AutoMLV2.Model.AutoMLJobV2]
        $r.All[1] | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $job = $r.All[0]
        $job.AutoMLJobStatus | Should -Be 'Failed'
        $job.FailureReason | Should -Be 'AlgorithmError: the training data has no rows'
        $e = $r.All[1]
        $e.FullyQualifiedErrorId | Should -Be "AutoMLJobFailed,$command"
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        $e.Exception.Message | Should -BeLike '*w-failed*'
        $e.Exception.Message | Should -BeLike '*AlgorithmError: the training data has no rows*'
        $e.TargetObject | Should -BeOfType [AutoMLV2.Model.AutoMLJobV2]
        [object]::ReferenceEquals($e.TargetObject, $job.PSObject.BaseObject) | Should -BeTrue
        Get-DescribeCount w-failed | Should -Be 2
    }

    It 'throws AutoMLJobFailed under -ErrorAction Stop, after writing the object' {
        Set-JobScript w-failed-stop @(@{ after_seconds = 0; AutoMLJobStatus = 'Failed'; AutoMLJobSecondaryStatus = 'Failed'; FailureReason = 'ClientError: no such S3 object'; BestCandidate = $null })
        $seen = [System.Collections.Generic.List[object]]::new()

        { Wait-AutoMLJobV2 w-failed-stop @conn -PollInterval 1 -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
            Should -Throw -ErrorId "AutoMLJobFailed,$command" -ExpectedMessage '*ClientError: no such S3 object*'

        $seen.Count | Should -Be 1
        $seen[0].AutoMLJobStatus | Should -Be 'Failed'
    }

    It 'ends a job stopped through the AWS CLI while it waits as Stopped, with an AutoMLJobStopped error' {
        Set-JobScript w-stopped @(New-RunningStep TrainingModels)
        $wait = Start-BackgroundWait w-stopped @{ PollInterval = 1 }
        try {
            Wait-Until { (Get-DescribeCount w-stopped) -ge 1 } -What 'the first poll'
            $null = Invoke-AutoMLMotoCli -Moto $moto sagemaker stop-auto-ml-job --auto-ml-job-name w-stopped
            $out = Receive-BackgroundWait $wait
            $errors = @($wait.PowerShell.Streams.Error)
        }
        finally { Stop-BackgroundWait $wait }

        $out.Count | Should -Be 1
        $job = $out[0].PSObject.BaseObject
        $job | Should -BeOfType [AutoMLV2.Model.AutoMLJobV2]
        $job.AutoMLJobStatus | Should -Be 'Stopped'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be "AutoMLJobStopped,$command"
        $errors[0].CategoryInfo.Category | Should -Be 'OperationStopped'
        $errors[0].Exception.Message | Should -BeLike "*w-stopped*stopped*"
        [object]::ReferenceEquals($errors[0].TargetObject, $job) | Should -BeTrue
        (Get-AutoMLMotoStats $moto).requests.StopAutoMLJob | Should -Be 1
    }

    It 'turns PartialFailureReasons into warnings' {
        Set-JobScript w-partial @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; FailureReason = $null
                PartialFailureReasons = @(@{ PartialFailureMessage = 'Candidate 3 ran out of memory' }, @{ PartialFailureMessage = 'Candidate 7 exceeded its runtime' }) })

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-partial @conn -PollInterval 1 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Jobs.Count | Should -Be 1
        $r.Jobs[0].AutoMLJobStatus | Should -Be 'Completed'
        $r.Warnings.Count | Should -Be 2
        $r.Warnings[0] | Should -BeLike "*w-partial*Candidate 3 ran out of memory*"
        $r.Warnings[1] | Should -BeLike "*w-partial*Candidate 7 exceeded its runtime*"
        # Warnings come after the object they belong to.
        $r.All[0] | Should -BeOfType [AutoMLV2.Model.AutoMLJobV2]
    }

    It 'writes five jobs waited on together in the order they finish' {
        # Finishing on describe: c 1st, d 2nd, b 3rd (Failed), e 4th, a 5th (Stopped).
        Set-JobScript w-order-c @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null })
        $finishOn = @{ 'w-order-d' = @(1, 'Completed'); 'w-order-b' = @(2, 'Failed'); 'w-order-e' = @(3, 'Completed'); 'w-order-a' = @(4, 'Stopped') }
        foreach ($name in $finishOn.Keys) {
            Set-JobScript $name @(
                New-RunningStep TrainingModels
                @{ after_describes = $finishOn[$name][0]; AutoMLJobStatus = $finishOn[$name][1]; AutoMLJobSecondaryStatus = $finishOn[$name][1]; FailureReason = 'x' })
        }

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-order-a, w-order-b, w-order-c, w-order-d, w-order-e @conn -PollInterval 1 }

        $r.Jobs.AutoMLJobName | Should -Be @('w-order-c', 'w-order-d', 'w-order-b', 'w-order-e', 'w-order-a')
        $r.Jobs.AutoMLJobStatus | Should -Be @('Completed', 'Completed', 'Failed', 'Completed', 'Stopped')
        # Each error right after its object.
        $r.All | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.FullyQualifiedErrorId.Split(',')[0] } else { $_.AutoMLJobName } } |
            Should -Be @('w-order-c', 'w-order-d', 'w-order-b', 'AutoMLJobFailed', 'w-order-e', 'w-order-a', 'AutoMLJobStopped')
        [object]::ReferenceEquals($r.Errors[0].TargetObject, $r.Jobs[2].PSObject.BaseObject) | Should -BeTrue
        [object]::ReferenceEquals($r.Errors[1].TargetObject, $r.Jobs[4].PSObject.BaseObject) | Should -BeTrue
    }

    It 'gives up after -Timeout with one OperationTimeout error per running job, leaving the jobs running' {
        foreach ($name in 'w-forever-1', 'w-forever-2') {
            Set-JobScript $name @(New-RunningStep Starting; @{ after_describes = 1; AutoMLJobSecondaryStatus = 'TrainingModels' })
        }
        Set-JobScript w-timeout-done @(New-RunningStep Starting; @{ after_describes = 1; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-forever-1, w-timeout-done, w-forever-2 @conn -PollInterval 1 -Timeout 3 }

        $r.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 3
        $r.Elapsed.TotalSeconds | Should -BeLessThan 5.5    # timeout + interval + slack
        $r.Jobs.AutoMLJobName | Should -Be 'w-timeout-done'
        $r.Errors.Count | Should -Be 2
        foreach ($e in $r.Errors) {
            $e.FullyQualifiedErrorId | Should -Be "OperationTimeout,$command"
            $e.CategoryInfo.Category | Should -Be 'OperationTimeout'
            $e.TargetObject | Should -BeOfType [AutoMLV2.Model.AutoMLJobV2]
            # The last object observed (the second describe on changed the secondary status).
            $e.TargetObject.AutoMLJobStatus | Should -Be 'InProgress'
            $e.TargetObject.AutoMLJobSecondaryStatus | Should -Be 'TrainingModels'
            $e.Exception.Message | Should -BeLike '*3s*'
        }
        $r.Errors.TargetObject.AutoMLJobName | Should -Be @('w-forever-1', 'w-forever-2')
        foreach ($name in 'w-forever-1', 'w-forever-2') { Get-DescribeCount $name | Should -BeIn 2, 3 }

        # Not touched: still running, nothing but describes was sent.
        (Get-AutoMLMotoStats $moto).requests.PSObject.Properties.Name | Should -Be 'DescribeAutoMLJobV2'
        (Get-AutoMLJobV2 w-forever-1, w-forever-2 @conn).AutoMLJobStatus | Should -Be @('InProgress', 'InProgress')
    }

    It 'writes AutoMLJobNotFound for a missing job and still waits for the others' {
        foreach ($name in 'w-here-1', 'w-here-2') {
            Set-JobScript $name @(New-RunningStep; @{ after_describes = 1; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        }

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-here-1, w-no-such-job, w-here-2 @conn -PollInterval 1 }

        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "AutoMLJobNotFound,$command"
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be 'w-no-such-job'
        ($r.Jobs.AutoMLJobName | Sort-Object) | Should -Be @('w-here-1', 'w-here-2')
        $r.Jobs.AutoMLJobStatus | Should -Be @('Completed', 'Completed')
        Get-DescribeCount w-no-such-job | Should -Be 1
    }

    It 'rides out throttling injected mid-wait and still returns the job' {
        Set-JobScript w-throttled @(New-RunningStep TrainingModels; @{ after_describes = 2; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        $wait = Start-BackgroundWait w-throttled @{ PollInterval = 1; Verbose = $true }
        try {
            Wait-Until { (Get-DescribeCount w-throttled) -ge 1 } -What 'the first poll'
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job w-throttled -Count 6
            $out = Receive-BackgroundWait $wait
            $errors = @($wait.PowerShell.Streams.Error)
            $verbose = @($wait.PowerShell.Streams.Verbose | ForEach-Object Message)
        }
        finally { Stop-BackgroundWait $wait }

        $errors | Should -BeNullOrEmpty
        $out.Count | Should -Be 1
        $out[0].AutoMLJobStatus | Should -Be 'Completed'
        $stats = Get-AutoMLMotoStats $moto
        $stats.throttled | Should -Be 6
        # 1 before the fault, 6 throttled, 2 more answered (the second of them Completed).
        Get-DescribeCount w-throttled | Should -Be 9
        # The waiter (not only the SDK) had to retry: the SDK gives up after 3 attempts.
        ($verbose -match 'w-throttled: .*Polling again in \d+s\.').Count | Should -BeGreaterOrEqual 1
    }

    It 'retries 5xx errors and connection resets the SDK gave up on, and still returns the job' {
        Set-JobScript w-transient @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null })
        Add-AutoMLMotoFault $moto -Rule @(
            @{ operation = 'DescribeAutoMLJobV2'; job = 'w-transient'; kind = 'error'; status = 500; code = 'InternalFailure'; count = 3 }
            @{ operation = 'DescribeAutoMLJobV2'; job = 'w-transient'; kind = 'reset'; count = 3 })

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-transient @conn -PollInterval 1 -Verbose }

        $r.Errors | Should -BeNullOrEmpty
        $r.Jobs.Count | Should -Be 1
        $r.Jobs[0].AutoMLJobStatus | Should -Be 'Completed'
        Get-DescribeCount w-transient | Should -Be 7
        ($r.Verbose -match '^w-transient: .*Polling again in \d+s\.$').Count | Should -BeGreaterOrEqual 1
    }

    It 'times out a job whose describe hangs as never described, abandoning the request' {
        Add-AutoMLMotoFault $moto -Kind hang -Operation DescribeAutoMLJobV2 -Job w-timeout-hang -Count 1

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-timeout-hang @conn -PollInterval 1 -Timeout 2 }

        $r.Elapsed.TotalSeconds | Should -BeLessThan 3.5
        $r.Jobs | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be "OperationTimeout,$command"
        $r.Errors[0].TargetObject | Should -Be 'w-timeout-hang'
        $r.Errors[0].Exception.Message | Should -BeLike '*never described*'
        Wait-Until { (Get-DescribeCount w-timeout-hang) -ge 1 } -TimeoutSeconds 5 -What 'the hanging request to end'
        Get-DescribeCount w-timeout-hang | Should -Be 1
    }

    It 'takes names from the pipeline by value and by property name, and through its aliases' {
        Set-JobScript w-alias @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null })

        ('w-alias' | Wait-AutoMLJobV2 @conn -PollInterval 1).AutoMLJobName | Should -Be 'w-alias'
        ([pscustomobject]@{ JobName = 'w-alias' } | Wait-AutoMLJobV2 @conn -PollInterval 1).AutoMLJobName | Should -Be 'w-alias'
        ([pscustomobject]@{ AutoMLJobName = 'w-alias' } | Wait-AutoMLJobV2 @conn -PollInterval 1).AutoMLJobName | Should -Be 'w-alias'
        (Wait-AutoMLJobV2 -Name w-alias @conn -PollInterval 1).AutoMLJobName | Should -Be 'w-alias'
        (Wait-AutoMLJobV2 -JobName w-alias @conn -PollInterval 1).AutoMLJobName | Should -Be 'w-alias'
        Get-DescribeCount w-alias | Should -Be 5
    }

    It 'waits for the jobs Get-AutoMLJobV2 ''prefix-*'' pipes to it' {
        foreach ($name in 'w-pipe-1', 'w-pipe-2', 'w-pipe-3') {
            # Get-AutoMLJobV2's describe sees it running; Wait-AutoMLJobV2's first sees it Completed.
            Set-JobScript $name @(New-RunningStep TrainingModels; @{ after_describes = 1; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        }

        $r = Invoke-Captured { Get-AutoMLJobV2 'w-pipe-*' @conn | Wait-AutoMLJobV2 @conn -PollInterval 1 }

        $r.Errors | Should -BeNullOrEmpty
        ($r.Jobs.AutoMLJobName | Sort-Object) | Should -Be @('w-pipe-1', 'w-pipe-2', 'w-pipe-3')
        $r.Jobs.AutoMLJobStatus | Should -Be @('Completed', 'Completed', 'Completed')
        foreach ($name in 'w-pipe-1', 'w-pipe-2', 'w-pipe-3') { Get-DescribeCount $name | Should -Be 2 }
    }

    It 'writes a progress record per job under a parent counting finished jobs, and completes them all' {
        Set-JobScript w-prog-1 @(New-RunningStep TrainingModels; @{ after_describes = 2; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        Set-JobScript w-prog-2 @(New-RunningStep AnalyzingData; @{ after_describes = 1; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        $wait = Start-BackgroundWait w-prog-1, w-prog-2 @{ PollInterval = 1 }
        try {
            $out = Receive-BackgroundWait $wait
            $progress = @($wait.PowerShell.Streams.Progress)
        }
        finally { Stop-BackgroundWait $wait }

        $out.Count | Should -Be 2
        $parent = @($progress | Where-Object ActivityId -EQ 1)
        $jobs = @($progress | Where-Object ActivityId -NE 1)

        # Per job: the job name as activity, under the parent, status line with status / secondary status.
        ($jobs.Activity | Sort-Object -Unique) | Should -Be @('w-prog-1', 'w-prog-2')
        $jobs.ParentActivityId | Sort-Object -Unique | Should -Be 1
        (@($jobs | Where-Object Activity -EQ 'w-prog-1' | Select-Object -ExpandProperty ActivityId -Unique)).Count | Should -Be 1
        $running1 = @($jobs | Where-Object { $_.Activity -eq 'w-prog-1' -and $_.RecordType -eq 'Processing' })
        $running1.Count | Should -Be 2
        $running1.StatusDescription | ForEach-Object { $_ | Should -Match '^InProgress/TrainingModels, \d+m \d\ds$' }
        @($jobs | Where-Object { $_.Activity -eq 'w-prog-2' -and $_.RecordType -eq 'Processing' }).StatusDescription |
            Should -Match '^InProgress/AnalyzingData, '

        # The parent counts the finished jobs.
        $parent.Activity | Sort-Object -Unique | Should -Be 'Waiting for AutoML jobs'
        $counts = @($parent | Where-Object RecordType -EQ 'Processing' | ForEach-Object { ($_.StatusDescription -split ' of ')[0] })
        $counts[0] | Should -Be '0'
        $counts | Should -Contain '1'
        $counts[-1] | Should -Be '2'
        @($parent | Where-Object RecordType -EQ 'Processing')[-1].StatusDescription | Should -BeLike '2 of 2 finished*'
        @($parent | Where-Object RecordType -EQ 'Processing')[-1].PercentComplete | Should -Be 100

        # Every activity ends Completed.
        foreach ($group in $progress | Group-Object ActivityId) {
            $group.Group[-1].RecordType | Should -Be 'Completed' -Because "activity $($group.Name) ($($group.Group[0].Activity)) must be completed"
        }
        $progress[-1].ActivityId | Should -Be 1
    }

    It 'stops promptly on Ctrl+C and sends no further describes' {
        Set-JobScript w-ctrlc @(New-RunningStep TrainingModels)
        $wait = Start-BackgroundWait w-ctrlc @{ PollInterval = 30 }
        try {
            Wait-Until { (Get-DescribeCount w-ctrlc) -ge 1 } -What 'the first poll'
            Start-Sleep -Milliseconds 200    # into the 30 s sleep
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $wait.PowerShell.Stop()
            $watch.Stop()
            $state = $wait.PowerShell.InvocationStateInfo.State
        }
        finally { Stop-BackgroundWait $wait }

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $state | Should -Be 'Stopped'
        Start-Sleep -Milliseconds 500
        Get-DescribeCount w-ctrlc | Should -Be 1
    }

    It 'stops promptly on Ctrl+C while a describe hangs' {
        Set-JobScript w-ctrlc-hang @(New-RunningStep TrainingModels)
        Add-AutoMLMotoFault $moto -Kind hang -Operation DescribeAutoMLJobV2 -Job w-ctrlc-hang -Count 1
        $wait = Start-BackgroundWait w-ctrlc-hang @{ PollInterval = 1 }
        try {
            # A hanging request is logged only when it ends; the fault rule's count shows it was taken.
            Wait-Until { (Invoke-RestMethod "$($moto.Endpoint)/_automl/faults" -NoProxy).faults[0].count -eq 0 } -What 'the hanging request'
            Start-Sleep -Milliseconds 200
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $wait.PowerShell.Stop()
            $watch.Stop()
            $state = $wait.PowerShell.InvocationStateInfo.State
        }
        finally { Stop-BackgroundWait $wait }

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $state | Should -Be 'Stopped'
        # The request was abandoned (the endpoint logs it once the client hangs up), and nothing followed.
        Wait-Until { (Get-DescribeCount w-ctrlc-hang) -ge 1 } -TimeoutSeconds 5 -What 'the hanging request to end'
        Start-Sleep -Milliseconds 500
        Get-DescribeCount w-ctrlc-hang | Should -Be 1
    }

    It 'returns a job that is already terminal after one describe, however often it is named' {
        Set-JobScript w-done @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null })

        $r = Invoke-Captured { Wait-AutoMLJobV2 w-done, W-DONE, w-done @conn -PollInterval 1 }

        $r.Errors | Should -BeNullOrEmpty
        $r.Jobs.Count | Should -Be 1
        $r.Jobs[0].AutoMLJobStatus | Should -Be 'Completed'
        $r.Elapsed.TotalSeconds | Should -BeLessThan 1
        Get-DescribeCount w-done | Should -Be 1
        Get-DescribeCount W-DONE | Should -Be 0
    }
}
