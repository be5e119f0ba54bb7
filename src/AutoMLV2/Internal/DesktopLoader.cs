namespace AutoMLV2.Internal;

using System;
using System.IO;
using System.Reflection;

/// <summary>
/// Windows PowerShell 5.1: .NET Framework has one load context per AppDomain, so the engine's
/// dependencies are resolved from our folder when nothing else supplies them.
/// </summary>
internal static class DesktopLoader
{
    public static Assembly Load(string folder, string enginePath)
    {
        AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
        {
            var name = new AssemblyName(args.Name).Name;
            var path = Path.Combine(folder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        };
        return Assembly.LoadFrom(enginePath);
    }
}
