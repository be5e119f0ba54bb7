@{
    RootModule        = 'AwsSdk40TestModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0d4c7a4e-4f47-4b2e-9d51-2f4a3f0f8a40'
    Author            = 'AutoMLV2 tests'
    Description       = 'Test only: a module on AWSSDK.Core 4.0.3.3, to prove AutoMLV2 lives beside AWS Tools for PowerShell.'
    CmdletsToExport   = @('New-TestAWSCredential', 'Get-TestSdkInfo', 'Set-TestStoredAWSCredential')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
