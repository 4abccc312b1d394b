using System;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>A tool as declared, before its effect, scope and approval are worked out.</summary>
internal sealed class ToolDeclaration
{
    public ToolDeclaration(ToolForm form, ToolTarget target, string name, Location location)
    {
        Form = form;
        Target = target;
        Name = name;
        Location = location;
    }

    public ToolForm Form { get; }

    public ToolTarget Target { get; }

    public string Name { get; }

    public Location Location { get; }

    public string? Description { get; set; }

    /// <summary>The method, local function or lambda whose body is the tool (and whose parameters the model fills).</summary>
    public IMethodSymbol? Method { get; set; }

    /// <summary>The class, for class tools.</summary>
    public INamedTypeSymbol? Type { get; set; }

    /// <summary>The lambda's body, for lambdas; for an OpenAI chat tool, the branch of the app's dispatch that runs it.</summary>
    public IOperation? LambdaBody { get; set; }

    /// <summary>The lambda or the registration call.</summary>
    public SyntaxNode? Syntax { get; set; }

    /// <summary>The framework attribute that makes it a tool ([McpServerTool], a configured attribute...).</summary>
    public AttributeData? ToolAttribute { get; set; }

    /// <summary>The options object of a registration (<c>new McpServerToolCreateOptions { ReadOnly = true }</c>).</summary>
    public IObjectCreationOperation? Options { get; set; }

    public ImmutableArray<FactoryRegistration> Registrations { get; set; } = ImmutableArray<FactoryRegistration>.Empty;

    /// <summary>Where scope and approval attributes are looked up from (the tool, else the code that registers it).</summary>
    public ISymbol? ScopeSymbol { get; set; }

    /// <summary>The symbol the tool is (method, local function, lambda, class).</summary>
    public ISymbol? Symbol => (ISymbol?)Type ?? Method;

    /// <summary>
    /// The tool is a method whose body is an expression of literals, its parameters and operators
    /// (<see cref="ParameterOnlyBodies"/>): the body searches would find nothing in it, so it is not bound.
    /// </summary>
    public bool HasParameterOnlyBody(Compilation compilation) => _parameterOnlyBody ??= ParameterOnlyBodies.Is(this, compilation);

    private bool? _parameterOnlyBody;
}

public sealed partial class ToolSafetyContext
{
    private static readonly Regex NonAsciiLetterOrDigit = new("[^A-Za-z0-9]+", RegexOptions.CultureInvariant);
    private int _mcpSnakeCase = -1;

    private ToolInfo? RecognizeMethod(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction) || method.Locations.Length == 0 || !method.Locations[0].IsInSource)
        {
            return null;
        }

        var declaration = HasAttributeForms ? FromAttributes(method) : null;
        var registrations = HasFactoryForms ? GetRegistrationIndex(cancellationToken).ForMethod(method) : ImmutableArray<FactoryRegistration>.Empty;
        if (declaration is null)
        {
            if (registrations.IsEmpty)
            {
                return null;
            }

            declaration = FromRegistration(method, registrations[0]);
        }

        declaration.Registrations = registrations;
        return Build(declaration, cancellationToken);
    }

    private ToolInfo? RecognizeType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (ConfiguredAttributes.IsEmpty || type.TypeKind != TypeKind.Class || type.Locations.Length == 0 || !type.Locations[0].IsInSource)
        {
            return null;
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (IsConfigured(attribute.AttributeClass))
            {
                var declaration = new ToolDeclaration(ToolForm.ConfiguredAttribute, ToolTarget.Type, ConfiguredName(attribute) ?? type.Name, type.Locations[0])
                {
                    Type = type,
                    ToolAttribute = attribute,
                    Description = ConfiguredDescription(attribute) ?? GetDescription(type),
                    ScopeSymbol = type,
                };
                return Build(declaration, cancellationToken);
            }
        }

        return null;
    }

    private ToolDeclaration? FromAttributes(IMethodSymbol method)
    {
        AttributeData? agentTool = null, mcp = null, kernel = null, configured = null;
        foreach (var attribute in method.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (type is null)
            {
                continue;
            }

            if (AgentTool is not null && SymbolEqualityComparer.Default.Equals(type, AgentTool))
            {
                agentTool ??= attribute;
            }
            else if (McpTool is not null && SymbolEqualityComparer.Default.Equals(type, McpTool))
            {
                mcp ??= attribute;
            }
            else if (KernelFunction is not null && SymbolEqualityComparer.Default.Equals(type, KernelFunction))
            {
                kernel ??= attribute;
            }
            else if (IsConfigured(type))
            {
                configured ??= attribute;
            }
        }

        var location = method.Locations[0];
        var target = method.MethodKind == MethodKind.LocalFunction ? ToolTarget.LocalFunction : ToolTarget.Method;
        ToolDeclaration? declaration = null;
        if (agentTool is not null)
        {
            var name = FirstStringArgument(agentTool) ?? agentTool.GetNamedString("Name") ?? method.Name;
            declaration = new ToolDeclaration(ToolForm.AgentTool, target, name, location) { ToolAttribute = agentTool };
        }
        else if (mcp is not null)
        {
            declaration = new ToolDeclaration(ToolForm.McpServerTool, target, mcp.GetNamedString("Name") ?? McpToolName(method), location) { ToolAttribute = mcp };
        }
        else if (kernel is not null && !IsKernelProcessStep(method))
        {
            declaration = new ToolDeclaration(ToolForm.KernelFunction, target, FirstStringArgument(kernel) ?? WithoutAsyncSuffix(method), location) { ToolAttribute = kernel };
        }
        else if (McpToolTrigger is not null && FindTrigger(method) is { } trigger)
        {
            var name = FirstStringArgument(trigger) ?? trigger.GetNamedString("ToolName") ?? method.Name;
            declaration = new ToolDeclaration(ToolForm.AzureFunctionsMcpTool, target, name, location)
            {
                ToolAttribute = trigger,
                Description = (trigger.ConstructorArguments.Length > 1 ? trigger.ConstructorArguments[1].Value as string : null) ?? trigger.GetNamedString("Description"),
            };
        }
        else if (configured is not null)
        {
            declaration = new ToolDeclaration(ToolForm.ConfiguredAttribute, target, ConfiguredName(configured) ?? method.Name, location)
            {
                ToolAttribute = configured,
                Description = ConfiguredDescription(configured),
            };
        }

        if (declaration is null)
        {
            return null;
        }

        declaration.Method = method;
        declaration.Description ??= GetDescription(method)
            ?? (declaration.Form == ToolForm.McpServerTool ? DocumentationSummary(method) : null); // the MCP SDK's generator turns <summary> into [Description]
        declaration.ScopeSymbol = method;
        return declaration;
    }

    private ToolDeclaration FromRegistration(IMethodSymbol method, FactoryRegistration registration)
    {
        var name = registration.Name ?? registration.Form switch
        {
            ToolForm.McpServerTool => method.GetAttribute(McpTool)?.GetNamedString("Name") ?? McpToolName(method),
            ToolForm.AIFunctionFactory => (method.GetAttribute(AIFunctionName) is { } named ? FirstStringArgument(named) : null) ?? WithoutAsyncSuffix(method),
            _ => WithoutAsyncSuffix(method),
        };

        return new ToolDeclaration(registration.Form, method.MethodKind == MethodKind.LocalFunction ? ToolTarget.LocalFunction : ToolTarget.Method, name, method.Locations[0])
        {
            Method = method,
            Description = registration.Description ?? GetDescription(method),
            Options = registration.Options,
            ScopeSymbol = method,
        };
    }

    private ToolInfo? BuildRegisteredTool(FactoryRegistration registration, CancellationToken cancellationToken)
    {
        ToolDeclaration declaration;
        if (registration.Lambda is { Symbol: { } lambda } function)
        {
            var name = registration.Name
                ?? (registration.Form == ToolForm.McpServerTool ? lambda.GetAttribute(McpTool)?.GetNamedString("Name") : null)
                ?? (registration.Form == ToolForm.AIFunctionFactory && lambda.GetAttribute(AIFunctionName) is { } named ? FirstStringArgument(named) : null)
                ?? "(lambda)";
            declaration = new ToolDeclaration(registration.Form, ToolTarget.Lambda, name, LambdaHeaderLocation(function.Syntax))
            {
                Method = lambda,
                LambdaBody = function.Body,
                Syntax = function.Syntax,
                Description = registration.Description ?? GetDescription(lambda),
                Options = registration.Options,
                ToolAttribute = registration.Form == ToolForm.McpServerTool ? lambda.GetAttribute(McpTool) : null,
                ScopeSymbol = lambda,
            };
        }
        else if (registration.Form == ToolForm.OpenAIChatTool)
        {
            var location = registration.NameSyntax?.GetLocation() ?? registration.Invocation.Syntax.GetLocation();
            declaration = new ToolDeclaration(ToolForm.OpenAIChatTool, ToolTarget.Registration, registration.Name ?? "(computed name)", location)
            {
                Syntax = registration.Invocation.Syntax,
                Description = registration.Description,
                LambdaBody = GetDispatchBody(registration.Name, registration.Invocation.Syntax, cancellationToken), // the branch that runs it
                ScopeSymbol = registration.Invocation.SemanticModel?.GetEnclosingSymbol(registration.Invocation.Syntax.SpanStart, cancellationToken),
            };
        }
        else
        {
            return null;
        }

        declaration.Registrations = GetRegistrationIndex(cancellationToken).ForSyntax(declaration.Syntax, registration);
        return Build(declaration, cancellationToken);
    }

    private ToolInfo Build(ToolDeclaration declaration, CancellationToken cancellationToken)
    {
        var effect = ToolEffectClassifier.Classify(this, declaration, cancellationToken);
        var registrations = ImmutableArray.CreateBuilder<ToolRegistration>(declaration.Registrations.Length);
        foreach (var registration in declaration.Registrations)
        {
            registrations.Add(new ToolRegistration(registration.Form, registration.Invocation.Syntax.GetLocation(), registration.WrappedInApproval, registration.UnderEnvironmentCheck));
        }

        return new ToolInfo(
            declaration.Form,
            declaration.Target,
            declaration.Name,
            declaration.Description,
            declaration.Symbol,
            declaration.Syntax,
            declaration.Location,
            GetParameters(declaration),
            registrations.MoveToImmutable(),
            effect,
            GetScope(declaration, cancellationToken),
            GetApproval(declaration, effect, cancellationToken),
            GetBudget(declaration));
    }

    private bool IsConfigured(INamedTypeSymbol? type)
    {
        foreach (var configured in ConfiguredAttributes)
        {
            if (type.IsOrDerivesFrom(configured))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Semantic Kernel process steps also use [KernelFunction], but they are workflow steps the process runtime calls,
    /// not tools a model chooses: methods of a <c>KernelProcessStep</c> or taking a <c>KernelProcessStepContext</c>.
    /// </summary>
    private static bool IsKernelProcessStep(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type is { Name: "KernelProcessStepContext" } type && IsSemanticKernelNamespace(type.ContainingNamespace))
            {
                return true;
            }
        }

        for (var type = method.ContainingType?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.Name == "KernelProcessStep" && IsSemanticKernelNamespace(type.ContainingNamespace))
            {
                return true;
            }
        }

        return false;

        static bool IsSemanticKernelNamespace(INamespaceSymbol? ns) =>
            ns is { Name: "SemanticKernel", ContainingNamespace: { Name: "Microsoft", ContainingNamespace.IsGlobalNamespace: true } };
    }

    private AttributeData? FindTrigger(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.GetAttribute(McpToolTrigger) is { } trigger)
            {
                return trigger;
            }
        }

        return null;
    }

    /// <summary>The <c>[Description]</c> text of a symbol.</summary>
    internal string? GetDescription(ISymbol symbol) =>
        symbol.GetAttribute(DescriptionAttribute) is { ConstructorArguments.Length: > 0 } description ? description.ConstructorArguments[0].Value as string : null;

    /// <summary>The text of a symbol's XML <c>&lt;summary&gt;</c>, whitespace collapsed.</summary>
    private static string? DocumentationSummary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrEmpty(xml))
        {
            return null;
        }

        var start = xml!.IndexOf("<summary>", StringComparison.Ordinal);
        var end = xml.IndexOf("</summary>", StringComparison.Ordinal);
        if (start < 0 || end <= start)
        {
            return null;
        }

        var text = Regex.Replace(xml.Substring(start + 9, end - start - 9), @"<[^>]+>|\s+", " ").Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? ConfiguredName(AttributeData attribute) =>
        attribute.GetNamedString("Name") ?? ConstructorArgument(attribute, "name");

    private static string? ConfiguredDescription(AttributeData attribute) =>
        attribute.GetNamedString("Description") ?? ConstructorArgument(attribute, "description");

    private static string? ConstructorArgument(AttributeData attribute, string parameterName)
    {
        var constructor = attribute.AttributeConstructor;
        if (constructor is null)
        {
            return null;
        }

        for (var i = 0; i < constructor.Parameters.Length && i < attribute.ConstructorArguments.Length; i++)
        {
            if (string.Equals(constructor.Parameters[i].Name, parameterName, StringComparison.OrdinalIgnoreCase)
                && attribute.ConstructorArguments[i].Kind == TypedConstantKind.Primitive)
            {
                return attribute.ConstructorArguments[i].Value as string;
            }
        }

        return null;
    }

    private static string? FirstStringArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Kind == TypedConstantKind.Primitive ? attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>The name the MCP C# SDK gives a method: since 0.3, snake_case without the "Async" suffix.</summary>
    internal string McpToolName(IMethodSymbol method)
    {
        if (_mcpSnakeCase < 0)
        {
            var version = McpTool?.ContainingAssembly.Identity.Version;
            _mcpSnakeCase = version is null || version >= new Version(0, 3) ? 1 : 0;
        }

        var name = WithoutAsyncSuffix(method);
        if (_mcpSnakeCase == 0)
        {
            return name;
        }

        var cleaned = NonAsciiLetterOrDigit.Replace(name, "_").Trim('_');
        return ToSnakeCaseLower(cleaned.Length == 0 ? method.Name : cleaned);
    }

    /// <summary>A method's name without the "Async" suffix when it returns a task, as MEAI, SK and MCP name tools.</summary>
    internal static string WithoutAsyncSuffix(IMethodSymbol method)
    {
        var name = method.Name;
        const string AsyncSuffix = "Async";
        if (name.Length > AsyncSuffix.Length && name.EndsWith(AsyncSuffix, StringComparison.Ordinal)
            && method.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask" or "IAsyncEnumerable" })
        {
            return name.Substring(0, name.Length - AsyncSuffix.Length);
        }

        return name;
    }

    /// <summary>System.Text.Json's <c>JsonNamingPolicy.SnakeCaseLower</c> (what the MCP SDK applies to method names).</summary>
    internal static string ToSnakeCaseLower(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        var state = 0; // 0 not started, 1 upper, 2 lower or digit, 3 space
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            if (char.IsUpper(current))
            {
                if (state is 2 or 3 || (state == 1 && i + 1 < name.Length && char.IsLower(name[i + 1])))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(current));
                state = 1;
            }
            else if (char.IsLower(current) || char.IsDigit(current))
            {
                if (state == 3)
                {
                    builder.Append('_');
                }

                builder.Append(current);
                state = 2;
            }
            else if (char.IsWhiteSpace(current))
            {
                state = state == 0 ? 0 : 3;
            }
            else
            {
                builder.Append(current);
                state = 0;
            }
        }

        return builder.ToString();
    }

    /// <summary>A lambda's parameters and arrow ("(string path) =>"), where diagnostics about a lambda tool go.</summary>
    internal static Location LambdaHeaderLocation(SyntaxNode lambda)
    {
        var end = lambda switch
        {
            LambdaExpressionSyntax l => l.ArrowToken.Span.End,
            AnonymousMethodExpressionSyntax a => a.ParameterList?.Span.End ?? a.DelegateKeyword.Span.End,
            _ => lambda.Span.End,
        };

        // Attributes on the lambda ("[Description(...)] (string path) => ...") are not part of the header.
        var start = lambda is LambdaExpressionSyntax { AttributeLists.Count: > 0 } withAttributes
            ? withAttributes.AttributeLists[withAttributes.AttributeLists.Count - 1].GetLastToken().GetNextToken().SpanStart
            : lambda.SpanStart;
        return Location.Create(lambda.SyntaxTree, TextSpan.FromBounds(start, Math.Max(start, end)));
    }
}
