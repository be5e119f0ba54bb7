namespace AutoMLV2.Engine.Wire;

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AutoMLV2.Model;
#if NET
using System.Reflection;
using System.Reflection.Emit;
#endif

/// <summary>
/// Run-time subclasses of the model classes that carry newer members as real public properties
/// (AutoMLV2.Model.NewerMembers says why): one per model class and list of member names, made
/// once and kept for the session, e.g. <c>AutoMLV2.NewerMembers.AutoMLJobV2</c> deriving from
/// <c>AutoMLV2.Model.AutoMLJobV2</c> with <c>public object NewField { get; set; }</c>.
/// Reflection.Emit exists only in the net8.0 build (PowerShell 7); the netstandard2.0 build
/// (Windows PowerShell 5.1) makes none, and the reader falls back to note properties. So does a
/// name no .NET property can have, and every new list of names once <see cref="MostTypes"/> exist
/// (an endpoint that sent ever new names must not grow the session without bound).
/// </summary>
internal static class CarrierTypes
{
    /// <summary>Far more than the service will ever add; only a misbehaving endpoint gets near it.</summary>
    internal const int MostTypes = 2000;

    private static readonly ConcurrentDictionary<string, Carrier?> Carriers = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static bool withoutOnThisThread;
#if NET
    private static readonly object EmitLock = new();
    private static readonly Dictionary<string, int> TypeNames = new(StringComparer.Ordinal);
    private static ModuleBuilder? module;
#endif

    /// <summary>
    /// Until disposed, reads on this thread make no carriers (newer members become note
    /// properties). For tests that read thousands of generated bodies with made-up member names:
    /// each new list of names would otherwise cost a class (about 2 ms and 11 KB) towards
    /// <see cref="MostTypes"/>, which the other tests of the run need left.
    /// </summary>
    internal static IDisposable WithoutOnThisThread()
    {
        var before = withoutOnThisThread;
        withoutOnThisThread = true;
        return new Restore(() => withoutOnThisThread = before);
    }

    /// <summary>The carrier of <paramref name="names"/> (in this order) on <paramref name="modelType"/>; null when none can be made.</summary>
    internal static Carrier? For(Type modelType, IReadOnlyList<string> names)
    {
        if (withoutOnThisThread)
        {
            return null;
        }

        var key = modelType.FullName + "\0" + string.Join("\0", names);
        if (Carriers.TryGetValue(key, out var carrier))
        {
            return carrier;
        }

        if (Carriers.Count >= MostTypes)
        {
            return null;
        }

        return Carriers.GetOrAdd(key, _ => Make(modelType, names));
    }

    private static Carrier? Make(Type modelType, IReadOnlyList<string> names)
    {
#if NET
        foreach (var name in names)
        {
            // Metadata names cannot hold NUL. PowerShell finds members in any case, so a name that
            // differs from a known member (or another newer one) only in case would make both
            // ambiguous, and a name the model class already has (Duration) would hide it.
            if (name.Length == 0 || name.IndexOf('\0') >= 0 || modelType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is not null)
            {
                return null;
            }
        }

        if (new HashSet<string>(names, StringComparer.OrdinalIgnoreCase).Count != names.Count)
        {
            return null;
        }

        try
        {
            lock (EmitLock)
            {
                var type = Emit(modelType, names);
                NewerMembers.RegisterCarrier(type, names);
                return new Carrier(type.GetMethod(CreateMethodName, BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<Func<object?[], object>>());
            }
        }
        catch (ArgumentException)
        {
            // A name the type system refuses: the reader attaches the members instead.
            return null;
        }
#else
        _ = modelType;
        _ = names;
        return null;
#endif
    }

#if NET
    private const string CreateMethodName = "CreateCarrier";

    /// <summary>
    /// <c>public class AutoMLV2.NewerMembers.X : X</c> with one <c>object</c> property (and field) per
    /// name, and <c>private static object CreateCarrier(object[] values)</c> that sets them in order.
    /// </summary>
    private static Type Emit(Type modelType, IReadOnlyList<string> names)
    {
        module ??= AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("AutoMLV2.NewerMembers"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("AutoMLV2.NewerMembers");

        var typeName = "AutoMLV2.NewerMembers." + modelType.Name;
        TypeNames[typeName] = TypeNames.TryGetValue(typeName, out var count) ? count + 1 : 1;
        if (TypeNames[typeName] > 1)
        {
            typeName += "_" + TypeNames[typeName];
        }

        var builder = module.DefineType(typeName, TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.BeforeFieldInit, modelType);
        var constructor = builder.DefineDefaultConstructor(MethodAttributes.Public);

        var fields = new FieldBuilder[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            fields[i] = builder.DefineField("newer" + i, typeof(object), FieldAttributes.Private);
            var property = builder.DefineProperty(names[i], PropertyAttributes.None, typeof(object), null);
            const MethodAttributes accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;

            var getter = builder.DefineMethod("get_" + names[i], accessor, typeof(object), Type.EmptyTypes);
            var il = getter.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, fields[i]);
            il.Emit(OpCodes.Ret);
            property.SetGetMethod(getter);

            var setter = builder.DefineMethod("set_" + names[i], accessor, null, new[] { typeof(object) });
            il = setter.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Stfld, fields[i]);
            il.Emit(OpCodes.Ret);
            property.SetSetMethod(setter);
        }

        var create = builder.DefineMethod(CreateMethodName, MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig, typeof(object), new[] { typeof(object[]) });
        var body = create.GetILGenerator();
        var instance = body.DeclareLocal(builder);
        body.Emit(OpCodes.Newobj, constructor);
        body.Emit(OpCodes.Stloc, instance);
        for (var i = 0; i < names.Count; i++)
        {
            body.Emit(OpCodes.Ldloc, instance);
            body.Emit(OpCodes.Ldarg_0);
            body.Emit(OpCodes.Ldc_I4, i);
            body.Emit(OpCodes.Ldelem_Ref);
            body.Emit(OpCodes.Stfld, fields[i]);
        }

        body.Emit(OpCodes.Ldloc, instance);
        body.Emit(OpCodes.Ret);
        return builder.CreateType()!;
    }
#endif

    private sealed class Restore : IDisposable
    {
        private readonly Action restore;

        public Restore(Action restore) => this.restore = restore;

        public void Dispose() => restore();
    }

    /// <summary>Makes instances of one carrier type, its newer members set from values in name order.</summary>
    internal sealed class Carrier
    {
        private readonly Func<object?[], object> create;

        public Carrier(Func<object?[], object> create) => this.create = create;

        public object Create(object?[] values) => create(values);
    }
}
