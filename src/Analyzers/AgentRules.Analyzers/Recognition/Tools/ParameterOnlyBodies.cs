using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AgentRules.Analyzers.Recognition.Tools;

/// <summary>
/// Tool methods whose body is an expression of literals, the method's own parameters and operators
/// (<c>GetOrder(int id) =&gt; "order " + id</c>): decided from syntax, so the tool rules need not bind the body to learn
/// what binding it would tell them.
/// </summary>
/// <remarks>
/// <para>
/// Such a body has no call, method group, object creation, assignment, increment, member access, await, condition or
/// throw: nothing the body searches look for. So it writes nothing (no writing API, no SQL sink, no process, no output
/// to follow: <c>FindBodyWrite</c>, <c>ModelTextExecution</c>, <c>CommandLineEffects</c> find nothing), has no
/// environment guard (no condition, no early exit), asks nobody for confirmation, does not only ask a model
/// (<c>InertToolBodies</c>: false) and only computes (<c>IsPureComputation</c>: true). Binding each of these small
/// bodies — a member semantic model and its nullable analysis per tool — was the largest part of the tool rules'
/// time on agent-dense code.
/// </para>
/// <para>
/// A name in the body counts only when it is one of the method's parameters (a parameter hides a member of the same
/// name, and a body without lambdas or locals declares no other name). Expression bodies of ordinary methods declared
/// once (not partial) in this compilation only (the body searches do not read other assemblies' bodies); anything else
/// is bound as before.
/// </para>
/// </remarks>
internal static class ParameterOnlyBodies
{
    public static bool Is(ToolDeclaration tool, Compilation compilation)
    {
        if (tool.LambdaBody is not null || tool.Type is not null || tool.Method is not { MethodKind: MethodKind.Ordinary } method
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
            || method.DeclaringSyntaxReferences.Length != 1
            || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly)
            || !compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree)
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: null, ExpressionBody: { Expression: { } expression } body }
            || OperationGuard.IsTooDeep(body))
        {
            return false; // (a body too deep to bind is not bound either way; the checks then answer as for no body)
        }

        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax:
                case ParenthesizedExpressionSyntax:
                case InterpolatedStringExpressionSyntax:
                case InterpolatedStringTextSyntax:
                case InterpolationSyntax:
                case InterpolationAlignmentClauseSyntax:
                case InterpolationFormatClauseSyntax:
                case BinaryExpressionSyntax binary when !binary.IsKind(SyntaxKind.IsExpression) && !binary.IsKind(SyntaxKind.AsExpression):
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.UnaryMinusExpression) || prefix.IsKind(SyntaxKind.UnaryPlusExpression)
                    || prefix.IsKind(SyntaxKind.LogicalNotExpression) || prefix.IsKind(SyntaxKind.BitwiseNotExpression):
                    continue;
                case IdentifierNameSyntax identifier when IsParameter(method, identifier.Identifier.ValueText):
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool IsParameter(IMethodSymbol method, string name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
