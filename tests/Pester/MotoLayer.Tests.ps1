#Requires -Version 7.2
# The local SageMaker endpoint's own behaviour (tests/moto/automl_moto.py, driven through MotoHarness.psm1):
# ListCandidatesForAutoMLJob, ListAutoMLJobs time filters, jobs per region and per account, region faults,
# the STS log, the forward proxy. Raw signed requests (Invoke-AutoMLMotoRequest) and the AWS CLI; the
# module under test is not involved. Needs python3 with moto and the AWS CLI.

Describe 'Local SageMaker endpoint (moto layer)' -Tag 'MotoLayer' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $script:moto = Start-AutoMLMoto
        $script:first = $moto.Accounts[0].AccountId
        $script:second = $moto.Accounts[1].AccountId

        function script:Get-AllCandidates {
            # Every page of ListCandidatesForAutoMLJob: Names (in order), Pages, Candidates.
            param([string] $Job, [hashtable] $Query = @{}, [int] $PageSize = 100, [string] $Region, [string] $Account)
            $names = [System.Collections.Generic.List[string]]::new()
            $all = [System.Collections.Generic.List[object]]::new()
            $token = $null; $pages = 0
            do {
                $body = @{ AutoMLJobName = $Job; MaxResults = $PageSize } + $Query
                if ($token) { $body.NextToken = $token }
                $r = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob $body -Region $Region -Account $Account
                $r.StatusCode | Should -Be 200 -Because $r.Content
                $pages++
                foreach ($c in $r.Json.Candidates) { $names.Add($c.CandidateName); $all.Add($c) }
                $token = if ($r.Json.PSObject.Properties['NextToken']) { $r.Json.NextToken } else { $null }
            } while ($token)
            [pscustomobject]@{ Names = $names.ToArray(); Pages = $pages; Candidates = $all.ToArray() }
        }

        function script:Test-OrderedByValue([object[]] $Candidates, [bool] $Descending) {
            # Scored candidates sorted by value, then only candidates without a value.
            $scored = @($Candidates | Where-Object { $_.PSObject.Properties['FinalAutoMLJobObjectiveMetric'] })
            $values = @($scored | ForEach-Object { [double]$_.FinalAutoMLJobObjectiveMetric.Value })
            $sorted = @($values | Sort-Object -Descending:$Descending)
            $tail = @($Candidates | Select-Object -Skip $scored.Count)
            (($values -join ',') -eq ($sorted -join ',')) -and
                -not ($tail | Where-Object { $_.PSObject.Properties['FinalAutoMLJobObjectiveMetric'] })
        }

        New-AutoMLMotoJob -Moto $moto -Name cands | Out-Null
        New-AutoMLMotoJob -Moto $moto -Name cands -Region eu-west-1 -Account $second | Out-Null
        Add-AutoMLMotoCandidates $moto cands -Count 250 -MetricName MSE -ObjectiveType Minimize -Failed 5 -Ties 3 `
            -Region us-east-1 -Account $first -SetBestCandidate | Out-Null
        Add-AutoMLMotoCandidates $moto cands -Count 250 -MetricName Accuracy -ObjectiveType Maximize -Failed 4 -InProgress 2 `
            -Ties 3 -Seed 9 -Region eu-west-1 -Account $second | Out-Null
    }
    AfterAll { Stop-AutoMLMoto $moto }
    BeforeEach { Reset-AutoMLMoto $moto }

    Context 'ListCandidatesForAutoMLJob paging' {
        It 'pages 250 <Type> candidates over 3 pages in <Order> order: none lost, none repeated, unscored last' -ForEach @(
            @{ Type = 'Minimize'; Order = 'Ascending'; Region = 'us-east-1'; Account = '123456789012' }
            @{ Type = 'Minimize'; Order = 'Descending'; Region = 'us-east-1'; Account = '123456789012' }
            @{ Type = 'Maximize'; Order = 'Ascending'; Region = 'eu-west-1'; Account = '111122223333' }
            @{ Type = 'Maximize'; Order = 'Descending'; Region = 'eu-west-1'; Account = '111122223333' }
        ) {
            $got = Get-AllCandidates cands @{ SortBy = 'FinalObjectiveMetricValue'; SortOrder = $Order } -Region $Region -Account $Account
            $got.Pages | Should -Be 3
            $got.Names.Count | Should -Be 250
            @($got.Names | Sort-Object -Unique).Count | Should -Be 250
            Test-OrderedByValue $got.Candidates ($Order -eq 'Descending') | Should -BeTrue
            @($got.Candidates | Where-Object { $_.PSObject.Properties['FinalAutoMLJobObjectiveMetric'] } |
                ForEach-Object { $_.FinalAutoMLJobObjectiveMetric.Type } | Sort-Object -Unique) | Should -Be $Type
        }

        It 'orders ties the same way on every page size, and Descending is Ascending reversed' {
            $asc = (Get-AllCandidates cands @{ SortBy = 'FinalObjectiveMetricValue'; SortOrder = 'Ascending' } -PageSize 37).Candidates |
                Where-Object { $_.PSObject.Properties['FinalAutoMLJobObjectiveMetric'] } | ForEach-Object CandidateName
            $desc = (Get-AllCandidates cands @{ SortBy = 'FinalObjectiveMetricValue'; SortOrder = 'Descending' } -PageSize 300).Candidates |
                Where-Object { $_.PSObject.Properties['FinalAutoMLJobObjectiveMetric'] } | ForEach-Object CandidateName
            $asc.Count | Should -Be 245
            ($desc -join ',') | Should -Be (($asc[($asc.Count - 1)..0]) -join ',')
        }

        It 'defaults to 10 candidates a page, CreationTime ascending' {
            $r = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' }
            $r.Json.Candidates.Count | Should -Be 10
            $times = @($r.Json.Candidates.CreationTime)
            ($times -join ',') | Should -Be (($times | Sort-Object) -join ',')
            $r.Json.NextToken | Should -Not -BeNullOrEmpty
        }

        It 'filters by status and by candidate name' {
            (Get-AllCandidates cands @{ StatusEquals = 'Failed' }).Names.Count | Should -Be 5
            $one = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands'; CandidateNameEquals = 'cands-cand-0042' }
            @($one.Json.Candidates.CandidateName) | Should -Be 'cands-cand-0042'
        }

        It 'makes the best seeded candidate the BestCandidate of DescribeAutoMLJobV2' {
            $best = (Get-AllCandidates cands @{ SortBy = 'FinalObjectiveMetricValue'; SortOrder = 'Ascending' } -PageSize 300).Names[0]
            (Invoke-AutoMLMotoRequest $moto DescribeAutoMLJobV2 @{ AutoMLJobName = 'cands' }).Json.BestCandidate.CandidateName |
                Should -Be $best
        }

        It 'returns explicit candidates verbatim: unknown members, statuses and metric names' {
            New-AutoMLMotoJob -Moto $moto -Name verbatim | Out-Null
            Add-AutoMLMotoCandidates $moto verbatim -Candidate @(
                @{ CandidateName = 'odd'; CandidateStatus = 'Pondering'; NewMember = @{ Deep = @(1, 2) }
                   FinalAutoMLJobObjectiveMetric = @{ MetricName = 'validation:f1_binary'; Value = 0.5 }
                   CreationTime = [datetime]'2024-05-01T10:00:00Z' }) | Out-Null
            $c = (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'verbatim' }).Json.Candidates[0]
            $c.CandidateStatus | Should -Be 'Pondering'
            $c.NewMember.Deep | Should -Be @(1, 2)
            $c.FinalAutoMLJobObjectiveMetric.MetricName | Should -Be 'validation:f1_binary'
            $c.CreationTime | Should -Be 1714557600
        }
    }

    Context 'ListCandidatesForAutoMLJob errors' {
        It 'answers 400 ValidationException in AWS words for <Case>' -ForEach @(
            @{ Case = 'an unknown SortBy'; Body = @{ SortBy = 'Name' }
               Message = "1 validation error detected: Value 'Name' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime, Status, FinalObjectiveMetricValue]" }
            @{ Case = 'a status in the wrong case'; Body = @{ StatusEquals = 'completed' }
               Message = "1 validation error detected: Value 'completed' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [Completed, InProgress, Failed, Stopped, Stopping]" }
            @{ Case = 'MaxResults 301'; Body = @{ MaxResults = 301 }
               Message = "1 validation error detected: Value '301' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 300" }
            @{ Case = 'two bad members'; Body = @{ MaxResults = 0; SortOrder = 'Up' }
               Message = "2 validation errors detected: Value 'Up' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]; Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1" }
            @{ Case = 'an invalid NextToken'; Body = @{ NextToken = 'not-a-token' }
               Message = 'Invalid pagination token: the NextToken is not valid for this request.' }
        ) {
            $r = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob (@{ AutoMLJobName = 'cands' } + $Body)
            $r.StatusCode | Should -Be 400
            $r.Json.__type | Should -Be 'ValidationException'
            $r.Json.message | Should -Be $Message
        }

        It 'expires NextTokens on request' {
            $token = (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' }).Json.NextToken
            Revoke-AutoMLMotoNextTokens $moto
            $r = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands'; NextToken = $token }
            $r.Json.__type | Should -Be 'ValidationException'
            $r.Json.message | Should -Match 'expired'
        }

        It 'answers 400 ResourceNotFound for a job that is not in the region and account asked' {
            $r = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' } -Region ap-south-1
            $r.StatusCode | Should -Be 400
            $r.Json.__type | Should -Be 'ResourceNotFound'
            $r.Json.message | Should -Be 'AutoML job arn:aws:sagemaker:ap-south-1:123456789012:automl-job/cands not found.'
        }

        It 'authenticates like every other operation' {
            (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' } -Unsigned).Json.__type |
                Should -Be 'MissingAuthenticationTokenException'
            $bad = Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' } -SecretKey 'wrong'
            $bad.StatusCode | Should -Be 403
            $bad.Json.__type | Should -Be 'SignatureDoesNotMatch'
        }

        It 'obeys fault rules, latency and stats like the other operations' {
            Add-AutoMLMotoFault $moto -Kind throttle -Operation ListCandidatesForAutoMLJob -Count 1
            Set-AutoMLMotoLatency $moto 150
            (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' }).Json.__type | Should -Be 'ThrottlingException'
            $sw = [Diagnostics.Stopwatch]::StartNew()
            (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' }).StatusCode | Should -Be 200
            $sw.ElapsedMilliseconds | Should -BeGreaterOrEqual 150
            $stats = Get-AutoMLMotoStats $moto
            $stats.requests.ListCandidatesForAutoMLJob | Should -Be 2
            $stats.by_job.cands | Should -Be 2
            $stats.throttled | Should -Be 1
        }
    }

    Context 'Regions and accounts' {
        It 'keeps a job in the region and account it was created in' {
            $created = New-AutoMLMotoJob -Moto $moto -Name placed -Region eu-west-1 -Account $second
            $created.arn | Should -Be 'arn:aws:sagemaker:eu-west-1:111122223333:automl-job/placed'
            (Invoke-AutoMLMotoRequest $moto DescribeAutoMLJobV2 @{ AutoMLJobName = 'placed' } -Region eu-west-1 -Account $second).StatusCode |
                Should -Be 200
            (Invoke-AutoMLMotoRequest $moto DescribeAutoMLJobV2 @{ AutoMLJobName = 'placed' } -Region us-east-1 -Account $second).Json.__type |
                Should -Be 'ResourceNotFound'
            (Invoke-AutoMLMotoRequest $moto DescribeAutoMLJobV2 @{ AutoMLJobName = 'placed' } -Region eu-west-1 -Account $first).Json.__type |
                Should -Be 'ResourceNotFound'
        }

        It 'creates bulk jobs in the region and account asked' {
            New-AutoMLMotoBulkJobs $moto -Prefix far -Count 3 -Region ap-southeast-2 -Account $second | Should -Be 3
            $arns = (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{ NameContains = 'far-' } -Region ap-southeast-2 -Account $second).Json.AutoMLJobSummaries.AutoMLJobArn
            @($arns).Count | Should -Be 3
            $arns | ForEach-Object { $_ | Should -BeLike 'arn:aws:sagemaker:ap-southeast-2:111122223333:*' }
        }

        It 'fails one region with a region fault and serves the others' {
            Add-AutoMLMotoFault $moto -Kind error -Region eu-west-1 -Status 403 -Code UnrecognizedClientException `
                -Message 'The security token included in the request is invalid.'
            $eu = Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Region eu-west-1 -Account $second
            $eu.StatusCode | Should -Be 403
            $eu.Json.__type | Should -Be 'UnrecognizedClientException'
            (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Region us-east-1 -Account $second).StatusCode | Should -Be 200
        }

        It 'fails one account with an account fault' {
            Add-AutoMLMotoFault $moto -Kind error -Account $second -Status 403 -Code AccessDeniedException -Message 'SCP'
            (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Account $second).Json.__type | Should -Be 'AccessDeniedException'
            (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Account $first).StatusCode | Should -Be 200
        }

        It 'delays only the region given a latency of its own' {
            Set-AutoMLMotoLatency $moto 300 -Region eu-west-1
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Region eu-west-1
            $sw.ElapsedMilliseconds | Should -BeGreaterOrEqual 300
            $sw.Restart()
            $null = Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Region us-east-1
            $sw.ElapsedMilliseconds | Should -BeLessThan 300
        }
    }

    Context 'ListAutoMLJobs time filters' {
        BeforeAll {
            $script:T = 1717243200   # 2024-06-01T12:00:00Z
            New-AutoMLMotoJob -Moto $moto -Name time-a, time-b, time-c | Out-Null
            $i = 0
            foreach ($n in 'time-a', 'time-b', 'time-c') {
                Set-AutoMLMotoJobTimes $moto $n -CreationTime ([datetime]::SpecifyKind([datetime]'2024-06-01T12:00:00', 'Utc').AddHours($i)) `
                    -LastModifiedTime ($T + $i * 3600 + 60) | Out-Null
                $i++
            }
            function script:Get-TimeJobs([hashtable] $Filter) {
                $r = Invoke-AutoMLMotoRequest $moto ListAutoMLJobs (@{ NameContains = 'time-' } + $Filter)
                (@($r.Json.AutoMLJobSummaries.AutoMLJobName) | Sort-Object) -join ','
            }
        }

        It 'leaves out a job created exactly at CreationTimeAfter (strictly later)' {
            Get-TimeJobs @{ CreationTimeAfter = $T } | Should -Be 'time-b,time-c'
            Get-TimeJobs @{ CreationTimeAfter = $T - 0.001 } | Should -Be 'time-a,time-b,time-c'
        }

        It 'leaves out a job created exactly at CreationTimeBefore (strictly earlier)' {
            Get-TimeJobs @{ CreationTimeBefore = $T + 3600 } | Should -Be 'time-a'
            Get-TimeJobs @{ CreationTimeBefore = $T + 3600.001 } | Should -Be 'time-a,time-b'
        }

        It 'filters on LastModifiedTime, combined with CreationTime' {
            Get-TimeJobs @{ LastModifiedTimeAfter = $T + 60; LastModifiedTimeBefore = $T + 7260 } | Should -Be 'time-b'
            Get-TimeJobs @{ CreationTimeAfter = $T - 1; LastModifiedTimeBefore = $T + 3660 } | Should -Be 'time-a'
        }

        It 'spreads the creation times of bulk jobs' {
            New-AutoMLMotoBulkJobs $moto -Prefix spread -Count 4 -CreationStart '2024-01-01T00:00:00Z' -CreationStepSeconds 86400 | Out-Null
            $r = Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{ NameContains = 'spread-'; CreationTimeAfter = 1704153600 }   # 2024-01-02
            @($r.Json.AutoMLJobSummaries.AutoMLJobName | Sort-Object) | Should -Be @('spread-00002', 'spread-00003')
        }
    }

    Context 'STS' {
        It 'records the MFA serial number and the token code AssumeRole received' {
            Invoke-AutoMLMotoCli -Moto $moto sts assume-role --role-arn $moto.RoleArn --role-session-name mfa `
                --serial-number arn:aws:iam::123456789012:mfa/tester --token-code 424242 | Out-Null
            $last = (Get-AutoMLMotoStsLog $moto).last
            $last.SerialNumber | Should -Be 'arn:aws:iam::123456789012:mfa/tester'
            $last.TokenCode | Should -Be '424242'
            $last.status | Should -Be 200
        }

        It 'refuses AssumeRole with a wrong token code when MFA is required' {
            Set-AutoMLMotoMfaRequirement $moto -TokenCode 111111
            $r = Invoke-AutoMLMotoCli -Moto $moto -NoThrow sts assume-role --role-arn $moto.RoleArn --role-session-name mfa `
                --serial-number arn:aws:iam::123456789012:mfa/tester --token-code 424242
            $r.ExitCode | Should -Not -Be 0
            $r.StdErr | Should -Match 'AccessDenied.*invalid MFA one time pass code'
        }
    }

    Context 'Forward proxy' {
        BeforeAll { $script:proxy = Start-AutoMLProxy -Route @{ 'sagemaker.proxy.test' = "127.0.0.1:$($moto.Port)" } }
        AfterAll { Stop-AutoMLProxy $proxy }
        BeforeEach { Reset-AutoMLProxyStats $proxy }

        It 'forwards and counts absolute-URI requests' {
            (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Proxy $proxy.Url).StatusCode | Should -Be 200
            (Invoke-AutoMLMotoRequest $moto ListCandidatesForAutoMLJob @{ AutoMLJobName = 'cands' } -Proxy $proxy.Url).StatusCode | Should -Be 200
            $stats = Get-AutoMLProxyStats $proxy
            $stats.requests | Should -Be 2
            $stats.by_target."127.0.0.1:$($moto.Port)" | Should -Be 2
        }

        It 'reaches a routed name only through the proxy' {
            (Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Endpoint 'http://sagemaker.proxy.test' -Proxy $proxy.Url).StatusCode |
                Should -Be 200
            { Invoke-AutoMLMotoRequest $moto ListAutoMLJobs @{} -Endpoint 'http://sagemaker.proxy.test' -TimeoutSeconds 5 } | Should -Throw
            (Get-AutoMLProxyStats $proxy).requests | Should -Be 1
        }

        It 'is used by the AWS CLI through HTTP_PROXY unless NO_PROXY names the host' {
            Invoke-AutoMLMotoCli -Moto $moto -Environment @{ HTTP_PROXY = $proxy.Url; NO_PROXY = '' } sagemaker list-auto-ml-jobs --max-results 1 | Out-Null
            Invoke-AutoMLMotoCli -Moto $moto -Environment @{ HTTP_PROXY = $proxy.Url; NO_PROXY = '127.0.0.1' } sagemaker list-auto-ml-jobs --max-results 1 | Out-Null
            (Get-AutoMLProxyStats $proxy).requests | Should -Be 1
        }
    }
}
