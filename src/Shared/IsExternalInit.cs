#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 builds use records and init-only setters.</summary>
internal static class IsExternalInit
{
}
#endif
