# Credentials and network parity with AWS Tools for PowerShell (the BUILT module against moto, IAM
# auth on): a role profile with mfa_serial asks for the code through the PowerShell host (and fails
# clearly where it cannot ask), and HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured (proven through
# a local forward proxy, tests/moto/proxy.py, that alone can reach the endpoint's made-up host name).

Describe 'Credentials and proxies' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $savedRendering = Use-PlainTextRendering

        $isolated = Use-IsolatedAwsEnvironment
        $manifest = (Import-BuiltAutoMLV2).Path
        $moto = Start-AutoMLMoto
        $null = New-AutoMLMotoJob -Moto $moto -Name mfa-job
        $serial = 'arn:aws:iam::123456789012:mfa/ops-user'
        $profiles = Set-AwsIniFile (Join-Path $isolated.TempDirectory 'credentials') ([ordered]@{
                base = [ordered]@{ aws_access_key_id = $moto.AccessKey; aws_secret_access_key = $moto.SecretKey }
                mfa  = [ordered]@{ role_arn = $moto.RoleArn; source_profile = 'base'; mfa_serial = $serial; region = $moto.Region }
                # The same, under another name: the engine keeps a profile's credentials for the session.
                'mfa-again' = [ordered]@{ role_arn = $moto.RoleArn; source_profile = 'base'; mfa_serial = $serial; region = $moto.Region }
            })
        if (-not ('AutoMLV2.TestHosts.PromptHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'Support/PromptHost.cs') }

        # Runs -Script in a runspace of this process whose host answers prompts with -Answers; the
        # AWS SDK's STS client and our SageMaker client both reach moto through AWS_ENDPOINT_URL.
        function Invoke-WithPromptHost([string[]] $Answers, [scriptblock] $Script) {
            $testHost = [AutoMLV2.TestHosts.PromptHost]::new($Answers)
            $runspace = [runspacefactory]::CreateRunspace($testHost, [initialsessionstate]::CreateDefault2())
            $runspace.Open()
            $ps = [powershell]::Create()
            try {
                $ps.Runspace = $runspace
                $null = $ps.AddScript("Import-Module '$manifest' -Force").AddStatement().AddScript($Script.ToString())
                $output = $ps.Invoke()
                [pscustomobject]@{ Output = @($output); Errors = @($ps.Streams.Error); Host = $testHost }
            }
            finally { $ps.Dispose(); $runspace.Dispose() }
        }

        # Runs -Command in a child pwsh with -Environment set; returns stdout lines.
        function Invoke-ChildCommand([string] $Command, [hashtable] $Environment = @{}, [switch] $NonInteractive) {
            $saved = @{}
            foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
            try {
                $arguments = @('-NoProfile') + @(if ($NonInteractive) { '-NonInteractive' }) + @('-Command', "Import-Module '$manifest'; $Command")
                @(& (Get-TestPwshPath) @arguments 2>&1 | ForEach-Object { "$_" })
            }
            finally { foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) } }
        }

        [Environment]::SetEnvironmentVariable('AWS_ENDPOINT_URL', $moto.Endpoint)
    }

    AfterAll {
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
        Restore-OutputRendering $savedRendering
    }

    BeforeEach { Reset-AutoMLMoto $moto }

    Context 'A role profile with an MFA device' {
        It 'asks the host for the code once, and STS receives what was typed' {
            Set-AutoMLMotoMfaRequirement $moto -TokenCode 246810 -SerialNumber $serial

            $r = Invoke-WithPromptHost @('246810') ([scriptblock]::Create(
                "Get-AutoMLJobV2 mfa-job -ProfileName mfa -ProfileLocation '$profiles'; Get-AutoMLJobV2 mfa-job -ProfileName mfa -ProfileLocation '$profiles'"))

            $r.Errors | Should -BeNullOrEmpty
            @($r.Output.AutoMLJobName) | Should -Be @('mfa-job', 'mfa-job')
            $r.Host.Reads | Should -Be 1 -Because 'the assumed role is cached for the session; the code is asked once'
            ($r.Host.Written -join '') | Should -Match ([regex]::Escape("MFA code for $serial (profile 'mfa')"))
            $sts = (Get-AutoMLMotoStsLog $moto).last
            $sts.TokenCode | Should -Be '246810'
            $sts.SerialNumber | Should -Be $serial
        }

        It 'reports a code STS rejects as CredentialsUnavailable naming the profile' {
            Set-AutoMLMotoMfaRequirement $moto -TokenCode 246810 -SerialNumber $serial

            $r = Invoke-WithPromptHost @('000000') ([scriptblock]::Create(
                "Get-AutoMLJobV2 mfa-job -ProfileName mfa-again -ProfileLocation '$profiles'"))

            $r.Output | Should -BeNullOrEmpty
            $e = $r.Errors | Select-Object -First 1
            $e.FullyQualifiedErrorId | Should -BeLike 'CredentialsUnavailable,*'
            $e.Exception.Message | Should -Match "profile 'mfa-again'"
        }

        It 'fails with a clear CredentialsUnavailable error in a non-interactive session' {
            Set-AutoMLMotoMfaRequirement $moto -TokenCode 246810 -SerialNumber $serial

            $lines = Invoke-ChildCommand -NonInteractive -Environment @{ AWS_ENDPOINT_URL = $moto.Endpoint } -Command (
                "try { Get-AutoMLJobV2 mfa-job -ProfileName mfa -ProfileLocation '$profiles' -ErrorAction Stop } catch { 'ID=' + `$_.FullyQualifiedErrorId; 'MESSAGE=' + `$_.Exception.Message }")

            ($lines -join "`n") | Should -Match 'ID=CredentialsUnavailable,'
            ($lines -join "`n") | Should -Match 'needs an MFA code from arn:aws:iam::123456789012:mfa/ops-user'
            ($lines -join "`n") | Should -Match 'interactive PowerShell session'
            (Get-AutoMLMotoStsLog $moto).requests | Should -BeNullOrEmpty -Because 'nothing was sent to STS without a code'
        }
    }

    Context 'Proxies from the environment' {
        BeforeAll {
            $proxy = Start-AutoMLProxy -Route @{ 'sagemaker.proxy.test' = "127.0.0.1:$($moto.Port)" }
            $viaProxy = "Get-AutoMLJobV2 mfa-job -Region $($moto.Region) -AccessKey $($moto.AccessKey) -SecretKey $($moto.SecretKey)"
        }
        AfterAll { Stop-AutoMLProxy $proxy }
        BeforeEach { Reset-AutoMLProxyStats $proxy }

        It 'HTTP_PROXY carries http:// requests to a host only the proxy can reach' {
            $lines = Invoke-ChildCommand -Environment @{ HTTP_PROXY = $proxy.Url; AWS_ENDPOINT_URL = $null } -Command "($viaProxy -EndpointUrl http://sagemaker.proxy.test).AutoMLJobName"

            $lines | Should -Contain 'mfa-job'
            $stats = Get-AutoMLProxyStats $proxy
            $stats.requests | Should -BeGreaterOrEqual 1
            $stats.by_target.'sagemaker.proxy.test:80' | Should -BeGreaterOrEqual 1
        }

        It 'NO_PROXY sends the same request past the proxy' {
            $lines = Invoke-ChildCommand -Environment @{ HTTP_PROXY = $proxy.Url; NO_PROXY = 'sagemaker.proxy.test'; AWS_ENDPOINT_URL = $null } -Command (
                "try { $viaProxy -EndpointUrl http://sagemaker.proxy.test -ErrorAction Stop } catch { 'ID=' + `$_.FullyQualifiedErrorId }")

            ($lines -join "`n") | Should -Match 'ID=ConnectionFailed,'
            (Get-AutoMLProxyStats $proxy).requests | Should -Be 0
        }

        It 'HTTPS_PROXY tunnels https:// requests (CONNECT)' {
            # The routed target is moto, which speaks plain http: the TLS handshake through the tunnel
            # fails, but the proxy saw the CONNECT for the endpoint's host.
            $lines = Invoke-ChildCommand -Environment @{ HTTPS_PROXY = $proxy.Url; AWS_ENDPOINT_URL = $null; AWS_MAX_ATTEMPTS = '1' } -Command (
                "try { $viaProxy -EndpointUrl https://sagemaker.proxy.test -ErrorAction Stop } catch { 'ID=' + `$_.FullyQualifiedErrorId }")

            ($lines -join "`n") | Should -Match 'ID=ConnectionFailed,'
            (Get-AutoMLProxyStats $proxy).connects | Should -BeGreaterOrEqual 1
        }
    }
}
