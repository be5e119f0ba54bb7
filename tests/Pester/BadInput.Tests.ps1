#Requires -Version 7.2
# Bad input: every invalid value gets a specific parameter-validation or argument error BEFORE any
# request is sent (the local SageMaker endpoint counts requests: Get-AutoMLMotoStats), and valid
# input in the same pipeline is not lost. Needs the built module (out/AutoMLV2/AutoMLV2.psd1) and
# python3 with moto.

BeforeDiscovery {
    $script:manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "Bad-input tests skipped: $manifest has not been built." }

    $script:badNames = @(
        @{ Label = 'empty string'; Value = ''; Problem = 'empty' }
        @{ Label = '33 characters'; Value = ('a' * 33); Problem = '33 characters' }
        @{ Label = 'whitespace'; Value = '   '; Problem = 'empty' }
        @{ Label = 'non-ASCII (jöb)'; Value = 'jöb'; Problem = 'not a valid AutoML job name' }
        @{ Label = 'a;b'; Value = 'a;b'; Problem = 'not a valid AutoML job name' }
        @{ Label = '$(whoami)'; Value = '$(whoami)'; Problem = 'not a valid AutoML job name' }
        @{ Label = 'a|b'; Value = 'a|b'; Problem = 'not a valid AutoML job name' }
        @{ Label = 'newline'; Value = "`n"; Problem = 'empty' }
        @{ Label = 'tab inside'; Value = "a`tb"; Problem = 'not a valid AutoML job name' }
        @{ Label = 'leading hyphen'; Value = '-job'; Problem = 'not a valid AutoML job name' }
        @{ Label = 'trailing hyphen'; Value = 'job-'; Problem = 'not a valid AutoML job name' }
        @{ Label = 'valid name + trailing newline'; Value = "job1`n"; Problem = 'not a valid AutoML job name' }
        @{ Label = 'valid name + CR LF'; Value = "job1`r`n"; Problem = 'not a valid AutoML job name' }
    )
    $script:badNumbers = @(
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'Timeout'; Value = 0 }
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'Timeout'; Value = -1 }
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'PollInterval'; Value = 0 }
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'PollInterval'; Value = -5 }
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'ThrottleLimit'; Value = 0 }
        @{ Command = 'Wait-AutoMLJobV2'; Parameter = 'ThrottleLimit'; Value = 65 }
        @{ Command = 'Get-AutoMLJobV2'; Parameter = 'ThrottleLimit'; Value = 0 }
        @{ Command = 'Get-AutoMLJobV2'; Parameter = 'ThrottleLimit'; Value = 65 }
        @{ Command = 'Get-AutoMLJobV2Candidate'; Parameter = 'ThrottleLimit'; Value = 0 }
        @{ Command = 'Get-AutoMLJobV2Candidate'; Parameter = 'ThrottleLimit'; Value = 65 }
    )
    $script:badConnection = @(
        @{ Parameter = 'Region'; Value = 'Mars'; Problem = 'is not an AWS region name' }
        @{ Parameter = 'Region'; Value = 'us east 1'; Problem = 'is not an AWS region name' }
        @{ Parameter = 'Region'; Value = 'US-EAST-1'; Problem = 'is not an AWS region name' }
        @{ Parameter = 'Region'; Value = 'us-east-1; rm -rf /'; Problem = 'is not an AWS region name' }
        @{ Parameter = 'EndpointUrl'; Value = 'ftp://x'; Problem = 'is not an http:// or https:// URL' }
        @{ Parameter = 'EndpointUrl'; Value = 'localhost:5000'; Problem = 'is not an http:// or https:// URL' }
        @{ Parameter = 'EndpointUrl'; Value = 'not a url'; Problem = 'is not an http:// or https:// URL' }
        @{ Parameter = 'EndpointUrl'; Value = 'file:///etc/passwd'; Problem = 'is not an http:// or https:// URL' }
    )
    $script:badTimeouts = @(
        @{ Value = 'abc' }, @{ Value = 0 }, @{ Value = 0.5 }, @{ Value = -1 }, @{ Value = 3601 }, @{ Value = '' }
    )
}

Describe 'Bad input' -Tag 'BadInput' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $script:isolation = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $script:moto = Start-AutoMLMoto
        $script:conn = Get-AutoMLTestConnection $moto
        $script:jobs = 'valid1', 'valid2', 'abcde', 'xyz12', 'job1'
        $null = New-AutoMLMotoJob -Moto $moto -Name $jobs
        foreach ($name in $jobs) {
            $null = Set-AutoMLMotoJobScript $moto $name @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null; FailureReason = $null })
        }
        Reset-AutoMLMoto $moto

        function Invoke-Captured {
            # Runs -Command; returns its objects, its non-terminating errors, the terminating error (if
            # any) and how many requests the endpoint received meanwhile.
            # (Its variables are named so that the caller's -Body cannot pick them up by dynamic scoping.)
            param([Parameter(Mandatory, Position = 0)] [scriptblock] $CapturedBody)
            Reset-AutoMLMoto $moto
            $capturedTerminating = $null
            $capturedAll = try { & $CapturedBody 2>&1 } catch { $capturedTerminating = $_ }
            [pscustomobject]@{
                Objects     = @($capturedAll | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
                Errors      = @($capturedAll | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
                Terminating = $capturedTerminating
                Requests    = @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[1] -in 'DescribeAutoMLJobV2', 'ListAutoMLJobs', 'ListCandidatesForAutoMLJob' }).Count
            }
        }

        function New-ChildPwsh {
            # A fresh pwsh (out-of-process runspace, through the apphost in $PSHOME) for what AWSSDK.Core reads
            # only once per process (the shared credentials file path).
            param([hashtable] $Environment = @{})
            $instance = [System.Management.Automation.Runspaces.PowerShellProcessInstance]::new()
            $runspace = [runspacefactory]::CreateOutOfProcessRunspace($null, $instance)
            $runspace.Open()
            $session = [pscustomobject]@{ Instance = $instance; Runspace = $runspace }
            $null = Invoke-ChildPwsh $session {
                param($Environment, $Manifest)
                foreach ($name in $Environment.Keys) { Set-Item -Path "env:$name" -Value $Environment[$name] }
                Import-Module $Manifest -Force -ErrorAction Stop
            } -ArgumentList $Environment, (Resolve-Path (Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1')).Path
            $session
        }

        function Remove-ChildPwsh($Session) {
            if ($null -eq $Session) { return }
            try { $Session.Runspace.Dispose() } catch { }
            try { if (-not $Session.Instance.Process.HasExited) { $Session.Instance.Process.Kill($true) } } catch { }
            try { $Session.Instance.Dispose() } catch { }
        }

        function Invoke-ChildPwsh($Session, [scriptblock] $Script, [object[]] $ArgumentList = @()) {
            $ps = [powershell]::Create()
            try {
                $ps.Runspace = $Session.Runspace
                $null = $ps.AddScript($Script.ToString(), $true)
                foreach ($argument in $ArgumentList) { $null = $ps.AddArgument($argument) }
                $async = $ps.BeginInvoke()
                if (-not $async.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(60))) { $ps.Stop(); throw 'The child pwsh did not finish within 60 s.' }
                $terminating = $null
                $output = try { $ps.EndInvoke($async) } catch {
                    $e = $_.Exception
                    if ($e -is [System.Management.Automation.MethodInvocationException] -and $e.InnerException) { $e = $e.InnerException }
                    $terminating = if ($e -is [System.Management.Automation.IContainsErrorRecord]) { $e.ErrorRecord } else { $e }
                }
                [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error); Terminating = $terminating }
            }
            finally { $ps.Dispose() }
        }
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
    }

    Context 'Job names' {
        It '<Command> <Label> -> InvalidAutoMLJobName (InvalidArgument), no request' -ForEach @(foreach ($command in 'Get-AutoMLJobV2', 'Get-AutoMLJobV2Candidate') { foreach ($case in $badNames) { $case + @{ Command = $command } } }) {
            $r = Invoke-Captured { & $Command -AutoMLJobName $Value @conn }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be "InvalidAutoMLJobName,AutoMLV2.Commands.$($Command -replace '-', '')Command"
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $r.Errors[0].TargetObject | Should -Be $Value
            $r.Errors[0].Exception.Message | Should -BeLike "*$Problem*"
            $r.Requests | Should -Be 0
        }

        It 'Wait-AutoMLJobV2 <Label> -> InvalidAutoMLJobName (InvalidArgument), no request' -ForEach $badNames {
            $r = Invoke-Captured { Wait-AutoMLJobV2 -AutoMLJobName $Value @conn -PollInterval 1 -Timeout 5 }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAutoMLJobName,AutoMLV2.Commands.WaitAutoMLJobV2Command'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $r.Errors[0].Exception.Message | Should -BeLike "*$Problem*"
            $r.Requests | Should -Be 0
        }

        It 'the shell metacharacters in ''$(whoami)'' are never evaluated: the message quotes the text as given' {
            $r = Invoke-Captured { Get-AutoMLJobV2 '$(whoami)' @conn }
            $r.Errors[0].Exception.Message | Should -BeLike "*'`$(whoami)'*"
        }

        It 'Get-AutoMLJobV2 $null (positional, -AutoMLJobName and an empty array) -> InvalidAutoMLJobName, no request' {
            foreach ($nullCase in { Get-AutoMLJobV2 $null @conn }, { Get-AutoMLJobV2 -AutoMLJobName $null @conn }, { Get-AutoMLJobV2 -AutoMLJobName @() @conn }) {
                $r = Invoke-Captured $nullCase
                $r.Terminating | Should -BeNullOrEmpty
                $r.Errors.Count | Should -Be 1
                $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAutoMLJobName,AutoMLV2.Commands.GetAutoMLJobV2Command'
                $r.Requests | Should -Be 0
            }
        }

        It 'Wait-AutoMLJobV2 $null -> the binding error ParameterArgumentValidationErrorNullNotAllowed, no request' {
            $r = Invoke-Captured { Wait-AutoMLJobV2 $null @conn }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationErrorNullNotAllowed,AutoMLV2.Commands.WaitAutoMLJobV2Command'
            $r.Requests | Should -Be 0
        }

        It 'Get: invalid names mixed with valid ones in one argument -> the valid jobs come out, in order, one error per bad name' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1, 'a;b', '', 'jöb', valid2, ('x' * 40) @conn }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects.AutoMLJobName | Should -Be 'valid1', 'valid2'
            $r.Errors.Count | Should -Be 4
            $r.Errors.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'InvalidAutoMLJobName,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors.TargetObject | Should -Be 'a;b', '', 'jöb', ('x' * 40)
            $r.Requests | Should -Be 2
        }

        It 'Get: invalid names mixed with valid ones through the pipeline -> the valid jobs come out' {
            $r = Invoke-Captured { 'valid1', 'a|b', $null, '$(whoami)', "`n", 'valid2' | Get-AutoMLJobV2 @conn }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects.AutoMLJobName | Should -Be 'valid1', 'valid2'
            $r.Errors.Count | Should -Be 4
            $r.Requests | Should -Be 2
        }

        It 'Get: by property name from objects, some with bad names -> the valid jobs come out' {
            $r = Invoke-Captured { [pscustomobject]@{ AutoMLJobName = 'valid2' }, [pscustomobject]@{ AutoMLJobName = 'bad name' }, [pscustomobject]@{ JobName = 'valid1' } | Get-AutoMLJobV2 @conn }
            $r.Objects.AutoMLJobName | Should -Be 'valid2', 'valid1'
            $r.Errors.Count | Should -Be 1
            $r.Errors[0].TargetObject | Should -Be 'bad name'
        }

        It 'Wait: invalid names mixed with valid ones -> the valid jobs are waited for and come out' {
            $r = Invoke-Captured { 'valid1', 'a;b', 'valid2', '' | Wait-AutoMLJobV2 @conn -PollInterval 1 -Timeout 20 }
            $r.Terminating | Should -BeNullOrEmpty
            @($r.Objects.AutoMLJobName | Sort-Object) | Should -Be 'valid1', 'valid2'
            $r.Errors.Count | Should -Be 2
            $r.Errors.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'InvalidAutoMLJobName,AutoMLV2.Commands.WaitAutoMLJobV2Command'
        }
    }

    Context 'Wildcards' {
        It '''*'' -> every job, no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 '*' @conn }
            $r.Errors | Should -BeNullOrEmpty
            @($r.Objects.AutoMLJobName | Sort-Object) | Should -Be @($jobs | Sort-Object)
        }

        It '''[a-z]*'' -> the jobs whose name starts with a letter, no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 '[a-z]*' @conn }
            $r.Errors | Should -BeNullOrEmpty
            @($r.Objects.AutoMLJobName | Sort-Object) | Should -Be @($jobs | Sort-Object)
        }

        It '''[0-9]*'' -> nothing (no job starts with a digit), no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 '[0-9]*' @conn }
            $r.Errors | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
        }

        It '''?????'' -> exactly the five-character names, no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 '?????' @conn }
            $r.Errors | Should -BeNullOrEmpty
            @($r.Objects.AutoMLJobName | Sort-Object) | Should -Be 'abcde', 'xyz12'
        }

        It 'escaped brackets ''job`[1`]'' (a literal name, job[1], that no job can have) -> InvalidAutoMLJobName naming job[1], no request' {
            $r = Invoke-Captured { Get-AutoMLJobV2 'job`[1`]' @conn }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
            @($r.Errors).Count | Should -Be 1
            $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidAutoMLJobName,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Errors[0].Exception.Message | Should -BeLike "*'job``[1]'*"
            $r.Errors[0].Exception.Message | Should -Not -BeLike '*`*'
            $r.Requests | Should -Be 0
        }

        It 'a pattern that matches nothing (''nomatch*'') -> nothing, no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 'nomatch*' @conn }
            $r.Errors | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
        }

        It 'a pattern with characters no job name has (''a;b*'') -> nothing, no error' {
            $r = Invoke-Captured { Get-AutoMLJobV2 'a;b*' @conn }
            $r.Errors | Should -BeNullOrEmpty
            $r.Objects | Should -BeNullOrEmpty
        }
    }

    Context 'Numbers' {
        It '<Command> -<Parameter> <Value> -> ParameterArgumentValidationError, no request' -ForEach $badNumbers {
            $commandName = $Command
            $splat = @{ $Parameter = $Value }
            $r = Invoke-Captured { & $commandName valid1 @conn @splat }
            $noun = $commandName -replace '-', ''
            $r.Terminating.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,AutoMLV2.Commands.$($noun)Command"
            $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidData'
            $r.Terminating.Exception.Message | Should -BeLike "*'$Parameter'*"
            $r.Objects | Should -BeNullOrEmpty
            $r.Requests | Should -Be 0
        }

        It 'Get -Status with a value that is not a job status -> ParameterArgumentValidationError, no request' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @conn -Status Running }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Requests | Should -Be 0
        }

        It 'Get-AutoMLJobV2Candidate -Status that is not a candidate status, or an empty -CandidateName -> ParameterArgumentValidationError, no request' {
            foreach ($bad in { Get-AutoMLJobV2Candidate valid1 @conn -Status Running }, { Get-AutoMLJobV2Candidate valid1 @conn -CandidateName '' }) {
                $r = Invoke-Captured $bad
                $r.Terminating.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,AutoMLV2.Commands.GetAutoMLJobV2CandidateCommand'
                $r.Requests | Should -Be 0
            }
        }
    }

    Context 'Region and endpoint' {
        It '-<Parameter> ''<Value>'' -> ParameterArgumentValidationError saying what is wrong, no request' -ForEach $badConnection {
            $splat = $conn.Clone(); $splat[$Parameter] = $Value
            foreach ($cmdName in 'Get-AutoMLJobV2', 'Get-AutoMLJobV2Candidate', 'Wait-AutoMLJobV2') {
                $r = Invoke-Captured { & $cmdName valid1 @splat }
                $r.Terminating.FullyQualifiedErrorId | Should -Be "ParameterArgumentValidationError,AutoMLV2.Commands.$($cmdName -replace '-', '')Command"
                $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidData'
                $r.Terminating.Exception.Message | Should -BeLike "*$Problem*"
                $r.Requests | Should -Be 0
            }
        }
    }

    Context 'Profiles and credentials files' {
        BeforeAll {
            $script:where = Get-AutoMLTestConnection $moto -Exclude AccessKey, SecretKey
            $dir = $isolation.TempDirectory
            $script:garbageFile = Join-Path $dir 'garbage-credentials'
            Set-Content -LiteralPath $garbageFile -Value "this is not an ini file`n[dev`n=== = ===`n"
            $script:garbageInsideFile = Join-Path $dir 'garbage-inside-credentials'
            Set-Content -LiteralPath $garbageInsideFile -Value "[dev]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`nthis line is garbage`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n"
            $script:noSecretFile = Join-Path $dir 'no-secret-credentials'
            Set-Content -LiteralPath $noSecretFile -Value "[dev]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`nregion = us-east-1`n"
            $script:goodFile = Join-Path $dir 'good-credentials'
            Set-Content -LiteralPath $goodFile -Value "[other]`naws_access_key_id = AKIAIOSFODNN7EXAMPLE`naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`n"
        }

        It '-ProfileName of a profile that does not exist -> terminating ProfileNotFound (ObjectNotFound), no request' {
            foreach ($cmdName in 'Get-AutoMLJobV2', 'Get-AutoMLJobV2Candidate', 'Wait-AutoMLJobV2') {
                $r = Invoke-Captured { & $cmdName valid1, valid2 @where -ProfileName 'no-such-profile' }
                $r.Terminating.FullyQualifiedErrorId | Should -Be "ProfileNotFound,AutoMLV2.Commands.$($cmdName -replace '-', '')Command"
                $r.Terminating.CategoryInfo.Category | Should -Be 'ObjectNotFound'
                $r.Terminating.Exception.Message | Should -BeLike "*'no-such-profile'*"
                $r.Requests | Should -Be 0
            }
        }

        It '-ProfileName with -ProfileLocation of a file without that profile -> ProfileNotFound naming the file' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @where -ProfileName dev -ProfileLocation $goodFile }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'ProfileNotFound,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Terminating.Exception.Message | Should -BeLike "*$goodFile*"
        }

        It 'a credentials file of garbage lines -> terminating CredentialsFileInvalid (InvalidData) naming the file and line, no request' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @where -ProfileName dev -ProfileLocation $garbageFile }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'CredentialsFileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidData'
            $r.Terminating.Exception.Message | Should -BeLike "*$garbageFile*"
            $r.Terminating.Exception.Message | Should -BeLike '*Line 1*'
            $r.Requests | Should -Be 0
        }

        It 'a garbage line inside a profile -> terminating CredentialsFileInvalid, no request' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @where -ProfileName dev -ProfileLocation $garbageInsideFile }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'CredentialsFileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Requests | Should -Be 0
        }

        It 'a profile without aws_secret_access_key -> terminating ProfileInvalid (InvalidData), no request' {
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @where -ProfileName dev -ProfileLocation $noSecretFile }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'ProfileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidData'
            $r.Terminating.Exception.Message | Should -BeLike "*'dev'*"
            $r.Requests | Should -Be 0
        }

        It '-ProfileLocation of a file that does not exist -> terminating CredentialsFileInvalid naming the file' {
            $missing = Join-Path $isolation.TempDirectory 'no-such-file'
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @where -ProfileName dev -ProfileLocation $missing }
            $r.Terminating.FullyQualifiedErrorId | Should -Be 'CredentialsFileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command'
            $r.Terminating.Exception.Message | Should -BeLike "*$missing*"
        }

        It 'AWS_SHARED_CREDENTIALS_FILE of garbage lines (a fresh pwsh) -> CredentialsFileInvalid for -ProfileName, AWS_PROFILE and the default profile' {
            $child = New-ChildPwsh -Environment @{ AWS_SHARED_CREDENTIALS_FILE = $garbageFile }
            try {
                $r = Invoke-ChildPwsh $child {
                    param($Where)
                    foreach ($case in @(@{ ProfileName = 'dev' }, @{})) {
                        try { Get-AutoMLJobV2 valid1 @Where @case -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                    }
                    $env:AWS_PROFILE = 'dev'
                    try { Get-AutoMLJobV2 valid1 @Where -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                } -ArgumentList $where
                $r.Terminating | Should -BeNullOrEmpty
                $r.Output | Should -Be (@('CredentialsFileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command') * 3)
            }
            finally { Remove-ChildPwsh $child }
        }

        It 'AWS_SHARED_CREDENTIALS_FILE changed within a session -> the new file is read (here: CredentialsFileInvalid)' {
            $child = New-ChildPwsh -Environment @{ AWS_SHARED_CREDENTIALS_FILE = $goodFile }
            try {
                $r = Invoke-ChildPwsh $child {
                    param($Where, $GarbageFile, $NoSecretFile)
                    try { Get-AutoMLJobV2 valid1 @Where -ProfileName dev -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                    $env:AWS_SHARED_CREDENTIALS_FILE = $GarbageFile
                    try { Get-AutoMLJobV2 valid1 @Where -ProfileName dev -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                    $env:AWS_SHARED_CREDENTIALS_FILE = $NoSecretFile
                    try { Get-AutoMLJobV2 valid1 @Where -ProfileName dev -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
                } -ArgumentList $where, $garbageFile, $noSecretFile
                $r.Output | Should -Be 'ProfileNotFound,AutoMLV2.Commands.GetAutoMLJobV2Command', 'CredentialsFileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command', 'ProfileInvalid,AutoMLV2.Commands.GetAutoMLJobV2Command'
            }
            finally { Remove-ChildPwsh $child }
        }
    }

    Context 'Preference variables' {
        It '$AutoMLV2RequestTimeoutSeconds = ''<Value>'' -> terminating InvalidRequestTimeout (InvalidArgument), no request' -ForEach $badTimeouts {
            $AutoMLV2RequestTimeoutSeconds = $Value
            foreach ($cmdName in 'Get-AutoMLJobV2', 'Get-AutoMLJobV2Candidate', 'Wait-AutoMLJobV2') {
                $r = Invoke-Captured { & $cmdName valid1 @conn }
                $r.Terminating.FullyQualifiedErrorId | Should -Be "InvalidRequestTimeout,AutoMLV2.Commands.$($cmdName -replace '-', '')Command"
                $r.Terminating.CategoryInfo.Category | Should -Be 'InvalidArgument'
                $r.Terminating.Exception.Message | Should -BeLike '*$AutoMLV2RequestTimeoutSeconds*between 1 and 3600*'
                $r.Requests | Should -Be 0
            }
        }

        It '$AutoMLV2RequestTimeoutSeconds = ''2.5'' (a string holding a number) is accepted' {
            $AutoMLV2RequestTimeoutSeconds = '2.5'
            $r = Invoke-Captured { Get-AutoMLJobV2 valid1 @conn }
            $r.Terminating | Should -BeNullOrEmpty
            $r.Objects.AutoMLJobName | Should -Be 'valid1'
        }
    }
}
