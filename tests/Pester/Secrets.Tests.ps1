#Requires -Version 7.2
# Secrets never leak: every fault scenario of the fault matrix (FAULTS.md) runs with -Verbose -Debug
# and ALL streams captured (*>&1), then $Error (Format-List * -Force, Get-Error, the whole exception
# chain with every inner exception's message and ToString()) and the moto server log are searched
# for the secret key, the session token and the SigV4 Signature of every request sent.
#
# The requests go through a tiny recording proxy in front of moto (Python, started here) that writes
# down each request's Authorization and X-Amz-Security-Token headers, so the test knows the exact
# Signature values to look for. The proxy keeps moto's Date header (clock skew still works).
# Needs the built module (out/AutoMLV2/AutoMLV2.psd1) and python3 with moto.

BeforeDiscovery {
    $script:manifest = Join-Path $PSScriptRoot '../../out/AutoMLV2/AutoMLV2.psd1'
    $script:moduleMissing = -not (Test-Path $manifest)
    if ($moduleMissing) { Write-Warning "Secret-leak tests skipped: $manifest has not been built." }

    # Credentials: 'real' = the harness key (moto accepts it); 'fake' = the harness access key with a
    # made-up secret key and session token (faults are injected before moto checks them; without a
    # fault moto rejects them).
    $script:scenarios = @(
        @{ Scenario = 'a successful call'; Creds = 'real'; Fault = $null; Expect = 'object' }
        @{ Scenario = 'not found'; Creds = 'real'; Fault = $null; Job = 'secret-nope'; Expect = 'AutoMLJobNotFound' }
        @{ Scenario = 'ExpiredTokenException'; Creds = 'fake'; Fault = @{ kind = 'error'; status = 400; code = 'ExpiredTokenException'; message = 'The security token included in the request is expired' }; Expect = 'AuthenticationFailed' }
        @{ Scenario = 'UnrecognizedClientException'; Creds = 'fake'; Fault = @{ kind = 'error'; status = 400; code = 'UnrecognizedClientException'; message = 'The security token included in the request is invalid.' }; Expect = 'AuthenticationFailed' }
        @{ Scenario = 'AccessDeniedException'; Creds = 'fake'; Fault = @{ kind = 'error'; status = 400; code = 'AccessDeniedException'; message = 'User is not authorized to perform: sagemaker:DescribeAutoMLJobV2' }; Expect = 'AccessDenied' }
        @{ Scenario = 'the made-up session token, rejected by moto'; Creds = 'fake'; Fault = $null; Expect = 'AuthenticationFailed' }
        @{ Scenario = 'a wrong secret key, rejected by moto (SignatureDoesNotMatch)'; Creds = 'wrongsecret'; Fault = $null; Expect = 'AuthenticationFailed' }
        @{ Scenario = 'throttling x2 then success (retries)'; Creds = 'real'; Fault = @{ kind = 'throttle'; count = 2 }; Expect = 'object' }
        @{ Scenario = 'persistent throttling'; Creds = 'fake'; Fault = @{ kind = 'throttle' }; Expect = 'Throttled' }
        @{ Scenario = 'persistent HTTP 500'; Creds = 'fake'; Fault = @{ kind = 'error'; status = 500; code = 'InternalFailure' }; Expect = 'ServiceError' }
        @{ Scenario = 'malformed JSON'; Creds = 'fake'; Fault = @{ kind = 'malformed' }; Expect = 'error' }
        @{ Scenario = 'an HTML page from a proxy'; Creds = 'fake'; Fault = @{ kind = 'html' }; Expect = 'error' }
        @{ Scenario = 'connection reset'; Creds = 'fake'; Fault = @{ kind = 'reset' }; Expect = 'error' }
        @{ Scenario = 'clock skew (server 30 min ahead)'; Creds = 'real'; Fault = $null; Clock = 1800; Expect = 'object' }
        @{ Scenario = 'clock skew with the made-up token'; Creds = 'fake'; Fault = $null; Clock = -1800; Expect = 'AuthenticationFailed' }
        @{ Scenario = 'a hang ($AutoMLV2RequestTimeoutSeconds = 1)'; Creds = 'fake'; Fault = @{ kind = 'hang' }; Timeout = 1; Expect = 'ConnectionFailed' }
    )
}

Describe 'Secrets never leak' -Tag 'Secrets' -Skip:$moduleMissing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEnvironment.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'MotoHarness.psm1') -Force
        $script:isolation = Use-IsolatedAwsEnvironment
        $null = Import-BuiltAutoMLV2
        $script:moto = Start-AutoMLMoto
        $null = New-AutoMLMotoJob -Moto $moto -Name 'secret-job'
        $null = Set-AutoMLMotoJobScript $moto 'secret-job' @(@{ after_seconds = 0; AutoMLJobStatus = 'Completed'; AutoMLJobSecondaryStatus = 'Completed'; PartialFailureReasons = $null; FailureReason = $null })

        # Distinctive made-up secrets (and the harness's real one, 40 random characters).
        $script:fakeSecret = 'SecretSentinel' + [guid]::NewGuid().ToString('N').Substring(0, 26)
        $script:wrongSecret = 'WrongSentinel' + [guid]::NewGuid().ToString('N').Substring(0, 27)
        $script:fakeToken = 'TokenSentinel' + [guid]::NewGuid().ToString('N') + 'IQoJb3JpZ2luX2VjEXAMPLE' + [guid]::NewGuid().ToString('N') + '//////////wEaCXVzLWVhc3QtMSJH'

        # ---- the recording proxy ------------------------------------------------------------
        $proxyDir = Join-Path $isolation.TempDirectory 'proxy'
        $null = New-Item -ItemType Directory -Force -Path $proxyDir
        $script:proxyLog = Join-Path $proxyDir 'headers.jsonl'
        $portFile = Join-Path $proxyDir 'port'
        $proxyScript = Join-Path $proxyDir 'recording_proxy.py'
        Set-Content -LiteralPath $proxyScript -Encoding utf8NoBOM -Value @'
import http.client, json, os, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
target, port_file, log_file, parent = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
lock = threading.Lock()
HOP = {"content-length", "transfer-encoding", "connection", "keep-alive", "server"}

class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock, open(log_file, "a") as f:
            f.write(json.dumps({"authorization": self.headers.get("Authorization"),
                                "token": self.headers.get("X-Amz-Security-Token")}) + "\n")
        upstream = http.client.HTTPConnection("127.0.0.1", target, timeout=15)
        try:
            upstream.request("POST", self.path, body, {k: v for k, v in self.headers.items() if k.lower() not in HOP})
            response = upstream.getresponse()
            data = response.read()
        except Exception:
            self.close_connection = True      # a reset, truncated or hanging upstream: drop the client too
            return
        finally:
            upstream.close()
        self.send_response_only(response.status)   # moto's own Date header is kept (clock skew)
        for k, v in response.getheaders():
            if k.lower() not in HOP:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

class Server(ThreadingHTTPServer):
    daemon_threads = True

server = Server(("127.0.0.1", 0), Proxy)
def watch():
    while True:
        time.sleep(1)
        try: os.kill(parent, 0)
        except OSError: os._exit(0)
threading.Thread(target=watch, daemon=True).start()
with open(port_file + ".tmp", "w") as f: f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)
server.serve_forever()
'@
        $python = (Get-Command python3, python -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        $psi = [System.Diagnostics.ProcessStartInfo]::new($python)
        foreach ($a in $proxyScript, $moto.Port, $portFile, $proxyLog, $PID) { $psi.ArgumentList.Add([string]$a) }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardInput = $true
        $script:proxyProcess = [System.Diagnostics.Process]::Start($psi)
        $deadline = [datetime]::UtcNow.AddSeconds(15)
        while (-not (Test-Path -LiteralPath $portFile)) {
            if ($proxyProcess.HasExited -or [datetime]::UtcNow -gt $deadline) { throw 'The recording proxy did not start.' }
            Start-Sleep -Milliseconds 25
        }
        $script:proxyEndpoint = "http://127.0.0.1:$(Get-Content -LiteralPath $portFile -Raw)"

        $script:base = @{ Region = $moto.Region; EndpointUrl = $proxyEndpoint }
        $script:credentialSets = @{
            real        = @{ AccessKey = $moto.AccessKey; SecretKey = $moto.SecretKey }
            fake        = @{ AccessKey = $moto.AccessKey; SecretKey = $fakeSecret; SessionToken = $fakeToken }
            wrongsecret = @{ AccessKey = $moto.AccessKey; SecretKey = $wrongSecret }
        }

        function Get-RecordText {
            # Everything a user could see of one record, including the full exception chain.
            param($Record)
            $parts = [System.Collections.Generic.List[string]]::new()
            if ($Record -is [System.Management.Automation.ErrorRecord]) {
                $parts.Add(($Record | Format-List * -Force | Out-String -Width 4096))
                $parts.Add(($Record | Out-String -Width 4096))
                $parts.Add(($Record.CategoryInfo | Format-List * -Force | Out-String -Width 4096))
                $parts.Add(($Record.InvocationInfo | Format-List * -Force | Out-String -Width 4096))
                $parts.Add([string]$Record.ErrorDetails)
                $parts.Add(($Record.TargetObject | Out-String -Width 4096))
                try { $parts.Add((Get-Error -InputObject $Record | Out-String -Width 4096)) } catch { }
                for ($e = $Record.Exception; $e; $e = $e.InnerException) {
                    $parts.Add($e.Message)
                    $parts.Add($e.ToString())
                    $parts.Add(($e | Format-List * -Force | Out-String -Width 4096))
                    foreach ($key in @($e.Data.Keys)) { $parts.Add("$key=$($e.Data[$key])") }
                    if ($e -is [System.AggregateException]) { foreach ($inner in $e.InnerExceptions) { $parts.Add($inner.ToString()) } }
                }
            }
            elseif ($Record -is [System.Management.Automation.InformationalRecord]) {
                $parts.Add($Record.Message)
            }
            elseif ($Record -is [System.Management.Automation.InformationRecord]) {
                $parts.Add([string]$Record.MessageData)
            }
            else {
                $parts.Add(($Record | Format-List * -Force | Out-String -Width 4096))
                $parts.Add(($Record | Out-String -Width 4096))
            }
            $parts -join "`n"
        }

        function Get-Signatures {
            @(Get-Content -LiteralPath $proxyLog -ErrorAction SilentlyContinue | ForEach-Object {
                    $auth = ($_ | ConvertFrom-Json).authorization
                    if ($auth -match 'Signature=([0-9a-f]{64})') { $Matches[1] }
                })
        }

        function Assert-NoSecret {
            param([string] $Text, [string] $Where)
            $secrets = [ordered]@{
                'the harness secret key'  = $moto.SecretKey
                'the made-up secret key'  = $fakeSecret
                'the wrong secret key'    = $wrongSecret
                'the session token'       = $fakeToken
                'the session token (start)' = $fakeToken.Substring(0, 24)
            }
            foreach ($name in $secrets.Keys) {
                $Text.Contains($secrets[$name]) | Should -BeFalse -Because "$name must never appear in $Where"
            }
            foreach ($signature in Get-Signatures) {
                $Text.Contains($signature) | Should -BeFalse -Because "a request Signature ($signature) must never appear in $Where"
            }
            $Text | Should -Not -Match 'Signature=[0-9a-fA-F]{16}' -Because "no Authorization header may appear in $Where"
            $Text | Should -Not -Match 'X-Amz-Security-Token\s*[:=]\s*\S' -Because "no session token header may appear in $Where"
        }
    }

    AfterAll {
        if ($script:proxyProcess) {
            try { if (-not $proxyProcess.HasExited) { $proxyProcess.Kill($true); [void]$proxyProcess.WaitForExit(5000) } } catch { }
            $proxyProcess.Dispose()
        }
        Stop-AutoMLMoto $moto
        Restore-AwsEnvironment
    }

    BeforeEach {
        Reset-AutoMLMoto $moto
        Remove-Item -LiteralPath $proxyLog -ErrorAction SilentlyContinue
        $Error.Clear()
    }

    AfterEach {
        if ($Clock) {
            # The SDK keeps the skew correction for the endpoint: one call with the clock back to normal
            # measures it again (that call may fail once, see FAULTS.md), so later rows start clean.
            Set-AutoMLMotoClock $moto 0
            $real = $credentialSets.real
            $null = Get-AutoMLJobV2 secret-job @base @real -ErrorAction SilentlyContinue
        }
    }

    It 'Get-AutoMLJobV2 -Verbose -Debug, <Scenario>: no secret in any stream, in $Error or in the moto log' -ForEach $scenarios {
        if ($Fault) { $rule = @{ operation = 'DescribeAutoMLJobV2' } + $Fault; Add-AutoMLMotoFault $moto -Rule $rule }
        if ($Clock) { Set-AutoMLMotoClock $moto $Clock }
        $splat = $base + $credentialSets[$Creds]
        $job = if ($Job) { $Job } else { 'secret-job' }
        if ($Timeout) { $AutoMLV2RequestTimeoutSeconds = $Timeout }
        $DebugPreference = 'Continue'   # -Debug without prompts, on every PowerShell version
        $terminating = $null
        $records = try { Get-AutoMLJobV2 $job @splat -Verbose -Debug *>&1 } catch { $terminating = $_ }

        # The scenario really happened.
        $objects = @($records | Where-Object { $_ -is [AutoMLV2.Model.AutoMLJobV2] })
        $errors = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        switch ($Expect) {
            'object' { $objects.Count | Should -Be 1; $errors | Should -BeNullOrEmpty }
            'error' { $errors.Count | Should -Be 1 }
            default { $errors.Count | Should -Be 1; $errors[0].FullyQualifiedErrorId | Should -BeLike "$Expect,*" }
        }
        @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -Not -BeNullOrEmpty
        if ($Creds -eq 'fake') {
            @(Get-Content -LiteralPath $proxyLog | ConvertFrom-Json | Where-Object token -eq $fakeToken) | Should -Not -BeNullOrEmpty -Because 'the session token was really sent'
        }
        @(Get-Signatures) | Should -Not -BeNullOrEmpty -Because 'the proxy recorded the signed requests'

        $streams = (@($records) + @($terminating) | Where-Object { $null -ne $_ } | ForEach-Object { Get-RecordText $_ }) -join "`n"
        Assert-NoSecret $streams 'the output, error, warning, verbose, debug and information streams'
        $errorText = (@($Error) | ForEach-Object { Get-RecordText $_ }) -join "`n"
        Assert-NoSecret $errorText '$Error'
        Assert-NoSecret ((Get-Content -LiteralPath $moto.LogPath -Raw -ErrorAction SilentlyContinue) ?? '') 'the moto server log'
    }

    It 'Wait-AutoMLJobV2 -Verbose -Debug, throttling then <Kind>: no secret in any stream or in $Error' -ForEach @(@{ Kind = 'success' }, @{ Kind = 'an ExpiredTokenException' }) {
        Add-AutoMLMotoFault $moto -Kind throttle -Operation DescribeAutoMLJobV2 -Count 3
        $splat = $base + $(if ($Kind -eq 'success') { $credentialSets.real } else { $credentialSets.fake })
        if ($Kind -ne 'success') { Add-AutoMLMotoFault $moto -Kind error -Status 400 -Code ExpiredTokenException -Message 'expired' -Operation DescribeAutoMLJobV2 }
        $DebugPreference = 'Continue'
        $ProgressPreference = 'SilentlyContinue'
        $records = Wait-AutoMLJobV2 secret-job @splat -PollInterval 1 -Timeout 20 -Verbose -Debug *>&1
        $streams = ($records | ForEach-Object { Get-RecordText $_ }) -join "`n"
        Assert-NoSecret $streams 'the streams of Wait-AutoMLJobV2'
        Assert-NoSecret ((@($Error) | ForEach-Object { Get-RecordText $_ }) -join "`n") '$Error'
    }

    Context 'A session token over plain http://' {
        It 'to a non-loopback http:// endpoint -> a warning (stream 3) that the session token travels unencrypted, without the token' {
            $AutoMLV2RequestTimeoutSeconds = 1
            $splat = @{ Region = 'us-east-1'; EndpointUrl = 'http://10.255.255.1:1'; AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = $fakeSecret; SessionToken = $fakeToken }
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $records = Get-AutoMLJobV2 secret-job @splat 3>&1 2>&1
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 15
            $warnings = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
            $warnings.Count | Should -Be 1
            $warnings[0].Message | Should -Match 'unencrypted'
            $warnings[0].Message | Should -Match 'session token'
            $warnings[0].Message | Should -Match 'https://'
            Assert-NoSecret (($records | ForEach-Object { Get-RecordText $_ }) -join "`n") 'the warning and the error'
        }

        It 'to <Label> -> no warning' -ForEach @(@{ Label = 'http://127.0.0.1 (loopback)'; Loopback = '127.0.0.1' }, @{ Label = 'http://localhost'; Loopback = 'localhost' }) {
            Add-AutoMLMotoFault $moto -Kind error -Status 400 -Code ExpiredTokenException -Message 'expired' -Operation DescribeAutoMLJobV2
            $splat = @{ Region = $moto.Region; EndpointUrl = "http://$($Loopback):$($moto.Port)" } + $credentialSets.fake
            $records = Get-AutoMLJobV2 secret-job @splat 3>&1 2>&1
            @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
            @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        }

        It 'without a session token to a non-loopback http:// endpoint -> no token warning' {
            $AutoMLV2RequestTimeoutSeconds = 1
            $splat = @{ Region = 'us-east-1'; EndpointUrl = 'http://10.255.255.1:1'; AccessKey = 'AKIAIOSFODNN7EXAMPLE'; SecretKey = $fakeSecret }
            $records = Get-AutoMLJobV2 secret-job @splat 3>&1 2>&1
            @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match 'session token' }) | Should -BeNullOrEmpty
        }
    }
}
