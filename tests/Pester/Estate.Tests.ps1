#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Several regions and accounts in one command (issue 13), the BUILT module against moto with SigV4
# and IAM on: a job lives in one region of one account (the credential scope's region, the signing
# key's account), so every assertion below says where each request went (the endpoint's log has
# the region and account of every SageMaker request) and where each object says it came from.
#
# The profiles are in a credentials file named with -ProfileLocation (the SDK reads
# AWS_SHARED_CREDENTIALS_FILE once per process, so a file set in the environment here could be
# ignored when other test files ran first). Each test uses its own job names (a name prefix per
# test, so that a pattern sees only its jobs), and the fan-out uses two regions no other test uses.

Describe 'Several regions and accounts' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $savedRendering = Use-PlainTextRendering

        $isolated = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $moto = Start-AutoMLMoto
        $AcctA = $moto.Accounts[0]
        $AcctB = $moto.Accounts[1]

        $R1 = 'us-east-1'         # the session's default in the pipeline tests: no job of theirs is here
        $R2 = 'eu-west-1'
        $R3 = 'ap-southeast-2'
        $F1 = 'us-west-2'         # the fan-out's own regions: only fan-* jobs live there
        $F2 = 'eu-central-1'

        $profiles = Set-AwsIniFile (Join-Path $isolated.TempDirectory 'credentials') ([ordered]@{
                'acct-a'  = [ordered]@{ aws_access_key_id = $AcctA.AccessKey; aws_secret_access_key = $AcctA.SecretKey; region = $F1 }
                'acct-b'  = [ordered]@{ aws_access_key_id = $AcctB.AccessKey; aws_secret_access_key = $AcctB.SecretKey; region = $F2 }
                'no-keys' = [ordered]@{ region = $F1 }
                # A profile name as long as real ones get (the views must still say it whole).
                'analytics-production-readonly' = [ordered]@{ aws_access_key_id = $AcctB.AccessKey; aws_secret_access_key = $AcctB.SecretKey }
            })
        $at = @{ ProfileLocation = $profiles; EndpointUrl = $moto.Endpoint }

        # Jobs "<prefix>-00000".. created one second apart (newest first is the highest number).
        function Add-Jobs([string] $Prefix, [int] $Count, [string] $Region, $Account = $AcctA, [string] $Status = 'Completed') {
            $null = New-AutoMLMotoBulkJobs $moto -Prefix $Prefix -Count $Count -Region $Region -Account $Account.AccountId -Status $Status
        }
        # The fan-out estate: two accounts x two regions, every cell with jobs (a cell left out shows).
        Add-Jobs fan-a-usw2 2 $F1 $AcctA
        Add-Jobs fan-a-euc1 1 $F2 $AcctA
        Add-Jobs fan-b-usw2 1 $F1 $AcctB
        Add-Jobs fan-b-euc1 3 $F2 $AcctB
        Add-Jobs only-west 1 $R2
        Add-Jobs fail-east 2 $R1
        Add-Jobs fail-west 2 $R2
        Add-Jobs fail-south 2 $R3
        Add-Jobs wait-west 1 $R2 -Status InProgress
        Add-Jobs wait-south 1 $R3 -Status InProgress
        Add-Jobs same 1 $R1 -Status Completed
        Add-Jobs same 1 $R2 -Status InProgress
        Add-Jobs mix-east 1 $R1
        Add-Jobs mix-west 1 $R2
        Add-Jobs cand 1 $R2
        Add-AutoMLMotoCandidates $moto cand-00000 -Count 5 -MetricName Accuracy -ObjectiveType Maximize -Region $R2 -Account $AcctA.AccountId | Out-Null
        Add-Jobs thr-east 1 $R1
        Add-Jobs thr-west 4 $R2
        Add-Jobs slot-east 2 $R1
        Add-Jobs slot-west 4 $R2
        Add-Jobs view-east 2 $R1
        Add-Jobs view-west 1 $R2
        Add-Jobs view-b-west 1 $R2 $AcctB
        Add-Jobs comp 2 $R1
        Add-Jobs comp 3 $R2

        # The SageMaker requests the endpoint received since the last reset, oldest first.
        function Get-SageMakerRequests {
            @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[4] } | ForEach-Object {
                    [pscustomobject]@{ At = [double]$_[0]; Operation = $_[1]; Job = $_[2]; Status = "$($_[3])"; Region = $_[4]; Account = $_[5] } })
        }
        function Where-Job($Object) { '{0}|{1}|{2}|{3}' -f $Object.AutoMLJobName, $Object.Region, $Object.AccountId, $Object.ProfileName }
        function Get-EpochNow { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() / 1000 }
        # Exactly one error, for a connection as a whole: its id, its category, and the connection named.
        function Assert-OneConnectionError($Failures, [string] $Id, [string] $Category, [string] $Connection) {
            @($Failures).Count | Should -Be 1
            $Failures[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $Failures[0].CategoryInfo.Category | Should -Be $Category
            $Failures[0].TargetObject | Should -Be $Connection
            "$($Failures[0])" | Should -BeLike "$Connection`: *"
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
        Restore-OutputRendering $savedRendering
    }

    BeforeEach {
        Reset-AutoMLMoto $moto
        $null = Use-IsolatedAwsEnvironment
    }
    AfterEach { Restore-AwsEnvironment }

    Context 'Fan-out: every profile in every region' {
        It 'returns every job of every profile x region, profiles first, then regions, in the order given, each saying where it is' {
            $jobs = Get-AutoMLJobV2 -Region $F2, $F1 -ProfileName acct-b, acct-a @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @(
                "fan-b-euc1-00002|$F2|$($AcctB.AccountId)|acct-b"
                "fan-b-euc1-00001|$F2|$($AcctB.AccountId)|acct-b"
                "fan-b-euc1-00000|$F2|$($AcctB.AccountId)|acct-b"
                "fan-b-usw2-00000|$F1|$($AcctB.AccountId)|acct-b"
                "fan-a-euc1-00000|$F2|$($AcctA.AccountId)|acct-a"
                "fan-a-usw2-00001|$F1|$($AcctA.AccountId)|acct-a"
                "fan-a-usw2-00000|$F1|$($AcctA.AccountId)|acct-a")
            # The account comes from the job's ARN, the region too: both say the same as the request.
            foreach ($job in $jobs) { $job.AutoMLJobArn | Should -BeLike "arn:aws:sagemaker:$($job.Region):$($job.AccountId):automl-job/*" }
            $requests = Get-SageMakerRequests
            @($requests | Where-Object Operation -eq ListAutoMLJobs | ForEach-Object { "$($_.Region)|$($_.Account)" } | Sort-Object) |
                Should -Be (@("$F1|$($AcctA.AccountId)", "$F1|$($AcctB.AccountId)", "$F2|$($AcctA.AccountId)", "$F2|$($AcctB.AccountId)") | Sort-Object)
            @($requests | Where-Object Operation -eq DescribeAutoMLJobV2).Count | Should -Be 7
        }

        It 'without -Region, each profile is asked in the region its profile sets' {
            $jobs = Get-AutoMLJobV2 -ProfileName acct-a, acct-b @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @(
                "fan-a-usw2-00001|$F1|$($AcctA.AccountId)|acct-a"
                "fan-a-usw2-00000|$F1|$($AcctA.AccountId)|acct-a"
                "fan-b-euc1-00002|$F2|$($AcctB.AccountId)|acct-b"
                "fan-b-euc1-00001|$F2|$($AcctB.AccountId)|acct-b"
                "fan-b-euc1-00000|$F2|$($AcctB.AccountId)|acct-b")
        }

        It 'two profiles in one region: each sees its own account''s jobs only' {
            $a = Get-AutoMLJobV2 -Region $F1 -ProfileName acct-a @at
            $b = Get-AutoMLJobV2 -Region $F1 -ProfileName acct-b @at
            $both = Get-AutoMLJobV2 -Region $F1 -ProfileName acct-a, acct-b @at

            @($a | ForEach-Object { Where-Job $_ }) | Should -Be @("fan-a-usw2-00001|$F1|$($AcctA.AccountId)|acct-a", "fan-a-usw2-00000|$F1|$($AcctA.AccountId)|acct-a")
            @($b | ForEach-Object { Where-Job $_ }) | Should -Be @("fan-b-usw2-00000|$F1|$($AcctB.AccountId)|acct-b")
            @($both | ForEach-Object { Where-Job $_ }) | Should -Be (@($a | ForEach-Object { Where-Job $_ }) + @($b | ForEach-Object { Where-Job $_ }))
            @(Get-SageMakerRequests | Where-Object Region -ne $F1).Count | Should -Be 0
        }
    }

    Context 'A literal name is looked for everywhere' {
        It 'a name that exists in one region only: one object, no error' {
            $jobs = Get-AutoMLJobV2 only-west-00000 -Region $R1, $R2, $R3 -ProfileName acct-a @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @("only-west-00000|$R2|$($AcctA.AccountId)|acct-a")
            @(Get-SageMakerRequests | Where-Object Operation -eq DescribeAutoMLJobV2 | ForEach-Object Region | Sort-Object) | Should -Be (@($R1, $R2, $R3) | Sort-Object)
        }

        It 'a name that exists nowhere: exactly one AutoMLJobNotFound naming every place it was looked for' {
            $jobs = Get-AutoMLJobV2 nowhere-1 -Region $R1, $R2 -ProfileName acct-a, acct-b @at -ErrorVariable failures -ErrorAction SilentlyContinue

            $jobs | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'AutoMLJobNotFound,*'
            $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failures[0].TargetObject | Should -Be 'nowhere-1'
            $failures[0].Exception.Message | Should -Be "AutoML job 'nowhere-1' was not found in $R1, profile 'acct-a'; $R2, profile 'acct-a'; $R1, profile 'acct-b'; $R2, profile 'acct-b'."
        }
    }

    Context 'A region that fails among good ones: <Case>' -ForEach @(
        @{ Case = 'access denied by a policy (403 AccessDeniedException)'; Fault = @{ Kind = 'error'; Status = 403; Code = 'AccessDeniedException'; Message = 'Explicit deny in a service control policy' }
            Id = 'AccessDenied'; Category = 'PermissionDenied' }
        @{ Case = 'an opted-out region (403 UnrecognizedClientException)'; Fault = @{ Kind = 'error'; Status = 403; Code = 'UnrecognizedClientException'; Message = 'The security token included in the request is invalid.' }
            Id = 'AuthenticationFailed'; Category = 'AuthenticationError' }
        # An unreachable region cannot be made on one endpoint: its requests are never answered
        # instead, as when packets are dropped (one attempt of one second, to keep the test short).
        @{ Case = 'an unreachable region (no answer)'; Fault = @{ Kind = 'hang' }
            Id = 'ConnectionFailed'; Category = 'ConnectionError' }
    ) {
        BeforeEach {
            $env:AWS_MAX_ATTEMPTS = '1'
            Set-Variable -Name AutoMLV2RequestTimeoutSeconds -Value 1 -Scope Global
            Add-AutoMLMotoFault $moto -Region $R2 @Fault
        }
        AfterEach { Remove-Variable -Name AutoMLV2RequestTimeoutSeconds -Scope Global -ErrorAction Ignore }

        It 'listing: one non-terminating error naming the region, the other regions'' jobs all come out, nothing more goes there' {
            $jobs = Get-AutoMLJobV2 'fail-*' -Region $R1, $R2, $R3 -ProfileName acct-a @at -ErrorVariable failures -ErrorAction SilentlyContinue

            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @(
                "fail-east-00001|$R1|$($AcctA.AccountId)|acct-a", "fail-east-00000|$R1|$($AcctA.AccountId)|acct-a"
                "fail-south-00001|$R3|$($AcctA.AccountId)|acct-a", "fail-south-00000|$R3|$($AcctA.AccountId)|acct-a")
            Assert-OneConnectionError $failures $Id $Category "$R2, profile 'acct-a'"
            # (The SDK may send a timed-out request again on a new connection: the same listing.)
            @(Get-SageMakerRequests | Where-Object Region -eq $R2 | ForEach-Object Operation | Sort-Object -Unique) | Should -Be 'ListAutoMLJobs' -Because 'the listing is all that went there'
        }

        It 'literal names, one at a time: the failed region is asked once, then no more' {
            $jobs = Get-AutoMLJobV2 fail-east-00000, fail-south-00000, fail-east-00001 -Region $R1, $R2, $R3 -ProfileName acct-a @at -ThrottleLimit 1 -ErrorVariable failures -ErrorAction SilentlyContinue

            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @(
                "fail-east-00000|$R1|$($AcctA.AccountId)|acct-a", "fail-south-00000|$R3|$($AcctA.AccountId)|acct-a", "fail-east-00001|$R1|$($AcctA.AccountId)|acct-a")
            Assert-OneConnectionError $failures $Id $Category "$R2, profile 'acct-a'"
            $requests = Get-SageMakerRequests
            @($requests | Where-Object Region -eq $R2 | ForEach-Object Job | Sort-Object -Unique) | Should -Be 'fail-east-00000' -Because 'after the first name failed there, no other name was asked there'
            @($requests | Where-Object Region -eq $R1).Count | Should -Be 3
            @($requests | Where-Object Region -eq $R3).Count | Should -Be 3
        }
    }

    Context 'A profile that cannot supply credentials among good ones: <Case>' -ForEach @(
        @{ Case = 'a profile without keys'; Bad = 'no-keys'; Id = 'ProfileInvalid'; Category = 'InvalidData' }
        @{ Case = 'a profile that does not exist'; Bad = 'not-there'; Id = 'ProfileNotFound'; Category = 'ObjectNotFound' }
    ) {
        It 'is one error naming it; the other profiles'' jobs come out' {
            $jobs = Get-AutoMLJobV2 -Region $F1 -ProfileName acct-a, $Bad, acct-b @at -ErrorVariable failures -ErrorAction SilentlyContinue

            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be @(
                "fan-a-usw2-00001|$F1|$($AcctA.AccountId)|acct-a", "fan-a-usw2-00000|$F1|$($AcctA.AccountId)|acct-a", "fan-b-usw2-00000|$F1|$($AcctB.AccountId)|acct-b")
            Assert-OneConnectionError $failures $Id $Category "$F1, profile '$Bad'"
            $failures[0].Exception.Message | Should -Match "profile '$Bad'"
            @(Get-SageMakerRequests).Count | Should -Be 5 -Because 'two listings and three describes; nothing was sent for the bad profile'
        }
    }

    Context 'One region: as before' {
        It 'jobs carry where they are but are not marked for the origin view' {
            $job = Get-AutoMLJobV2 only-west-00000 -Region $R2 -ProfileName acct-a @at

            Where-Job $job | Should -Be "only-west-00000|$R2|$($AcctA.AccountId)|acct-a"
            $job.PSObject.TypeNames | Should -Not -Contain 'AutoMLV2.Model.AutoMLJobV2#Origin'
            $job.PSObject.TypeNames[0] | Should -Be 'AutoMLV2.Model.AutoMLJobV2'
            ($job | Out-String -Width 200) | Should -Not -Match 'Origin'
        }

        It 'keys on the command line: ProfileName is empty, Region and AccountId are the job''s' {
            $job = Get-AutoMLJobV2 only-west-00000 -Region $R2 -AccessKey $AcctA.AccessKey -SecretKey $AcctA.SecretKey -EndpointUrl $moto.Endpoint

            Where-Job $job | Should -Be "only-west-00000|$R2|$($AcctA.AccountId)|"
        }

        It 'a missing profile still ends the command (ProfileNotFound)' {
            { Get-AutoMLJobV2 only-west-00000 -Region $R2 -ProfileName not-there @at -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'ProfileNotFound,AutoMLV2.Commands.GetAutoMLJobV2Command'
            @(Get-SageMakerRequests).Count | Should -Be 0
        }

        It 'no credentials at all still ends the command (NoCredentials)' {
            { Get-AutoMLJobV2 only-west-00000 -Region $R2 -EndpointUrl $moto.Endpoint -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId 'NoCredentials,AutoMLV2.Commands.GetAutoMLJobV2Command'
            @(Get-SageMakerRequests).Count | Should -Be 0
        }
    }

    Context 'The pipeline into Wait-AutoMLJobV2, the session''s default region elsewhere' {
        BeforeEach {
            $global:StoredAWSRegion = $R1
            $env:AWS_REGION = $R1
        }

        It 'polls each job in its own region and writes each final object' {
            foreach ($name in 'wait-west-00000', 'wait-south-00000') {
                # The Get's describe is the first; the waiter's first poll the second; the next sees Completed.
                $null = Set-AutoMLMotoJobScript $moto $name @(
                    @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels' }
                    @{ after_describes = 2; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
            }

            $done = Get-AutoMLJobV2 'wait-*' -Region $R2, $R3 -ProfileName acct-a @at |
                Wait-AutoMLJobV2 -PollInterval 1 -Timeout 60 @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($done | ForEach-Object { "$(Where-Job $_)|$($_.AutoMLJobStatus)" } | Sort-Object) | Should -Be @(
                "wait-south-00000|$R3|$($AcctA.AccountId)|acct-a|Completed", "wait-west-00000|$R2|$($AcctA.AccountId)|acct-a|Completed")
            $describes = @(Get-SageMakerRequests | Where-Object Operation -eq DescribeAutoMLJobV2)
            @($describes | Where-Object Job -eq 'wait-west-00000' | ForEach-Object Region | Sort-Object -Unique) | Should -Be $R2
            @($describes | Where-Object Job -eq 'wait-south-00000' | ForEach-Object Region | Sort-Object -Unique) | Should -Be $R3
            @($describes | Where-Object Job -eq 'wait-west-00000').Count | Should -Be 3
            @(Get-SageMakerRequests | Where-Object Region -eq $R1).Count | Should -Be 0
        }

        It '-Region on Wait''s command line still wins' {
            # same-00000 is Completed in R1 and stays InProgress in R2.
            $fromR2 = Get-AutoMLJobV2 same-00000 -Region $R2 -ProfileName acct-a @at
            $fromR2.Region | Should -Be $R2
            Reset-AutoMLMoto $moto

            $done = $fromR2 | Wait-AutoMLJobV2 -Region $R1 -PollInterval 1 -Timeout 30 @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            "$(Where-Job $done)|$($done.AutoMLJobStatus)" | Should -Be "same-00000|$R1|$($AcctA.AccountId)|acct-a|Completed"
            @(Get-SageMakerRequests | ForEach-Object Region | Sort-Object -Unique) | Should -Be $R1
        }

        It 'several -Region or -ProfileName values on Wait: TooManyConnections before any request (<Given>)' -ForEach @(
            @{ Given = '-Region'; Extra = @{ Region = 'us-east-1', 'eu-west-1'; ProfileName = 'acct-a' } }
            @{ Given = '-ProfileName'; Extra = @{ Region = 'eu-west-1'; ProfileName = 'acct-a', 'acct-b' } }
        ) {
            { Wait-AutoMLJobV2 same-00000 -PollInterval 1 @Extra @at } | Should -Throw -ErrorId 'TooManyConnections,AutoMLV2.Commands.WaitAutoMLJobV2Command'
            @(Get-SageMakerRequests).Count | Should -Be 0
        }

        It '<Command>: a name given after a piped job is looked for in the default region, not in the job''s' -ForEach @(
            @{ Command = 'Wait-AutoMLJobV2'; Run = { param($at) $input | Wait-AutoMLJobV2 -PollInterval 1 -Timeout 30 -ProfileName acct-a @at -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
            @{ Command = 'Get-AutoMLJobV2'; Run = { param($at) $input | Get-AutoMLJobV2 -ProfileName acct-a @at -ErrorVariable failures -ErrorAction SilentlyContinue; $failures } }
        ) {
            # PowerShell resets the Region property between pipeline objects but keeps the value in
            # MyInvocation.BoundParameters, where ConnectionSettingsBuilder reads it.
            $west = Get-AutoMLJobV2 mix-west-00000 -Region $R2 -ProfileName acct-a @at
            Reset-AutoMLMoto $moto

            $out = @($west, 'mix-east-00000' | & $Run $at)

            @($out | Where-Object { $_ -is [Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }) | Should -BeNullOrEmpty
            @($out | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] } | ForEach-Object { Where-Job $_ } | Sort-Object) |
                Should -Be @("mix-east-00000|$R1|$($AcctA.AccountId)|acct-a", "mix-west-00000|$R2|$($AcctA.AccountId)|acct-a")
        }
    }

    Context 'The pipeline into Get-AutoMLJobV2Candidate, the session''s default region elsewhere' {
        BeforeEach {
            $global:StoredAWSRegion = $R1
            $env:AWS_REGION = $R1
        }

        It 'reads the leaderboard where the job is' {
            $candidates = Get-AutoMLJobV2 cand-00000 -Region $R2 -ProfileName acct-a @at | Get-AutoMLJobV2Candidate @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($candidates).Count | Should -Be 5
            @($candidates | ForEach-Object { "$($_.AutoMLJobName)|$($_.Region)|$($_.AccountId)|$($_.ProfileName)" } | Sort-Object -Unique) | Should -Be "cand-00000|$R2|$($AcctA.AccountId)|acct-a"
            @($candidates | ForEach-Object Rank) | Should -Be 1, 2, 3, 4, 5
            @(Get-SageMakerRequests | Where-Object Operation -eq ListCandidatesForAutoMLJob | ForEach-Object Region | Sort-Object -Unique) | Should -Be $R2
            @(Get-SageMakerRequests | Where-Object Region -eq $R1).Count | Should -Be 0
        }

        It 'finds the job in the one region of several that has it, without an error' {
            $candidates = Get-AutoMLJobV2Candidate cand-00000 -Region $R1, $R2 -ProfileName acct-a @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($candidates).Count | Should -Be 5
            @($candidates.Region | Sort-Object -Unique) | Should -Be $R2
            @(Get-SageMakerRequests | Where-Object Operation -eq ListCandidatesForAutoMLJob | ForEach-Object Region | Sort-Object) | Should -Be (@($R1, $R2) | Sort-Object)
        }
    }

    Context 'Throttling in one region does not slow the others' {
        BeforeEach { $env:AWS_MAX_ATTEMPTS = '1' }   # the SDK does not retry: the first throttle pauses the region's requests

        It 'requests to another region go out while the throttled region pauses' {
            # thr-east-00000 is throttled twice in R1: R1 pauses (0.5-1 s, then 1-2 s). The other
            # names come down the pipeline during that pause, each looked for in R1 and R2; each is
            # in R2, and each R2 request must go out as its name arrives, not when R1's pause ends.
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Region $R1 -Job thr-east-00000 -Count 2
            $sent = [ordered]@{}
            $names = 'thr-west-00000', 'thr-west-00001', 'thr-west-00002', 'thr-west-00003'

            $jobs = & {
                'thr-east-00000'
                foreach ($name in $names) {
                    Start-Sleep -Milliseconds 100
                    $sent[$name] = Get-EpochNow
                    $name
                }
            } | Get-AutoMLJobV2 -Region $R1, $R2 -ProfileName acct-a @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($jobs | ForEach-Object { Where-Job $_ }) | Should -Be (@("thr-east-00000|$R1|$($AcctA.AccountId)|acct-a") + @($names | ForEach-Object { "$_|$R2|$($AcctA.AccountId)|acct-a" }))
            $requests = Get-SageMakerRequests
            $east = @($requests | Where-Object { $_.Region -eq $R1 -and $_.Job -eq 'thr-east-00000' })
            @($east.Status) | Should -Be '400', '400', '200'
            ($east[2].At - $east[0].At) | Should -BeGreaterThan 1.0 -Because 'R1 paused twice (at least 0.5 s, then 1 s)'
            foreach ($name in $names) {
                $west = @($requests | Where-Object { $_.Region -eq $R2 -and $_.Job -eq $name })
                $west.Count | Should -Be 1
                ($west[0].At - $sent[$name]) | Should -BeLessThan 0.3 -Because "$name's request to $R2 does not wait for $R1's pause"
                $west[0].At | Should -BeLessThan $east[2].At -Because "$name's request to $R2 went out during $R1's pause"
            }
        }

        It 'a throttled region''s paused requests do not take the other regions'' turn within -ThrottleLimit' {
            # Both of R1's jobs are throttled once: with -ThrottleLimit 2 the two paused requests hold
            # both of the command's slots, so R2's requests wait for R1's pause to end.
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Region $R1 -Count 2

            $jobs = Get-AutoMLJobV2 'slot-*' -Region $R1, $R2 -ProfileName acct-a -ThrottleLimit 2 @at -ErrorVariable failures

            $failures | Should -BeNullOrEmpty
            @($jobs.AutoMLJobName) | Should -Be 'slot-east-00001', 'slot-east-00000', 'slot-west-00003', 'slot-west-00002', 'slot-west-00001', 'slot-west-00000'
            $describes = @(Get-SageMakerRequests | Where-Object Operation -eq DescribeAutoMLJobV2)
            $resent = @($describes | Where-Object { $_.Region -eq $R1 -and $_.Status -eq '200' } | ForEach-Object At | Measure-Object -Minimum).Minimum
            $west = @($describes | Where-Object Region -eq $R2)
            $west.Count | Should -Be 4
            foreach ($request in $west) {
                $request.At | Should -BeLessThan $resent -Because "$($request.Job)'s request to $R2 should go out while $R1 pauses, not after"
            }
        }
    }

    Context 'The views' {
        BeforeAll {
            function Get-Lines($Objects, [int] $Width) { @(($Objects | Out-String -Width $Width) -split '\r?\n') }
            function Get-Header([string[]] $Lines) { @($Lines | Where-Object { $_ -match '^AutoMLJobName\s' } | Sort-Object -Unique) }
        }

        It 'output spanning regions and accounts is grouped under Origin lines, with the same columns, at <Width> columns' -ForEach @(@{ Width = 80 }, @{ Width = 200 }) {
            $spanning = Get-AutoMLJobV2 'view-*' -Region $R1, $R2 -ProfileName acct-a, acct-b @at
            $single = Get-AutoMLJobV2 'view-*' -Region $R1 -ProfileName acct-a @at

            $lines = Get-Lines $spanning $Width
            @($lines | Where-Object { $_ -match 'Origin' } | ForEach-Object Trim) | Should -Be @(
                "Origin: $R1, account $($AcctA.AccountId), profile acct-a"
                "Origin: $R2, account $($AcctA.AccountId), profile acct-a"
                "Origin: $R2, account $($AcctB.AccountId), profile acct-b")
            $header = Get-Header $lines
            $header.Count | Should -Be 1
            $header | Should -Be (Get-Header (Get-Lines $single $Width))
            @($lines | Where-Object { $_ -match '^view-' } | ForEach-Object { ($_ -split '\s+')[0] }) | Should -Be 'view-east-00001', 'view-east-00000', 'view-west-00000', 'view-b-west-00000'
            if ($Width -eq 80) { @($lines | Where-Object Length -gt 79) | Should -BeNullOrEmpty }

            $singleText = ($single | Out-String -Width $Width)
            $singleText | Should -Not -Match 'Origin'
            $singleText | Should -Match 'view-east-00001'
        }

        It 'an Origin line says where the jobs are in full at 80 columns, with a long profile name too' {
            $jobs = Get-AutoMLJobV2 'view-b-*' -Region $R3, $R2 -ProfileName analytics-production-readonly @at

            $lines = Get-Lines $jobs 80
            $heading = (@($lines | Where-Object { $_ -notmatch '^(AutoMLJobName|-------------|view-)' }) -join ' ') -replace '\s+', ' '
            $heading | Should -Match ([regex]::Escape("Origin: $R2, account $($AcctB.AccountId), profile analytics-production-readonly"))
            @($lines | Where-Object Length -gt 79) | Should -BeNullOrEmpty
        }

        It 'the leaderboard heading names where the job is when the command spans regions, at <Width> columns' -ForEach @(
            @{ Width = 80 }
            @{ Width = 200 }
        ) {
            $spanning = Get-AutoMLJobV2Candidate cand-00000 -Region $R1, $R2 -ProfileName acct-a @at
            $single = Get-AutoMLJobV2Candidate cand-00000 -Region $R2 -ProfileName acct-a @at

            # The heading is what comes before the table's header (however it is laid out).
            $lines = Get-Lines $spanning $Width
            $heading = (@($lines[0..([Array]::FindIndex($lines, [Predicate[string]] { $args[0] -match '^\s*Rank\s' }) - 1)]) -join ' ') -replace '\s+', ' '
            $heading | Should -Match ([regex]::Escape("AutoMLJobName: cand-00000 (objective Accuracy, Maximize) in $R2, account $($AcctA.AccountId), profile acct-a"))
            if ($Width -eq 80) { @($lines | Where-Object Length -gt 79) | Should -BeNullOrEmpty }
            @((Get-Lines $single $Width) | Where-Object { $_ -match 'AutoMLJobName:' } | ForEach-Object Trim) | Should -Be 'AutoMLJobName: cand-00000 (objective Accuracy, Maximize)'
        }
    }

    Context 'Tab completion with several regions' {
        It 'lists the names of every region on the command line, each once' {
            $line = "Get-AutoMLJobV2 -Region $R1,$R2 -ProfileName acct-a -ProfileLocation '$profiles' -EndpointUrl $($moto.Endpoint) -AutoMLJobName comp"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length

            @($result.CompletionMatches.CompletionText) | Should -Be 'comp-00000', 'comp-00001', 'comp-00002'
            $tips = @($result.CompletionMatches.ToolTip)
            $tips[0] | Should -Match ([regex]::Escape("comp-00000 in $R1, profile 'acct-a'"))
            $tips[0] | Should -Match ([regex]::Escape("comp-00000 in $R2, profile 'acct-a'"))
            $tips[2] | Should -Match ([regex]::Escape("comp-00002 in $R2, profile 'acct-a'"))
            $tips[2] | Should -Not -Match ([regex]::Escape($R1))
            @(Get-SageMakerRequests | Where-Object Operation -eq ListAutoMLJobs | ForEach-Object Region | Sort-Object) | Should -Be (@($R1, $R2) | Sort-Object)
        }
    }
}
