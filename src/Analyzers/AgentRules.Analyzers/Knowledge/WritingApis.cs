using System;
using System.Collections.Immutable;

namespace AgentRules.Analyzers.Knowledge;

/// <summary>How much a writing API says about a tool.</summary>
public enum WriteStrength
{
    /// <summary>Changes state outside the process: evidence on its own.</summary>
    Strong,

    /// <summary>
    /// Often used to read or for bookkeeping (an HTTP POST to a search API, appending to a log file, creating a cache
    /// directory, starting a process): listed for the process spec, never evidence on its own.
    /// </summary>
    Weak,
}

/// <summary>How a table entry's type is matched.</summary>
public enum ApiTypeMatch
{
    /// <summary>The type, a type deriving from it, or a type implementing it (the entry's metadata name).</summary>
    TypeOrSubtype,

    /// <summary>Any type in the namespace or below it (the entry's name is a namespace), except the excluded namespaces.</summary>
    Namespace,
}

/// <summary>How a table entry's members are matched.</summary>
public enum ApiMemberMatch
{
    /// <summary>The member names exactly.</summary>
    Exact,

    /// <summary>Names starting with one of the verbs, followed by an upper-case letter or nothing ("Delete", "DeleteBlobAsync", not "Settings").</summary>
    VerbPrefix,
}

/// <summary>One row of the writing-API table.</summary>
/// <param name="Name">A type's metadata name, or a namespace.</param>
/// <param name="TypeMatch">How <paramref name="Name"/> is matched.</param>
/// <param name="Members">Method (or property/field) names, or verbs.</param>
/// <param name="MemberMatch">How <paramref name="Members"/> are matched.</param>
/// <param name="Strength">Whether a match is evidence on its own.</param>
/// <param name="ExcludedNamespaces">For namespace rows: namespaces below <paramref name="Name"/> that are not matched.</param>
public sealed record WritingApi(string Name, ApiTypeMatch TypeMatch, ImmutableArray<string> Members, ApiMemberMatch MemberMatch, WriteStrength Strength, ImmutableArray<string> ExcludedNamespaces = default);

/// <summary>
/// The APIs that change state outside the process, in one table. To recognise another API, add a row here (or, for
/// an in-house API, list it in <c>agentrules.writing_apis</c>). Special cases that look at arguments (file modes, temp
/// paths, SQL text, HTTP methods) are in <c>WritingApiMatcher</c> (Recognition/Tools).
/// </summary>
public static class WritingApiTable
{
    public static readonly ImmutableArray<WritingApi> Entries = ImmutableArray.Create(
        // Files and directories. Writes to Path.GetTempPath()/GetTempFileName() are not evidence (see WritingApiMatcher).
        Type("System.IO.File", WriteStrength.Strong, "Delete", "WriteAllText", "WriteAllTextAsync", "WriteAllBytes", "WriteAllBytesAsync", "WriteAllLines", "WriteAllLinesAsync", "Move", "Copy", "Replace", "Create", "CreateText", "OpenWrite", "SetAttributes", "Encrypt", "Decrypt", "CreateSymbolicLink"),
        Type("System.IO.File", WriteStrength.Weak, "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendAllBytes", "AppendAllBytesAsync", "AppendText"),
        Type("System.IO.Directory", WriteStrength.Strong, "Delete", "Move"),
        Type("System.IO.Directory", WriteStrength.Weak, "CreateDirectory"),
        Type("System.IO.FileInfo", WriteStrength.Strong, "Delete", "MoveTo", "CopyTo", "Replace", "Create", "CreateText", "OpenWrite", "Encrypt", "Decrypt"),
        Type("System.IO.FileInfo", WriteStrength.Weak, "AppendText"),
        Type("System.IO.DirectoryInfo", WriteStrength.Strong, "Delete", "MoveTo"),
        Type("System.IO.DirectoryInfo", WriteStrength.Weak, "Create", "CreateSubdirectory"),

        // ADO.NET and Dapper.
        Type("System.Data.Common.DbCommand", WriteStrength.Strong, "ExecuteNonQuery", "ExecuteNonQueryAsync"),
        Type("System.Data.IDbCommand", WriteStrength.Strong, "ExecuteNonQuery"),
        Type("System.Data.Common.DbBatch", WriteStrength.Strong, "ExecuteNonQuery", "ExecuteNonQueryAsync"),
        Type("Dapper.SqlMapper", WriteStrength.Strong, "Execute", "ExecuteAsync"),

        // EF Core. ExecuteDelete/ExecuteUpdate: RelationalQueryableExtensions in EF 7-8, EntityFrameworkQueryableExtensions in EF 9+.
        Type("Microsoft.EntityFrameworkCore.DbContext", WriteStrength.Strong, "SaveChanges", "SaveChangesAsync", "Remove", "RemoveRange"),
        Type("Microsoft.EntityFrameworkCore.DbSet`1", WriteStrength.Strong, "Remove", "RemoveRange"),
        Type("Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions", WriteStrength.Strong, "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync"),
        Type("Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", WriteStrength.Strong, "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync"),
        Type("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", WriteStrength.Strong, "ExecuteSqlRaw", "ExecuteSqlRawAsync", "ExecuteSqlInterpolated", "ExecuteSqlInterpolatedAsync", "ExecuteSql", "ExecuteSqlAsync"),
        Type("Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade", WriteStrength.Strong, "EnsureDeleted", "EnsureDeletedAsync"),

        // HTTP. POST reads as often as it writes (search, GraphQL, RPC, LLM APIs): weak.
        Type("System.Net.Http.HttpClient", WriteStrength.Strong, "PutAsync", "PatchAsync", "DeleteAsync"),
        Type("System.Net.Http.HttpClient", WriteStrength.Weak, "PostAsync"),
        Type("System.Net.Http.Json.HttpClientJsonExtensions", WriteStrength.Strong, "PutAsJsonAsync", "PatchAsJsonAsync", "DeleteFromJsonAsync"),
        Type("System.Net.Http.Json.HttpClientJsonExtensions", WriteStrength.Weak, "PostAsJsonAsync"),
        Namespace("Microsoft.Graph", WriteStrength.Strong, ApiMemberMatch.Exact, "PatchAsync", "PutAsync", "DeleteAsync"),
        Namespace("Microsoft.Graph", WriteStrength.Weak, ApiMemberMatch.Exact, "PostAsync"),

        // Mail and messages.
        Type("System.Net.Mail.SmtpClient", WriteStrength.Strong, "Send", "SendAsync", "SendMailAsync"),
        Type("MailKit.IMailTransport", WriteStrength.Strong, "Send", "SendAsync"),
        Type("MailKit.MailTransport", WriteStrength.Strong, "Send", "SendAsync"),
        Type("SendGrid.ISendGridClient", WriteStrength.Strong, "SendEmailAsync"),
        Type("Twilio.Rest.Api.V2010.Account.MessageResource", WriteStrength.Strong, "Create", "CreateAsync"),

        // Processes and the registry.
        // Kill is mostly a timeout on a process the tool started itself; tools that kill other processes say so in their name.
        Type("System.Diagnostics.Process", WriteStrength.Weak, "Start", "Kill"),
        Type("Microsoft.Win32.RegistryKey", WriteStrength.Strong, "SetValue", "DeleteValue", "DeleteSubKey", "DeleteSubKeyTree", "CreateSubKey"),

        // Cloud and service SDKs: any client type of the namespace, by the verb its methods start with.
        Namespace("Azure", WriteStrength.Weak, ApiMemberMatch.VerbPrefix, "CreateIfNotExists", "CreateIfNotExistsAsync"),
        NamespaceExcept("Azure", new[] { "Azure.Core", "Azure.Identity", "Azure.AI" }, WriteStrength.Strong, "Delete", "Create", "Update", "Upsert", "Add", "Send", "Start", "Stop", "Upload", "Set", "Purge", "Restart", "Replace", "Patch", "Append", "Commit", "Move", "Rename", "Merge", "PowerOff", "Deallocate", "Restore", "Undelete", "Schedule", "Cancel"),
        Namespace("Microsoft.Azure.Cosmos", WriteStrength.Weak, ApiMemberMatch.Exact, "CreateDatabaseIfNotExistsAsync", "CreateContainerIfNotExistsAsync"),
        Namespace("Microsoft.Azure.Cosmos", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Create", "Upsert", "Replace", "Delete", "Patch"),
        Namespace("Amazon", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Delete", "Put", "Create", "Update", "Send", "Start", "Stop", "Terminate", "Publish", "Upload", "Remove", "Modify", "Reboot", "Copy", "Restore", "Attach", "Detach"),
        Namespace("Google.Cloud", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Delete", "Create", "Update", "Insert", "Upload", "Publish", "Set", "Patch", "Write", "Commit"),
        Namespace("MongoDB.Driver", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Insert", "Update", "Replace", "Delete", "FindOneAndDelete", "FindOneAndUpdate", "FindOneAndReplace", "BulkWrite", "Drop"),
        Namespace("Stripe", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Create", "Update", "Delete", "Cancel", "Capture", "Pay", "Void", "Finalize", "Confirm"),
        Namespace("Octokit", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Create", "Delete", "Update", "Edit", "Merge", "Lock", "Unlock", "Transfer"),
        Namespace("k8s", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Delete", "Create", "Replace", "Patch"),
        Namespace("Docker.DotNet", WriteStrength.Strong, ApiMemberMatch.VerbPrefix, "Create", "Remove", "Delete", "Start", "Stop", "Kill", "Restart", "Prune"),
        Namespace("LibGit2Sharp", WriteStrength.Strong, ApiMemberMatch.Exact, "Clone", "Init", "Commit", "Push", "Stage", "Unstage", "Checkout", "Reset", "Merge", "Pull", "Remove", "Move"));

    private static WritingApi Type(string metadataName, WriteStrength strength, params string[] members) =>
        new(metadataName, ApiTypeMatch.TypeOrSubtype, ImmutableArray.Create(members), ApiMemberMatch.Exact, strength, ImmutableArray<string>.Empty);

    private static WritingApi Namespace(string ns, WriteStrength strength, ApiMemberMatch memberMatch, params string[] members) =>
        new(ns, ApiTypeMatch.Namespace, ImmutableArray.Create(members), memberMatch, strength, ImmutableArray<string>.Empty);

    private static WritingApi NamespaceExcept(string ns, string[] excluded, WriteStrength strength, params string[] verbs) =>
        new(ns, ApiTypeMatch.Namespace, ImmutableArray.Create(verbs), ApiMemberMatch.VerbPrefix, strength, ImmutableArray.Create(excluded));

    /// <summary>
    /// Parses <c>agentrules.writing_apis</c> entries: <c>Namespace.Type.Method</c>, or <c>Namespace.Type.Prefix*</c> for
    /// every method whose name starts with the prefix. Entries without a type part are ignored.
    /// </summary>
    public static ImmutableArray<WritingApi> ParseConfigured(ImmutableArray<string> entries)
    {
        var builder = ImmutableArray.CreateBuilder<WritingApi>();
        foreach (var entry in entries)
        {
            var dot = entry.LastIndexOf('.');
            if (dot <= 0 || dot == entry.Length - 1)
            {
                continue;
            }

            var member = entry.Substring(dot + 1);
            var prefix = member.EndsWith("*", StringComparison.Ordinal);
            builder.Add(new WritingApi(
                entry.Substring(0, dot),
                ApiTypeMatch.TypeOrSubtype,
                ImmutableArray.Create(prefix ? member.Substring(0, member.Length - 1) : member),
                prefix ? ApiMemberMatch.VerbPrefix : ApiMemberMatch.Exact,
                WriteStrength.Strong,
                ImmutableArray<string>.Empty));
        }

        return builder.ToImmutable();
    }
}

