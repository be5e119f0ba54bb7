#Requires -Version 7.2
<#
.SYNOPSIS
    Try AutoMLV2 without an AWS account: a local SageMaker endpoint (moto) with a few sample jobs.
.DESCRIPTION
    Run by 'dotnet pwsh ./build.ps1 -Task Demo' after the build (or directly, once built:
    dotnet pwsh -NoProfile -File tests/demo.ps1). Starts moto through tests/Pester/MotoHarness.psm1,
    creates one job per problem type and two 'churn-*' jobs, scripts one to Completed (with a best
    candidate and a leaderboard) and one to Failed, then shows Get-AutoMLJobV2,
    Get-AutoMLJobV2Candidate and Wait-AutoMLJobV2 at work. The
    harness credentials, region and endpoint are passed as parameters (a splat), exactly as you
    would pass -AccessKey/-SecretKey/-Region/-EndpointUrl yourself. Stops moto at the end.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$root = Split-Path -Parent $PSScriptRoot
$manifest = Join-Path $root 'out/AutoMLV2/AutoMLV2.psd1'
if (-not (Test-Path -LiteralPath $manifest)) {
    throw "AutoMLV2 has not been built ($manifest is missing). Run: dotnet pwsh ./build.ps1 -Task Demo"
}

# In a terminal, the console decides the width; redirected (a log, CI), render wide and without colours.
$redirected = [Console]::IsOutputRedirected
if ($redirected -and $PSStyle) { $PSStyle.OutputRendering = 'PlainText' }
function Show-Output {
    if ($redirected) { $input | Out-String -Width 200 | Out-Host } else { $input | Out-Host }
}

function Show-Step([string] $Caption, [string] $Command) {
    Write-Host ''
    Write-Host "== $Caption" -ForegroundColor Cyan
    if ($Command) { Write-Host "PS> $Command" -ForegroundColor Yellow }
}

Import-Module (Join-Path $PSScriptRoot 'Pester/MotoHarness.psm1') -Force
# The demo must not pick up this machine's AWS settings (a profile, FIPS endpoints, ...).
Import-Module (Join-Path $PSScriptRoot 'Pester/TestEnvironment.psm1') -Force
$null = Use-IsolatedAwsEnvironment

$started = [Diagnostics.Stopwatch]::StartNew()
$moto = $null
try {
    Write-Host 'Starting a local SageMaker endpoint (moto, IAM authentication on) ...'
    $moto = Start-AutoMLMoto
    Write-Host "Endpoint $($moto.Endpoint), region $($moto.Region). Creating sample jobs ..."

    # One job per problem type (demo-tabular, demo-imageclassification, ...), two churn models, and
    # a forecast that we will wait for at the end (created first: it is the oldest).
    $null = New-AutoMLMotoJob -Moto $moto -Name forecast-weekly -ProblemType TimeSeriesForecasting
    $null = New-AutoMLMotoSampleJobs -Moto $moto -Prefix demo
    $null = New-AutoMLMotoJob -Moto $moto -Name churn-2024q4, churn-2025q1 -ProblemType Tabular

    $bestCandidate = @{
        CandidateName                 = 'churn-2025q1-xgb-ens-003'
        CandidateStatus               = 'Completed'
        ObjectiveStatus               = 'Succeeded'
        FinalAutoMLJobObjectiveMetric = @{ Type = 'Maximize'; MetricName = 'validation:f1'; StandardMetricName = 'F1'; Value = 0.9134 }
        CandidateSteps                = @(
            @{ CandidateStepType = 'AWS::SageMaker::ProcessingJob'; CandidateStepName = 'churn-2025q1-dpp0'; CandidateStepArn = "arn:aws:sagemaker:$($moto.Region):123456789012:processing-job/churn-2025q1-dpp0" }
            @{ CandidateStepType = 'AWS::SageMaker::TrainingJob'; CandidateStepName = 'churn-2025q1-xgb-ens-003'; CandidateStepArn = "arn:aws:sagemaker:$($moto.Region):123456789012:training-job/churn-2025q1-xgb-ens-003" }
        )
        CandidateProperties           = @{
            CandidateArtifactLocations = @{ Explainability = 's3://automl-demo/churn-2025q1/output/explainability/'; ModelInsights = 's3://automl-demo/churn-2025q1/output/insights/' }
            CandidateMetrics           = @(
                @{ MetricName = 'validation:f1'; StandardMetricName = 'F1'; Value = 0.9134; Set = 'Validation' }
                @{ MetricName = 'validation:auc'; StandardMetricName = 'AUC'; Value = 0.9612; Set = 'Validation' }
                @{ MetricName = 'validation:accuracy'; StandardMetricName = 'Accuracy'; Value = 0.9388; Set = 'Validation' }
                @{ MetricName = 'validation:precision'; StandardMetricName = 'Precision'; Value = 0.9021; Set = 'Validation' }
                @{ MetricName = 'validation:recall'; StandardMetricName = 'Recall'; Value = 0.9250; Set = 'Validation' }
                @{ MetricName = 'train:logloss'; StandardMetricName = 'LogLoss'; Value = 0.1873; Set = 'Train' }
            )
        }
    }
    $null = Set-AutoMLMotoJobScript $moto churn-2025q1 @(
        @{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; FailureReason = $null; PartialFailureReasons = $null; BestCandidate = $bestCandidate })
    $null = Set-AutoMLMotoJobScript $moto demo-textclassification @(
        @{ after_seconds = 0; AutoMLJobStatus = 'Failed'; AutoMLJobSecondaryStatus = 'Failed'; PartialFailureReasons = $null; BestCandidate = $null
           FailureReason = "ClientError: The column 'sentiment' was not found in the training data." })
    # The others are still running: no end time, no best candidate yet (moto fills in placeholders).
    $running = [ordered]@{
        'forecast-weekly' = 'Starting'; 'churn-2024q4' = 'FeatureEngineering'; 'demo-tabular' = 'TrainingModels'
        'demo-imageclassification' = 'ModelTuning'; 'demo-timeseriesforecasting' = 'AnalyzingData'; 'demo-textgeneration' = 'TrainingModels'
    }
    foreach ($name in $running.Keys) {
        $null = Set-AutoMLMotoJobScript $moto $name @(
            @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = $running[$name]; EndTime = $null; FailureReason = $null; PartialFailureReasons = $null; BestCandidate = $null })
    }

    Import-Module $manifest -Force
    # What you would type with real credentials: -AccessKey/-SecretKey (or -ProfileName), -Region, and
    # -EndpointUrl only because this endpoint is local.
    $conn = @{ AccessKey = $moto.AccessKey; SecretKey = $moto.SecretKey; Region = $moto.Region; EndpointUrl = $moto.Endpoint }

    Show-Step 'Every job, newest first (the default table view)' 'Get-AutoMLJobV2 @conn'
    Get-AutoMLJobV2 @conn | Show-Output

    Show-Step 'One job in full (the list view)' 'Get-AutoMLJobV2 churn-2025q1 @conn | Format-List'
    Get-AutoMLJobV2 churn-2025q1 @conn | Format-List | Show-Output

    Show-Step 'A wildcard: ListAutoMLJobs, then each match described' "Get-AutoMLJobV2 'churn-*' @conn"
    Get-AutoMLJobV2 'churn-*' @conn | Show-Output

    Show-Step 'Only the completed jobs' 'Get-AutoMLJobV2 -Status Completed @conn'
    Get-AutoMLJobV2 -Status Completed @conn | Show-Output

    Show-Step 'A name that does not exist, among names that do: the others still come back, with one error' `
        'Get-AutoMLJobV2 churn-2024q4, churn-2099q1, demo-tabular @conn -ErrorVariable notFound'
    $found = Get-AutoMLJobV2 churn-2024q4, churn-2099q1, demo-tabular @conn -ErrorAction SilentlyContinue -ErrorVariable notFound
    $found | Show-Output
    foreach ($record in $notFound) {
        Write-Host "Get-AutoMLJobV2: $($record.Exception.Message)" -ForegroundColor Red
        Write-Host "  FullyQualifiedErrorId: $($record.FullyQualifiedErrorId)   Category: $($record.CategoryInfo.Category)   TargetObject: $($record.TargetObject)"
    }

    Show-Step "The best candidate's metrics" '(Get-AutoMLJobV2 churn-2025q1 @conn).BestCandidate.CandidateProperties.CandidateMetrics'
    $best = (Get-AutoMLJobV2 churn-2025q1 @conn).BestCandidate
    $best.CandidateProperties.CandidateMetrics | Show-Output

    # churn-2025q1 trained 40 candidates (2 of them failed, a few tie).
    $null = Add-AutoMLMotoCandidates $moto churn-2025q1 -Count 40 -MetricName validation:f1 -ObjectiveType Maximize -Failed 2 -Ties 2
    Show-Step 'The leaderboard: the five best candidates, ranked by the objective (one request)' 'Get-AutoMLJobV2Candidate churn-2025q1 @conn | Select-Object -First 5'
    Get-AutoMLJobV2Candidate churn-2025q1 @conn | Select-Object -First 5 | Show-Output

    Show-Step 'The candidates that failed, and why' 'Get-AutoMLJobV2Candidate churn-2025q1 -Status Failed @conn | Format-List CandidateName, CandidateStatus, FailureReason'
    Get-AutoMLJobV2Candidate churn-2025q1 -Status Failed @conn | Format-List CandidateName, CandidateStatus, FailureReason | Show-Output

    # forecast-weekly now moves through its secondary statuses and completes about 6 s from here.
    $null = Set-AutoMLMotoJobScript $moto forecast-weekly @(
        @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'AnalyzingData' }
        @{ after_seconds = 1.5; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'FeatureEngineering' }
        @{ after_seconds = 3; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels' }
        @{ after_seconds = 4.5; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'GeneratingExplainabilityReport' }
        @{ after_seconds = 6; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'
           BestCandidate = @{
               CandidateName = 'forecast-weekly-ensemble'; CandidateStatus = 'Completed'; ObjectiveStatus = 'Succeeded'
               FinalAutoMLJobObjectiveMetric = @{ Type = 'Minimize'; MetricName = 'AverageWeightedQuantileLoss'; StandardMetricName = 'AverageWeightedQuantileLoss'; Value = 0.0842 }
           } })
    Show-Step 'Waiting for a running job (progress bar; -Verbose shows each status change)' 'Wait-AutoMLJobV2 forecast-weekly -PollInterval 1 -Verbose @conn'
    $done = Wait-AutoMLJobV2 forecast-weekly -PollInterval 1 -Timeout 60 -Verbose @conn
    $done | Show-Output

    Write-Host ''
    Write-Host "Demo finished in $([math]::Round($started.Elapsed.TotalSeconds, 1)) s." -ForegroundColor Green
}
finally {
    Stop-AutoMLMoto $moto
    Restore-AwsEnvironment
}
exit 0
