# Renders AutoMLV2 output objects the way a user sees them and checks the text: every view of the
# format file at 80 and 200 columns, in two cultures; the default and Wide tables, the list view,
# nested ToString values, Duration and the alias properties. Needs the built module
# (out/AutoMLV2/AutoMLV2.psd1); the tests are skipped when it has not been built.

BeforeDiscovery {
    $manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($script:moduleMissing) {
        Write-Warning "AutoMLV2 view tests skipped: $manifest has not been built."
    }
    $script:problemTypes = @('Tabular', 'TimeSeriesForecasting', 'ImageClassification', 'TextClassification', 'TextGeneration') |
        ForEach-Object { @{ ProblemType = $_ } }

    # Every view of the built format file, read from its XML (so a view added later is checked
    # too), in a culture that writes dates month first and in one that writes them day first.
    $script:viewCases = @(
        if (-not $script:moduleMissing) {
            [xml] $format = Get-Content -Raw (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.format.ps1xml')
            foreach ($view in $format.Configuration.ViewDefinitions.View) {
                $kind = if ($view.TableControl) { 'table' } elseif ($view.ListControl) { 'list' } else { 'other' }
                foreach ($culture in 'en-US', 'de-DE') {
                    @{ View = $view.Name; TypeName = $view.ViewSelectedBy.TypeName; Kind = $kind; Culture = $culture }
                }
            }
        })
    $script:tableCases = @($script:viewCases | Where-Object { $_.Kind -eq 'table' -and $_.Culture -eq 'en-US' })
}

Describe 'AutoMLV2 views' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1') -Force -ErrorAction Stop
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force

        # Out-String must not carry ANSI colour codes into the assertions.
        $savedRendering = Use-PlainTextRendering

        $created = [datetime]::new(2025, 1, 15, 9, 30, 0, [DateTimeKind]::Local)
        $ended = $created.AddHours(1).AddMinutes(2).AddSeconds(5)
        $account = '123456789012'

        function New-StringMap([hashtable] $Map) {
            $d = [System.Collections.Generic.Dictionary[string, string]]::new()
            foreach ($key in $Map.Keys) { $d[$key] = $Map[$key] }
            , $d
        }

        function New-Candidate([string] $Name, [string] $MetricName, [string] $StandardMetricName, [double] $Value, [string] $Type) {
            $containers = [System.Collections.Generic.Dictionary[string, AutoMLV2.Model.AutoMLContainerDefinition[]]]::new()
            $containers['CPU'] = [AutoMLV2.Model.AutoMLContainerDefinition[]] @(
                @{ Image = "$account.dkr.ecr.us-east-1.amazonaws.com/sagemaker-automl:cpu"; ModelDataUrl = "s3://amzn-bucket/out/$Name/model.tar.gz"; Environment = (New-StringMap @{ SAGEMAKER_PROGRAM = 'serve' }) }
            )
            [AutoMLV2.Model.AutoMLCandidate] @{
                CandidateName                 = $Name
                CandidateStatus               = 'Completed'
                ObjectiveStatus               = 'Succeeded'
                FinalAutoMLJobObjectiveMetric = @{ MetricName = $MetricName; StandardMetricName = $StandardMetricName; Value = $Value; Type = $Type }
                CandidateSteps                = @(
                    @{ CandidateStepType = 'AWS::SageMaker::ProcessingJob'; CandidateStepName = "$Name-dpp"; CandidateStepArn = "arn:aws:sagemaker:us-east-1:${account}:processing-job/$Name-dpp" }
                    @{ CandidateStepType = 'AWS::SageMaker::TrainingJob'; CandidateStepName = "$Name-train"; CandidateStepArn = "arn:aws:sagemaker:us-east-1:${account}:training-job/$Name-train" }
                )
                InferenceContainers           = @(
                    @{ Image = "$account.dkr.ecr.us-east-1.amazonaws.com/sagemaker-automl:1"; ModelDataUrl = "s3://amzn-bucket/out/$Name/model.tar.gz"; Environment = (New-StringMap @{ SAGEMAKER_PROGRAM = 'serve'; AUTOML_TRANSFORM_MODE = 'feature-transform' }) }
                )
                InferenceContainerDefinitions = $containers
                CandidateProperties           = @{
                    CandidateArtifactLocations = @{ Explainability = "s3://amzn-bucket/out/$Name/explainability"; ModelInsights = "s3://amzn-bucket/out/$Name/insights" }
                    CandidateMetrics           = @(
                        @{ MetricName = $StandardMetricName; StandardMetricName = $StandardMetricName; Value = $Value; Set = 'Validation' }
                        @{ MetricName = 'InferenceLatency'; StandardMetricName = 'InferenceLatency'; Value = 0.00001234; Set = 'Test' }
                        @{ MetricName = 'LogLoss'; StandardMetricName = 'LogLoss'; Value = 0.25; Set = 'Train' }
                    )
                }
                CreationTime                  = $created.AddMinutes(10)
                EndTime                       = $created.AddMinutes(40)
                LastModifiedTime              = $created.AddMinutes(41)
            }
        }

        # One fully populated, completed job per problem type.
        function New-Job([string] $ProblemType) {
            # At most 32 characters, as the API allows.
            $name = "automl-$(if ($ProblemType -eq 'TimeSeriesForecasting') { 'timeseries' } else { $ProblemType.ToLowerInvariant() })-0115"
            $criteria = @{ MaxCandidates = 10; MaxRuntimePerTrainingJobInSeconds = 3600; MaxAutoMLJobRuntimeInSeconds = 86400 }
            $csv = 'text/csv;header=present'
            switch ($ProblemType) {
                'Tabular' {
                    $config = @{ TabularJobConfig = @{
                            ProblemType                 = 'BinaryClassification'
                            TargetAttributeName         = 'churned'
                            Mode                        = 'ENSEMBLING'
                            CandidateGenerationConfig   = @{ AlgorithmsConfig = @(@{ AutoMLAlgorithms = @('xgboost', 'lightgbm') }) }
                            CompletionCriteria          = $criteria
                        }
                    }
                    $resolvedProblem = @{ TabularResolvedAttributes = @{ ProblemType = 'BinaryClassification' } }
                    $candidate = New-Candidate "$name-c1" 'validation:f1' 'F1' 0.912345 'Maximize'
                    $objective = 'F1'
                }
                'TimeSeriesForecasting' {
                    $filling = [System.Collections.Generic.Dictionary[string, System.Collections.Generic.Dictionary[string, string]]]::new()
                    $filling['price'] = New-StringMap @{ middlefill = 'zero'; backfill = 'value'; backfill_value = '2' }
                    $config = @{ TimeSeriesForecastingJobConfig = @{
                            ForecastFrequency = '1D'
                            ForecastHorizon   = 14
                            ForecastQuantiles = @('p10', 'p50', 'p90')
                            TimeSeriesConfig  = @{ TargetAttributeName = 'demand'; TimestampAttributeName = 'ts'; ItemIdentifierAttributeName = 'sku'; GroupingAttributeNames = @('store') }
                            HolidayConfig     = @(@{ CountryCode = 'US' })
                            Transformations   = @{ Filling = $filling; Aggregation = (New-StringMap @{ demand = 'sum' }) }
                            CompletionCriteria = @{ MaxAutoMLJobRuntimeInSeconds = 86400 }
                        }
                    }
                    $resolvedProblem = $null
                    $candidate = New-Candidate "$name-c1" 'AverageWeightedQuantileLoss' 'AverageWeightedQuantileLoss' 0.0842 'Minimize'
                    $objective = 'AverageWeightedQuantileLoss'
                }
                'ImageClassification' {
                    $config = @{ ImageClassificationJobConfig = @{ CompletionCriteria = $criteria } }
                    $resolvedProblem = $null
                    $candidate = New-Candidate "$name-c1" 'Accuracy' 'Accuracy' 0.9876 'Maximize'
                    $objective = 'Accuracy'
                    $csv = 'image/png'
                }
                'TextClassification' {
                    $config = @{ TextClassificationJobConfig = @{ ContentColumn = 'review'; TargetLabelColumn = 'sentiment'; CompletionCriteria = $criteria } }
                    $resolvedProblem = $null
                    $candidate = New-Candidate "$name-c1" 'Accuracy' 'Accuracy' 0.8765 'Maximize'
                    $objective = 'Accuracy'
                }
                'TextGeneration' {
                    $config = @{ TextGenerationJobConfig = @{
                            BaseModelName                 = 'Falcon7BInstruct'
                            TextGenerationHyperParameters = (New-StringMap @{ epochCount = '3'; learningRate = '0.00001' })
                            ModelAccessConfig             = @{ AcceptEula = $true }
                            CompletionCriteria            = @{ MaxAutoMLJobRuntimeInSeconds = 7200 }
                        }
                    }
                    $resolvedProblem = @{ TextGenerationResolvedAttributes = @{ BaseModelName = 'Falcon7BInstruct' } }
                    $candidate = New-Candidate "$name-c1" 'ValidationLoss' 'ValidationLoss' 1.2345 'Minimize'
                    $objective = 'ValidationLoss'
                }
            }

            [AutoMLV2.Model.AutoMLJobV2] @{
                AutoMLJobName               = $name
                AutoMLJobArn                = "arn:aws:sagemaker:us-east-1:${account}:automl-job/$name"
                AutoMLJobStatus             = 'Completed'
                AutoMLJobSecondaryStatus    = 'Completed'
                AutoMLProblemTypeConfigName = $ProblemType
                AutoMLProblemTypeConfig     = $config
                AutoMLJobObjective          = @{ MetricName = $objective }
                AutoMLJobInputDataConfig    = @(
                    @{ ChannelType = 'training'; ContentType = $csv; CompressionType = 'Gzip'; DataSource = @{ S3DataSource = @{ S3DataType = 'S3Prefix'; S3Uri = "s3://amzn-bucket/$name/train/" } } }
                    @{ ChannelType = 'validation'; ContentType = $csv; CompressionType = 'None'; DataSource = @{ S3DataSource = @{ S3DataType = 'S3Prefix'; S3Uri = "s3://amzn-bucket/$name/validation/" } } }
                )
                OutputDataConfig            = @{ S3OutputPath = "s3://amzn-bucket/$name/out/"; KmsKeyId = 'alias/automl' }
                RoleArn                     = "arn:aws:iam::${account}:role/AutoMLRole"
                ResolvedAttributes          = @{ AutoMLJobObjective = @{ MetricName = $objective }; CompletionCriteria = $criteria; AutoMLProblemTypeResolvedAttributes = $resolvedProblem }
                BestCandidate               = $candidate
                AutoMLJobArtifacts          = @{ CandidateDefinitionNotebookLocation = "s3://amzn-bucket/$name/out/notebooks/candidates.ipynb"; DataExplorationNotebookLocation = "s3://amzn-bucket/$name/out/notebooks/exploration.ipynb" }
                PartialFailureReasons       = @(@{ PartialFailureMessage = 'Explainability report could not be generated.' })
                ModelDeployConfig           = @{ AutoGenerateEndpointName = $true }
                ModelDeployResult           = @{ EndpointName = "$name-endpoint" }
                DataSplitConfig             = @{ ValidationFraction = 0.2 }
                SecurityConfig              = @{ VolumeKmsKeyId = 'alias/volume'; EnableInterContainerTrafficEncryption = $true; VpcConfig = @{ SecurityGroupIds = @('sg-0123'); Subnets = @('subnet-a', 'subnet-b') } }
                AutoMLComputeConfig         = @{ EmrServerlessComputeConfig = @{ ExecutionRoleARN = "arn:aws:iam::${account}:role/EmrRole" } }
                CreationTime                = $created
                EndTime                     = $ended
                LastModifiedTime            = $ended
            }
        }

        $jobs = @{}
        foreach ($type in 'Tabular', 'TimeSeriesForecasting', 'ImageClassification', 'TextClassification', 'TextGeneration') {
            $jobs[$type] = New-Job $type
        }
        $emptyJob = [AutoMLV2.Model.AutoMLJobV2] @{ AutoMLJobName = 'only-a-name' }
        $runningJob = [AutoMLV2.Model.AutoMLJobV2] @{
            AutoMLJobName            = 'still-running'
            AutoMLJobStatus          = 'InProgress'
            AutoMLJobSecondaryStatus = 'TrainingModels'
            CreationTime             = [datetime]::Now.AddMinutes(-12).AddSeconds(-5)
        }
        $longJob = [AutoMLV2.Model.AutoMLJobV2] @{
            AutoMLJobName            = 'long-job'
            AutoMLJobArn             = "arn:aws:sagemaker:us-east-1:${account}:automl-job/long-job"
            AutoMLJobStatus          = 'Failed'
            AutoMLJobSecondaryStatus = 'Failed'
            FailureReason            = 'No valid candidates.'
            PartialFailureReasons    = @(@{ PartialFailureMessage = 'first' }, @{ PartialFailureMessage = 'second' })
            CreationTime             = $created
            EndTime                  = $created.AddDays(1).AddHours(3).AddMinutes(20)
        }

        # Jobs whose cells are as long as they get: the longest name the API allows, the longest
        # problem type and secondary status, the longest metric name, a value too large for four
        # decimals in the column, a negative one.
        $widestJob = [AutoMLV2.Model.AutoMLJobV2] @{
            AutoMLJobName               = 'a-job-name-of-32-characters-long'
            AutoMLJobStatus             = 'InProgress'
            AutoMLJobSecondaryStatus    = 'GeneratingExplainabilityReport'
            AutoMLProblemTypeConfigName = 'TimeSeriesForecasting'
            BestCandidate               = @{ CandidateName = 'c1'; FinalAutoMLJobObjectiveMetric = @{ MetricName = 'AverageWeightedQuantileLoss'; Value = 625000000.123456 } }
            CreationTime                = $created
            EndTime                     = $created.AddDays(999).AddHours(23)
        }
        $negativeJob = [AutoMLV2.Model.AutoMLJobV2] @{
            AutoMLJobName               = 'r2-below-zero'
            AutoMLJobStatus             = 'Completed'
            AutoMLProblemTypeConfigName = 'Tabular'
            BestCandidate               = @{ CandidateName = 'c1'; FinalAutoMLJobObjectiveMetric = @{ MetricName = 'R2'; Value = -12345.678912 } }
            CreationTime                = $created
            EndTime                     = $created.AddSeconds(42)
        }

        # Objects of every type that has a view, for the checks of every view. The running job is
        # left out: its duration may change between two renderings.
        $allJobs = @($jobs.Values | Sort-Object AutoMLJobName) + $emptyJob + $longJob + $widestJob + $negativeJob
        $candidates = @($allJobs | ForEach-Object BestCandidate | Where-Object { $_ }) + [AutoMLV2.Model.AutoMLCandidate] @{ CandidateName = 'bare' }
        # Jobs as a command that spans regions, accounts or profiles writes them: the engine has set where
        # each is from, and the cmdlet has put the type name of the origin view first. New objects:
        # a type name stays with its object, and the other samples must keep the default view.
        $originJobs = foreach ($place in @(@('Tabular', 'us-east-1', 'prod'), @('TextGeneration', 'eu-west-1', 'prod'), @('ImageClassification', 'eu-west-1', $null))) {
            $job = New-Job $place[0]
            foreach ($member in @{ Region = $place[1]; AccountId = $account; ProfileName = $place[2] }.GetEnumerator()) {
                [AutoMLV2.Model.AutoMLJobV2].GetProperty($member.Key).SetValue($job, $member.Value)
            }
            $job.PSObject.TypeNames.Insert(0, 'AutoMLV2.Model.AutoMLJobV2#Origin')
            $job
        }

        $samples = @{
            'AutoMLV2.Model.AutoMLJobV2'               = $allJobs
            'AutoMLV2.Model.AutoMLJobV2#Origin'        = @($originJobs)
            'AutoMLV2.Model.AutoMLCandidate'           = $candidates
            'AutoMLV2.Model.MetricDatum'               = @($candidates | ForEach-Object { $_.CandidateProperties.CandidateMetrics } | Where-Object { $_ }) +
                [AutoMLV2.Model.MetricDatum] @{ MetricName = 'AverageWeightedQuantileLoss'; StandardMetricName = 'AverageWeightedQuantileLoss'; Set = 'Validation'; Value = -625000000.5 }
            'AutoMLV2.Model.AutoMLContainerDefinition' = @($candidates | ForEach-Object { $_.InferenceContainerDefinitions.Values } | ForEach-Object { $_ } | Where-Object { $_ })
            'AutoMLV2.Model.TextGenerationJobConfig'   = @($jobs.TextGeneration.AutoMLProblemTypeConfig.TextGenerationJobConfig)
            'AutoMLV2.Model.TimeSeriesTransformations' = @($jobs.TimeSeriesForecasting.AutoMLProblemTypeConfig.TimeSeriesForecastingJobConfig.Transformations)
        }

        function Invoke-InCulture([string] $Name, [scriptblock] $Script) {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($Name)
                & $Script
            }
            finally { [cultureinfo]::CurrentCulture = $saved }
        }

        # A table as PowerShell wrote it: the header lines above the dash line, the column spans the
        # dash line marks, the cells of the header, and the rows. A view with a GroupBy writes a
        # "Label: value" line, then the header again, for each group: those lines are not rows.
        function Split-Table([string] $Text, [string] $GroupLabel) {
            $lines = @($Text -split '\r?\n' | Where-Object { $_.Trim() })
            $body = @($lines | Where-Object { -not $GroupLabel -or $_ -notmatch "^\s*$([regex]::Escape($GroupLabel))\s*: " })
            $dash = 0
            while ($dash -lt $body.Count -and $body[$dash] -notmatch '^-+( +-+)*\s*$') { $dash++ }
            $spans = @([regex]::Matches($body[$dash], '-+') | ForEach-Object { , @($_.Index, $_.Length) })
            $header = $body[0].PadRight($body[$dash].Length)
            $headerLines = @($body | Select-Object -First ($dash + 1))
            [pscustomobject]@{
                HeaderLines = $dash
                Headers     = @($spans | ForEach-Object { $header.Substring($_[0], $_[1]).Trim() })
                Rows        = @($body | Select-Object -Skip ($dash + 1) | Where-Object { $headerLines -cnotcontains $_ })
                Lines       = $lines
            }
        }

        # A list as PowerShell wrote it: one "label : value" entry after the other (all objects),
        # each value with the lines PowerShell wrapped it onto joined and all white space removed,
        # so a value wrapped at 80 columns compares equal to the same value on one line at 200.
        function Split-List([string] $Text) {
            $entries = [Collections.Generic.List[object]]::new()
            foreach ($line in $Text -split '\r?\n') {
                if ($line -match '^(\S.*?)\s*: ?(.*)$') {
                    $entries.Add([pscustomobject]@{ Label = $Matches[1]; Value = $Matches[2] -replace '\s' })
                }
                elseif ($line.Trim() -and $entries.Count) {
                    $entries[$entries.Count - 1].Value += $line -replace '\s'
                }
            }
            , $entries
        }

        function Get-ViewNode([string] $View, [string] $TypeName) {
            [xml] $format = Get-Content -Raw (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.format.ps1xml')
            $format.Configuration.ViewDefinitions.View | Where-Object { $_.Name -eq $View -and $_.ViewSelectedBy.TypeName -eq $TypeName }
        }

        # The label of a view's GroupBy lines, if it has a GroupBy.
        function Get-GroupLabel([string] $View, [string] $TypeName) {
            $group = (Get-ViewNode $View $TypeName).GroupBy
            if (-not $group) { return }
            if ($group.Label) { return $group.Label }
            # A heading written by a Display.*Heading formatter (CustomControl): "   Label: text".
            if ($group.CustomControl) {
                $heading = $samples[$TypeName][0] | ForEach-Object ([scriptblock]::Create($group.CustomControl.InnerText.Trim()))
                return [regex]::Match($heading, '^\s*(\w+):').Groups[1].Value
            }
            $group.PropertyName
        }

        function Get-ViewLabels([string] $View, [string] $TypeName) {
            $node = Get-ViewNode $View $TypeName
            if ($node.TableControl) {
                $headers = @($node.TableControl.TableHeaders.TableColumnHeader)
                $items = @($node.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
                for ($i = 0; $i -lt $headers.Count; $i++) {
                    $label = if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
                    [pscustomobject]@{ Label = $label; Width = [int] $headers[$i].Width }
                }
            }
            else {
                # An item with an ItemSelectionCondition (NewerMembers) shows only for the objects it
                # concerns; the samples have none, and tests/Pester/NewerMembers.Tests.ps1 covers it.
                foreach ($item in $node.ListControl.ListEntries.ListEntry.ListItems.ListItem | Where-Object { -not $_.ItemSelectionCondition }) {
                    [pscustomobject]@{ Label = $(if ($item.Label) { $item.Label } else { $item.PropertyName }); Width = 0 }
                }
            }
        }

        # Every way a user is likely to look at an object, at a narrow and a wide console. Format-Table
        # only where a table view exists: a generic table shows arrays as {a, b} by design.
        function Get-Rendering([object] $InputObject, [switch] $Table) {
            foreach ($width in 80, 200) {
                $InputObject | Out-String -Width $width
                if ($Table) { $InputObject | Format-Table | Out-String -Width $width }
                $InputObject | Format-List | Out-String -Width $width
            }
        }

        function Get-Row([string] $Text, [string] $Name) {
            ($Text -split '\r?\n') | Where-Object { $_ -match "^$([regex]::Escape($Name))\s" } | Select-Object -First 1
        }
    }

    AfterAll {
        Restore-OutputRendering $savedRendering
    }

    Context 'Format and type data' {
        It 'defines the table view first, the Wide table and a list view for AutoMLJobV2' {
            $views = (Get-FormatData -TypeName AutoMLV2.Model.AutoMLJobV2).FormatViewDefinition
            $views[0].Name | Should -Be 'AutoMLJobV2'
            $views[0].Control | Should -BeOfType System.Management.Automation.TableControl
            ($views | Where-Object Name -EQ 'AutoMLJobV2.List').Control | Should -BeOfType System.Management.Automation.ListControl
            ($views | Where-Object Name -EQ 'Wide').Control | Should -BeOfType System.Management.Automation.TableControl
        }

        It 'has views for AutoMLCandidate and MetricDatum' {
            Get-FormatData -TypeName AutoMLV2.Model.AutoMLCandidate | Should -Not -BeNullOrEmpty
            Get-FormatData -TypeName AutoMLV2.Model.MetricDatum | Should -Not -BeNullOrEmpty
        }

        It 'has one table view, the default, and one list view for AutoMLCandidate' {
            $views = @((Get-FormatData -TypeName AutoMLV2.Model.AutoMLCandidate).FormatViewDefinition)
            $views.Count | Should -Be 2
            $views[0].Name | Should -Be 'AutoMLCandidate'
            $views[0].Control | Should -BeOfType System.Management.Automation.TableControl
            $views[1].Name | Should -Be 'AutoMLCandidate.List'
            $views[1].Control | Should -BeOfType System.Management.Automation.ListControl
        }

        It 'has no view and no aliases for AutoMLJobSummary, which no cmdlet writes' {
            Get-FormatData -TypeName AutoMLV2.Model.AutoMLJobSummary | Should -BeNullOrEmpty
            Get-TypeData -TypeName AutoMLV2.Model.AutoMLJobSummary | Should -BeNullOrEmpty
        }

        It 'writes no rule in the format file: every scriptblock is one call of a Display formatter on $_ or one of its members' {
            [xml] $format = Get-Content -Raw (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.format.ps1xml')
            $scripts = @($format.SelectNodes('//ScriptBlock') | ForEach-Object { $_.InnerText.Trim() })
            $scripts.Count | Should -BeGreaterThan 10
            foreach ($script in $scripts) {
                $script -match '^\[AutoMLV2\.Formatting\.Display\]::(\w+)\(\$_(\.\w+)?\)$' | Should -BeTrue -Because $script
                [AutoMLV2.Formatting.Display].GetMethod($Matches[1]) | Should -Not -BeNullOrEmpty -Because $script
            }
        }
    }

    Context 'Default table of a <ProblemType> job' -ForEach $problemTypes {
        BeforeAll {
            $job = $jobs[$ProblemType]
            $text = $job | Out-String -Width 200
            $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
        }

        It 'is the table with the expected headers' {
            $lines[0] -split '\s+' | Where-Object { $_ } |
                Should -Be @('AutoMLJobName', 'Status', 'ProblemType', 'Objective', 'Duration')
            $lines[1] | Should -Match '^-+( +-+){4}$'
        }

        It 'shows the status, problem type (shortened past 14 characters), objective value and duration' {
            $row = Get-Row $text $job.AutoMLJobName
            $row | Should -Not -BeNullOrEmpty
            $shortType = @{ TimeSeriesForecasting = 'TimeSeries'; ImageClassification = 'ImageClassif'; TextClassification = 'TextClassif' }[$ProblemType]
            $expected = @(
                $job.AutoMLJobName, 'Completed', $(if ($shortType) { $shortType } else { $ProblemType }),
                $job.BestCandidate.FinalAutoMLJobObjectiveMetric.Value.ToString('0.0000', [cultureinfo]::InvariantCulture), '1h 02m'
            ) | ForEach-Object { [regex]::Escape($_) }
            $row | Should -Match ('^' + ($expected -join '\s+') + '\s*$')
        }

        It 'is also what Format-Table shows' {
            ($job | Format-Table | Out-String -Width 200) | Should -Be $text
        }
    }

    Context 'Wide table of a <ProblemType> job' -ForEach $problemTypes {
        BeforeAll {
            $job = $jobs[$ProblemType]
            $text = $job | Format-Table -View Wide | Out-String -Width 200
            $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
        }

        It 'is the full table with the expected headers' {
            $lines[0] -split '\s+' | Where-Object { $_ } |
                Should -Be @('AutoMLJobName', 'Status', 'Secondary', 'ProblemType', 'Metric', 'Value', 'Created', 'Duration')
            $lines[1] | Should -Match '^-+( +-+){7}$'
        }

        It 'shows the status, secondary status, problem type, objective metric, creation time and duration' {
            $row = Get-Row $text $job.AutoMLJobName
            $row | Should -Not -BeNullOrEmpty
            $metric = $job.BestCandidate.FinalAutoMLJobObjectiveMetric
            $expected = @(
                $job.AutoMLJobName, 'Completed', 'Completed', $ProblemType, $metric.MetricName,
                $metric.Value.ToString('0.0000', [cultureinfo]::InvariantCulture),
                $job.CreationTime.ToString('g'), '1h 02m'
            ) | ForEach-Object { [regex]::Escape($_) }
            $row | Should -Match ('^' + ($expected -join '\s+') + '\s*$')
        }
    }

    Context 'Every view at 80 and 200 columns' {
        It 'has objects of <TypeName> to render <View> with' -ForEach $tableCases {
            $samples[$TypeName] | Should -Not -BeNullOrEmpty -Because "every type with a view needs sample objects in this file's `$samples"
        }

        It 'sizes the <View> table of <TypeName> for 79 characters, each header within its width' -ForEach @($tableCases | Where-Object View -NE 'Wide') {
            $columns = @(Get-ViewLabels $View $TypeName)
            foreach ($column in $columns) {
                $column.Width | Should -BeGreaterThan 0 -Because "column $($column.Label) needs a fixed Width to be the same at every console width"
                $column.Label.Length | Should -BeLessOrEqual $column.Width -Because "a header longer than its column wraps"
            }
            ($columns | Measure-Object Width -Sum).Sum + $columns.Count - 1 | Should -BeLessOrEqual 79
        }

        It 'renders the <View> table of <TypeName> in <Culture> alike at 80 and 200 columns: every header on one line, one line per object' -ForEach @($viewCases | Where-Object { $_.Kind -eq 'table' -and $_.View -ne 'Wide' }) {
            $objects = $samples[$TypeName]
            $labels = @(Get-ViewLabels $View $TypeName | ForEach-Object Label)
            $narrow, $wide = Invoke-InCulture $Culture { foreach ($width in 80, 200) { $objects | Format-Table -View $View | Out-String -Width $width } }

            $narrow | Should -BeExactly $wide
            $table = Split-Table $narrow (Get-GroupLabel $View $TypeName)
            $table.HeaderLines | Should -Be 1
            $table.Headers | Should -Be $labels
            $table.Rows.Count | Should -Be $objects.Count
            $table.Lines | Where-Object { $_.Length -gt 79 } | Should -BeNullOrEmpty -Because 'an 80-column console writes 79 characters on a line'
            $narrow | Should -Not -Match ([regex]::Escape([string][char]0x2026)) -Because 'no cell may be cut off'
        }

        It 'renders the Wide table <View> of <TypeName> in <Culture> at 200 columns: every header on one line, one line per object' -ForEach @($viewCases | Where-Object { $_.Kind -eq 'table' -and $_.View -eq 'Wide' }) {
            $objects = $samples[$TypeName]
            $text = Invoke-InCulture $Culture { $objects | Format-Table -View $View | Out-String -Width 200 }

            $table = Split-Table $text (Get-GroupLabel $View $TypeName)
            $table.HeaderLines | Should -Be 1
            $table.Headers | Should -Be @(Get-ViewLabels $View $TypeName | ForEach-Object Label)
            $table.Rows.Count | Should -Be $objects.Count
            $text | Should -Not -Match ([regex]::Escape([string][char]0x2026))
        }

        It 'renders the <View> list of <TypeName> in <Culture> with every entry and nothing cut off at 80 columns' -ForEach @($viewCases | Where-Object Kind -EQ 'list') {
            $objects = $samples[$TypeName]
            $objects | Should -Not -BeNullOrEmpty -Because "every type with a view needs sample objects in this file's `$samples"
            $narrow, $wide = Invoke-InCulture $Culture { foreach ($width in 80, 200) { $objects | Format-List -View $View | Out-String -Width $width } }

            $narrowEntries = Split-List $narrow
            $wideEntries = Split-List $wide
            $labels = @(Get-ViewLabels $View $TypeName | ForEach-Object Label)
            $narrowEntries.Count | Should -Be ($labels.Count * $objects.Count)
            $narrowEntries.Label | Should -Be $wideEntries.Label
            $narrowEntries.Label | Select-Object -First $labels.Count | Should -Be $labels
            for ($i = 0; $i -lt $narrowEntries.Count; $i++) {
                $narrowEntries[$i].Value | Should -BeExactly $wideEntries[$i].Value -Because "$($narrowEntries[$i].Label) must read the same at 80 columns"
            }
            $narrow | Should -Not -Match ([regex]::Escape([string][char]0x2026))
        }

        It 'writes dates in the Wide table as the short date and time of <Culture>' -ForEach @(
            @{ Culture = 'en-US'; Expected = '1/15/2025 9:30 AM' }
            @{ Culture = 'de-DE'; Expected = '15.01.2025 09:30' }
            @{ Culture = 'ja-JP'; Expected = '2025/01/15 9:30' }
        ) {
            $text = Invoke-InCulture $Culture { $jobs.Tabular | Format-Table -View Wide | Out-String -Width 200 }
            # Any space: ICU writes a narrow no-break space before AM.
            Get-Row $text $jobs.Tabular.AutoMLJobName | Should -Match "\s$([regex]::Escape($Expected) -replace '\\ ', '\s')\s+1h 02m$"
        }
    }

    Context 'List view of a <ProblemType> job' -ForEach $problemTypes {
        BeforeAll {
            $job = $jobs[$ProblemType]
            $list = $job | Format-List | Out-String -Width 200
        }

        It 'shows every top-level member' {
            foreach ($property in $job.PSObject.Properties | Where-Object MemberType -EQ Property) {
                $list | Should -Match "(?m)^$($property.Name)\s+:"
            }
            $list | Should -Match '(?m)^Duration\s+: 1h 02m\s*$'
        }

        It 'shows nested values' {
            $list | Should -Match ([regex]::Escape("training: s3://amzn-bucket/$($job.AutoMLJobName)/train/ ("))
            $list | Should -Match ([regex]::Escape("validation: s3://amzn-bucket/$($job.AutoMLJobName)/validation/ ("))
            $list | Should -Match ([regex]::Escape("s3://amzn-bucket/$($job.AutoMLJobName)/out/ (KMS: alias/automl)"))
            $list | Should -Match ([regex]::Escape("$($job.BestCandidate.CandidateName) (Completed)"))
            $list | Should -Match ([regex]::Escape($job.BestCandidate.FinalAutoMLJobObjectiveMetric.ToString()))
            $list | Should -Match '3 candidate metrics, 2 steps'
            $list | Should -Match ([regex]::Escape("CandidateDefinitionNotebook: s3://amzn-bucket/$($job.AutoMLJobName)/out/notebooks/candidates.ipynb"))
            $list | Should -Match 'Explainability report could not be generated\.'
            $list | Should -Match "(?m)^AutoMLJobObjective\s+: $($job.AutoMLJobObjective.MetricName)\s*$"
            $list | Should -Match "(?m)^AutoMLProblemTypeConfig\s+: ${ProblemType}\b"
            $list | Should -Match 'inter-container traffic encryption'
            $list | Should -Match 'EMR Serverless: arn:aws:iam::123456789012:role/EmrRole'
        }
    }

    Context 'Problem type details' {
        It 'describes a tabular job' {
            $jobs.Tabular.AutoMLProblemTypeConfig.ToString() |
                Should -Be "Tabular: BinaryClassification, target 'churned', mode ENSEMBLING, algorithms [xgboost, lightgbm], max 10 candidates, max 3600s per training job, max 86400s job runtime"
        }

        It 'describes a time-series forecasting job' {
            $jobs.TimeSeriesForecasting.AutoMLProblemTypeConfig.ToString() |
                Should -Be "TimeSeriesForecasting: target 'demand', timestamp 'ts', item 'sku', grouping [store], frequency 1D, horizon 14, quantiles [p10, p50, p90], holidays [US], transformations [filling price(backfill=value, backfill_value=2, middlefill=zero); aggregation demand=sum], max 86400s job runtime"
        }

        It 'describes an image classification job' {
            $jobs.ImageClassification.AutoMLProblemTypeConfig.ToString() |
                Should -Be 'ImageClassification: max 10 candidates, max 3600s per training job, max 86400s job runtime'
        }

        It 'describes a text classification job' {
            $jobs.TextClassification.AutoMLProblemTypeConfig.ToString() |
                Should -Be "TextClassification: content 'review', label 'sentiment', max 10 candidates, max 3600s per training job, max 86400s job runtime"
        }

        It 'describes a text generation job' {
            $jobs.TextGeneration.AutoMLProblemTypeConfig.ToString() |
                Should -Be "TextGeneration: base model 'Falcon7BInstruct', hyperparameters [epochCount=3, learningRate=0.00001], EULA accepted, max 7200s job runtime"
        }

        It 'describes resolved attributes' {
            $jobs.Tabular.ResolvedAttributes.ToString() |
                Should -Be 'objective F1; Tabular: BinaryClassification; MaxCandidates=10, MaxRuntimePerTrainingJob=3600s, MaxAutoMLJobRuntime=86400s'
            $jobs.TextGeneration.ResolvedAttributes.ToString() | Should -Match "TextGeneration: base model 'Falcon7BInstruct'"
        }
    }

    Context 'Nested ToString' {
        It 'formats channels, output, objective and metrics' {
            $job = $jobs.Tabular
            $job.AutoMLJobInputDataConfig[0].ToString() | Should -Be 'training: s3://amzn-bucket/automl-tabular-0115/train/ (text/csv;header=present, Gzip)'
            $job.OutputDataConfig.ToString() | Should -Be 's3://amzn-bucket/automl-tabular-0115/out/ (KMS: alias/automl)'
            $job.AutoMLJobObjective.ToString() | Should -Be 'F1'
            $job.BestCandidate.FinalAutoMLJobObjectiveMetric.ToString() | Should -Be 'validation:f1 = 0.9123 (Maximize)'
            $job.BestCandidate.CandidateProperties.CandidateMetrics[0].ToString() | Should -Be 'F1 = 0.9123 [Validation]'
            $job.BestCandidate.ToString() | Should -Be 'automl-tabular-0115-c1 (Completed, validation:f1 = 0.9123)'
            $job.BestCandidate.CandidateSteps[1].ToString() | Should -Be 'TrainingJob: automl-tabular-0115-c1-train'
            $job.DataSplitConfig.ToString() | Should -Be 'ValidationFraction=0.2'
            $job.SecurityConfig.ToString() |
                Should -Be 'volume KMS key alias/volume, inter-container traffic encryption, VPC (security groups [sg-0123], subnets [subnet-a, subnet-b])'
            $job.ModelDeployConfig.ToString() | Should -Be 'auto-generated endpoint name'
            $job.ResolvedAttributes.CompletionCriteria.ToString() |
                Should -Be 'MaxCandidates=10, MaxRuntimePerTrainingJob=3600s, MaxAutoMLJobRuntime=86400s'
            $job.ToString() | Should -Be 'automl-tabular-0115'
        }

        It 'gives every model type a ToString without its type name, even when empty' {
            $types = [AutoMLV2.Model.AutoMLJobV2].Assembly.GetExportedTypes() | Where-Object { $_.Namespace -eq 'AutoMLV2.Model' -and $_.IsClass }
            $types.Count | Should -BeGreaterThan 30
            foreach ($type in $types) {
                $text = [Activator]::CreateInstance($type).ToString()
                $text | Should -Not -Match 'AutoMLV2' -Because $type.Name
            }
        }

        It 'uses the invariant culture for numbers' {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new('de-DE')
                $jobs.Tabular.BestCandidate.FinalAutoMLJobObjectiveMetric.ToString() | Should -Be 'validation:f1 = 0.9123 (Maximize)'
                $jobs.Tabular.DataSplitConfig.ToString() | Should -Be 'ValidationFraction=0.2'
                ($jobs.Tabular | Out-String -Width 200) | Should -Match ' 0\.9123 '
            }
            finally {
                [cultureinfo]::CurrentCulture = $saved
            }
        }
    }

    Context 'No type names or truncated stubs' {
        It 'renders <Name> cleanly' -ForEach @(
            @{ Name = 'the Tabular job' ; Key = 'Tabular' }
            @{ Name = 'the TimeSeriesForecasting job' ; Key = 'TimeSeriesForecasting' }
            @{ Name = 'the ImageClassification job' ; Key = 'ImageClassification' }
            @{ Name = 'the TextClassification job' ; Key = 'TextClassification' }
            @{ Name = 'the TextGeneration job' ; Key = 'TextGeneration' }
            @{ Name = 'a job with only a name' ; Key = 'empty' }
            @{ Name = 'a running job' ; Key = 'running' }
            @{ Name = 'a failed job of more than a day' ; Key = 'long' }
            @{ Name = 'all jobs together' ; Key = 'all' }
        ) {
            $target = switch ($Key) {
                'empty' { $emptyJob }
                'running' { $runningJob }
                'long' { $longJob }
                'all' { @($jobs.Values) + $emptyJob + $runningJob + $longJob }
                default { $jobs[$Key] }
            }
            $text = (Get-Rendering $target -Table) -join "`n"
            $text | Should -Not -Match 'AutoMLV2\.Model\.'
            $text | Should -Not -Match '[{}]'
            $text | Should -Not -Match '\.\.\.'
        }

        It 'renders each member of <Key> on its own' -ForEach @(
            $problemTypes | ForEach-Object { @{ Key = $_.ProblemType } }
        ) {
            $job = $jobs[$Key]
            foreach ($property in $job.PSObject.Properties) {
                if ($null -eq $property.Value) { continue }
                $text = (Get-Rendering $property.Value) -join "`n"
                $text | Should -Not -Match 'AutoMLV2\.Model\.' -Because $property.Name
                $text | Should -Not -Match '[{}]' -Because $property.Name
            }
            # Format-List * ignores the views; nested objects still read as their ToString.
            ($job | Format-List * | Out-String -Width 200) | Should -Not -Match 'AutoMLV2\.Model\.'
        }

        It 'renders the same under Set-StrictMode -Version Latest, where a member of $null is an error' {
            $bareCandidate = [AutoMLV2.Model.AutoMLCandidate] @{ CandidateName = 'bare' }
            $targets = @($jobs.Values) + $emptyJob + $longJob + $jobs.Tabular.BestCandidate + $bareCandidate
            $loose = (Get-Rendering $targets) -join "`n"
            $strict = & { Set-StrictMode -Version Latest; (Get-Rendering $targets) -join "`n" }
            $strict | Should -BeExactly $loose
        }

        It 'renders a nearly empty job without errors' {
            $table = $emptyJob | Out-String -Width 200
            (Get-Row $table 'only-a-name').Trim() | Should -Be 'only-a-name'
            $list = $emptyJob | Format-List | Out-String -Width 200
            $list | Should -Match '(?m)^AutoMLJobName\s+: only-a-name\s*$'
            $list | Should -Match '(?m)^BestCandidate\s+:\s*$'
            $list | Should -Match '(?m)^Duration\s+:\s*$'
        }
    }

    Context 'Best candidate and metrics' {
        BeforeAll {
            $candidate = $jobs.Tabular.BestCandidate
        }

        It 'shows the candidate as a list with Format-List' {
            $text = $candidate | Format-List | Out-String -Width 200
            $text | Should -Match '(?m)^CandidateName\s+: automl-tabular-0115-c1\s*$'
            $text | Should -Match '(?m)^FinalAutoMLJobObjectiveMetric\s+: validation:f1 = 0\.9123 \(Maximize\)\s*$'
            $text | Should -Match '(?m)^CandidateMetrics\s+: F1 = 0\.9123 \[Validation\]\s*$'
            $text | Should -Match '(?m)^\s+InferenceLatency = 1\.234E-05 \[Test\]\s*$'
            $text | Should -Match '(?m)^CandidateSteps\s+: ProcessingJob: automl-tabular-0115-c1-dpp\s*$'
            $text | Should -Match '(?m)^\s+TrainingJob: automl-tabular-0115-c1-train\s*$'
            $text | Should -Match '(?m)^CandidateArtifactLocations\s+: Explainability: s3://amzn-bucket/out/automl-tabular-0115-c1/explainability\s*$'
            $text | Should -Match '(?m)^InferenceContainerDefinitions\s+: CPU: \S+sagemaker-automl:cpu \(model s3://\S+/model\.tar\.gz, 1 env var\)\s*$'
            $text | Should -Not -Match 'AutoMLV2\.Model\.|[{}]'
        }

        It 'names an objective metric without a MetricName by its StandardMetricName, in the table as in the candidate line' {
            $job = [AutoMLV2.Model.AutoMLJobV2] @{
                AutoMLJobName   = 'standard-name-only'
                AutoMLJobStatus = 'Completed'
                BestCandidate   = @{ CandidateName = 'c1'; CandidateStatus = 'Completed'; FinalAutoMLJobObjectiveMetric = @{ StandardMetricName = 'F1'; Value = 0.5 } }
            }
            Get-Row ($job | Format-Table -View Wide | Out-String -Width 200) 'standard-name-only' | Should -Match '^standard-name-only\s+Completed\s+F1\s+0\.5000\s*$'
            $job.BestCandidate.ToString() | Should -Be 'c1 (Completed, F1 = 0.5)'
            ($job | Format-List | Out-String -Width 200) | Should -Match '(?m)^\s+F1 = 0\.5\s*$'
        }

        It 'shows candidate metrics as a table' {
            $text = $candidate.CandidateProperties.CandidateMetrics | Out-String -Width 200
            $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
            $lines[0] -split '\s+' | Where-Object { $_ } | Should -Be @('MetricName', 'StandardMetricName', 'Set', 'Value')
            $lines[2] | Should -Match '^F1\s+F1\s+Validation\s+0\.9123$'
            $lines[3] | Should -Match '^InferenceLatency\s+InferenceLatency\s+Test\s+1\.234E-05$'
            $lines[4] | Should -Match '^LogLoss\s+LogLoss\s+Train\s+0\.2500$'
        }
    }

    Context 'Jobs from several regions, accounts or profiles' {
        It 'groups them under an Origin line that says where they are, at 80 columns as at 200' {
            $narrow, $wide = foreach ($width in 80, 200) { $originJobs | Out-String -Width $width }

            $narrow | Should -BeExactly $wide
            $origins = @([regex]::Matches($narrow, '(?m)^\s*Origin: (.+?)\s*$') | ForEach-Object { $_.Groups[1].Value })
            $origins | Should -Be @("us-east-1, account $account, profile prod", "eu-west-1, account $account, profile prod", "eu-west-1, account $account")
            ($narrow -split '\r?\n') | Where-Object { $_.Length -gt 79 } | Should -BeNullOrEmpty
        }

        It 'has the columns of the default table, item for item' {
            $default = Get-ViewNode 'AutoMLJobV2' 'AutoMLV2.Model.AutoMLJobV2'
            $origin = Get-ViewNode 'AutoMLJobV2.Origin' 'AutoMLV2.Model.AutoMLJobV2#Origin'

            $origin.TableControl.TableHeaders.OuterXml | Should -BeExactly $default.TableControl.TableHeaders.OuterXml
            $origin.TableControl.TableRowEntries.OuterXml | Should -BeExactly $default.TableControl.TableRowEntries.OuterXml
        }

        It 'leaves jobs from one place in the default table, without an Origin line' {
            ($allJobs | Out-String -Width 200) | Should -Not -Match '(?m)^\s*Origin:'
        }

        It 'names the origin in the list view' {
            $text = $originJobs[0] | Format-List | Out-String -Width 200
            $text | Should -Match '(?m)^Region\s+: us-east-1\s*$'
            $text | Should -Match "(?m)^AccountId\s+: $account\s*$"
            $text | Should -Match '(?m)^ProfileName\s+: prod\s*$'
        }
    }

    Context 'Candidate leaderboard table' {
        BeforeAll {
            # What Get-AutoMLJobV2Candidate sets (internal setters: no response can set them).
            $flags = [Reflection.BindingFlags]'Public, NonPublic, Instance'
            function Set-Ranked([AutoMLV2.Model.AutoMLCandidate] $Candidate, [string] $Job, $Rank, $Objective) {
                foreach ($pair in @{ AutoMLJobName = $Job; Rank = $Rank; LeaderboardObjective = $Objective }.GetEnumerator()) {
                    [AutoMLV2.Model.AutoMLCandidate].GetProperty($pair.Key, $flags).SetValue($Candidate, $pair.Value)
                }
                $Candidate
            }

            $objective = [AutoMLV2.Model.FinalAutoMLJobObjectiveMetric] @{ MetricName = 'validation:f1'; Type = 'Maximize'; Value = 0.9132 }
            $name42 = 'churn-tabular-0115-xgboost-017-7a1b2c3d4e5'
            $name64 = 'churn-tabular-2025-01-15-nightly-run-hpo-017-7a1b2c3d4e5f60718293'
            $leaderboard = @(
                Set-Ranked (New-Candidate $name42 'validation:f1' 'F1' 0.9132 'Maximize') 'churn-tabular-0115' 1 $objective
                Set-Ranked (New-Candidate 'churn-tabular-0115-hpo-009-1f2e3d4c' 'validation:f1' 'F1' 0.9127 'Maximize') 'churn-tabular-0115' 2 $objective
                Set-Ranked (New-Candidate $name64 'validation:f1' 'F1' 0.9127 'Maximize') 'churn-tabular-0115' 2 $objective
                Set-Ranked ([AutoMLV2.Model.AutoMLCandidate] @{ CandidateName = 'churn-tabular-0115-hpo-031-0badf00d'; CandidateStatus = 'Failed'; CreationTime = $created; EndTime = $created.AddMinutes(3) }) 'churn-tabular-0115' $null $objective
            )
            $other = Set-Ranked (New-Candidate 'fraud-0115-hpo-001-0a0b0c0d' 'validation:mse' 'MSE' 12.5 'Minimize') 'fraud-0115' 1 ([AutoMLV2.Model.FinalAutoMLJobObjectiveMetric] @{ MetricName = 'validation:mse'; Type = 'Minimize' })
            $render = @{}
            foreach ($width in 80, 200) { $render[$width] = ($leaderboard | Out-String -Width $width) -split '\r?\n' }
        }

        It 'has the same columns at 80 and 200 columns, on one header line' {
            foreach ($width in 80, 200) {
                $lines = $render[$width]
                $header = [array]::IndexOf($lines, ($lines | Where-Object { $_ -match '^Rank ' } | Select-Object -First 1))
                $header | Should -BeGreaterThan 0
                $lines[$header] -split '\s+' | Where-Object { $_ } | Should -Be @('Rank', 'CandidateName', 'Status', 'Objective', 'Duration')
                $lines[$header + 1] | Should -Match '^-+( +-+){4}$' -Because 'the header is one line, underlined once'
                @($lines | Where-Object { $_ -match '^Rank ' }).Count | Should -Be 1
            }
            ($render[80] -join "`n") | Should -BeExactly ($render[200] -join "`n")
        }

        It 'fits an 80-column console' {
            $long = @($render[80] | Where-Object { $_.Length -gt 79 })
            $long | Should -BeNullOrEmpty
        }

        It 'shows rank, name, status, objective value and duration, one line per candidate up to 42 characters' {
            $row = Get-Row ($render[80] -join "`n") '   1'
            $row | Should -Match ('^   1 ' + [regex]::Escape($name42) + '\s+Completed\s+0\.9132\s+30m 00s$')
            $render[80] | Where-Object { $_ -match '^\s+2 churn-tabular-0115-hpo-009-1f2e3d4c\s+Completed\s+0\.9127\s+30m 00s$' } | Should -Not -BeNullOrEmpty
        }

        It 'wraps a longer name onto the next line in full instead of cutting it' {
            $at = [array]::FindIndex([string[]] $render[80], [Predicate[string]] { param($l) $l -match '^\s+2 churn-tabular-2025' })
            $at | Should -BeGreaterThan 0
            $first = $render[80][$at].Substring(5, 42).TrimEnd()
            $rest = $render[80][$at + 1].Trim()
            $first + $rest | Should -Be $name64
            ($render[80] -join "`n") | Should -Not -Match '…'
        }

        It 'heads each job''s candidates once with the objective, the unscored ones included' {
            $text = $render[80] -join "`n"
            ([regex]::Matches($text, 'AutoMLJobName: ')).Count | Should -Be 1
            $text | Should -Match '(?m)^\s+AutoMLJobName: churn-tabular-0115 \(objective validation:f1, Maximize\)\s*$'
            $text | Should -Match '(?m)^\s+churn-tabular-0115-hpo-031-0badf00d\s+Failed\s+3m 00s$'
            $two = ($leaderboard + $other) | Out-String -Width 80
            ([regex]::Matches($two, 'AutoMLJobName: ')).Count | Should -Be 2
            $two | Should -Match '(?m)^\s+AutoMLJobName: fraud-0115 \(objective validation:mse, Minimize\)\s*$'
        }

        It 'shows the rank and job in the list view, with the metrics' {
            $list = $leaderboard[0] | Format-List | Out-String -Width 80
            $list | Should -Match '(?m)^AutoMLJobName\s+: churn-tabular-0115\s*$'
            $list | Should -Match '(?m)^Rank\s+: 1\s*$'
            $list | Should -Match '(?m)^CandidateMetrics\s+: F1 = 0\.9132 \[Validation\]\s*$'
            $list | Should -Match '(?m)^Duration\s+: 30m 00s\s*$'
        }

        It 'reads well for a job''s BestCandidate in Format-List, with no rank' {
            $list = $jobs.Tabular.BestCandidate | Format-List | Out-String -Width 80
            $list | Should -Match '(?m)^Rank\s+:\s*$'
            $list | Should -Match '(?m)^CandidateName\s+: automl-tabular-0115-c1\s*$'
            $list | Should -Match '(?m)^FinalAutoMLJobObjectiveMetric\s+: validation:f1 = 0\.9123 \(Maximize\)\s*$'
            $table = $jobs.Tabular.BestCandidate | Out-String -Width 80
            $table | Should -Match '(?m)^\s+AutoMLJobName: \(objective validation:f1, Maximize\)\s*$'
            $table | Should -Match '(?m)^\s+automl-tabular-0115-c1\s+Completed\s+0\.9123\s+30m 00s$'
        }
    }

    Context 'Duration' {
        It 'is EndTime - CreationTime for a finished job' {
            $jobs.Tabular.Duration | Should -BeOfType [timespan]
            $jobs.Tabular.Duration | Should -Be ([timespan]::new(1, 2, 5))
        }

        It 'is the time so far for a running job' {
            $runningJob.Duration.TotalSeconds | Should -BeGreaterOrEqual 725
            $runningJob.Duration.TotalSeconds | Should -BeLessThan 785
            # Rendered from a job created just now: the seconds shown must not depend on how long the tests before this one took.
            $justStarted = [AutoMLV2.Model.AutoMLJobV2] @{ AutoMLJobName = 'still-running'; AutoMLJobStatus = 'InProgress'; CreationTime = [datetime]::Now.AddMinutes(-12).AddSeconds(-5) }
            Get-Row ($justStarted | Out-String -Width 200) 'still-running' | Should -Match '\s12m 0\ds\s*$'
        }

        It 'is null without a creation time' {
            $emptyJob.Duration | Should -BeNullOrEmpty
        }

        It 'shows days and hours for a job of more than a day' {
            $longJob.Duration | Should -Be ([timespan]::new(1, 3, 20, 0))
            Get-Row ($longJob | Out-String -Width 200) 'long-job' | Should -Match '\s1d 03h\s*$'
        }
    }

    Context 'Alias properties' {
        It 'aliases the job members' {
            $job = $jobs.Tabular
            $job.Status -eq 'Completed' | Should -BeTrue
            $job.Name | Should -Be 'automl-tabular-0115'
            $job.SecondaryStatus | Should -Be 'Completed'
            $job.ProblemType | Should -Be 'Tabular'
            $runningJob.Status | Should -Be 'InProgress'
        }
    }

    Context 'A failed job of more than a day' {
        It 'shows the status and duration in the table, the rest blank' {
            Get-Row ($longJob | Out-String -Width 80) 'long-job' | Should -Match '^long-job\s+Failed\s+1d 03h$'
        }

        It 'shows the statuses, creation time and duration in the Wide table, the rest blank' {
            $text = $longJob | Format-Table -View Wide | Out-String -Width 200
            Get-Row $text 'long-job' | Should -Match "^long-job\s+Failed\s+Failed\s+$([regex]::Escape($longJob.CreationTime.ToString('g')))\s+1d 03h$"
        }

        It 'lists partial failure reasons one per line' {
            $text = $longJob | Format-List | Out-String -Width 200
            $text | Should -Match '(?m)^PartialFailureReasons\s+: first\s*$'
            $text | Should -Match '(?m)^\s+second\s*$'
            $text | Should -Match '(?m)^Duration\s+: 1d 03h\s*$'
        }
    }
}
