#Requires -Version 7.2
# Acceptance tests of Get-AutoMLJobV2Candidate (the BUILT module, out/AutoMLV2/AutoMLV2.psd1) against
# the local SageMaker endpoint: moto with IAM SigV4 authentication on, ListCandidatesForAutoMLJob
# answered by the test-control layer (tests/moto/automl_moto.py). One server for the whole file; the
# caller's AWS environment is isolated (TestEnvironment.psm1). Requests are counted in /_automl/stats.

BeforeDiscovery {
    $script:manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "Candidate tests skipped: $manifest has not been built." }
}

Describe 'Get-AutoMLJobV2Candidate against a local SageMaker endpoint (moto, IAM auth on)' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $savedRendering = Use-PlainTextRendering

        $null = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $manifestPath = Get-BuiltAutoMLV2Path
        $moto = Start-AutoMLMoto
        $conn = Get-AutoMLTestConnection $moto
        $command = 'AutoMLV2.Commands.GetAutoMLJobV2CandidateCommand'

        # Generated leaderboards ("<job>-cand-0000", ...): several pages each way, with failed candidates and ties.
        $null = New-AutoMLMotoJob -Moto $moto -Name lb-max, lb-min, lb-min-small, lb-odd, lb-b, lbp-1, lbp-2, lbp-3
        $seeded = @{}
        $seeded['lb-max'] = Add-AutoMLMotoCandidates $moto lb-max -Count 700 -MetricName F1 -ObjectiveType Maximize -Failed 6 -Ties 5 -SetBestCandidate
        $seeded['lb-min'] = Add-AutoMLMotoCandidates $moto lb-min -Count 650 -MetricName MSE -ObjectiveType Minimize -Failed 4 -Ties 4 -Seed 7
        $seeded['lb-min-small'] = Add-AutoMLMotoCandidates $moto lb-min-small -Count 250 -MetricName RMSE -ObjectiveType Minimize -Failed 3 -Ties 2 -Seed 3
        $seeded['lb-b'] = Add-AutoMLMotoCandidates $moto lb-b -Count 12 -MetricName Accuracy -ObjectiveType Maximize -Seed 5
        # What a real service may send besides: statuses and metric names the model does not know, members it lacks.
        $null = Add-AutoMLMotoCandidates $moto lb-odd -Candidate @(
            @{ CandidateName = 'odd-paused'; CandidateStatus = 'Paused'; ObjectiveStatus = 'Deferred'; CandidateSteps = @()
               FinalAutoMLJobObjectiveMetric = @{ MetricName = 'validation:f1_binary'; Type = 'Maximize'; Value = 0.81 }
               CandidateProperties = @{ CandidateMetrics = @(@{ MetricName = 'validation:f1_binary'; StandardMetricName = 'F2'; Value = 0.81; Set = 'Holdout' }) }
               FutureCandidateField = @{ Score = @(1, 2) }; CreationTime = [datetime]::UtcNow.AddHours(-2); LastModifiedTime = [datetime]::UtcNow }
            @{ CandidateName = 'odd-best'; CandidateStatus = 'Completed'; ObjectiveStatus = 'Succeeded'; CandidateSteps = @()
               FinalAutoMLJobObjectiveMetric = @{ MetricName = 'validation:f1_binary'; Type = 'Maximize'; Value = 0.93 }
               CreationTime = [datetime]::UtcNow.AddHours(-3); LastModifiedTime = [datetime]::UtcNow }
            @{ CandidateName = 'odd-failed'; CandidateStatus = 'Failed'; ObjectiveStatus = 'Failed'; CandidateSteps = @()
               FailureReason = 'AlgorithmError: out of memory'; CreationTime = [datetime]::UtcNow.AddHours(-4); LastModifiedTime = [datetime]::UtcNow })
        # Jobs for the pipeline from Get-AutoMLJobV2 (created in this order: lbp-3 is the newest).
        foreach ($name in 'lbp-1', 'lbp-3') {
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
            $seeded[$name] = Add-AutoMLMotoCandidates $moto $name -Count 4 -MetricName F1 -ObjectiveType Maximize -Seed 11
        }
        $null = Set-AutoMLMotoJobScript $moto lbp-2 @(@{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels' })
        $null = Add-AutoMLMotoCandidates $moto lbp-2 -Count 4 -MetricName F1 -ObjectiveType Maximize
        $null = Get-AutoMLJobV2 lbp-1, lbp-2, lbp-3 @conn   # scripts apply before the next request

        function Get-CandidateRequests {
            @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[1] -eq 'ListCandidatesForAutoMLJob' })
        }

        # Runs the block with Verbose and errors merged in: the candidates, the errors and the verbose lines apart.
        function Invoke-Captured([scriptblock] $ScriptBlock) {
            $candidates = [System.Collections.Generic.List[object]]::new()
            $verbose = [System.Collections.Generic.List[string]]::new()
            $errors = [System.Collections.Generic.List[object]]::new()
            $stream = [System.Collections.Generic.List[object]]::new()
            foreach ($item in (& $ScriptBlock 4>&1 2>&1)) {
                if ($item -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($item.Message); continue }
                $stream.Add($item)
                if ($item -is [System.Management.Automation.ErrorRecord]) { $errors.Add($item) } else { $candidates.Add($item) }
            }
            [pscustomobject]@{ Candidates = $candidates.ToArray(); Errors = $errors.ToArray(); Verbose = $verbose.ToArray(); Stream = $stream.ToArray() }
        }

        # What a leaderboard must be, whatever the data: scored candidates best first by the objective
        # (the Type of -Direction), standard competition ranks, unscored last without a rank; every
        # seeded candidate exactly once.
        function Assert-Leaderboard([object[]] $Candidates, [string[]] $Expected, [string] $Direction, [int] $Unscored) {
            @($Candidates).Count | Should -Be $Expected.Count
            @($Candidates.CandidateName | Sort-Object -Unique).Count | Should -Be $Expected.Count -Because 'no candidate is repeated'
            @($Candidates.CandidateName | Sort-Object) | Should -Be @($Expected | Sort-Object) -Because 'no candidate is lost'
            $scored = @($Candidates | Where-Object { $null -ne $_.FinalAutoMLJobObjectiveMetric -and $null -ne $_.FinalAutoMLJobObjectiveMetric.Value })
            $scored.Count | Should -Be ($Expected.Count - $Unscored)
            @($Candidates[0..($scored.Count - 1)]) | ForEach-Object { $_.Rank | Should -Not -BeNullOrEmpty }
            @($Candidates | Select-Object -Skip $scored.Count) | ForEach-Object {
                $_.Rank | Should -BeNullOrEmpty
                $_.FinalAutoMLJobObjectiveMetric | Should -BeNullOrEmpty
            }
            for ($i = 0; $i -lt $scored.Count; $i++) {
                $value = $scored[$i].FinalAutoMLJobObjectiveMetric.Value
                if ($i -eq 0) { $scored[0].Rank | Should -Be 1; continue }
                $previous = $scored[$i - 1]
                if ($Direction -eq 'Maximize') { $value | Should -BeLessOrEqual $previous.FinalAutoMLJobObjectiveMetric.Value }
                else { $value | Should -BeGreaterOrEqual $previous.FinalAutoMLJobObjectiveMetric.Value }
                $expectedRank = if ($value -eq $previous.FinalAutoMLJobObjectiveMetric.Value) { $previous.Rank } else { $i + 1 }
                $scored[$i].Rank | Should -Be $expectedRank -Because "$($scored[$i].CandidateName) is number $($i + 1)"
            }
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
        Restore-OutputRendering $savedRendering
    }

    BeforeEach { Reset-AutoMLMoto $moto }

    Context 'Ranking' {
        It 'ranks 700 candidates over 3 pages highest first, ties sharing a rank, the 6 failed ones last without a rank' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-max @conn }

            $r.Errors | Should -BeNullOrEmpty
            Assert-Leaderboard $r.Candidates $seeded['lb-max'].names Maximize 6
            @($r.Candidates | Group-Object Rank | Where-Object { $_.Name -and $_.Count -gt 1 }).Count | Should -BeGreaterOrEqual 5 -Because 'the seeded ties share ranks'
            @(Get-CandidateRequests).Count | Should -Be 3
            $r.Candidates | ForEach-Object { $_.AutoMLJobName | Should -Be 'lb-max' }
            $r.Candidates[0] | Should -BeOfType AutoMLV2.Model.AutoMLCandidate
            $r.Candidates[0].CreationTime | Should -BeOfType [datetime]
        }

        It 'ranks a minimized objective (MSE) lowest first: the Descending page is set aside and the job listed again, as -Verbose says' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-min @conn -Verbose }

            $r.Errors | Should -BeNullOrEmpty
            Assert-Leaderboard $r.Candidates $seeded['lb-min'].names Minimize 4
            @(Get-CandidateRequests).Count | Should -Be 4 -Because 'one page highest first, then three lowest first'
            ($r.Verbose -join "`n") | Should -Match "'lb-min': the objective MSE \(Minimize\) is minimized, so the leaderboard is listed again lowest first"
        }

        It 'ranks a minimized objective of one page (250 candidates) lowest first with one request' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-min-small @conn -Verbose }

            Assert-Leaderboard $r.Candidates $seeded['lb-min-small'].names Minimize 3
            @(Get-CandidateRequests).Count | Should -Be 1
            ($r.Verbose -join "`n") | Should -Match 'without asking again'
        }

        It 'keeps statuses, metric names and members the model does not know, and ranks by the value' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-odd @conn }

            $r.Errors | Should -BeNullOrEmpty
            $r.Candidates.CandidateName | Should -Be 'odd-best', 'odd-paused', 'odd-failed'
            # ForEach-Object: $array.Rank is the array's own Rank property (1), not member enumeration.
            $r.Candidates | ForEach-Object Rank | Should -Be 1, 2, $null
            $r.Candidates[1].CandidateStatus | Should -Be 'Paused'
            $r.Candidates[1].ObjectiveStatus | Should -Be 'Deferred'
            $r.Candidates[1].FinalAutoMLJobObjectiveMetric.MetricName | Should -Be 'validation:f1_binary'
            $r.Candidates[1].CandidateProperties.CandidateMetrics[0].Set | Should -Be 'Holdout'
            $r.Candidates[2].FailureReason | Should -Be 'AlgorithmError: out of memory'
        }

        It 'ranks among the candidates of -Status (sent as the API spells it) and matches -CandidateName after ranking' {
            $failed = Invoke-Captured { Get-AutoMLJobV2Candidate lb-max @conn -Status fAiLeD }
            $failed.Candidates.Count | Should -Be 6
            $failed.Candidates | ForEach-Object { $_.CandidateStatus | Should -Be 'Failed' }

            $all = (Invoke-Captured { Get-AutoMLJobV2Candidate lb-b @conn }).Candidates
            $picked = (Invoke-Captured { Get-AutoMLJobV2Candidate lb-b @conn -CandidateName $all[4].CandidateName, '*-cand-000[0-1]' }).Candidates
            $expected = @($all | Where-Object { $_.CandidateName -eq $all[4].CandidateName -or $_.CandidateName -like '*-cand-000[0-1]' })
            $picked.CandidateName | Should -Be $expected.CandidateName
            $picked | ForEach-Object Rank | Should -Be ($expected | ForEach-Object Rank)
        }
    }

    Context 'Several jobs, errors and the pipeline' {
        It 'writes each job''s candidates together in the order given, a missing job as one ObjectNotFound error in its place' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-b, no-such-job, lb-min-small @conn }

            $jobs = @($r.Stream | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "ERROR $($_.TargetObject)" } else { $_.AutoMLJobName } } | Get-Unique)
            $jobs | Should -Be 'lb-b', 'ERROR no-such-job', 'lb-min-small'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be "AutoMLJobNotFound,$command"
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $r.Errors[0].TargetObject | Should -Be 'no-such-job'
            $r.Errors[0].Exception.Message | Should -Be "AutoML job 'no-such-job' was not found in $($moto.Region)."
            @($r.Candidates | Where-Object AutoMLJobName -EQ 'lb-min-small').Count | Should -Be 250
        }

        It 'takes the completed jobs of Get-AutoMLJobV2 ''lbp-*'' -Status Completed from the pipeline, newest first' {
            $r = Invoke-Captured { Get-AutoMLJobV2 'lbp-*' -Status Completed @conn | Get-AutoMLJobV2Candidate @conn }

            $r.Errors | Should -BeNullOrEmpty
            @($r.Candidates.AutoMLJobName | Get-Unique) | Should -Be 'lbp-3', 'lbp-1'
            $r.Candidates.Count | Should -Be 8
            $r.Candidates | ForEach-Object Rank | Should -Be 1, 2, 3, 4, 1, 2, 3, 4
        }

        It 'expands a wildcard as Get-AutoMLJobV2 does' {
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate 'lbp-*' @conn }
            @($r.Candidates.AutoMLJobName | Get-Unique) | Should -Be 'lbp-3', 'lbp-2', 'lbp-1'
        }

        It 'names the job of a described job''s BestCandidate' {
            $job = Get-AutoMLJobV2 lb-max @conn
            $job.BestCandidate.AutoMLJobName | Should -Be 'lb-max'
            $job.BestCandidate.Rank | Should -BeNullOrEmpty
            $best = Get-AutoMLJobV2Candidate lb-max @conn | Select-Object -First 1
            $job.BestCandidate.CandidateName | Should -Be $best.CandidateName
        }

        It 'signs its requests: a wrong secret key is AuthenticationFailed, and nothing is written' {
            $bad = $conn.Clone(); $bad.SecretKey = 'wrong-secret-key'
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-b @bad }
            $r.Candidates | Should -BeNullOrEmpty
            $r.Errors[0].FullyQualifiedErrorId | Should -Be "AuthenticationFailed,$command"
        }

        It 'names the permission sagemaker:ListCandidatesForAutoMLJob when access is denied' {
            Add-AutoMLMotoFault $moto -Kind error -Operation ListCandidatesForAutoMLJob -Status 400 -Code AccessDeniedException -Message 'User is not authorized to perform: sagemaker:ListCandidatesForAutoMLJob'
            $r = Invoke-Captured { Get-AutoMLJobV2Candidate lb-b @conn }
            $r.Errors[0].FullyQualifiedErrorId | Should -Be "AccessDenied,$command"
            $r.Errors[0].Exception.Message | Should -Match 'it needs sagemaker:ListCandidatesForAutoMLJob for this request'
        }
    }

    Context 'Throttling, Ctrl+C and -First' {
        It 'sends a page throttled mid-listing again with the same token: no candidate lost or repeated' {
            # The throttle starts once the first candidate is written, so it hits the second page; it
            # outlasts the SDK's 3 attempts, so the command pauses and sends that page again.
            $state = @{ Added = $false }
            $r = Invoke-Captured {
                Get-AutoMLJobV2Candidate lb-max @conn -Verbose | ForEach-Object {
                    if (-not $state.Added) { $state.Added = $true; Add-AutoMLMotoFault $moto -Kind throttle -Operation ListCandidatesForAutoMLJob -Count 4 }
                    $_
                }
            }

            $r.Errors | Should -BeNullOrEmpty
            Assert-Leaderboard $r.Candidates $seeded['lb-max'].names Maximize 6
            $log = @(Get-CandidateRequests)
            @($log | Where-Object { $_[3] -eq 400 }).Count | Should -Be 4 -Because 'the log records a throttle as its status'
            $log.Count | Should -Be 7 -Because '3 pages, and 4 throttled attempts of the second'
            ($r.Verbose -join "`n") | Should -Match "ListCandidatesForAutoMLJob for 'lb-max' \(a next page\) was throttled \(ThrottlingException\); every request pauses"
            ($r.Verbose -join "`n") | Should -Match "ListCandidatesForAutoMLJob 'lb-max' \(next page\): attempt 1 failed: ThrottlingException" -Because 'the SDK''s attempts name the job and page, as for the other operations'
        }

        It 'Select-Object -First 3 gives the three best after one request and asks for no further page' {
            $full = @(Get-AutoMLJobV2Candidate lb-max @conn)
            Reset-AutoMLMoto $moto

            $top = @(Get-AutoMLJobV2Candidate lb-max @conn | Select-Object -First 3)
            Start-Sleep -Milliseconds 300

            $top.CandidateName | Should -Be $full[0..2].CandidateName
            $top | ForEach-Object Rank | Should -Be ($full[0..2] | ForEach-Object Rank)
            @(Get-CandidateRequests).Count | Should -Be 1
        }

        It 'Select-Object -First stops the first pages of later jobs too (-ThrottleLimit 1: one request in all)' {
            $null = Get-AutoMLJobV2Candidate lb-max, lb-min, lb-b @conn -ThrottleLimit 1 | Select-Object -First 2
            Start-Sleep -Milliseconds 300
            @(Get-CandidateRequests).Count | Should -Be 1
        }

        It 'Ctrl+C while a page is in flight stops within 2 s, and no request follows' {
            # A child pwsh (out-of-process runspace): the hang starts once the first page is written.
            $instance = [System.Management.Automation.Runspaces.PowerShellProcessInstance]::new()
            $runspace = [runspacefactory]::CreateOutOfProcessRunspace($null, $instance)
            $ps = [powershell]::Create()
            try {
                $runspace.Open()
                $ps.Runspace = $runspace
                $null = $ps.AddScript({
                        param($Manifest, $Conn, $Faults)
                        $ProgressPreference = 'SilentlyContinue'
                        Import-Module $Manifest -ErrorAction Stop
                        $state = @{ Added = $false }
                        Get-AutoMLJobV2Candidate lb-max @Conn | ForEach-Object {
                            if (-not $state.Added) {
                                $state.Added = $true
                                $null = Invoke-RestMethod -Method Post -Uri $Faults -NoProxy -ContentType 'application/json' -Body '{"operation":"ListCandidatesForAutoMLJob","kind":"hang"}'
                            }
                        }
                    }).AddArgument($manifestPath).AddArgument($conn).AddArgument("$($moto.Endpoint)/_automl/faults")
                $async = $ps.BeginInvoke()
                $deadline = [datetime]::UtcNow.AddSeconds(60)
                while (@(Get-CandidateRequests).Count -lt 2 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
                @(Get-CandidateRequests).Count | Should -Be 2 -Because 'the second page is in flight, hanging'
                Start-Sleep -Milliseconds 500
                $async.IsCompleted | Should -BeFalse -Because 'the second page hangs'

                $stop = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $stop.Stop()

                $stop.Elapsed.TotalSeconds | Should -BeLessThan 2
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                Start-Sleep -Seconds 1
                @(Get-CandidateRequests).Count | Should -Be 2 -Because 'no request is sent after Ctrl+C'
            }
            finally {
                $ps.Dispose()
                try { $runspace.Dispose() } catch { }
                try { if (-not $instance.Process.HasExited) { $instance.Process.Kill($true) } } catch { }
                $instance.Dispose()
            }
        }
    }

    Context 'The leaderboard view of real answers' {
        It 'fits 80 columns with the columns of a wide console, under one heading per job' {
            $candidates = Get-AutoMLJobV2Candidate lb-b, lb-odd @conn
            $narrow = ($candidates | Out-String -Width 80) -split '\r?\n'
            $wide = ($candidates | Out-String -Width 200) -split '\r?\n'

            @($narrow | Where-Object { $_.Length -gt 79 }) | Should -BeNullOrEmpty
            ($narrow -join "`n") | Should -BeExactly ($wide -join "`n")
            @($narrow | Where-Object { $_ -match '^\s+AutoMLJobName: ' }) | Should -Be '   AutoMLJobName: lb-b (objective Accuracy, Maximize)', '   AutoMLJobName: lb-odd (objective validation:f1_binary, Maximize)'
            @($narrow | Where-Object { $_ -match '^Rank\s+CandidateName\s+Status\s+Objective\s+Duration$' }).Count | Should -Be 2
        }
    }
}
