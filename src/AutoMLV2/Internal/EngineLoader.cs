namespace AutoMLV2.Internal;

using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

/// <summary>
/// Loads AutoMLV2.Engine and its AWSSDK assemblies at first use (not at import). On PowerShell 7
/// they go into a private AssemblyLoadContext, so that any AWSSDK.Core another module loaded
/// (AWS Tools for PowerShell ships its own) never meets ours. On Windows PowerShell 5.1, which has
/// no load contexts, the engine is loaded from its file and its dependencies come from the
/// resolver that <see cref="ModuleInitAndCleanup"/> registered at import (<see cref="DesktopResolver"/>).
/// </summary>
internal static class EngineLoader
{
    private const string EngineAssemblyName = "AutoMLV2.Engine";
    private const string EngineTypeName = "AutoMLV2.Engine.AutoMLEngine";
    private static readonly object Gate = new();
    private static IAutoMLEngine? engine;

    /// <summary>Lets tests run the cmdlets' logic over a fake engine.</summary>
    internal static IAutoMLEngine? Override { get; set; }

    public static bool IsCoreClr => !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public static IAutoMLEngine Engine
    {
        get
        {
            if (Override is not null)
            {
                return Override;
            }

            lock (Gate)
            {
                return engine ??= Load();
            }
        }
    }

    /// <summary>The folder with the engine and its dependencies for this edition of PowerShell.</summary>
    public static string DependencyFolder
    {
        get
        {
            var moduleFolder = Path.GetDirectoryName(typeof(EngineLoader).Assembly.Location) ?? ".";
            return Path.Combine(moduleFolder, "dependencies", IsCoreClr ? "core" : "desktop");
        }
    }

    private static IAutoMLEngine Load()
    {
        var folder = DependencyFolder;
        var enginePath = Path.Combine(folder, EngineAssemblyName + ".dll");
        if (!File.Exists(enginePath))
        {
            throw new FileNotFoundException($"The AutoMLV2 engine is missing from '{folder}'; reinstall the module.", enginePath);
        }

        var assembly = IsCoreClr ? CoreLoader.Load(folder, enginePath) : Assembly.LoadFrom(enginePath);
        var type = assembly.GetType(EngineTypeName, throwOnError: true)!;
        return (IAutoMLEngine)Activator.CreateInstance(type, nonPublic: true)!;
    }
}
