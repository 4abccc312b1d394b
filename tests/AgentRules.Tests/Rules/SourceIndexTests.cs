using System;
using System.Linq;
using System.Text;
using AgentRules.Analyzers.Roslyn;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AgentRules.Tests.Rules;

public class SourceIndexTests
{
    private const string Code = """
        using Microsoft.Extensions.AI;

        // Calls GetStreamingResponseAsync in a comment too.
        public sealed class Agent(IChatClient chat)
        {
            private readonly string _prompt = "You are RefundBot_v2.";
            public object @event = new();

            public async System.Threading.Tasks.Task<string> AskAsync(string question)
            {
                var response = await chat.GetResponseAsync(question);
                return response.Text + 0x1F + 42;
            }
        }
        """;

    [Theory]
    [InlineData("GetResponseAsync")]
    [InlineData("IChatClient")]
    [InlineData("Microsoft")]
    [InlineData("GetStreamingResponseAsync")]
    [InlineData("RefundBot_v2")]
    [InlineData("event")]
    [InlineData("@event")]
    [InlineData("_prompt")]
    [InlineData("Text")]
    public void Finds_every_word_in_code_comments_and_strings(string identifier)
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        Assert.True(SourceIndex.MayContain(tree, identifier, default));
    }

    [Theory]
    [InlineData("GetResponseAsync", true)]
    [InlineData("@event", true)]
    [InlineData("event", true)]
    [InlineData("RefundBot_v2", true)]
    [InlineData("RefundBot", false)] // a prefix of a word is not the word
    [InlineData("sponse", false)] // nor a suffix
    [InlineData("GetOrderLineSync", false)] // same length and ends as GetResponseAsync: a filter false positive
    public void Contains_is_exact(string identifier, bool expected)
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        Assert.Equal(expected, SourceIndex.Contains(tree, identifier, default));
        Assert.Equal(expected, SourceIndex.ContainsAny(tree, new[] { "Absent", identifier }, default));
    }

    [Fact]
    public void FindWord_returns_the_positions_of_whole_words()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        var positions = SourceIndex.FindWord(tree, "chat", default);
        Assert.Equal(new[] { Code.IndexOf("chat)", StringComparison.Ordinal), Code.IndexOf("chat.", StringComparison.Ordinal) }, positions);
        Assert.Equal(new[] { Code.IndexOf("event =", StringComparison.Ordinal) }, SourceIndex.FindWord(tree, "@event", default));
        Assert.Empty(SourceIndex.FindWord(tree, "Respons", default));
    }

    [Fact]
    public void Has_no_false_negatives_and_few_false_positives_on_a_large_file()
    {
        var source = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            source.Append("public static int Method").Append(i).Append("(int value").Append(i).Append(") => value").Append(i).Append(" * 2;\n");
        }

        var tree = CSharpSyntaxTree.ParseText("public static class Big {\n" + source + "}\n");

        Assert.All(Enumerable.Range(0, 5000), i => Assert.True(SourceIndex.MayContain(tree, "Method" + i, default)));
        var absent = Enumerable.Range(0, 2000).Count(i => SourceIndex.MayContain(tree, "Absent" + i, default));
        Assert.True(absent < 100, $"{absent} of 2000 absent words reported present");
    }

    [Fact]
    public void Whole_words_only()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { void GetResponseAsyncHelper() { } }");
        Assert.False(SourceIndex.MayContainAny(tree, ["GetResponseAsync", "Helper", "ResponseAsync"], default));
        Assert.True(SourceIndex.MayContainAny(tree, ["Nope", "GetResponseAsyncHelper"], default));
    }

    [Fact]
    public void The_index_of_a_tree_is_built_once()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        SourceIndex.MayContain(tree, "Agent", default);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            SourceIndex.MayContain(tree, "Agent", default);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1024, $"{allocated} bytes allocated by 100 lookups");
    }

    [Fact]
    public void A_word_set_answers_as_the_words_do()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        string[] words = ["Nope", "", "@event", "GetResponseAsync", "Absent42", "_prompt"];
        var set = SourceIndex.CreateWordSet(words);

        Assert.Equal(words, set.Words);
        for (var i = 0; i < words.Length; i++)
        {
            Assert.Equal(SourceIndex.MayContain(tree, words[i], default), SourceIndex.MayContain(tree, set, i, default));
        }

        Assert.True(SourceIndex.MayContainAny(tree, set, default));
        Assert.False(SourceIndex.MayContainAny(tree, SourceIndex.CreateWordSet(["Nope", "", "GetResponseAsyncHelper"]), default));
        Assert.False(SourceIndex.MayContainAny(tree, SourceIndex.CreateWordSet([]), default));
    }

    [Fact]
    public void A_few_words_are_searched_in_the_text_without_indexing_the_tree()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);

        Assert.True(SourceIndex.ContainsAny(tree, ["Absent", "GetResponseAsync"], default));
        Assert.False(SourceIndex.MayContain(tree, "GetOrderLineSync", default)); // exact while the text is searched
        Assert.False(SourceIndex.MayContainAny(tree, SourceIndex.CreateWordSet(["RefundBot", "sponse"]), default));
        Assert.True(SourceIndex.ContainsAny(tree, SourceIndex.CreateWordSet(["@event"]), default));

        Assert.False(SourceIndex.IsIndexed(tree));
    }

    [Fact]
    public void A_large_query_indexes_the_tree()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        var words = Enumerable.Range(0, 11).Select(i => "Absent" + i).Append("IChatClient").ToArray();

        Assert.True(SourceIndex.MayContainAny(tree, words, default));
        Assert.True(SourceIndex.IsIndexed(tree));
    }

    [Fact]
    public void Many_small_queries_index_the_tree()
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        for (var i = 0; i < 10; i++)
        {
            Assert.False(SourceIndex.Contains(tree, "Absent" + i, default));
        }

        Assert.False(SourceIndex.IsIndexed(tree));
        Assert.True(SourceIndex.Contains(tree, "GetResponseAsync", default));
        Assert.True(SourceIndex.IsIndexed(tree));
    }

    [Theory]
    [InlineData("GetResponseAsync")]
    [InlineData("@event")]
    [InlineData("RefundBot")]
    [InlineData("GetOrderLineSync")]
    [InlineData("_prompt")]
    public void Exact_answers_do_not_change_when_the_tree_is_indexed(string identifier)
    {
        var tree = CSharpSyntaxTree.ParseText(Code);
        var before = SourceIndex.Contains(tree, identifier, default);
        var mayBefore = SourceIndex.MayContain(tree, identifier, default);

        SourceIndex.MayContainAny(tree, Enumerable.Range(0, 20).Select(i => "Absent" + i).ToArray(), default);
        Assert.True(SourceIndex.IsIndexed(tree));

        Assert.Equal(before, SourceIndex.Contains(tree, identifier, default));
        Assert.Equal(before, mayBefore); // the text search is exact
        Assert.True(!before || SourceIndex.MayContain(tree, identifier, default)); // the filter has no false negatives
    }
}
