<#
.SYNOPSIS
    Hand-run self-check of tests/Pester/MotoHarness.psm1 (the functions the Pester tests and the demo use).

    cd /work/main; dotnet tool restore; dotnet pwsh -NoProfile -File tests/moto/selfcheck.ps1

    Starts the harness, creates jobs, scripts one through InProgress -> Completed, drives every fault kind
    through the AWS CLI (Invoke-AutoMLMotoCli), checks that the caller's AWS_* variables are untouched and
    that Stop-AutoMLMoto leaves no process. Ends with 'N passed, N failed'. The wire-level details (boto3,
    raw sockets, timings) are in tests/moto/selfcheck.py.
#>
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot '..' 'Pester' 'MotoHarness.psm1') -Force

$script:passed = 0; $script:failed = 0
function Check([string] $Name, [bool] $Ok, $Detail = '') {
    if ($Ok) { $script:passed++ } else { $script:failed++ }
    Write-Host ("{0}  {1}{2}" -f ($(if ($Ok) { 'PASS' } else { 'FAIL' }), $Name, $(if ("$Detail") { "  -- $Detail" } else { '' })))
}
function Invoke-Cli { Invoke-AutoMLMotoCli -Moto $moto -NoThrow @args }

# A caller environment with AWS_* variables that must neither change nor reach the children.
$env:AWS_PROFILE = 'selfcheck-profile-that-does-not-exist'
$env:AWS_ACCESS_KEY_ID = 'AKIACALLERSOWNKEY000'
$env:AWS_SECRET_ACCESS_KEY = 'caller-secret'
$env:AWS_REGION = 'eu-west-3'
$before = (Get-ChildItem env: | Where-Object Name -like 'AWS_*' | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'

$moto = $null
try {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $moto = Start-AutoMLMoto
    Check 'Start-AutoMLMoto: ready, IAM auth on' ($moto.AuthEnabled -and $moto.Endpoint -match '^http://127\.0\.0\.1:\d+$' -and $moto.AccessKey -and $moto.RoleArn) "$($sw.ElapsedMilliseconds) ms to ready, $($moto.Endpoint)"

    $sw.Restart()
    $jobs = @(New-AutoMLMotoSampleJobs -Moto $moto -Prefix demo)
    Check 'New-AutoMLMotoSampleJobs: one job per problem type' ($jobs.Count -eq 5) "$($sw.ElapsedMilliseconds) ms: $($jobs.problem_type -join ', ')"
    $sw.Restart()
    $one = New-AutoMLMotoJob -Moto $moto -Name 'life' -ProblemType TimeSeriesForecasting
    Check 'New-AutoMLMotoJob' ($one.name -eq 'life' -and $one.problem_type -eq 'TimeSeriesForecasting') "$($sw.ElapsedMilliseconds) ms"

    Set-AutoMLMotoJobScript $moto life @(
        @{ after_seconds = 0; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'Starting' }
        @{ after_describes = 1; AutoMLJobStatus = 'InProgress'; AutoMLJobSecondaryStatus = 'TrainingModels' }
        @{ after_seconds = 1; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'
           BestCandidate = @{ CandidateName = 'life-best'; ObjectiveStatus = 'Succeeded'; CandidateStatus = 'Completed'
                              CandidateSteps = @(); CreationTime = 1700000000; LastModifiedTime = 1700000100 } }) | Out-Null
    $seen = [System.Collections.Generic.List[string]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds(8)
    do {
        $d = Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
        if ($seen.Count -eq 0 -or $seen[-1] -ne "$($d.AutoMLJobStatus)/$($d.AutoMLJobSecondaryStatus)") { $seen.Add("$($d.AutoMLJobStatus)/$($d.AutoMLJobSecondaryStatus)") }
    } while ($d.AutoMLJobStatus -ne 'Completed' -and [DateTime]::UtcNow -lt $deadline)
    $listed = (Invoke-AutoMLMotoCli -Moto $moto sagemaker list-auto-ml-jobs --name-contains life).AutoMLJobSummaries | Where-Object AutoMLJobName -eq 'life'
    Check 'script: Starting -> TrainingModels -> Completed (describe and list agree)' (
        ($seen -join ' > ') -eq 'InProgress/Starting > InProgress/TrainingModels > Completed/Completed' -and
        $d.BestCandidate.CandidateName -eq 'life-best' -and $d.EndTime -and $listed.AutoMLJobStatus -eq 'Completed') ($seen -join ' > ')

    # -- faults through the AWS CLI (v1: legacy retry mode, 5 attempts) --------------------------------
    Reset-AutoMLMoto $moto
    Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Job life -Count 2
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    $stats = Get-AutoMLMotoStats $moto
    Check 'throttle x2 then success (CLI retries)' ($r.ExitCode -eq 0 -and $stats.by_job.life -eq 3 -and $stats.throttled -eq 2) "attempts: $($stats.by_job.life)"
    Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2
    $r = Invoke-Cli -Environment @{ AWS_MAX_ATTEMPTS = '2' } sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'throttle forever: ThrottlingException after retries' ($r.ExitCode -ne 0 -and $r.StdErr -match 'ThrottlingException') $r.StdErr.Trim()
    Clear-AutoMLMotoFault $moto

    Add-AutoMLMotoFault $moto -Kind error -Status 500 -Code InternalFailure -Message 'boom' -Count 2
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check '500 InternalFailure x2 then success' ($r.ExitCode -eq 0)
    Add-AutoMLMotoFault $moto -Kind error -Status 403 -Code ExpiredTokenException -Message 'The security token included in the request is expired' -Count 1
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'error 403 ExpiredTokenException is not retried' ($r.ExitCode -ne 0 -and $r.StdErr -match 'ExpiredTokenException') $r.StdErr.Trim()

    foreach ($kind in 'reset', 'truncate') {
        Add-AutoMLMotoFault $moto -Kind $kind -Operation DescribeAutoMLJobV2 -Count 1
        $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
        Check "$kind once then success (CLI retries)" ($r.ExitCode -eq 0)
        Add-AutoMLMotoFault $moto -Kind $kind -Operation DescribeAutoMLJobV2 -Count 1
        $r = Invoke-Cli -Environment @{ AWS_MAX_ATTEMPTS = '1' } sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
        Check "$kind without retries: connection error" ($r.ExitCode -ne 0 -and $r.StdErr -match 'Connection was closed|reset|IncompleteRead') $r.StdErr.Trim()
    }
    Add-AutoMLMotoFault $moto -Kind html -Count 1
    $r = Invoke-Cli -Environment @{ AWS_MAX_ATTEMPTS = '1' } sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'html: 502 proxy page' ($r.ExitCode -ne 0 -and $r.StdErr -match '502') $r.StdErr.Trim()
    Add-AutoMLMotoFault $moto -Kind malformed -Count 1
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'malformed: botocore swallows invalid JSON (no job members)' ($null -eq $r.Output -or -not ($r.Output.PSObject.Properties.Name -contains 'AutoMLJobName')) "exit $($r.ExitCode), output '$($r.StdOut.Trim())'"
    Add-AutoMLMotoFault $moto -Kind body -Body '{"AutoMLJobName":"life","AutoMLJobArn":"arn:x","AutoMLJobStatus":"Sideways"}' -Count 1
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'body: raw body delivered' ($r.Output.AutoMLJobStatus -eq 'Sideways')

    Add-AutoMLMotoFault $moto -Kind hang -Job life -Count 1
    $sw.Restart()
    $hung = Start-ThreadJob { param($m, $module) Import-Module $module; Invoke-AutoMLMotoCli -Moto $m -NoThrow -Environment @{ AWS_MAX_ATTEMPTS = '1' } sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life --cli-read-timeout 3 } -ArgumentList $moto, (Join-Path $PSScriptRoot '..' 'Pester' 'MotoHarness.psm1')
    Start-Sleep -Milliseconds 800
    $other = Invoke-Cli sagemaker list-auto-ml-jobs --max-results 5
    $otherMs = $sw.ElapsedMilliseconds
    $hr = $hung | Receive-Job -Wait -AutoRemoveJob
    Check 'hang: others served meanwhile, the hung call times out' ($other.ExitCode -eq 0 -and $otherMs -lt 3000 -and $hr.ExitCode -ne 0 -and $hr.StdErr -match 'timeout|timed out') "$($hr.StdErr.Trim())"

    Add-AutoMLMotoFault $moto -Kind latency -DelayMs 700 -Count 1
    $sw.Restart(); $null = Invoke-Cli sagemaker list-auto-ml-jobs --max-results 1
    Check 'latency rule' ($sw.ElapsedMilliseconds -ge 700) "$($sw.ElapsedMilliseconds) ms"

    Set-AutoMLMotoClock $moto 1800
    $r = Invoke-Cli sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'clock +30 min: InvalidSignatureException Signature expired' ($r.ExitCode -ne 0 -and $r.StdErr -match 'InvalidSignatureException.*Signature expired') $r.StdErr.Trim()
    Set-AutoMLMotoClock $moto 0

    Set-AutoMLMotoRateLimit $moto 1
    $codes = 1..4 | ForEach-Object { (Invoke-Cli -Environment @{ AWS_MAX_ATTEMPTS = '1' } sagemaker list-auto-ml-jobs --max-results 1).ExitCode }
    Set-AutoMLMotoRateLimit $moto 0
    Check 'rate limit 1 rps: some of 4 quick calls throttled' ((Get-AutoMLMotoStats $moto).throttled -ge 1) "exit codes $($codes -join ',')"

    $r = Invoke-Cli -Environment @{ AWS_SECRET_ACCESS_KEY = 'wrong-secret' } sagemaker list-auto-ml-jobs
    Check 'wrong secret key: 403 SignatureDoesNotMatch from moto' ($r.ExitCode -ne 0 -and $r.StdErr -match 'SignatureDoesNotMatch') $r.StdErr.Trim()
    $role = (Invoke-AutoMLMotoCli -Moto $moto sts assume-role --role-arn $moto.RoleArn --role-session-name selfcheck).Credentials
    $r = Invoke-Cli -Environment @{ AWS_ACCESS_KEY_ID = $role.AccessKeyId; AWS_SECRET_ACCESS_KEY = $role.SecretAccessKey; AWS_SESSION_TOKEN = $role.SessionToken } sagemaker describe-auto-ml-job-v2 --auto-ml-job-name life
    Check 'assume-role (RoleArn) credentials work' ($r.ExitCode -eq 0)

    Invoke-AutoMLMotoCli -Moto $moto sagemaker stop-auto-ml-job --auto-ml-job-name demo-tabular | Out-Null
    Check 'Invoke-AutoMLMotoCli stop-auto-ml-job' ((Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name demo-tabular).AutoMLJobStatus -eq 'Stopped')
    $threw = $false
    try { Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name nope } catch { $threw = "$_" -match 'ResourceNotFound' }
    Check 'Invoke-AutoMLMotoCli throws the CLI error' $threw

    $sw.Restart()
    $n = New-AutoMLMotoBulkJobs $moto -Prefix bulk -Count 1000 -Status Completed, InProgress
    Expand-AutoMLMotoJob $moto bulk-00001 -CandidateMetrics 5000
    $big = Invoke-AutoMLMotoCli -Moto $moto sagemaker describe-auto-ml-job-v2 --auto-ml-job-name bulk-00001
    Check 'bulk jobs + inflated candidate' ($n -eq 1000 -and $big.BestCandidate.CandidateProperties.CandidateMetrics.Count -eq 5000) "$($sw.ElapsedMilliseconds) ms"

    Reset-AutoMLMoto $moto
    $stats = Get-AutoMLMotoStats $moto
    Check 'Reset-AutoMLMoto clears stats' ($stats.throttled -eq 0 -and @($stats.log).Count -eq 0)
}
finally {
    $procId = if ($moto) { $moto.Process.Id } else { 0 }
    Stop-AutoMLMoto $moto
    Stop-AutoMLMoto $moto      # idempotent
}
Check 'Stop-AutoMLMoto: process gone, work dir removed' (-not (Get-Process -Id $procId -ErrorAction SilentlyContinue) -and -not (Test-Path $moto.WorkDir))
$after = (Get-ChildItem env: | Where-Object Name -like 'AWS_*' | Sort-Object Name | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'
Check "caller's AWS_* variables unchanged" ($before -eq $after)

Write-Host "$script:passed passed, $script:failed failed"
exit [int]($script:failed -gt 0)
