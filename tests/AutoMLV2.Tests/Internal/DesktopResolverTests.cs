namespace AutoMLV2.Tests.Internal;

using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Emit;
using AutoMLV2.Internal;
using Xunit;

/// <summary>
/// The Windows PowerShell resolver: which AssemblyResolve requests it answers (a pure function of
/// the request), and that registering adds the handler to the AppDomain and removing takes it out.
/// Windows PowerShell itself cannot run here; these run on .NET, whose AppDomain raises the same event.
/// </summary>
public sealed class DesktopResolverTests : IDisposable
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "automlv2-resolver");
    private static readonly string ModuleBase = Path.Combine(Root, "AutoMLV2", "0.1.0");
    private static readonly string ModuleDll = Path.Combine(ModuleBase, "AutoMLV2.dll");
    private static readonly string Folder = Path.Combine(ModuleBase, "dependencies", "desktop");
    private static readonly string OurEngine = Path.Combine(Folder, "AutoMLV2.Engine.dll");
    private static readonly string OurSdk = Path.Combine(Folder, "AWSSDK.Core.dll");

    private static readonly DesktopDependencies Dependencies = new(ModuleDll, Folder, new[]
    {
        OurEngine, OurSdk, Path.Combine(Folder, "AWSSDK.SecurityToken.dll"), Path.Combine(Folder, "System.Memory.dll"),
        Path.Combine(Folder, "System.Runtime.CompilerServices.Unsafe.dll"),
    });

    private readonly string probeFolder = Path.Combine(Path.GetTempPath(), "automlv2-resolver-" + Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(probeFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [Theory]
    [InlineData("AWSSDK.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=885c28607f98e604", "AutoMLV2.Engine.dll", "AWSSDK.Core.dll")]
    [InlineData("AWSSDK.SecurityToken, Version=4.0.0.0, Culture=neutral, PublicKeyToken=885c28607f98e604", "AWSSDK.Core.dll", "AWSSDK.SecurityToken.dll")]
    [InlineData("System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "AWSSDK.Core.dll", "System.Memory.dll")]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "System.Memory.dll", "System.Runtime.CompilerServices.Unsafe.dll")]
    [InlineData("awssdk.core", "AutoMLV2.Engine.dll", "AWSSDK.Core.dll")]
    public void OurDependencyAskedForByOurAssemblyIsLoadedFromOurFolderWhateverVersionIsAsked(string requested, string requester, string expected)
    {
        Assert.Equal(Path.Combine(Folder, expected), Dependencies.PathFor(requested, Path.Combine(Folder, requester)));
    }

    [Fact]
    public void TheEngineIsAnsweredWhenTheCmdletsAssemblyAsksForIt()
    {
        Assert.Equal(OurEngine, Dependencies.PathFor("AutoMLV2.Engine, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", ModuleDll));
    }

    [Fact]
    public void TheEnginesReferenceToTheCmdletsAssemblyIsAnsweredWithTheModuleAssembly()
    {
        Assert.Equal(ModuleDll, Dependencies.PathFor("AutoMLV2, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null", OurEngine));
    }

    [Fact]
    public void WhenTheRuntimeDoesNotSayWhoAsksTheNameDecides()
    {
        Assert.Equal(Path.Combine(Folder, "AWSSDK.SecurityToken.dll"), Dependencies.PathFor("AWSSDK.SecurityToken", null));
        Assert.Null(Dependencies.PathFor("Newtonsoft.Json", null));
    }

    [Theory]
    [InlineData("AWSSDK.Core, Version=3.3.0.0, Culture=neutral, PublicKeyToken=885c28607f98e604", "AWS.Tools.SageMaker.dll")]
    [InlineData("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "AWSSDK.Core.dll")]
    [InlineData("AWSSDK.SecurityToken", "AWSSDK.Core.dll")]
    public void ARequestFromAnotherModulesAssemblyIsLeftAloneEvenWhenItsNameIsOneOfOurs(string requested, string requester)
    {
        // AWS Tools for PowerShell ships an AWSSDK.Core and a System.Memory of its own.
        var awsTools = Path.Combine(Root, "AWS.Tools.Common", "4.1.0");

        Assert.Null(Dependencies.PathFor(requested, Path.Combine(awsTools, requester)));
    }

    [Theory]
    [InlineData("dependencies/desktop-old/AutoMLV2.Engine.dll")]
    [InlineData("dependencies/desktop/sub/AutoMLV2.Engine.dll")]
    [InlineData("dependencies/core/AutoMLV2.Engine.dll")]
    [InlineData("AutoMLV2.Engine.dll")]
    public void OnlyAssembliesInOurFolderOrTheModuleAssemblyCountAsOurs(string requester)
    {
        Assert.Null(Dependencies.PathFor("AWSSDK.Core", Path.Combine(ModuleBase, requester)));
    }

    [Fact]
    public void AnAssemblyWithoutALocationIsNotOurs()
    {
        Assert.Null(Dependencies.PathFor("AWSSDK.Core", string.Empty));
    }

    [Theory]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("Newtonsoft.Json")]
    [InlineData("AWSSDK.Core.resources, Version=4.0.0.0, Culture=de, PublicKeyToken=885c28607f98e604")]
    [InlineData("AWSSDK.SageMaker")]
    public void AnAssemblyWeDoNotShipIsNotAnsweredEvenForUs(string requested)
    {
        Assert.Null(Dependencies.PathFor(requested, OurEngine));
    }

    [Fact]
    public void TheDependencySetIsTheDllFilesOfTheFolder()
    {
        Directory.CreateDirectory(probeFolder);
        foreach (var file in new[] { "AWSSDK.Core.dll", "AWSSDK.Core.pdb", "System.Memory.dll", "readme.txt" })
        {
            File.WriteAllText(Path.Combine(probeFolder, file), string.Empty);
        }

        var scanned = DesktopDependencies.Scan(ModuleDll, probeFolder);

        Assert.Equal(new[] { "AWSSDK.Core", "System.Memory" }, scanned.Names.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(Path.Combine(probeFolder, "AWSSDK.Core.dll"), scanned.PathFor("AWSSDK.Core", Path.Combine(probeFolder, "System.Memory.dll")));
        Assert.Empty(DesktopDependencies.Scan(ModuleDll, Path.Combine(probeFolder, "missing")).Names);
    }

    [Fact]
    public void RegisteringAddsTheHandlerToTheAppDomainAndUnregisteringRemovesIt()
    {
        var (resolver, names) = ResolverOfProbes(3);

        Assert.Throws<FileNotFoundException>(() => Assembly.Load(new AssemblyName(names[0])));

        resolver.Register();
        try
        {
            Assert.True(resolver.IsRegistered);
            var loaded = Assembly.Load(new AssemblyName(names[1]));
            Assert.Equal(Path.Combine(probeFolder, names[1] + ".dll"), loaded.Location);
        }
        finally
        {
            resolver.Unregister();
        }

        Assert.False(resolver.IsRegistered);
        Assert.Throws<FileNotFoundException>(() => Assembly.Load(new AssemblyName(names[2])));
    }

    [Fact]
    public void TheHandlerStaysUntilTheLastImportIsRemoved()
    {
        // Two runspaces of one process import the module; removing it from one must not take the
        // resolver from the other.
        var (resolver, names) = ResolverOfProbes(2);

        resolver.Register();
        resolver.Register();
        resolver.Unregister();
        try
        {
            Assert.True(resolver.IsRegistered);
            Assert.Equal(Path.Combine(probeFolder, names[0] + ".dll"), Assembly.Load(new AssemblyName(names[0])).Location);
        }
        finally
        {
            resolver.Unregister();
            resolver.Unregister(); // one too many is harmless
        }

        Assert.False(resolver.IsRegistered);
        Assert.Throws<FileNotFoundException>(() => Assembly.Load(new AssemblyName(names[1])));
    }

    [Fact]
    public void PowerShellFindsTheModuleLifeCycleClass()
    {
        // PowerShell looks for IModuleAssemblyInitializer and IModuleAssemblyCleanup among the
        // public types of the module assembly and creates them with their parameterless constructor.
        var type = typeof(ModuleInitAndCleanup);

        Assert.Contains(type, typeof(AutoMLV2.Commands.GetAutoMLJobV2Command).Assembly.GetExportedTypes());
        Assert.True(typeof(IModuleAssemblyInitializer).IsAssignableFrom(type));
        Assert.True(typeof(IModuleAssemblyCleanup).IsAssignableFrom(type));
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
    }

    [Fact]
    public void OnPowerShell7ImportAddsNoResolveHandler()
    {
        Assert.True(EngineLoader.IsCoreClr);
        var lifeCycle = new ModuleInitAndCleanup();

        lifeCycle.OnImport();
        try
        {
            Assert.False(DesktopResolver.Module.IsRegistered);
        }
        finally
        {
            lifeCycle.OnRemove(null!);
        }
    }

    /// <summary>
    /// A resolver whose folder holds <paramref name="count"/> assemblies the runtime cannot find by
    /// itself, to load one per step (a loaded assembly stays loaded). The test assembly stands in for
    /// AutoMLV2.dll, so that its requests count as ours whether or not the runtime names the requester.
    /// </summary>
    private (DesktopResolver Resolver, string[] Names) ResolverOfProbes(int count)
    {
        var names = Enumerable.Range(1, count).Select(i => $"AutoMLV2.ResolveProbe{i}.{Guid.NewGuid():n}").ToArray();
        Directory.CreateDirectory(probeFolder);
        foreach (var name in names)
        {
            WriteProbeAssembly(name);
        }

        var self = typeof(DesktopResolverTests).Assembly;
        return (new DesktopResolver(self, DesktopDependencies.Scan(self.Location, probeFolder)), names);
    }

    private void WriteProbeAssembly(string name)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        builder.DefineDynamicModule(name).DefineType(name + ".Marker", TypeAttributes.Public).CreateType();
        builder.Save(Path.Combine(probeFolder, name + ".dll"));
    }
}
