using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace SorryEdge.Tests.Support;

/// <summary>One use of a type by another: who, whom, and through which member.</summary>
internal sealed record TypeReference(Type From, Type To, string Via);

/// <summary>One call from a method of an assembly to a method outside or inside it, read from IL.</summary>
internal sealed record MethodCall(Type From, MethodBase Caller, MethodBase Callee);

/// <summary>
/// Reads every type of an assembly and what it refers to: signatures, attributes and the tokens in
/// method bodies. Nested types (display classes of lambdas, async state machines) are attributed to
/// their outermost declaring type, so a lambda's reference counts for the type that wrote it.
/// </summary>
internal static class TypeReferenceScanner
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    static TypeReferenceScanner()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 2 && (value & 0xFF00) == 0xFE00) { TwoByte[value & 0xFF] = code; }
            else if (code.Size == 1) { OneByte[value & 0xFF] = code; }
        }
    }

    public static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) { type = outer; }
        return type;
    }

    public static bool IsCompilerGenerated(MemberInfo member) =>
        member.IsDefined(typeof(CompilerGeneratedAttribute), false) || member.Name.Contains('<', StringComparison.Ordinal);

    /// <summary>Written by the compiler or a source generator ([LoggerMessage]), itself or a type it is nested in.</summary>
    public static bool IsGenerated(Type type)
    {
        for (Type? at = type; at is not null; at = at.DeclaringType)
        {
            if (IsCompilerGenerated(at) || at.IsDefined(typeof(System.CodeDom.Compiler.GeneratedCodeAttribute), false)) { return true; }
        }
        return false;
    }

    /// <summary>Every type every type of the assembly refers to, the referrer attributed to its outermost type.</summary>
    public static IEnumerable<TypeReference> References(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            var from = Outermost(type);
            foreach (var (to, via) in Signature(type))
            {
                foreach (var named in Named(to)) { yield return new(from, named, via); }
            }
            foreach (var method in Methods(type))
            {
                foreach (var token in BodyTokens(method))
                {
                    foreach (var (to, via) in Member(token, method))
                    {
                        foreach (var named in Named(to)) { yield return new(from, named, via); }
                    }
                }
            }
        }
    }

    /// <summary>Every method call (call, callvirt, newobj, ldftn) in the bodies of the assembly's methods.</summary>
    public static IEnumerable<MethodCall> Calls(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in Methods(type))
            {
                foreach (var token in BodyTokens(method))
                {
                    if (token is MethodBase callee) { yield return new(Outermost(type), method, callee); }
                }
            }
        }
    }

    private static IEnumerable<MethodBase> Methods(Type type) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));

    private static IEnumerable<(Type Type, string Via)> Signature(Type type)
    {
        var name = type.FullName ?? type.Name;
        if (type.BaseType is { } baseType) { yield return (baseType, $"{name} : base"); }
        foreach (var face in type.GetInterfaces()) { yield return (face, $"{name} : interface"); }
        foreach (var attribute in Attributes(type)) { yield return (attribute, $"{name} [attribute]"); }
        foreach (var field in type.GetFields(Declared))
        {
            yield return (field.FieldType, $"{name}.{field.Name} (field)");
            foreach (var attribute in Attributes(field)) { yield return (attribute, $"{name}.{field.Name} [attribute]"); }
        }
        foreach (var property in type.GetProperties(Declared))
        {
            yield return (property.PropertyType, $"{name}.{property.Name} (property)");
            foreach (var attribute in Attributes(property)) { yield return (attribute, $"{name}.{property.Name} [attribute]"); }
        }
        foreach (var @event in type.GetEvents(Declared))
        {
            if (@event.EventHandlerType is { } handler) { yield return (handler, $"{name}.{@event.Name} (event)"); }
        }
        foreach (var method in Methods(type))
        {
            var via = $"{name}.{method.Name} (signature)";
            if (method is MethodInfo info)
            {
                yield return (info.ReturnType, via);
                if (info.IsGenericMethodDefinition)
                {
                    foreach (var constraint in info.GetGenericArguments().SelectMany(a => a.GetGenericParameterConstraints())) { yield return (constraint, via); }
                }
            }
            foreach (var parameter in method.GetParameters())
            {
                yield return (parameter.ParameterType, via);
                foreach (var attribute in Attributes(parameter)) { yield return (attribute, via); }
            }
            foreach (var attribute in Attributes(method)) { yield return (attribute, $"{name}.{method.Name} [attribute]"); }
            if (method.GetMethodBody() is { } body)
            {
                foreach (var local in body.LocalVariables) { yield return (local.LocalType, $"{name}.{method.Name} (local)"); }
            }
        }
    }

    /// <summary>An attribute's type and the types it names in its arguments (typeof(X)).</summary>
    private static IEnumerable<Type> Attributes(object target)
    {
        var data = target switch
        {
            MemberInfo member => member.GetCustomAttributesData(),
            ParameterInfo parameter => parameter.GetCustomAttributesData(),
            _ => [],
        };
        foreach (var attribute in data)
        {
            yield return attribute.AttributeType;
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
            {
                if (argument.Value is Type named) { yield return named; }
            }
        }
    }

    private static IEnumerable<(Type Type, string Via)> Member(MemberInfo member, MethodBase within)
    {
        var via = $"{within.DeclaringType?.FullName}.{within.Name} (body: {member.DeclaringType?.Name}.{member.Name})";
        switch (member)
        {
            case Type type:
                yield return (type, via);
                break;
            case MethodInfo method:
                if (method.DeclaringType is { } owner) { yield return (owner, via); }
                if (method.IsGenericMethod)
                {
                    foreach (var argument in method.GetGenericArguments()) { yield return (argument, via); }
                }
                break;
            default:
                if (member.DeclaringType is { } declaring) { yield return (declaring, via); }
                break;
        }
    }

    /// <summary>The named types inside a type expression: element types, generic definitions and arguments.</summary>
    private static IEnumerable<Type> Named(Type type)
    {
        if (type.IsGenericParameter) { yield break; }
        if (type.HasElementType)
        {
            foreach (var inner in Named(type.GetElementType()!)) { yield return inner; }
            yield break;
        }
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var inner in Named(argument)) { yield return inner; }
            }
            yield break;
        }
        yield return type;
    }

    /// <summary>The members and types named by the metadata tokens of a method body's instructions.</summary>
    public static IEnumerable<MemberInfo> BodyTokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) { yield break; }
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } info ? info.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            OpCode code;
            if (il[at] == 0xFE) { code = TwoByte[il[at + 1]] ?? throw Unknown(method, at); at += 2; }
            else { code = OneByte[il[at]] ?? throw Unknown(method, at); at += 1; }
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    yield return code.OperandType == OperandType.InlineType
                        ? module.ResolveType(token, typeArguments, methodArguments)
                        : module.ResolveMember(token, typeArguments, methodArguments)!;
                    break;
                default:
                    // InlineI, InlineBrTarget, InlineString, InlineSig, ShortInlineR: four bytes.
                    at += 4;
                    break;
            }
        }
    }

    private static InvalidOperationException Unknown(MethodBase method, int at) =>
        new($"Unknown opcode 0x{method.GetMethodBody()!.GetILAsByteArray()![at]:X2} at IL_{at:X4} in {method.DeclaringType}.{method.Name}");
}
