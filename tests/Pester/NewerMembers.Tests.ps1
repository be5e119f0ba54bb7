# Issue "Nothing lost": members the service sends that this module does not know, end to end (the
# BUILT module against moto behind the test-control layer, whose "body" fault answers a request with
# a raw body). A DescribeAutoMLJobV2 body with a newer member at each depth - top level, inside a
# structure, inside a list element, a new union member (with its __type key), inside a map value -
# and a ListAutoMLJobs body with newer members in a summary and in the response itself.

Describe 'Members newer than the module' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force

        # Out-String must not carry ANSI colour codes into the assertions.
        $savedRendering = Use-PlainTextRendering

        $null = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $moto = Start-AutoMLMoto
        $conn = Get-AutoMLTestConnection $moto
        $null = New-AutoMLMotoJob -Moto $moto -Name nm-newer, nm-known

        function New-Body([string] $Name, [switch] $Newer) {
            $body = Get-Content -Raw (Join-Path $PSScriptRoot '../AutoMLV2.Tests/Fixtures/describe-tabular.json') | ConvertFrom-Json -AsHashtable
            $body.AutoMLJobName = $Name
            $body.AutoMLJobArn = "arn:aws:sagemaker:us-east-1:123456789012:automl-job/$Name"
            if ($Newer) {
                $body.NewTopLevel = 'arrived in 2027'
                $body.OutputDataConfig.NewStructureField = [ordered]@{ Depth = 2; Tags = @('a', 'b') }
                $body.AutoMLJobInputDataConfig[0].NewChannelField = [ordered]@{ Shards = 4 }
                $body.AutoMLProblemTypeConfigName = 'Quantum'
                $body.AutoMLProblemTypeConfig = [ordered]@{
                    __type           = 'com.amazonaws.sagemaker#QuantumJobConfig'
                    QuantumJobConfig = [ordered]@{ Qubits = 5; Annealing = $true; CompletionCriteria = [ordered]@{ MaxCandidates = 3 } }
                }
                $body.BestCandidate.InferenceContainerDefinitions.CPU[0].NewContainerField = @(1, 2)
            }
            $body | ConvertTo-Json -Depth 30 -Compress
        }

        Add-AutoMLMotoFault $moto -Kind body -Operation DescribeAutoMLJobV2 -Job nm-newer -Body (New-Body nm-newer -Newer)
        Add-AutoMLMotoFault $moto -Kind body -Operation DescribeAutoMLJobV2 -Job nm-known -Body (New-Body nm-known)
        $listBody = @{
            AutoMLJobSummaries = @(
                [ordered]@{ AutoMLJobName = 'nm-newer'; AutoMLJobStatus = 'Completed'; CreationTime = 1700822400; NewSummaryField = [ordered]@{ X = 1 } }
                [ordered]@{ AutoMLJobName = 'nm-known'; AutoMLJobStatus = 'Completed'; CreationTime = 1700822300 }
            )
            TotalCount         = 2
        } | ConvertTo-Json -Depth 10 -Compress
        Add-AutoMLMotoFault $moto -Kind body -Operation ListAutoMLJobs -Body $listBody

        $script:job = Get-AutoMLJobV2 nm-newer @conn -ErrorAction Stop
        $script:known = Get-AutoMLJobV2 nm-known @conn -ErrorAction Stop
        $expectedNewer = 'AutoMLContainerDefinition.NewContainerField, AutoMLJobChannel.NewChannelField, AutoMLJobV2.NewTopLevel, AutoMLOutputDataConfig.NewStructureField, AutoMLProblemTypeConfig.QuantumJobConfig'

        function Get-VerboseLines([scriptblock] $ScriptBlock) {
            @(& $ScriptBlock 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
        Restore-OutputRendering $savedRendering
    }

    It 'reaches every newer member by its API name, at every depth' {
        $job | Should -BeOfType ([AutoMLV2.Model.AutoMLJobV2])
        $job.AutoMLJobName | Should -Be 'nm-newer'
        $job.NewTopLevel | Should -Be 'arrived in 2027'
        $job.OutputDataConfig.NewStructureField.Depth | Should -Be 2
        $job.OutputDataConfig.NewStructureField.Tags[1] | Should -Be 'b'
        $job.AutoMLJobInputDataConfig[0].NewChannelField.Shards | Should -Be 4
        $job.AutoMLJobInputDataConfig[0] | Should -BeOfType ([AutoMLV2.Model.AutoMLJobChannel])
        $job.AutoMLProblemTypeConfig.QuantumJobConfig.Qubits | Should -Be 5
        $job.AutoMLProblemTypeConfig.QuantumJobConfig.Annealing | Should -BeTrue
        $job.AutoMLProblemTypeConfig.QuantumJobConfig.CompletionCriteria.MaxCandidates | Should -Be 3
        $job.AutoMLProblemTypeConfig.PSObject.Properties['__type'] | Should -BeNullOrEmpty
        $job.BestCandidate.InferenceContainerDefinitions['CPU'][0].NewContainerField | Should -Be @(1, 2)
        $job.BestCandidate.FinalAutoMLJobObjectiveMetric.Value | Should -Be 0.8734
    }

    It 'keeps the declared class of every object when nothing is newer' {
        $known.GetType().FullName | Should -Be 'AutoMLV2.Model.AutoMLJobV2'
        $known.AutoMLJobInputDataConfig[0].GetType().FullName | Should -Be 'AutoMLV2.Model.AutoMLJobChannel'
        $known.PSObject.Properties['NewTopLevel'] | Should -BeNullOrEmpty
    }

    It 'writes the newer members at their place with ConvertTo-Json' {
        $round = $job | ConvertTo-Json -Depth 20 | ConvertFrom-Json
        $round.NewTopLevel | Should -Be 'arrived in 2027'
        $round.OutputDataConfig.NewStructureField.Tags | Should -Be @('a', 'b')
        $round.AutoMLJobInputDataConfig[0].NewChannelField.Shards | Should -Be 4
        $round.AutoMLJobInputDataConfig[1].PSObject.Properties['NewChannelField'] | Should -BeNullOrEmpty
        $round.AutoMLProblemTypeConfig.QuantumJobConfig.CompletionCriteria.MaxCandidates | Should -Be 3
        $round.AutoMLProblemTypeConfig.PSObject.Properties['__type'] | Should -BeNullOrEmpty
        $round.BestCandidate.InferenceContainerDefinitions.CPU[0].NewContainerField | Should -Be @(1, 2)
        $round.AutoMLJobName | Should -Be 'nm-newer'
    }

    It 'shows the newer top-level members and the newer union member in the list view at <Width> columns' -TestCases @(
        @{ Width = 80 }, @{ Width = 200 }
    ) {
        $text = $job | Format-List | Out-String -Width $Width
        $text | Should -Match '(?m)^NewerMembers\s+: NewTopLevel: arrived in 2027\s*$'
        $text | Should -Match '(?m)^AutoMLProblemTypeConfig\s+: QuantumJobConfig: Qubits=5, Annealing=True,'
        # At 80 columns the value wraps onto the next lines.
        ($text -replace '\s', '') | Should -Match 'AutoMLProblemTypeConfig:QuantumJobConfig:Qubits=5,Annealing=True,CompletionCriteria=\{MaxCandidates=3\}AutoMLJobObjective:'

        $plain = $known | Format-List | Out-String -Width $Width
        $plain | Should -Not -Match 'NewerMembers'
        $plain | Should -Match '(?m)^AutoMLProblemTypeConfig\s+: Tabular: BinaryClassification'
    }

    It 'says once, in one Verbose line, which members were newer' {
        $lines = Get-VerboseLines { $null = Get-AutoMLJobV2 nm-newer, nm-known, nm-newer @conn -Verbose }
        $newer = @($lines | Where-Object { $_ -like 'Members newer than this module*' })
        $newer | Should -HaveCount 1
        $newer[0] | Should -Be "Members newer than this module (update AutoMLV2 to get them typed): $expectedNewer"
        $lines[-1] | Should -Be $newer[0]

        $quiet = Get-VerboseLines { $null = Get-AutoMLJobV2 nm-known @conn -Verbose }
        $quiet | Where-Object { $_ -like 'Members newer*' } | Should -BeNullOrEmpty
    }

    It 'names the newer members of a listing too' {
        $lines = Get-VerboseLines { $null = Get-AutoMLJobV2 'nm-*' @conn -Verbose }
        $newer = @($lines | Where-Object { $_ -like 'Members newer than this module*' })
        $newer | Should -HaveCount 1
        $newer[0] | Should -Match 'AutoMLJobSummary\.NewSummaryField'
        $newer[0] | Should -Match 'ListAutoMLJobsResponse\.TotalCount'
        $newer[0] | Should -Match 'AutoMLJobV2\.NewTopLevel'
    }

    It 'says it once from Wait-AutoMLJobV2 as well' {
        $lines = Get-VerboseLines { $null = Wait-AutoMLJobV2 nm-newer, nm-known @conn -PollInterval 1 -Verbose }
        $newer = @($lines | Where-Object { $_ -like 'Members newer than this module*' })
        $newer | Should -HaveCount 1
        $newer[0] | Should -Be "Members newer than this module (update AutoMLV2 to get them typed): $expectedNewer"
    }
}
