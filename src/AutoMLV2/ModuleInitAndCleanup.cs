namespace AutoMLV2;

using System.Management.Automation;
using AutoMLV2.Internal;

/// <summary>
/// The module's assembly life cycle, as PowerShell calls it at Import-Module and Remove-Module.
/// On Windows PowerShell 5.1 it adds the resolver of our dependencies (<see cref="DesktopResolver"/>)
/// and removes it again. On PowerShell 7 there is nothing to do here: the engine and its
/// dependencies load into a private AssemblyLoadContext at first use (<see cref="EngineLoader"/>).
/// Neither edition loads the engine at import.
/// </summary>
public sealed class ModuleInitAndCleanup : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        if (!EngineLoader.IsCoreClr)
        {
            DesktopResolver.Module.Register();
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (!EngineLoader.IsCoreClr)
        {
            DesktopResolver.Module.Unregister();
        }
    }
}
