using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AgentRules.Analyzers.Recognition.Tools;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AgentRules.Tests.Rules.ToolSafety;

/// <summary>
/// The tool rules find registration calls and factory sites from where the text spells their names instead of walking
/// every node of a file. These tests check that the nodes found are exactly those a walk of every node finds, in the
/// same order, for the shapes a name can take: member access, conditional access, a plain or generic name, a verbatim
/// identifier, nested calls, qualified and alias-qualified creations, and the words in comments, strings and other
/// identifiers; and that a file with Unicode escapes (which the text search cannot see) is walked instead.
/// </summary>
public class NamedCallSitesTests
{
    private static readonly string[] Names = { "Create", "WithTools", "CreateFromMethod" };

    [Theory]
    [InlineData("""
        using System;
        using Microsoft.Extensions.AI;
        using M = Microsoft.Extensions.AI;

        class C
        {
            // Create(x) in a comment, "Create(y)" in a string, CreateAsync() and Created are other words.
            object A(Func<int> f) => AIFunctionFactory.Create(f);
            object B(Func<int> f) => Create(Create(f));
            object D(object o) => o?.Create();
            object E() => Factory.Create<int>(1).WithTools().@Create();
            object F() => new ApprovalRequiredAIFunction(null!);
            object G() => new Microsoft.Extensions.AI.ApprovalRequiredAIFunction(null!);
            object H() => new M::ApprovalRequiredAIFunction(null!);
            object I() => new ApprovalRequiredAIFunction.Inner();
            object J() => Create;
            object K() => CreateAsync() + Created + "Create(z)";
            object L() => x.Create.Invoke() + KernelFunctionFactory.CreateFromMethod(A);
            static object Create(object o = null!) => o;
        }
        """)]
    [InlineData("""
        class C
        {
            object A() => Cr\u0065ate(1) + Create(2) + new ApprovalRequir\u0065dAIFunction(null!);
            static object Create(object o) => o;
        }
        """)]
    [InlineData("class C { }")]
    public void The_nodes_are_those_a_walk_finds_in_its_order(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source);

        var expected = tree.GetRoot().DescendantNodes()
            .Where(node => (node is InvocationExpressionSyntax invocation && InvokedName(invocation) is { } name && Names.Contains(name))
                || (node is ObjectCreationExpressionSyntax creation && RightmostName(creation.Type) == "ApprovalRequiredAIFunction"))
            .Select(Describe)
            .ToArray();
        var found = Find(tree).Select(Describe).ToArray();

        Assert.Equal(expected, found);
    }

    [Fact]
    public void The_shapes_are_found()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            class C
            {
                object A(System.Func<int> f) => Factory.Create(f) ?? o?.WithTools() ?? @Create(Create(f)) ?? new N.ApprovalRequiredAIFunction(null!);
            }
            """);

        Assert.Equal(5, Find(tree).Count);
    }

    private static List<SyntaxNode> Find(SyntaxTree tree) =>
        (List<SyntaxNode>)typeof(ToolSafetyContext).Assembly.GetType("AgentRules.Analyzers.Recognition.Tools.NamedCallSites")!
            .GetMethod("Find")!
            .Invoke(null, new object?[] { tree, Names, "ApprovalRequiredAIFunction", CancellationToken.None })!;

    private static string Describe(SyntaxNode node) => $"{node.Kind()} {node.Span}";

    private static string? InvokedName(InvocationExpressionSyntax invocation) =>
        invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

    private static string? RightmostName(TypeSyntax? type) =>
        type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            NullableTypeSyntax nullable => RightmostName(nullable.ElementType),
            _ => null,
        };
}
