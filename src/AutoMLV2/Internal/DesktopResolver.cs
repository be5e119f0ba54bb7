namespace AutoMLV2.Internal;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

/// <summary>
/// Windows PowerShell 5.1 has one load context per AppDomain, so the engine's dependencies
/// (dependencies/desktop) are supplied through <see cref="AppDomain.AssemblyResolve"/>: only to
/// our own assemblies, and only while the module is imported. <see cref="ModuleInitAndCleanup"/>
/// registers the handler at Import-Module and removes it at Remove-Module.
/// </summary>
internal sealed class DesktopResolver
{
    private static readonly Lazy<DesktopResolver> ForModule = new(() =>
    {
        var module = typeof(DesktopResolver).Assembly;
        return new DesktopResolver(module, DesktopDependencies.Scan(module.Location, EngineLoader.DependencyFolder));
    });

    private readonly object gate = new();
    private readonly Assembly module;
    private int imports;

    public DesktopResolver(Assembly module, DesktopDependencies dependencies)
    {
        this.module = module;
        Dependencies = dependencies;
    }

    /// <summary>The resolver of this module; its dependency folder is listed once, at the first import.</summary>
    public static DesktopResolver Module => ForModule.Value;

    public DesktopDependencies Dependencies { get; }

    public bool IsRegistered
    {
        get
        {
            lock (gate)
            {
                return imports > 0;
            }
        }
    }

    /// <summary>
    /// Adds the handler at the first import. The module can be imported into several runspaces of
    /// one process, so the handler stays until the last of them has removed it.
    /// </summary>
    public void Register()
    {
        lock (gate)
        {
            if (imports++ == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }
    }

    public void Unregister()
    {
        lock (gate)
        {
            if (imports > 0 && --imports == 0)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            }
        }
    }

    private Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var requester = args.RequestingAssembly;

        // A dynamic assembly has no location (.NET Framework throws when asked for it).
        var requesterLocation = requester is null ? null : requester.IsDynamic ? string.Empty : requester.Location;
        var path = Dependencies.PathFor(args.Name, requesterLocation);
        if (path is null)
        {
            return null;
        }

        // The engine's reference to AutoMLV2 must bind to the copy already loaded: the engine
        // implements IAutoMLEngine of that copy.
        return string.Equals(path, Dependencies.ModuleAssemblyPath, StringComparison.OrdinalIgnoreCase) ? module : Assembly.LoadFrom(path);
    }
}

/// <summary>
/// The assemblies of dependencies/desktop and the rule for which load requests we answer, as a
/// pure function of the request (<see cref="PathFor"/>).
/// </summary>
internal sealed class DesktopDependencies
{
    private readonly Dictionary<string, string> paths;

    public DesktopDependencies(string moduleAssemblyPath, string folder, IEnumerable<string> assemblyFiles)
    {
        ModuleAssemblyPath = Path.GetFullPath(moduleAssemblyPath);
        Folder = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);

        // Assembly names are case-insensitive on .NET Framework.
        paths = assemblyFiles.ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Path.Combine(Folder, Path.GetFileName(f)), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>AutoMLV2.dll, the cmdlets assembly beside the manifest.</summary>
    public string ModuleAssemblyPath { get; }

    public string Folder { get; }

    /// <summary>The simple names of the assemblies in <see cref="Folder"/>.</summary>
    public IEnumerable<string> Names => paths.Keys;

    public static DesktopDependencies Scan(string moduleAssemblyPath, string folder)
        => new(moduleAssemblyPath, folder, Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.dll") : Enumerable.Empty<string>());

    /// <summary>
    /// The file to answer an AssemblyResolve request with, or null to leave the request to others.
    /// <para>The request must name one of our assemblies: a file of <see cref="Folder"/>, or AutoMLV2
    /// itself. Only the simple name counts, not the version: Windows PowerShell has no binding
    /// redirects for a module, so a dependency that asks for another version of System.Memory or
    /// System.Runtime.CompilerServices.Unsafe than the one we ship gets ours.</para>
    /// <para>And the request must come from one of our assemblies, told by its location (AutoMLV2.dll
    /// or a file of <see cref="Folder"/>), not by its name: the module we most need to stay out of
    /// the way of, AWS Tools for PowerShell, ships assemblies with the same names as ours
    /// (AWSSDK.Core, System.Memory, …), and what those fail to find is theirs to resolve. When the
    /// runtime does not say who asks (a load by name through reflection, as AWSSDK.Core does for
    /// AWSSDK.SecurityToken), the name alone decides, as PSResourceGet does.</para>
    /// </summary>
    /// <param name="requestedName">The assembly's display name (ResolveEventArgs.Name).</param>
    /// <param name="requesterLocation">The requesting assembly's location, empty for one without a file, null when unknown.</param>
    public string? PathFor(string requestedName, string? requesterLocation)
    {
        if (requesterLocation is not null && !IsOurs(requesterLocation))
        {
            return null;
        }

        var name = new AssemblyName(requestedName).Name;
        if (name is null)
        {
            return null;
        }

        if (string.Equals(name, Path.GetFileNameWithoutExtension(ModuleAssemblyPath), StringComparison.OrdinalIgnoreCase))
        {
            return ModuleAssemblyPath;
        }

        return paths.TryGetValue(name, out var path) ? path : null;
    }

    private bool IsOurs(string location)
    {
        if (location.Length == 0)
        {
            return false;
        }

        var full = Path.GetFullPath(location);
        return string.Equals(full, ModuleAssemblyPath, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetDirectoryName(full), Folder, StringComparison.OrdinalIgnoreCase);
    }
}
