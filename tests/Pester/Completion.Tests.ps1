#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Tab completion of job names for -AutoMLJobName on both cmdlets: one ListAutoMLJobs call with the
# typed prefix, the credential/region/endpoint parameters already on the command line, silent when
# it cannot list.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
    $null = Use-IsolatedAwsEnvironment
    Import-BuiltAutoMLV2
    $script:moto = Start-AutoMLMoto
    New-AutoMLMotoJob -Moto $moto -Name 'churn-east', 'churn-west', 'forecast-1' | Out-Null
    $script:keys = "-AccessKey '$($moto.AccessKey)' -SecretKey '$($moto.SecretKey)'"
    $script:where = "-Region $($moto.Region) -EndpointUrl $($moto.Endpoint)"

    function Complete([string]$Line) {
        $Error.Clear()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        [pscustomobject]@{
            Texts   = @($result.CompletionMatches | ForEach-Object CompletionText)
            Results = @($result.CompletionMatches)
            Seconds = $watch.Elapsed.TotalSeconds
            Errors  = @($Error)
        }
    }

    function Get-ListCount { @((Get-AutoMLMotoStats $moto).log | Where-Object { $_[1] -eq 'ListAutoMLJobs' }).Count }
}

AfterAll {
    Stop-AutoMLMoto $moto
    Restore-AwsEnvironment
}

Describe 'Tab completion of -AutoMLJobName' {
    BeforeEach { Reset-AutoMLMoto $moto }

    It 'completes <Command> names from ListAutoMLJobs with the parameters on the command line' -ForEach @(
        @{ Command = 'Get-AutoMLJobV2'; Form = '-AutoMLJobName chu' }
        @{ Command = 'Wait-AutoMLJobV2'; Form = 'chu' }
        @{ Command = 'Get-AutoMLJobV2'; Form = '-Name chu' }
        @{ Command = 'Get-AutoMLJobV2Candidate'; Form = 'chu' }) {
        $r = Complete "$Command $where $keys $Form"
        $r.Texts | Should -Be 'churn-east', 'churn-west'
        $r.Errors | Should -BeNullOrEmpty
        $r.Seconds | Should -BeLessThan 2
        Get-ListCount | Should -Be 1
        $r.Results[0].ToolTip | Should -Match 'churn-east: InProgress'
    }

    It 'keeps the quote the user typed' {
        $r = Complete "Get-AutoMLJobV2 $where $keys 'fore"
        $r.Texts | Should -Be "'forecast-1'"
    }

    It 'uses $StoredAWSRegion and environment credentials like the cmdlets' {
        $global:StoredAWSRegion = $moto.Region
        $env:AWS_ACCESS_KEY_ID = $moto.AccessKey
        $env:AWS_SECRET_ACCESS_KEY = $moto.SecretKey
        try {
            $r = Complete "Get-AutoMLJobV2 -EndpointUrl $($moto.Endpoint) -AutoMLJobName churn-w"
            $r.Texts | Should -Be 'churn-west'
        }
        finally {
            Remove-Variable StoredAWSRegion -Scope Global
            Remove-Item env:AWS_ACCESS_KEY_ID, env:AWS_SECRET_ACCESS_KEY
        }
    }

    It 'is silent and quick when it cannot list: <Case>' -ForEach @(
        @{ Case = 'no credentials'; Line = { "Get-AutoMLJobV2 $where -AutoMLJobName chu" } }
        @{ Case = 'a wrong secret key'; Line = { "Get-AutoMLJobV2 $where -AccessKey $($moto.AccessKey) -SecretKey wrong -AutoMLJobName chu" } }
        @{ Case = 'nothing listening'; Line = { "Get-AutoMLJobV2 -Region us-east-1 -EndpointUrl http://127.0.0.1:9 $keys -AutoMLJobName chu" } }) {
        $r = Complete (& $Line)
        $r.Texts | Should -BeNullOrEmpty
        $r.Errors | Should -BeNullOrEmpty
        $r.Seconds | Should -BeLessThan 4
    }
}
