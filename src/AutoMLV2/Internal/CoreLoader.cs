namespace AutoMLV2.Internal;

using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

/// <summary>PowerShell 7: the engine and AWSSDK in a load context of their own.</summary>
internal static class CoreLoader
{
    // Not inlined: on Windows PowerShell the caller must JIT without touching AssemblyLoadContext.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Assembly Load(string folder, string enginePath) => new EngineLoadContext(folder).LoadFromAssemblyPath(enginePath);

    /// <summary>
    /// Resolves only what is in our dependencies folder; everything else (the framework, and
    /// AutoMLV2.dll with the types the cmdlets and the engine share) comes from the default context.
    /// </summary>
    private sealed class EngineLoadContext : AssemblyLoadContext
    {
        private readonly string folder;

        public EngineLoadContext(string folder)
        {
            this.folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
