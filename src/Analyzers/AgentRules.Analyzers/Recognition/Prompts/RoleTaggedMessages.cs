using System;
using System.Collections.Immutable;
using System.Threading;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AgentRules.Analyzers.Recognition.Prompts;

/// <summary>
/// System and developer messages in an app's own message types, the way code that calls a model over raw HTTP (or
/// through its own client) writes them: the role is spelled as text next to the content.
/// <list type="bullet">
/// <item>an object initializer: <c>new Message { Role = "system", Content = … }</c>, and indexers on JSON objects and
/// dictionaries: <c>new JObject { ["role"] = "system", ["content"] = … }</c>;</item>
/// <item>an anonymous object serialized into a payload: <c>new { role = "system", content = … }</c>;</item>
/// <item>a constructor whose role parameter gets the text: <c>new AIMessage("system", …)</c>, the content being the
/// argument of a <c>content</c>, <c>text</c>, <c>message</c> or <c>prompt</c> parameter.</item>
/// </list>
/// The role may also be the app's own role value instead of the text: a member named <c>System</c> or <c>Developer</c>
/// of a type whose name ends in <c>Role</c> (<c>new AppMessage { Role = AppMessageRole.System, Text = … }</c>, an enum
/// member or a static role object); the framework role types (MEAI <c>ChatRole</c>, SK <c>AuthorRole</c>) are left to
/// <see cref="PromptSiteTable"/>. In an initializer the content is the <c>Content</c>, <c>Text</c>, <c>Message</c> or
/// <c>Prompt</c> member.
/// </summary>
/// <remarks>
/// Recognition is syntactic up to the last step (the role must be the literal <c>"system"</c> or <c>"developer"</c>,
/// any case), so a file that spells neither word costs one text lookup, and only the message's content expression is
/// bound. Where the content comes from is left to <see cref="PromptTextClassifier"/>: a parameter or a value read at
/// run time stays quiet, as for every other site.
/// </remarks>
internal static class RoleTaggedMessages
{
    /// <summary>The words a file must spell to hold a message whose role is text.</summary>
    public static readonly ImmutableArray<string> Words = ImmutableArray.Create("system", "developer");

    /// <summary>
    /// Whether a file may hold a role-tagged message: it spells a role as text, or an own role value
    /// (<c>…Role.System</c>, <c>…Role.Developer</c>, looked up as text: the type's name is the app's own).
    /// </summary>
    public static bool MayContain(SyntaxTree tree, CancellationToken cancellationToken) =>
        SourceIndex.ContainsAny(tree, Words, cancellationToken) || ContainsOwnRoleValue(tree, cancellationToken);

    /// <summary>Whether a file spells <c>Role.System</c> or <c>Role.Developer</c> (an own role value).</summary>
    /// <remarks>
    /// Two searches of the whole text, asked several times per file by each compilation (which files may hold a
    /// prompt site, which may forward one): answered once per tree and kept with it, so a new compilation in the IDE
    /// searches only the edited file again.
    /// </remarks>
    public static bool ContainsOwnRoleValue(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (s_ownRoleValue.TryGetValue(tree, out var known))
        {
            return ReferenceEquals(known, s_yes);
        }

        var text = tree.GetText(cancellationToken).ToString();
        var found = text.IndexOf("Role.System", StringComparison.Ordinal) >= 0 || text.IndexOf("Role.Developer", StringComparison.Ordinal) >= 0;
        return ReferenceEquals(s_ownRoleValue.GetValue(tree, _ => found ? s_yes : s_no), s_yes);
    }

    private static readonly WeakCache<SyntaxTree, object> s_ownRoleValue = new();
    private static readonly object s_yes = new();
    private static readonly object s_no = new();

    /// <summary>Framework role types (their messages are rows of <see cref="PromptSiteTable"/>), never an app's own role.</summary>
    private static readonly string[] FrameworkRoleTypes = { "ChatRole", "AuthorRole" };

    private static readonly string[] ContentNames = { "content", "text", "message", "prompt" };

    /// <summary>Whether a node is a role-tagged system or developer message, decided from syntax.</summary>
    public static bool IsCandidate(SyntaxNode node) => node switch
    {
        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression) => FindInInitializer(initializer) is not null,
        AnonymousObjectCreationExpressionSyntax anonymous => FindInAnonymous(anonymous) is not null,
        BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: >= 2 } arguments } => HasRoleLiteral(arguments),
        _ => false,
    };

    /// <summary>The prompt site a candidate node makes, or null (bound only here).</summary>
    public static PromptSite? GetSite(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case InitializerExpressionSyntax initializer when FindInInitializer(initializer) is { } found:
                return Site(model, initializer.Parent ?? initializer, found.Content, found.Kind, found.Api, cancellationToken);
            case AnonymousObjectCreationExpressionSyntax anonymous when FindInAnonymous(anonymous) is { } found:
                return Site(model, anonymous, found.Content, found.Kind, found.Api, cancellationToken);
            case BaseObjectCreationExpressionSyntax creation:
                return FromConstructor(model, creation, cancellationToken);
            default:
                return null;
        }
    }

    private static PromptSite? Site(SemanticModel model, SyntaxNode site, ExpressionSyntax content, PromptSiteKind kind, string api, CancellationToken cancellationToken)
    {
        var siteOperation = model.GetOperationWithinLimits(site, cancellationToken);
        var text = model.GetOperationWithinLimits(content, cancellationToken);
        return siteOperation is null || text is null || !IsText(text) ? null : new PromptSite(kind, api, siteOperation, text);
    }

    private static PromptSite? FromConstructor(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (model.GetOperationWithinLimits(creation, cancellationToken) is not IObjectCreationOperation { Constructor: { } constructor } operation)
        {
            return null;
        }

        PromptSiteKind? kind = null;
        IOperation? text = null;
        foreach (var argument in operation.Arguments)
        {
            var name = argument.Parameter?.Name ?? string.Empty;
            if (name.IndexOf("role", StringComparison.OrdinalIgnoreCase) >= 0
                && (RoleOf(argument.Value.ConstantValue) ?? (argument.Syntax is ArgumentSyntax { Expression: var roleSyntax } ? RoleOf(roleSyntax) : null)) is { } role)
            {
                kind = role;
            }
            else if (Array.Exists(ContentNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                && argument.Parameter?.Type.SpecialType == SpecialType.System_String
                && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                text = argument.Value;
            }
        }

        return kind is { } found && text is not null
            ? new PromptSite(found, constructor.ContainingType.Name + "(\"" + (found == PromptSiteKind.DeveloperMessage ? "developer" : "system") + "\", …)", operation, text)
            : null;
    }

    private static (ExpressionSyntax Content, PromptSiteKind Kind, string Api)? FindInInitializer(InitializerExpressionSyntax initializer)
    {
        PromptSiteKind? kind = null;
        ExpressionSyntax? content = null;
        string? contentName = null;
        foreach (var expression in initializer.Expressions)
        {
            if (expression is not AssignmentExpressionSyntax { Left: var left, Right: var right } || !expression.IsKind(SyntaxKind.SimpleAssignmentExpression))
            {
                continue;
            }

            var member = left switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                ImplicitElementAccessSyntax { ArgumentList.Arguments: { Count: 1 } arguments } when arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
                _ => null,
            };

            if (member is null)
            {
                continue;
            }

            if (string.Equals(member, "role", StringComparison.OrdinalIgnoreCase))
            {
                kind = RoleOf(right);
            }
            else if (content is null && Array.Exists(ContentNames, n => string.Equals(n, member, StringComparison.OrdinalIgnoreCase)))
            {
                content = right;
                contentName = left is ImplicitElementAccessSyntax ? "[\"" + member + "\"]" : member;
            }
        }

        return kind is { } found && content is not null ? (content, found, "{ role = \"" + Label(found) + "\", " + contentName + " }") : null;
    }

    private static (ExpressionSyntax Content, PromptSiteKind Kind, string Api)? FindInAnonymous(AnonymousObjectCreationExpressionSyntax anonymous)
    {
        PromptSiteKind? kind = null;
        ExpressionSyntax? content = null;
        foreach (var member in anonymous.Initializers)
        {
            var name = member.NameEquals?.Name.Identifier.ValueText;
            if (string.Equals(name, "role", StringComparison.OrdinalIgnoreCase))
            {
                kind = RoleOf(member.Expression);
            }
            else if (string.Equals(name, "content", StringComparison.OrdinalIgnoreCase))
            {
                content = member.Expression;
            }
        }

        return kind is { } found && content is not null ? (content, found, "new { role = \"" + Label(found) + "\", content }") : null;
    }

    private static bool HasRoleLiteral(SeparatedSyntaxList<ArgumentSyntax> arguments)
    {
        foreach (var argument in arguments)
        {
            if (RoleOf(argument.Expression) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static PromptSiteKind? RoleOf(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => RoleOf(literal.Token.ValueText),
        MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member, Expression: var owner } when IsOwnRoleType(owner) => OwnRoleOf(member.Identifier.ValueText),
        _ => null,
    };

    // AppMessageRole.System, Roles.MessageRole.Developer: the rightmost name of the owner ends in "Role" and is not a framework role type.
    private static bool IsOwnRoleType(ExpressionSyntax owner) =>
        owner switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        } is { } name
        && name.EndsWith("Role", StringComparison.Ordinal)
        && Array.IndexOf(FrameworkRoleTypes, name) < 0;

    // The member must be spelled as the role (System, Developer): a member like SystemPrompt is not a role.
    private static PromptSiteKind? OwnRoleOf(string member) =>
        string.Equals(member, "System", StringComparison.Ordinal) ? PromptSiteKind.SystemMessage
        : string.Equals(member, "Developer", StringComparison.Ordinal) ? PromptSiteKind.DeveloperMessage
        : null;

    private static PromptSiteKind? RoleOf(Optional<object?> constant) => constant is { HasValue: true, Value: string text } ? RoleOf(text) : null;

    private static PromptSiteKind? RoleOf(string text) =>
        string.Equals(text, "system", StringComparison.OrdinalIgnoreCase) ? PromptSiteKind.SystemMessage
        : string.Equals(text, "developer", StringComparison.OrdinalIgnoreCase) ? PromptSiteKind.DeveloperMessage
        : null;

    private static string Label(PromptSiteKind kind) => kind == PromptSiteKind.DeveloperMessage ? "developer" : "system";

    // The content must be text (a string, or an object/dynamic slot holding one); a content list of parts is not read here.
    private static bool IsText(IOperation text)
    {
        var value = text is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : text;
        return value.Type?.SpecialType == SpecialType.System_String || (value.ConstantValue.HasValue && value.ConstantValue.Value is string);
    }
}
