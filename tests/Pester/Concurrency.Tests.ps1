#Requires -Version 7.2
# Concurrency: ForEach-Object -Parallel -ThrottleLimit 8 runs 8 runspaces at once, each importing the
# built module and describing, listing (wildcards) and waiting on jobs. The results must equal those
# of the same calls made one after the other (objects compared as JSON of their .NET properties,
# minus LastModifiedTime), with no error; and runspaces that use a wrong secret key at the same time
# as runspaces with the right one must fail alone (no cross-talk between credentials).
# Needs the built module (out/AutoMLV2/AutoMLV2.psd1) and python3 with moto.

BeforeDiscovery {
    $script:manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "Concurrency tests skipped: $manifest has not been built." }
}

Describe 'Concurrency' -Tag 'Concurrency' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $script:isolation = Use-IsolatedAwsEnvironment
        $script:manifestPath = (Import-BuiltAutoMLV2).Path
        $script:moto = Start-AutoMLMoto
        $script:good = Get-AutoMLTestConnection $moto
        $script:bad = $good.Clone()
        $bad.SecretKey = 'WrongSecretForConcurrency' + [guid]::NewGuid().ToString('N').Substring(0, 15)

        $null = New-AutoMLMotoSampleJobs -Moto $moto -Prefix conc
        $script:concJobs = 'conc-tabular', 'conc-imageclassification', 'conc-textclassification', 'conc-timeseriesforecasting', 'conc-textgeneration'
        $script:waitJobs = 'wait-1', 'wait-2', 'wait-3', 'wait-4'
        $null = New-AutoMLMotoJob -Moto $moto -Name $waitJobs
        foreach ($name in $concJobs) {
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null; FailureReason = $null })
        }
        foreach ($name in $waitJobs) {
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels'; PartialFailureReasons = $null; FailureReason = $null })
        }

        # One runspace's work: run the task with the given connection and return what came out, as JSON
        # of the objects' .NET properties (no volatile LastModifiedTime) and "id|target|message" errors.
        $script:runnerText = {
            param($Task, $Connection)
            $ProgressPreference = 'SilentlyContinue'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $records = switch ($Task.Kind) {
                'Get' { Get-AutoMLJobV2 -AutoMLJobName $Task.Names @Connection 2>&1 }
                'Pipeline' { $Task.Names | Get-AutoMLJobV2 @Connection -ThrottleLimit 2 2>&1 }
                'Wildcard' { Get-AutoMLJobV2 -AutoMLJobName $Task.Names @Connection 2>&1 }
                'Status' { Get-AutoMLJobV2 -AutoMLJobName $Task.Names -Status Completed @Connection 2>&1 }
                'Wait' { Wait-AutoMLJobV2 -AutoMLJobName $Task.Names @Connection -PollInterval 1 -Timeout 60 2>&1 }
            }
            $clock.Stop()
            $jobs = foreach ($record in $records) {
                if ($record -isnot [System.Management.Automation.ErrorRecord]) {
                    $node = [System.Text.Json.Nodes.JsonNode]::Parse([System.Text.Json.JsonSerializer]::Serialize($record, $record.GetType()))
                    $null = $node.AsObject().Remove('LastModifiedTime')
                    [pscustomobject]@{ Name = $record.AutoMLJobName; Json = $node.ToJsonString() }
                }
            }
            if ($Task.Kind -eq 'Wait') { $jobs = $jobs | Sort-Object Name }   # Wait writes jobs as they finish
            [pscustomobject]@{
                Id      = $Task.Id
                Names   = @($jobs.Name)
                Jsons   = @($jobs.Json)
                Errors  = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$($_.FullyQualifiedErrorId)|$($_.TargetObject)|$($_.Exception.Message)" })
                Seconds = $clock.Elapsed.TotalSeconds
                Thread  = [Threading.Thread]::CurrentThread.ManagedThreadId
            }
        }.ToString()

        function Invoke-InParallel {
            # Each task in its own runspace (ForEach-Object -Parallel -ThrottleLimit 8), each importing the built module.
            param([object[]] $Tasks, [hashtable] $Connections)
            $Tasks | ForEach-Object -ThrottleLimit 8 -Parallel {
                $task = $_
                Import-Module $using:manifestPath -ErrorAction Stop
                $connections = $using:Connections
                $runner = [scriptblock]::Create($using:runnerText)
                & $runner $task $connections[$task.Creds]
            }
        }

        function Invoke-InSequence([object[]] $Tasks, [hashtable] $Connections) {
            $runner = [scriptblock]::Create($runnerText)
            foreach ($task in $Tasks) { & $runner $task $Connections[$task.Creds] }
        }

        $script:connections = @{ good = $good; bad = $bad }
        $script:tasks = @(
            @{ Id = 1; Kind = 'Get'; Names = @('conc-tabular', 'conc-textgeneration'); Creds = 'good' }
            @{ Id = 2; Kind = 'Wildcard'; Names = @('conc-*'); Creds = 'good' }
            @{ Id = 3; Kind = 'Wait'; Names = @('wait-1', 'wait-2'); Creds = 'good' }
            @{ Id = 4; Kind = 'Wait'; Names = @('wait-3', 'wait-4'); Creds = 'good' }
            @{ Id = 5; Kind = 'Get'; Names = @('conc-imageclassification', 'conc-textclassification', 'conc-timeseriesforecasting'); Creds = 'good' }
            @{ Id = 6; Kind = 'Wildcard'; Names = @('*classification', 'conc-t[ei]*'); Creds = 'good' }
            @{ Id = 7; Kind = 'Pipeline'; Names = $concJobs + $concJobs[0, 2]; Creds = 'good' }
            @{ Id = 8; Kind = 'Wait'; Names = $waitJobs + 'conc-tabular'; Creds = 'good' }
        )
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
    }

    It '8 runspaces at once (describe, wildcard list, Wait -PollInterval 1 on jobs that finish) give the results of sequential calls, without errors' {
        # The wait-* jobs finish 4 s from now: the Wait runspaces see them running, then finishing.
        Reset-AutoMLMoto $moto
        foreach ($name in $waitJobs) {
            $null = Set-AutoMLMotoJobScript $moto $name @(
                @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels' }
                @{ after_seconds = 4; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $parallel = @(Invoke-InParallel $tasks $connections | Sort-Object Id)
        $clock.Stop()
        $stats = Get-AutoMLMotoStats $moto

        $parallel.Count | Should -Be 8
        @($parallel.Thread | Sort-Object -Unique).Count | Should -BeGreaterThan 1 -Because 'the runspaces ran on several threads'
        foreach ($r in $parallel) { $r.Errors | Should -BeNullOrEmpty -Because "task $($r.Id) must not fail: $($r.Errors -join '; ')" }
        # They overlapped: the whole run took about as long as the longest Wait (4 s), not the sum.
        $clock.Elapsed.TotalSeconds | Should -BeLessThan (($parallel.Seconds | Measure-Object -Sum).Sum)
        $stats.requests.DescribeAutoMLJobV2 | Should -BeGreaterThan 20

        # The Wait runspaces really waited for the jobs to finish.
        foreach ($id in 3, 4, 8) {
            $w = $parallel | Where-Object Id -eq $id
            $w.Seconds | Should -BeGreaterThan 2.5 -Because "task $id waited for jobs that finish after 4 s"
            foreach ($json in $w.Jsons) { ($json | ConvertFrom-Json).AutoMLJobStatus | Should -Be 'Completed' }
        }

        $sequential = @(Invoke-InSequence $tasks $connections)
        foreach ($s in $sequential) {
            $p = $parallel | Where-Object Id -eq $s.Id
            $s.Errors | Should -BeNullOrEmpty
            $p.Names | Should -Be $s.Names -Because "task $($s.Id) returns the same jobs in the same order"
            for ($i = 0; $i -lt $s.Jsons.Count; $i++) {
                $p.Jsons[$i] | Should -BeExactly $s.Jsons[$i] -Because "task $($s.Id), job $($s.Names[$i]) is the same object"
            }
        }
        # The expected jobs, spelled out.
        @(($parallel | Where-Object Id -eq 2).Names | Sort-Object) | Should -Be @($concJobs | Sort-Object)
        @(($parallel | Where-Object Id -eq 6).Names | Sort-Object) | Should -Be 'conc-imageclassification', 'conc-textclassification', 'conc-textclassification', 'conc-textgeneration', 'conc-timeseriesforecasting'
        ($parallel | Where-Object Id -eq 7).Names | Should -Be ($concJobs + $concJobs[0, 2])
        ($parallel | Where-Object Id -eq 8).Names | Should -Be (@($waitJobs + 'conc-tabular') | Sort-Object)
    }

    It '-Verbose in 8 runspaces at once: each runspace''s attempt lines name only its own job (one client, many invocations)' {
        # The engine shares one client per connection across invocations and runspaces; the attempt log
        # must still reach the invocation that made the request, and only that one.
        Reset-AutoMLMoto $moto
        $names = @($concJobs + $waitJobs)[0..7]
        foreach ($name in $names) { Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job $name -Count 1 }
        $results = @($names | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:manifestPath -ErrorAction Stop
                $connection = $using:good
                $records = Get-AutoMLJobV2 $_ @connection -Verbose 4>&1 2>&1
                [pscustomobject]@{
                    Name     = $_
                    Objects  = @($records | Where-Object { $_ -is [AutoMLV2.Model.AutoMLJobV2] }).Count
                    Errors   = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" })
                    Attempts = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'attempt' } | ForEach-Object Message)
                }
            })
        $results.Count | Should -Be 8
        foreach ($r in $results) {
            $r.Errors | Should -BeNullOrEmpty
            $r.Objects | Should -Be 1
            $r.Attempts | Should -Not -BeNullOrEmpty -Because "the throttled first attempt of '$($r.Name)' was retried, and -Verbose shows retries"
            foreach ($line in $r.Attempts) {
                $line | Should -BeLike "*'$($r.Name)'*" -Because 'an invocation sees the attempt lines of its own requests only'
            }
        }
    }

    It 'right and wrong secret keys used at the same time in 8 runspaces: the wrong ones fail alone, the right ones succeed (no cross-talk)' {
        # Every kind of call twice, once with the right and once with the wrong secret key (completed jobs only).
        $kinds = @(
            @{ Kind = 'Get'; Names = @('conc-tabular', 'conc-textclassification', 'conc-timeseriesforecasting') }
            @{ Kind = 'Wildcard'; Names = @('conc-t*') }
            @{ Kind = 'Wait'; Names = @('conc-imageclassification', 'conc-textgeneration') }
            @{ Kind = 'Pipeline'; Names = $concJobs })
        $mixed = foreach ($creds in 'good', 'bad') {
            foreach ($k in $kinds) { @{ Id = "$creds-$($k.Kind)"; Kind = $k.Kind; Names = $k.Names; Creds = $creds } }
        }
        # Interleaved, so that right and wrong keys start side by side.
        $mixed = @($mixed[0], $mixed[4], $mixed[1], $mixed[5], $mixed[2], $mixed[6], $mixed[3], $mixed[7])
        @($mixed | Where-Object Creds -eq 'bad').Count | Should -Be 4
        $expected = @{}
        foreach ($s in Invoke-InSequence ($mixed | Where-Object Creds -eq 'good') $connections) { $expected[$s.Id] = $s }

        foreach ($attempt in 1..3) {
            $results = @(Invoke-InParallel $mixed $connections)
            $results.Count | Should -Be 8
            foreach ($r in $results) {
                $task = $mixed | Where-Object { $_.Id -eq $r.Id }
                if ($task.Creds -eq 'bad') {
                    $r.Names | Should -BeNullOrEmpty -Because "runspace $($r.Id) used a wrong secret key"
                    $r.Errors | Should -Not -BeNullOrEmpty
                    foreach ($e in $r.Errors) { $e | Should -BeLike 'AuthenticationFailed,*secret key*' -Because "runspace $($r.Id) used a wrong secret key" }
                }
                else {
                    $r.Errors | Should -BeNullOrEmpty -Because "runspace $($r.Id) used the right secret key: $($r.Errors -join '; ')"
                    $r.Names | Should -Be $expected[$r.Id].Names
                    $r.Jsons | Should -Be $expected[$r.Id].Jsons
                }
            }
        }
    }
}
