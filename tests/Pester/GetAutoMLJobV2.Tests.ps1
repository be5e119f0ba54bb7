# Acceptance tests of Get-AutoMLJobV2 (the BUILT module, out/AutoMLV2/AutoMLV2.psd1) against a local
# SageMaker endpoint: moto with IAM SigV4 authentication on (tests/Pester/MotoHarness.psm1). One
# server for the whole file; the caller's AWS environment is isolated (TestEnvironment.psm1).

BeforeDiscovery {
    $script:problemTypes = @('ImageClassification', 'TextClassification', 'TimeSeriesForecasting', 'Tabular', 'TextGeneration') |
        ForEach-Object { @{ ProblemType = $_; JobName = "rt-$($_.ToLowerInvariant())" } }
}

Describe 'Get-AutoMLJobV2 against a local SageMaker endpoint (moto, IAM auth on)' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force

        # Out-String must not carry ANSI colour codes into the assertions.
        $savedRendering = Use-PlainTextRendering

        $null = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $moto = Start-AutoMLMoto
        $conn = Get-AutoMLTestConnection $moto
        # Region and endpoint only: credentials come from somewhere else.
        $where = Get-AutoMLTestConnection $moto -Exclude AccessKey, SecretKey
        $command = 'AutoMLV2.Commands.GetAutoMLJobV2Command'

        # One fully configured job per problem type: rt-imageclassification, rt-tabular, ...
        $null = New-AutoMLMotoSampleJobs -Moto $moto -Prefix rt
        # Created one after the other, in this order (so newest first = wc-3, wc-2, wc-1). xwc-1 contains
        # "wc-" (the NameContains filter) but does not match wc-*; wcx-1 does not even contain it.
        $null = New-AutoMLMotoJob -Moto $moto -Name wc-1, wc-2, wc-3, xwc-1, wcx-1
        $null = New-AutoMLMotoJob -Moto $moto -Name st-done, st-failed, st-running, pl-1, pl-2, cred-job, gone-fields
        # Bulk jobs are created directly in moto's backend, older than every job above, in increasing CreationTime.
        $bulkCount = 250
        $null = New-AutoMLMotoBulkJobs $moto -Prefix bulk -Count $bulkCount -Status Completed

        $bestCandidate = @{
            CandidateName                 = 'st-done-candidate-1'
            CandidateStatus               = 'Completed'
            ObjectiveStatus               = 'Succeeded'
            FinalAutoMLJobObjectiveMetric = @{ Type = 'Maximize'; MetricName = 'validation:f1'; StandardMetricName = 'F1'; Value = 0.9123 }
            CandidateProperties           = @{
                CandidateMetrics = @(
                    @{ MetricName = 'validation:f1'; StandardMetricName = 'F1'; Value = 0.9123; Set = 'Validation' }
                    @{ MetricName = 'validation:auc'; StandardMetricName = 'AUC'; Value = 0.9531; Set = 'Validation' }
                    @{ MetricName = 'train:logloss'; StandardMetricName = 'LogLoss'; Value = 0.2107; Set = 'Train' }
                )
            }
        }
        $null = Set-AutoMLMotoJobScript $moto st-done @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; BestCandidate = $bestCandidate })
        $null = Set-AutoMLMotoJobScript $moto st-failed @(@{ after_seconds = 0; AutoMLJobStatus = 'Failed'; AutoMLJobSecondaryStatus = 'Failed'; FailureReason = 'ClientError: the target column is missing' })
        foreach ($name in 'pl-1', 'pl-2') {
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed' })
        }
        $null = Set-AutoMLMotoJobScript $moto gone-fields @(@{ after_seconds = 0; FailureReason = $null; PartialFailureReasons = $null; BestCandidate = $null; EndTime = $null })
        # Scripts apply lazily before the next request; apply them now (a later Reset-AutoMLMoto drops pending steps).
        $null = Get-AutoMLJobV2 st-done @conn

        function Get-RequestCount([string] $Operation) {
            $requests = (Get-AutoMLMotoStats $moto).requests
            $property = $requests.PSObject.Properties[$Operation]
            if ($property) { [int]$property.Value } else { 0 }
        }

        function Get-JobRequestNames {
            $byJob = (Get-AutoMLMotoStats $moto).by_job
            @($byJob.PSObject.Properties.Name)
        }

        # Runs the script block with Verbose merged in: the jobs, the errors and the verbose text apart.
        function Invoke-Captured([scriptblock] $ScriptBlock) {
            $jobs = [System.Collections.Generic.List[object]]::new()
            $verbose = [System.Collections.Generic.List[string]]::new()
            $errors = [System.Collections.Generic.List[object]]::new()
            foreach ($item in (& $ScriptBlock 4>&1 2>&1)) {
                if ($item -is [System.Management.Automation.VerboseRecord]) { $verbose.Add($item.Message) }
                elseif ($item -is [System.Management.Automation.ErrorRecord]) { $errors.Add($item) }
                else { $jobs.Add($item) }
            }
            [pscustomobject]@{ Jobs = $jobs.ToArray(); Verbose = $verbose.ToArray(); Errors = $errors.ToArray(); VerboseText = $verbose -join "`n" }
        }

        # --- raw JSON <-> typed object -----------------------------------------------------------
        $epoch = [datetime]::new(1970, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $timeMembers = 'CreationTime', 'EndTime', 'LastModifiedTime'

        function Test-Number($Value) {
            $Value -is [int] -or $Value -is [long] -or $Value -is [double] -or $Value -is [decimal] -or $Value -is [single] -or $Value -is [System.Numerics.BigInteger]
        }

        # Walks the JSON (ConvertFrom-Json objects) and the typed object side by side. Every JSON leaf
        # must equal the typed member of the same name (timestamps as [datetime], numbers as numbers,
        # strings and booleans as such); every JSON object must be an AutoMLV2.Model.* class (or a
        # dictionary for maps); every typed member the JSON lacks must be $null.
        function Compare-JsonToTyped($Raw, $Typed, [string] $Path, [string] $Member, $Problems, $Leaves) {
            if ($Typed -is [psobject]) { $Typed = $Typed.PSObject.BaseObject }
            if ($null -eq $Raw) {
                $Leaves.Add($Path)
                if ($null -ne $Typed) { $Problems.Add("${Path}: JSON null, typed '$Typed'") }
                return
            }
            if ($Raw -is [System.Management.Automation.PSCustomObject]) {
                if ($null -eq $Typed) { $Problems.Add("${Path}: JSON object, typed `$null"); return }
                $names = @($Raw.PSObject.Properties | ForEach-Object Name)
                if ($names.Count -eq 0) { $Leaves.Add("$Path {}") }
                if ($Typed -is [System.Collections.IDictionary]) {
                    $typedKeys = @($Typed.Keys | Sort-Object)
                    if (($typedKeys -join "`n") -cne (@($names | Sort-Object) -join "`n")) {
                        $Problems.Add("${Path}: JSON keys [$($names -join ', ')], typed keys [$($typedKeys -join ', ')]")
                        return
                    }
                    foreach ($name in $names) { Compare-JsonToTyped $Raw.$name $Typed[$name] "$Path['$name']" '' $Problems $Leaves }
                    return
                }
                $type = $Typed.GetType()
                if ($type.FullName -notlike 'AutoMLV2.Model.*') { $Problems.Add("${Path}: JSON object, typed [$($type.FullName)] (not AutoMLV2.Model.*)"); return }
                foreach ($name in $names) {
                    $property = $type.GetProperty($name)
                    if (-not $property) { $Problems.Add("${Path}.${name}: no such property on [$($type.FullName)]"); continue }
                    Compare-JsonToTyped $Raw.$name $property.GetValue($Typed) "$Path.$name" $name $Problems $Leaves
                }
                # Wire members are the settable properties; computed ones (Duration) have no setter.
                foreach ($property in $type.GetProperties() | Where-Object { $_.SetMethod -and $_.SetMethod.IsPublic }) {
                    if ($names -cnotcontains $property.Name -and $null -ne $property.GetValue($Typed)) {
                        $Problems.Add("$Path.$($property.Name): absent from the JSON, typed value '$($property.GetValue($Typed))' (expected `$null)")
                    }
                }
                return
            }
            if ($Raw -is [array]) {
                if ($Typed -isnot [array]) { $Problems.Add("${Path}: JSON array, typed '$Typed'"); return }
                if ($Typed.Length -ne $Raw.Length) { $Problems.Add("${Path}: JSON array of $($Raw.Length), typed array of $($Typed.Length)"); return }
                if ($Raw.Length -eq 0) { $Leaves.Add("$Path []") }
                for ($i = 0; $i -lt $Raw.Length; $i++) { Compare-JsonToTyped $Raw[$i] $Typed[$i] "$Path[$i]" '' $Problems $Leaves }
                return
            }
            $Leaves.Add($Path)
            if ($timeMembers -contains $Member) {
                if ($Typed -isnot [datetime]) { $Problems.Add("${Path}: timestamp $Raw, typed '$Typed' is not a [datetime]"); return }
                $expected = if ($Raw -is [datetime]) { $Raw.ToUniversalTime() } else { $epoch.AddMilliseconds([math]::Round([double]$Raw * 1000)) }
                if ($Typed.ToUniversalTime() -ne $expected) { $Problems.Add("${Path}: timestamp $Raw = $($expected.ToString('o')), typed $($Typed.ToUniversalTime().ToString('o'))") }
                return
            }
            if ($Raw -is [string]) {
                if ($Typed -isnot [string] -or $Typed -cne $Raw) { $Problems.Add("${Path}: JSON '$Raw', typed '$Typed'") }
            }
            elseif ($Raw -is [bool]) {
                if ($Typed -isnot [bool] -or $Typed -ne $Raw) { $Problems.Add("${Path}: JSON $Raw, typed '$Typed'") }
            }
            elseif (Test-Number $Raw) {
                if (-not (Test-Number $Typed) -or [double]$Typed -ne [double]$Raw) { $Problems.Add("${Path}: JSON number $Raw, typed '$Typed' [$(if ($null -ne $Typed) { $Typed.GetType().Name })]") }
            }
            else {
                $Problems.Add("${Path}: unexpected JSON value [$($Raw.GetType().FullName)] $Raw")
            }
        }

        function Compare-Job($Raw, $Job) {
            $problems = [System.Collections.Generic.List[string]]::new()
            $leaves = [System.Collections.Generic.List[string]]::new()
            Compare-JsonToTyped $Raw $Job '$job' '' $problems $leaves
            [pscustomobject]@{ Problems = $problems.ToArray(); Leaves = $leaves.ToArray() }
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
        Restore-OutputRendering $savedRendering
    }

    Context 'Signing (SigV4 checked by moto IAM)' {
        It 'signs correctly: the harness key describes a job' {
            $job = Get-AutoMLJobV2 cred-job @conn -ErrorAction Stop
            $job.AutoMLJobName | Should -Be 'cred-job'
        }

        It 'a wrong secret key gives a non-terminating AuthenticationFailed error per name that never shows the secret' {
            $badSecret = 'Wr0ng' + $moto.SecretKey.Substring(5)
            $bad = Get-AutoMLTestConnection $moto
            $bad.SecretKey = $badSecret
            $after = $false
            # -ErrorAction SilentlyContinue silences non-terminating errors only: a terminating one would throw here.
            $jobs = Get-AutoMLJobV2 cred-job, wc-1 @bad -ErrorAction SilentlyContinue -ErrorVariable failures
            $after = $true

            $after | Should -BeTrue
            $jobs | Should -BeNullOrEmpty
            $failures.Count | Should -Be 2
            foreach ($failure in $failures) {
                $failure.FullyQualifiedErrorId | Should -Be "AuthenticationFailed,$command"
                $failure.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
                $failure.Exception.Message | Should -Match 'Check the secret key'
                foreach ($text in $failure.Exception.Message, $failure.ToString(), ($failure | Out-String -Width 500)) {
                    $text | Should -Not -BeLikeExactly "*$badSecret*"
                    $text | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
                    $text | Should -Not -BeLikeExactly "*$($moto.AccessKey)*"   # keys are shown masked
                }
            }
            @($failures.TargetObject) | Should -Be @('cred-job', 'wc-1')
        }

        It 'an unknown access key gives a non-terminating AuthenticationFailed error about the access key' {
            $bad = Get-AutoMLTestConnection $moto
            $bad.AccessKey = 'AKIAIOSFODNN7EXAMPLE'
            $jobs = Get-AutoMLJobV2 cred-job @bad -ErrorAction SilentlyContinue -ErrorVariable failures
            $jobs | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "AuthenticationFailed,$command"
            $failures[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
            $failures[0].Exception.Message | Should -Match 'access key'
            $failures[0].Exception.Message | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
            $failures[0].TargetObject | Should -Be 'cred-job'
        }
    }

    Context 'Typed members round-trip: <ProblemType>' -ForEach $problemTypes {
        BeforeAll {
            $raw = Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name $JobName
            $job = Get-AutoMLJobV2 $JobName @conn -ErrorAction Stop
        }

        It 'returns one AutoMLV2.Model.AutoMLJobV2' {
            @($job).Count | Should -Be 1
            $job | Should -BeOfType ([AutoMLV2.Model.AutoMLJobV2])
            $job.AutoMLProblemTypeConfigName | Should -Be $ProblemType
        }

        It 'every JSON member equals its typed property, and members absent from the JSON are $null' {
            $result = Compare-Job $raw $job
            $result.Problems | Should -BeNullOrEmpty
            # Not a vacuous walk: every problem type's job has dozens of leaves, nested candidates included.
            $result.Leaves.Count | Should -BeGreaterThan 40
            $result.Leaves | Should -Contain '$job.BestCandidate.CandidateProperties.CandidateMetrics[0].Value'
            $result.Leaves | Should -Contain '$job.CreationTime'
        }

        It 'has typed values PowerShell compares naturally' {
            $job.AutoMLJobStatus -eq 'InProgress' | Should -BeTrue
            $job.Status | Should -Be 'InProgress'
            $job.CreationTime -is [datetime] | Should -BeTrue
            $job.CreationTime | Should -BeLessOrEqual (Get-Date).AddMinutes(5)
            $job.BestCandidate.FinalAutoMLJobObjectiveMetric.Value -is [double] | Should -BeTrue
            $job.BestCandidate.CandidateProperties.CandidateMetrics[0] | Should -BeOfType ([AutoMLV2.Model.MetricDatum])
            $job.AutoMLJobInputDataConfig[0].DataSource.S3DataSource | Should -BeOfType ([AutoMLV2.Model.AutoMLS3DataSource])
            # moto drops AutoMLComputeConfig: absent, so $null (not an empty object).
            $raw.PSObject.Properties['AutoMLComputeConfig'] | Should -BeNullOrEmpty
            $job.AutoMLComputeConfig | Should -BeNullOrEmpty
        }
    }

    Context 'Typed members round-trip: scripted jobs' {
        It 'a Completed job with a scripted BestCandidate round-trips' {
            $raw = Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name st-done
            $job = Get-AutoMLJobV2 st-done @conn -ErrorAction Stop
            (Compare-Job $raw $job).Problems | Should -BeNullOrEmpty
            $job.AutoMLJobStatus | Should -BeExactly 'Completed'
            $job.EndTime -is [datetime] | Should -BeTrue
            $job.BestCandidate.CandidateName | Should -Be 'st-done-candidate-1'
            $job.BestCandidate.CandidateProperties.CandidateMetrics.StandardMetricName | Should -Be @('F1', 'AUC', 'LogLoss')
            $job.BestCandidate.CandidateSteps | Should -BeNullOrEmpty
        }

        It 'members the response lacks are $null' {
            $raw = Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name gone-fields
            foreach ($member in 'FailureReason', 'PartialFailureReasons', 'BestCandidate', 'EndTime') {
                $raw.PSObject.Properties[$member] | Should -BeNullOrEmpty -Because "the script removed $member"
            }
            $job = Get-AutoMLJobV2 gone-fields @conn -ErrorAction Stop
            (Compare-Job $raw $job).Problems | Should -BeNullOrEmpty
            $job.FailureReason | Should -BeNullOrEmpty
            $null -eq $job.FailureReason | Should -BeTrue
            $null -eq $job.PartialFailureReasons | Should -BeTrue
            $null -eq $job.BestCandidate | Should -BeTrue
            $null -eq $job.EndTime | Should -BeTrue
            $null -eq $job.AutoMLComputeConfig | Should -BeTrue
        }
    }

    Context 'Names, pipeline and order' {
        It 'takes names by value from the pipeline' {
            $jobs = 'wc-1', 'wc-2' | Get-AutoMLJobV2 @conn -ErrorAction Stop
            $jobs.AutoMLJobName | Should -Be @('wc-1', 'wc-2')
        }

        It 'takes names by property name: AutoMLJobName' {
            $jobs = [pscustomobject]@{ AutoMLJobName = 'wc-2' }, [pscustomobject]@{ AutoMLJobName = 'wc-1' } | Get-AutoMLJobV2 @conn -ErrorAction Stop
            $jobs.AutoMLJobName | Should -Be @('wc-2', 'wc-1')
        }

        It 'takes names by property name: Name' {
            $jobs = [pscustomobject]@{ Name = 'wc-3' }, [pscustomobject]@{ Name = 'wc-1' } | Get-AutoMLJobV2 @conn -ErrorAction Stop
            $jobs.AutoMLJobName | Should -Be @('wc-3', 'wc-1')
        }

        It 'takes -Name and -JobName' {
            (Get-AutoMLJobV2 -Name wc-1 @conn -ErrorAction Stop).AutoMLJobName | Should -Be 'wc-1'
            (Get-AutoMLJobV2 -JobName wc-2, wc-3 @conn -ErrorAction Stop).AutoMLJobName | Should -Be @('wc-2', 'wc-3')
        }

        It 'writes the jobs in input order even when the first answer comes last' {
            Reset-AutoMLMoto $moto
            Add-AutoMLMotoFault $moto -Kind latency -Operation DescribeAutoMLJobV2 -Job wc-3 -DelayMs 400
            $jobs = Get-AutoMLJobV2 wc-3, wc-1, pl-2, wc-2, pl-1 @conn -ErrorAction Stop
            Clear-AutoMLMotoFault $moto
            $jobs.AutoMLJobName | Should -Be @('wc-3', 'wc-1', 'pl-2', 'wc-2', 'pl-1')
        }

        It 'a wildcard returns exactly the matching jobs, newest first' {
            Reset-AutoMLMoto $moto
            $jobs = Get-AutoMLJobV2 'wc-*' @conn -ErrorAction Stop
            $jobs.AutoMLJobName | Should -Be @('wc-3', 'wc-2', 'wc-1')
            Get-RequestCount ListAutoMLJobs | Should -Be 1
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 3   # xwc-1 is filtered out before it is described
            Get-JobRequestNames | Should -Not -Contain 'xwc-1'
        }

        It 'other wildcard forms match the same way (? and [...], case-insensitive)' {
            (Get-AutoMLJobV2 'wc-?' @conn -ErrorAction Stop).AutoMLJobName | Should -Be @('wc-3', 'wc-2', 'wc-1')
            (Get-AutoMLJobV2 'wc-[13]' @conn -ErrorAction Stop).AutoMLJobName | Should -Be @('wc-3', 'wc-1')
            (Get-AutoMLJobV2 '*wc-1' @conn -ErrorAction Stop).AutoMLJobName | Should -Be @('xwc-1', 'wc-1')
        }

        It 'a wildcard over more than 100 jobs pages through ListAutoMLJobs and returns all, newest first' {
            Reset-AutoMLMoto $moto
            $jobs = Get-AutoMLJobV2 'bulk-*' @conn -ErrorAction Stop
            $expected = ($bulkCount - 1)..0 | ForEach-Object { 'bulk-{0:d5}' -f $_ }
            $jobs.Count | Should -Be $bulkCount
            $jobs.AutoMLJobName | Should -Be $expected
            Get-RequestCount ListAutoMLJobs | Should -Be ([math]::Ceiling($bulkCount / 100))
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be $bulkCount
        }

        It 'no name lists every job, newest first' {
            $listed = Invoke-AutoMLMotoCli -Moto $moto sagemaker list-auto-ml-jobs --sort-by CreationTime --sort-order Descending
            $expected = @($listed.AutoMLJobSummaries.AutoMLJobName)
            $expected.Count | Should -BeGreaterThan ($bulkCount + 15)
            $jobs = Get-AutoMLJobV2 @conn -ErrorAction Stop
            $jobs.AutoMLJobName | Should -Be $expected
        }

        It '-Status keeps only jobs in that status' {
            (Get-AutoMLJobV2 'st-*' -Status Completed @conn -ErrorAction Stop).AutoMLJobName | Should -Be 'st-done'
            (Get-AutoMLJobV2 'st-*' -Status Failed @conn -ErrorAction Stop).AutoMLJobName | Should -Be 'st-failed'
            $running = Get-AutoMLJobV2 'st-*' -Status InProgress @conn -ErrorAction Stop
            $running.AutoMLJobName | Should -Be 'st-running'
            # Literal names are filtered too.
            (Get-AutoMLJobV2 st-running, st-done, st-failed -Status Completed @conn -ErrorAction Stop).AutoMLJobName | Should -Be 'st-done'
        }

        It '-Status without a name lists only jobs in that status' {
            $result = Invoke-Captured { Get-AutoMLJobV2 -Status Failed @conn -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'st-failed'
            $result.VerboseText | Should -Match 'StatusEquals=Failed'
        }

        It 'a wildcard that matches nothing returns nothing and no error' {
            $jobs = Get-AutoMLJobV2 'nothing-like-this-*' @conn -ErrorVariable failures
            $jobs | Should -BeNullOrEmpty
            $failures | Should -BeNullOrEmpty
        }

        It 'its output binds by property name into Wait-AutoMLJobV2' {
            $waited = Get-AutoMLJobV2 'pl-*' @conn -ErrorAction Stop | Wait-AutoMLJobV2 @conn -PollInterval 1 -Timeout 30 -ErrorAction Stop
            @($waited.AutoMLJobName | Sort-Object) | Should -Be @('pl-1', 'pl-2')
            $waited | ForEach-Object { $_.AutoMLJobStatus | Should -Be 'Completed' }
        }

        It 'its output binds back into Get-AutoMLJobV2' {
            $again = Get-AutoMLJobV2 'wc-*' @conn -ErrorAction Stop | Get-AutoMLJobV2 @conn -ErrorAction Stop
            $again.AutoMLJobName | Should -Be @('wc-3', 'wc-2', 'wc-1')
        }
    }

    Context 'Jobs that do not exist' {
        It 'returns the jobs found and one AutoMLJobNotFound error for the missing name, in input order' {
            $jobs = Get-AutoMLJobV2 wc-1, missing, wc-2 @conn -ErrorAction SilentlyContinue -ErrorVariable failures
            $jobs.AutoMLJobName | Should -Be @('wc-1', 'wc-2')
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "AutoMLJobNotFound,$command"
            $failures[0].CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
            $failures[0].TargetObject | Should -Be 'missing'
            $failures[0].Exception.Message | Should -Match "'missing'"

            # Errors take their place among the jobs: input order.
            $stream = @(& { Get-AutoMLJobV2 wc-1, missing, wc-2 @conn } 2>&1) |
                ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "error:$($_.TargetObject)" } else { $_.AutoMLJobName } }
            $stream | Should -Be @('wc-1', 'error:missing', 'wc-2')
        }

        It 'throws with -ErrorAction Stop' {
            { Get-AutoMLJobV2 wc-1, missing @conn -ErrorAction Stop } | Should -Throw -ErrorId "AutoMLJobNotFound,$command"
        }
    }

    Context 'Invalid names' {
        It 'empty, too long, with a space or an underscore: InvalidAutoMLJobName before any request, valid names still described' {
            Reset-AutoMLMoto $moto
            $long = 'a' * 33
            $bad = @('', $long, 'bad name', 'bad_name')
            $stream = @(& { Get-AutoMLJobV2 '', wc-1, $long, 'bad name', wc-2, 'bad_name' @conn } 2>&1)
            $jobs = @($stream | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            $failures = @($stream | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

            $jobs.AutoMLJobName | Should -Be @('wc-1', 'wc-2')
            $failures.Count | Should -Be 4
            foreach ($failure in $failures) {
                $failure.FullyQualifiedErrorId | Should -Be "InvalidAutoMLJobName,$command"
                $failure.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::InvalidArgument)
            }
            @($failures | ForEach-Object TargetObject) | Should -Be $bad
            # In input order, interleaved with the jobs.
            @($stream | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error' } else { $_.AutoMLJobName } }) |
                Should -Be @('error', 'wc-1', 'error', 'error', 'wc-2', 'error')

            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 2
            @(Get-JobRequestNames | Sort-Object) | Should -Be @('wc-1', 'wc-2')
        }

        It 'only invalid names: errors and no request at all' -ForEach @(
            @{ Names = @('') }
            @{ Names = @('a' * 33) }
            @{ Names = @('bad name') }
            @{ Names = @('bad_name') }
        ) {
            Reset-AutoMLMoto $moto
            $jobs = Get-AutoMLJobV2 $Names @conn -ErrorAction SilentlyContinue -ErrorVariable failures
            $jobs | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidAutoMLJobName,$command"
            $failures[0].TargetObject | Should -Be $Names[0]
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 0
            Get-RequestCount ListAutoMLJobs | Should -Be 0
        }

        It 'a $null name is an InvalidAutoMLJobName error, not a listing' {
            Reset-AutoMLMoto $moto
            $jobs = Get-AutoMLJobV2 -AutoMLJobName $null @conn -ErrorAction SilentlyContinue -ErrorVariable failures
            $jobs | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "InvalidAutoMLJobName,$command"
            Get-RequestCount ListAutoMLJobs | Should -Be 0
        }
    }

    Context 'Credential, region and endpoint sources' {
        BeforeEach {
            $null = Use-IsolatedAwsEnvironment
            $harnessKeys = [ordered]@{ aws_access_key_id = $moto.AccessKey; aws_secret_access_key = $moto.SecretKey }
        }

        AfterEach {
            Restore-AwsEnvironment
        }

        It 'explicit -AccessKey/-SecretKey' {
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @conn -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match 'Credentials: parameters -AccessKey/-SecretKey \(access key \*+\w{4}\)'
            $result.VerboseText | Should -Match 'Region: us-east-1 \(from parameter -Region\)'
            $result.VerboseText | Should -Match ([regex]::Escape("Endpoint: $($moto.Endpoint)/ (from parameter -EndpointUrl)"))
            $result.VerboseText | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
        }

        It '-ProfileName with -ProfileLocation (a credentials file in TestDrive)' {
            $file = Set-AwsIniFile (Join-Path $TestDrive 'location-credentials') @{ 'pester-dev' = $harnessKeys }
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -ProfileName pester-dev -ProfileLocation $file -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Credentials: profile 'pester-dev' in '$file' (access key *"))
            $result.VerboseText | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
        }

        It '-ProfileLocation as a PowerShell path (TestDrive:)' {
            $null = Set-AwsIniFile (Join-Path $TestDrive 'psdrive-credentials') @{ 'pester-drive' = $harnessKeys }
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -ProfileName pester-drive -ProfileLocation 'TestDrive:/psdrive-credentials' -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Credentials: profile 'pester-drive'"
        }

        It 'AWS_SHARED_CREDENTIALS_FILE + AWS_PROFILE' {
            # Set during the session, after the module's first call, as a user would in a PowerShell prompt.
            $env:AWS_SHARED_CREDENTIALS_FILE = Set-AwsIniFile (Join-Path $TestDrive 'env-credentials') @{ 'pester-env' = $harnessKeys }
            $env:AWS_PROFILE = 'pester-env'
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Credentials: profile 'pester-env' named by AWS_PROFILE \(access key \*+\w{4}\)"
        }

        It 'AWS_SHARED_CREDENTIALS_FILE + AWS_CONFIG_FILE + AWS_PROFILE, and the default profile, set before the session starts (a new pwsh)' {
            $env:AWS_SHARED_CREDENTIALS_FILE = Set-AwsIniFile (Join-Path $TestDrive 'fresh-credentials') ([ordered]@{ 'pester-fresh' = $harnessKeys; default = $harnessKeys })
            $env:AWS_CONFIG_FILE = Set-AwsIniFile (Join-Path $TestDrive 'fresh-config') ([ordered]@{
                    'profile pester-fresh' = @{ region = $moto.Region }
                    default                = @{ region = $moto.Region }
                })
            $env:AWS_PROFILE = 'pester-fresh'
            $env:AWS_ENDPOINT_URL_SAGEMAKER = $moto.Endpoint
            $child = Join-Path $TestDrive 'fresh-session.ps1'
            Set-Content -LiteralPath $child -Encoding utf8NoBOM -Value @'
param($Manifest)
Import-Module $Manifest -ErrorAction Stop
function Invoke-Get {
    $out = @(Get-AutoMLJobV2 cred-job -Verbose 4>&1 2>&1)
    [pscustomobject]@{
        Jobs    = @($out | Where-Object { $_ -is [AutoMLV2.Model.AutoMLJobV2] } | ForEach-Object AutoMLJobName)
        Verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message) -join "`n"
        Errors  = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" })
    }
}
$named = Invoke-Get
Remove-Item Env:AWS_PROFILE
$default = Invoke-Get
@{ Named = $named; Default = $default } | ConvertTo-Json -Compress -Depth 4
'@
            $json = & (Get-TestPwshPath) -NoProfile -NonInteractive -File $child (Get-BuiltAutoMLV2Path) 2>&1
            $LASTEXITCODE | Should -Be 0 -Because ($json -join "`n")
            $result = ($json -join "`n") | ConvertFrom-Json

            $result.Named.Errors | Should -BeNullOrEmpty
            $result.Named.Jobs | Should -Be 'cred-job'
            $result.Named.Verbose | Should -Match "Credentials: profile 'pester-fresh' named by AWS_PROFILE \(access key \*+\w{4}\)"
            $result.Named.Verbose | Should -Match "Region: $($moto.Region) \(from profile 'pester-fresh'\)"
            $result.Named.Verbose | Should -Match 'from environment variable AWS_ENDPOINT_URL_SAGEMAKER'

            $result.Default.Errors | Should -BeNullOrEmpty
            $result.Default.Jobs | Should -Be 'cred-job'
            $result.Default.Verbose | Should -Match "Credentials: profile 'default' \(access key \*+\w{4}\)"
            $result.Default.Verbose | Should -Match "Region: $($moto.Region) \(from profile 'default'\)"
        }

        It "the 'default' profile (of -ProfileLocation, no -ProfileName)" {
            $file = Set-AwsIniFile (Join-Path $TestDrive 'default-credentials') @{ default = $harnessKeys }
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -ProfileLocation $file -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Credentials: profile 'default' in '$file' (access key *"))
        }

        It 'environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY' {
            $env:AWS_ACCESS_KEY_ID = $moto.AccessKey
            $env:AWS_SECRET_ACCESS_KEY = $moto.SecretKey
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match 'Credentials: environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY \(access key \*+\w{4}\)'
            $result.VerboseText | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
        }

        It '$StoredAWSCredentials naming a profile' {
            $file = Set-AwsIniFile (Join-Path $TestDrive 'stored-credentials') @{ 'pester-stored' = $harnessKeys }
            $global:StoredAWSCredentials = 'pester-stored'
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -ProfileLocation $file -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Credentials: profile 'pester-stored' named by `$StoredAWSCredentials"))
        }

        It 'an assume-role profile (role_arn + source_profile) through the harness STS' {
            Reset-AutoMLMoto $moto
            $file = Set-AwsIniFile (Join-Path $TestDrive 'role-credentials') ([ordered]@{
                    'pester-source' = $harnessKeys
                    'pester-role'   = [ordered]@{ role_arn = $moto.RoleArn; source_profile = 'pester-source'; role_session_name = 'pester' }
                })
            $env:AWS_ENDPOINT_URL_STS = $moto.Endpoint
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job @where -ProfileName pester-role -ProfileLocation $file -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Credentials: profile 'pester-role' in '$file' (assume role $($moto.RoleArn))"))
            Get-RequestCount AssumeRole | Should -Be 1
            $result.VerboseText | Should -Not -BeLikeExactly "*$($moto.SecretKey)*"
        }

        It 'a missing -ProfileName is a terminating ProfileNotFound error, even with keys in the environment' {
            Reset-AutoMLMoto $moto
            $env:AWS_ACCESS_KEY_ID = $moto.AccessKey
            $env:AWS_SECRET_ACCESS_KEY = $moto.SecretKey
            $env:AWS_SHARED_CREDENTIALS_FILE = Set-AwsIniFile (Join-Path $TestDrive 'other-credentials') @{ 'someone-else' = $harnessKeys }
            $thrown = { Get-AutoMLJobV2 cred-job @where -ProfileName no-such-profile -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "ProfileNotFound,$command" -PassThru
            $thrown.Exception.Message | Should -Match "'no-such-profile'"
            $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::ObjectNotFound)
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 0
        }

        It 'no credentials at all is a terminating NoCredentials error that says how to provide them' {
            Reset-AutoMLMoto $moto
            $thrown = { Get-AutoMLJobV2 cred-job @where -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "NoCredentials,$command" -PassThru
            $thrown.CategoryInfo.Category | Should -Be ([System.Management.Automation.ErrorCategory]::AuthenticationError)
            foreach ($hint in '-ProfileName', '-AccessKey', 'AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'Set-AWSCredential') {
                $thrown.Exception.Message | Should -BeLikeExactly "*$hint*"
            }
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 0
        }

        It 'no region is a terminating NoRegion error' {
            $thrown = { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -ErrorAction SilentlyContinue } |
                Should -Throw -ErrorId "NoRegion,$command" -PassThru
            $thrown.Exception.Message | Should -BeLikeExactly '*-Region*'
            $thrown.Exception.Message | Should -BeLikeExactly '*AWS_REGION*'
        }

        It 'region from AWS_REGION' {
            $env:AWS_REGION = $moto.Region
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Region: $($moto.Region) \(from environment variable AWS_REGION\)"
        }

        It 'region from AWS_DEFAULT_REGION' {
            $env:AWS_DEFAULT_REGION = $moto.Region
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -Verbose }
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Region: $($moto.Region) \(from environment variable AWS_DEFAULT_REGION\)"
        }

        It 'region from $StoredAWSRegion' {
            $global:StoredAWSRegion = $moto.Region
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Region: $($moto.Region) \(from \`$StoredAWSRegion\)"
        }

        It "region from the profile's region (a profile of -ProfileLocation)" {
            $keysAndRegion = [ordered]@{ aws_access_key_id = $moto.AccessKey; aws_secret_access_key = $moto.SecretKey; region = $moto.Region }
            $file = Set-AwsIniFile (Join-Path $TestDrive 'region-in-credentials') @{ 'pester-region-cred' = $keysAndRegion }
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -ProfileName pester-region-cred -ProfileLocation $file -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Region: $($moto.Region) \(from profile 'pester-region-cred'\)"
        }

        It "region from the profile's region in the config file (AWS_CONFIG_FILE)" {
            # Set during the session, after the module's first call, as a user would in a PowerShell prompt.
            $env:AWS_SHARED_CREDENTIALS_FILE = Set-AwsIniFile (Join-Path $TestDrive 'region-credentials') @{ 'pester-region' = $harnessKeys }
            $env:AWS_CONFIG_FILE = Set-AwsIniFile (Join-Path $TestDrive 'region-config') @{ 'profile pester-region' = @{ region = $moto.Region } }
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -EndpointUrl $moto.Endpoint -ProfileName pester-region -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match "Region: $($moto.Region) \(from profile 'pester-region'\)"
        }

        It 'endpoint from AWS_ENDPOINT_URL_SAGEMAKER (ahead of AWS_ENDPOINT_URL)' {
            $env:AWS_ENDPOINT_URL_SAGEMAKER = $moto.Endpoint
            $env:AWS_ENDPOINT_URL = 'http://127.0.0.1:9'   # would fail: proves AWS_ENDPOINT_URL_SAGEMAKER wins
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -Region $moto.Region -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Endpoint: $($moto.Endpoint)/ (from environment variable AWS_ENDPOINT_URL_SAGEMAKER)"))
        }

        It 'endpoint from AWS_ENDPOINT_URL' {
            $env:AWS_ENDPOINT_URL = $moto.Endpoint
            $result = Invoke-Captured { Get-AutoMLJobV2 cred-job -Region $moto.Region -AccessKey $moto.AccessKey -SecretKey $moto.SecretKey -Verbose }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'cred-job'
            $result.VerboseText | Should -Match ([regex]::Escape("Endpoint: $($moto.Endpoint)/ (from environment variable AWS_ENDPOINT_URL)"))
        }

        It '-Verbose never shows the secret key or the session token (temporary credentials)' {
            $sts = (Invoke-AutoMLMotoCli -Moto $moto sts assume-role --role-arn $moto.RoleArn --role-session-name pester-verbose).Credentials
            $sts.SessionToken | Should -Not -BeNullOrEmpty
            $result = Invoke-Captured {
                Get-AutoMLJobV2 cred-job, 'wc-*' @where -AccessKey $sts.AccessKeyId -SecretKey $sts.SecretAccessKey -SessionToken $sts.SessionToken -Verbose
            }
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be @('cred-job', 'wc-3', 'wc-2', 'wc-1')
            $result.VerboseText | Should -Match 'Credentials: parameters -AccessKey/-SecretKey/-SessionToken'
            $result.VerboseText | Should -Not -BeLikeExactly "*$($sts.SecretAccessKey)*"
            $result.VerboseText | Should -Not -BeLikeExactly "*$($sts.SessionToken)*"
            $result.VerboseText | Should -Not -BeLikeExactly "*$($sts.SessionToken.Substring(0, 24))*"
            $result.VerboseText | Should -Not -BeLikeExactly "*$($sts.AccessKeyId)*"

            $debug = @(& { Get-AutoMLJobV2 cred-job @where -AccessKey $sts.AccessKeyId -SecretKey $sts.SecretAccessKey -SessionToken $sts.SessionToken -Verbose -Debug } 4>&1 5>&1 2>&1 |
                    Where-Object { $_ -is [System.Management.Automation.InformationalRecord] } | ForEach-Object Message) -join "`n"
            $debug | Should -Not -BeLikeExactly "*$($sts.SecretAccessKey)*"
            $debug | Should -Not -BeLikeExactly "*$($sts.SessionToken.Substring(0, 24))*"
        }
    }

    Context 'Diagnostics' {
        It '-Verbose reports an attempt that failed and was retried' {
            Reset-AutoMLMoto $moto
            Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job wc-1 -Count 1
            $result = Invoke-Captured { Get-AutoMLJobV2 wc-1 @conn -Verbose }
            Clear-AutoMLMotoFault $moto
            $result.Errors | Should -BeNullOrEmpty
            $result.Jobs.AutoMLJobName | Should -Be 'wc-1'
            Get-RequestCount DescribeAutoMLJobV2 | Should -Be 2   # the throttled attempt and the retry
            # AttemptLogHandler's retry line, e.g. "DescribeAutoMLJobV2 'wc-1': attempt 1 failed: ThrottlingException (HTTP 400)".
            $result.VerboseText | Should -Match "DescribeAutoMLJobV2 'wc-1': attempt 1 failed: ThrottlingException"
        }
    }

    Context 'Default views' {
        BeforeAll {
            $samples = Get-AutoMLJobV2 'rt-*' @conn -ErrorAction Stop
            $done = Get-AutoMLJobV2 st-done @conn -ErrorAction Stop
            # A property value PowerShell renders for an object it has no view for: {a, b}, {}, {[k, v]}.
            $stubPattern = '(?m)^\S[^\r\n:]*?\s:\s*\{|\{\}|\{\[|\.\.\.$|…'
        }

        It 'the default table shows the name, status and problem type of every job, at 80 columns' {
            $text = $samples | Out-String -Width 80
            $text | Should -Match '(?m)^AutoMLJobName\s+Status\s+ProblemType\s+Objective\s+Duration$'
            $shortTypes = @{ TimeSeriesForecasting = 'TimeSeries'; ImageClassification = 'ImageClassif'; TextClassification = 'TextClassif' }
            foreach ($job in $samples) {
                $type = $job.AutoMLProblemTypeConfigName
                $shown = if ($shortTypes[$type]) { $shortTypes[$type] } else { $type }
                $text | Should -Match "(?m)^$([regex]::Escape($job.AutoMLJobName))\s+InProgress\s+$shown\s"
            }
            $text | Should -Not -Match 'AutoMLV2\.Model\.'
            $text | Should -Not -Match '…'
        }

        It 'the default table shows the objective value of a completed job, the Wide table its metric too' {
            $done | Out-String -Width 80 | Should -Match 'st-done\s+Completed\s+Tabular\s+0\.9123\s'
            $done | Format-Table -View Wide | Out-String -Width 200 | Should -Match 'st-done\s+Completed\s+Completed\s+Tabular\s+validation:f1\s+0\.9123'
        }

        It 'Format-List of the <ProblemType> job has no type names and no {…} stubs' -ForEach $problemTypes {
            $job = $samples | Where-Object AutoMLJobName -eq $JobName
            $text = $job | Format-List | Out-String -Width 200
            $text | Should -Match "AutoMLJobName\s+: $JobName"
            $text | Should -Match "AutoMLProblemTypeConfig\s+: $ProblemType"
            $text | Should -Not -Match 'AutoMLV2\.Model\.'
            $text | Should -Not -Match $stubPattern
        }

        It 'the BestCandidate renders readably' {
            # Its default view is the candidate table (a one-row leaderboard headed by its job), Format-List the list view.
            $table = $done.BestCandidate | Out-String -Width 200
            $table | Should -Match '(?m)^\s+AutoMLJobName: st-done \(objective validation:f1, Maximize\)\s*$'
            $table | Should -Match '(?m)^\s+st-done-candidate-1\s+Completed\s+0\.9123\s*$'
            $text = $done.BestCandidate | Format-List | Out-String -Width 200
            $text | Should -Match 'CandidateName\s+: st-done-candidate-1'
            $text | Should -Match 'FinalAutoMLJobObjectiveMetric\s+: validation:f1 = 0\.9123 \(Maximize\)'
            $text | Should -Match 'validation:auc = 0\.9531 \[Validation\]'
            $text | Should -Not -Match 'AutoMLV2\.Model\.'
            $text | Should -Not -Match $stubPattern

            $placeholder = ($samples | Where-Object AutoMLJobName -eq 'rt-tabular').BestCandidate | Format-List | Out-String -Width 200
            $placeholder | Should -Match 'CandidateSteps\s+: TrainingJob: candidate_step_name'
            $placeholder | Should -Not -Match 'AutoMLV2\.Model\.'
            $placeholder | Should -Not -Match $stubPattern
        }

        It 'the candidate metrics render as a table' {
            $text = $done.BestCandidate.CandidateProperties.CandidateMetrics | Out-String -Width 200
            $text | Should -Match '(?m)^MetricName\s+StandardMetricName\s+Set\s+Value'
            $text | Should -Match 'validation:f1\s+F1\s+Validation\s+0\.9123'
            $text | Should -Match 'validation:auc\s+AUC\s+Validation\s+0\.9531'
            $text | Should -Match 'train:logloss\s+LogLoss\s+Train\s+0\.2107'
            $text | Should -Not -Match 'AutoMLV2\.Model\.'
            $text | Should -Not -Match $stubPattern
        }
    }

    # The time filters in a child pwsh whose time zone is Asia/Kolkata (UTC+05:30): local times must
    # mean Kolkata times, and the service (moto) must get the UTC instants. The jobs' times are set in
    # moto; T is 2024-06-01T12:00:00Z, 17:30 in Kolkata.
    Context 'Time filters, in a time zone that is not UTC (Asia/Kolkata)' {
        BeforeAll {
            $T = [datetime]::new(2024, 6, 1, 12, 0, 0, [DateTimeKind]::Utc)
            # name: status, created, last modified (hours after T)
            $timed = [ordered]@{
                'tf-1' = 'InProgress', -2, 1
                'tf-2' = 'InProgress', 0, 2
                'tf-3' = 'Completed', 1, 3
                'tf-4' = 'Failed', 2, 2.5
                'tfx-1' = 'Completed', 1, 3   # does not match tf-*
            }
            $null = New-AutoMLMotoJob -Moto $moto -Name @($timed.Keys)
            foreach ($name in $timed.Keys) {
                $status = $timed[$name][0]
                $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = $status; AutoMLJobSecondaryStatus = $status })
            }
            $null = Get-AutoMLJobV2 @($timed.Keys) @conn   # applies the scripts, which touch LastModifiedTime
            foreach ($name in $timed.Keys) {
                $null = Set-AutoMLMotoJobTimes $moto $name -CreationTime $T.AddHours($timed[$name][1]) -LastModifiedTime $T.AddHours($timed[$name][2])
            }

            # Runs $Script in a child pwsh with TZ=Asia/Kolkata and the built module, with $c (the
            # connection) and $T (T as the Unspecified [datetime] '2024-06-01 17:30', local time there)
            # defined. Returns the child's zone, the names of the jobs written, the verbose lines and
            # the errors.
            function Invoke-InKolkata([string] $Script) {
                $work = Join-Path ([IO.Path]::GetTempPath()) "automlv2-tz-$PID-$([guid]::NewGuid().ToString('n'))"
                $null = New-Item -ItemType Directory -Path $work
                try {
                    Set-Content -LiteralPath "$work/child.ps1" -Encoding utf8 -Value @'
param([string] $Manifest, [string] $ConnectionJson, [string] $ScriptFile, [string] $OutFile)
Import-Module $Manifest -ErrorAction Stop
$c = $ConnectionJson | ConvertFrom-Json -AsHashtable
$T = [datetime]'2024-06-01 17:30'
$names = [Collections.Generic.List[string]]::new()
$verbose = [Collections.Generic.List[string]]::new()
$errors = [Collections.Generic.List[string]]::new()
try {
    foreach ($item in (& ([scriptblock]::Create((Get-Content -Raw $ScriptFile))) 4>&1 2>&1)) {
        if ($item -is [Management.Automation.VerboseRecord]) { $verbose.Add($item.Message) }
        elseif ($item -is [Management.Automation.ErrorRecord]) { $errors.Add("$($item.FullyQualifiedErrorId): $item") }
        else { $names.Add($item.AutoMLJobName) }
    }
}
catch { $errors.Add("terminating $($_.FullyQualifiedErrorId): $_") }
[ordered]@{
    Zone = [TimeZoneInfo]::Local.Id; Offset = [TimeZoneInfo]::Local.BaseUtcOffset.ToString(); LocalT = $T.ToUniversalTime().ToString('o')
    Names = @($names); Verbose = @($verbose); Errors = @($errors)
} | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $OutFile -Encoding utf8
'@
                    Set-Content -LiteralPath "$work/script.ps1" -Encoding utf8 -Value $Script
                    $start = [Diagnostics.ProcessStartInfo]::new((Get-TestPwshPath))
                    foreach ($argument in '-NoProfile', '-NonInteractive', '-File', "$work/child.ps1", (Get-BuiltAutoMLV2Path), ($conn | ConvertTo-Json -Compress), "$work/script.ps1", "$work/out.json") {
                        $start.ArgumentList.Add($argument)
                    }
                    $start.Environment['TZ'] = 'Asia/Kolkata'
                    $start.RedirectStandardOutput = $true
                    $start.RedirectStandardError = $true
                    $process = [Diagnostics.Process]::Start($start)
                    $stdout = $process.StandardOutput.ReadToEndAsync()
                    $stderr = $process.StandardError.ReadToEndAsync()
                    if (-not $process.WaitForExit(120000)) { $process.Kill($true); throw 'The child pwsh did not finish within 120 s.' }
                    if (-not (Test-Path "$work/out.json")) { throw "The child pwsh failed (exit code $($process.ExitCode)): $($stdout.Result) $($stderr.Result)" }
                    Get-Content -Raw "$work/out.json" | ConvertFrom-Json
                }
                finally { Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore }
            }

            function Get-DescribedJobs {
                $stats = Get-AutoMLMotoStats $moto
                @($stats.log | Where-Object { $_[1] -eq 'DescribeAutoMLJobV2' } | ForEach-Object { $_[2] } | Sort-Object -Unique)
            }
        }

        BeforeEach { Reset-AutoMLMoto $moto }

        It 'runs the child in Kolkata, where [datetime] ''2024-06-01 17:30'' is T' {
            $r = Invoke-InKolkata 'Get-Date | Out-Null'
            $r.Zone | Should -Be 'Asia/Kolkata'
            $r.Offset | Should -Be '05:30:00'
            [datetime]::Parse($r.LocalT, [cultureinfo]::InvariantCulture, 'RoundtripKind') | Should -Be $T
        }

        It 'sends a local -CreatedAfter with a wildcard as the UTC instant, and the service leaves out what is not after it' {
            $r = Invoke-InKolkata "Get-AutoMLJobV2 'tf-*' -CreatedAfter `$T @c -Verbose"
            $r.Errors | Should -BeNullOrEmpty
            $r.Names | Should -Be @('tf-4', 'tf-3')   # newest first; tf-2 was created exactly at T
            ($r.Verbose -join "`n") | Should -Match 'NameContains=tf-, StatusEquals=\(any\), time filters CreationTimeAfter=2024-06-01T12:00:00\.000Z\.'
            Get-DescribedJobs | Should -Be @('tf-3', 'tf-4') -Because 'the service filtered: the jobs outside the range were not even described'
        }

        It 'reads <Given> as the same instant' -ForEach @(
            @{ Given = 'a Get-Date (Local kind)'; Expression = '(Get-Date -Year 2024 -Month 6 -Day 1 -Hour 17 -Minute 30 -Second 0 -Millisecond 0)' }
            @{ Given = 'a [datetime] of Local kind'; Expression = "([datetime]::SpecifyKind([datetime]'2024-06-01 17:30', 'Local'))" }
            @{ Given = 'a UTC [datetime]'; Expression = "([datetime]::SpecifyKind([datetime]'2024-06-01 12:00', 'Utc'))" }
            @{ Given = 'a string with Z (the CreationTimeAfter alias)'; Expression = "'2024-06-01T12:00:00Z'"; Parameter = 'CreationTimeAfter' }
            @{ Given = 'a string without a zone (local time)'; Expression = "'2024-06-01 17:30'" }
        ) {
            $name = if ($Parameter) { $Parameter } else { 'CreatedAfter' }
            $r = Invoke-InKolkata "Get-AutoMLJobV2 'tf-*' -$name $Expression @c"
            $r.Errors | Should -BeNullOrEmpty
            $r.Names | Should -Be @('tf-4', 'tf-3')
        }

        It 'combines -CreatedAfter and -CreatedBefore with a wildcard and -Status' {
            $r = Invoke-InKolkata "Get-AutoMLJobV2 'tf-*' -Status Completed -CreatedAfter `$T -CreatedBefore `$T.AddHours(3) @c"
            $r.Errors | Should -BeNullOrEmpty
            $r.Names | Should -Be @('tf-3')
            Get-DescribedJobs | Should -Be @('tf-3')
        }

        It 'filters on LastModifiedTime with -ModifiedAfter and -LastModifiedTimeBefore, bounds exclusive' {
            $r = Invoke-InKolkata "Get-AutoMLJobV2 'tf-*' -ModifiedAfter `$T.AddHours(2) -LastModifiedTimeBefore ([datetime]::SpecifyKind([datetime]'2024-06-01 15:00', 'Utc')) @c"
            $r.Errors | Should -BeNullOrEmpty
            $r.Names | Should -Be @('tf-4')   # tf-2 was modified exactly at T+2h, tf-3 exactly at T+3h
        }

        It 'filters literal names locally, by the same comparison, without listing' {
            $r = Invoke-InKolkata "Get-AutoMLJobV2 tf-1, tf-2, tf-3, tfx-1 -CreatedAfter `$T -ModifiedBefore `$T.AddHours(3) @c -Verbose"
            $r.Errors | Should -BeNullOrEmpty
            $r.Names | Should -Be @()
            ($r.Verbose -join "`n") | Should -Match "'tf-2' is left out"
            $r = Invoke-InKolkata "Get-AutoMLJobV2 tf-1, tf-2, tf-3, tfx-1, tf-4 -CreatedAfter `$T @c"
            $r.Names | Should -Be @('tf-3', 'tfx-1', 'tf-4')
            (Get-AutoMLMotoStats $moto).requests.PSObject.Properties['ListAutoMLJobs'] | Should -BeNullOrEmpty
        }

        It 'stops before any request when -CreatedAfter is not earlier than -CreatedBefore' {
            $r = Invoke-InKolkata "Get-AutoMLJobV2 'tf-*', tf-1 -CreatedAfter `$T -CreatedBefore `$T"
            $r.Names | Should -Be @()
            $r.Errors | Should -HaveCount 1
            $r.Errors[0] | Should -BeLike 'terminating InvalidTimeFilter,AutoMLV2.Commands.GetAutoMLJobV2Command: -CreatedAfter (2024-06-01T12:00:00.000Z, 2024-06-01 17:30:00 local time) is not earlier than -CreatedBefore*'
            (Get-AutoMLMotoStats $moto).requests.PSObject.Properties.Name | Should -BeNullOrEmpty
        }
    }
}
