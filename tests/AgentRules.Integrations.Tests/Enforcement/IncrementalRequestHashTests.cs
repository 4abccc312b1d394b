using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AgentRules.Extensions.AI;
using Microsoft.Extensions.AI;
using Xunit;

namespace AgentRules.Integrations.Tests.Enforcement;

/// <summary>
/// Duplicate-request detection hashes only the messages new since the last call; these pin that reusing the earlier
/// messages' hash never hides an edit and never invents a difference.
/// </summary>
[Collection(EnforcementCollection.Name)]
public sealed class IncrementalRequestHashTests : IDisposable
{
    private readonly ScriptedChatClient _model = new((_, _, _) => ScriptedChatClient.Text("ok"));
    private readonly AgentRulesModelCallClient _client;

    public IncrementalRequestHashTests()
    {
        KillSwitch.Global.Reset();
        _client = new AgentRulesModelCallClient(_model, new AgentRulesChatClientOptions { Budget = { MaxIdenticalRequests = 1, DuplicateWindow = 64 } });
    }

    public void Dispose()
    {
        _client.Dispose();
        KillSwitch.Global.Reset();
    }

    private async Task<bool> AdmittedAsync(IList<ChatMessage> messages, ChatOptions? options = null)
    {
        try
        {
            await _client.GetResponseAsync(messages, options);
            return true;
        }
        catch (AgentBudgetExceededException e) when (e.Limit == RunBudgetLimit.Duplicate)
        {
            return false;
        }
    }

    private static List<ChatMessage> History() =>
    [
        new(ChatRole.System, "You are the support agent."),
        new(ChatRole.User, "Where is order 7?"),
        new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_order", new Dictionary<string, object?> { ["orderId"] = 7 })]),
        new(ChatRole.Tool, [new FunctionResultContent("c1", "shipped")]),
    ];

    [Fact]
    public async Task The_same_request_again_is_a_duplicate_and_so_is_an_equal_one_built_from_new_objects()
    {
        var history = History();
        Assert.True(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(History())); // by content, not by identity
    }

    [Fact]
    public async Task An_identical_last_message_after_an_earlier_message_was_edited_in_place_is_not_a_duplicate()
    {
        var history = History();
        Assert.True(await AdmittedAsync(history));

        ((TextContent)history[0].Contents[0]).Text = "You are the billing agent."; // the same message object, edited
        Assert.True(await AdmittedAsync(history));

        history[1].Contents[0] = new TextContent("Where is order 8?");         // a content item replaced
        Assert.True(await AdmittedAsync(history));

        ((FunctionCallContent)history[2].Contents[0]).Arguments!["region"] = "EU"; // an argument added in place
        Assert.True(await AdmittedAsync(history));

        history[3] = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "lost")]); // a message replaced
        Assert.True(await AdmittedAsync(history));

        history[0].Contents.Add(new TextContent("Be brief."));                 // a content item added
        Assert.True(await AdmittedAsync(history));

        Assert.False(await AdmittedAsync(history));                            // and the edited request, again, is one
    }

    [Fact]
    public async Task Appending_then_going_back_to_an_earlier_request_finds_it_and_options_count()
    {
        var history = History();
        Assert.True(await AdmittedAsync(history));
        history.Add(new ChatMessage(ChatRole.User, "Thanks. And order 9?"));
        Assert.True(await AdmittedAsync(history));

        history.RemoveAt(history.Count - 1);
        Assert.False(await AdmittedAsync(history)); // the earlier request, seen already
        Assert.True(await AdmittedAsync(history, new ChatOptions { ModelId = "other-model" }));
        Assert.True(await AdmittedAsync(history[..2]));  // a shorter prefix is a request of its own
        Assert.False(await AdmittedAsync(History()[..2]));
    }

    [Fact]
    public async Task An_argument_value_replaced_in_place_is_not_a_duplicate()
    {
        // Nothing but a value inside the same dictionary changes: no reference does, so only a full hash can tell.
        var history = History();
        Assert.True(await AdmittedAsync(history));

        ((FunctionCallContent)history[2].Contents[0]).Arguments!["orderId"] = 8;
        Assert.True(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(history));
    }

    [Fact]
    public async Task A_request_hashed_on_trust_never_counts_even_when_an_edit_is_undone()
    {
        var history = History();
        Assert.True(await AdmittedAsync(history));

        var text = (TextContent)history[1].Contents[0];
        var original = text.Text;
        text.Text = "Where is order 8?";                                   // edited in place...
        history.Add(new ChatMessage(ChatRole.User, "Thanks."));             // ...and a message appended: hashed on trust
        Assert.True(await AdmittedAsync(history));

        text.Text = original;                                              // undone: a request not made before
        Assert.True(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(history));                        // and now it is one
    }

    [Fact]
    public async Task Messages_reordered_in_the_same_list_are_a_new_request_and_its_repeat_is_found()
    {
        var history = History();
        history.Add(new ChatMessage(ChatRole.User, "And order 9?"));
        Assert.True(await AdmittedAsync(history));

        (history[1], history[2]) = (history[2], history[1]);
        Assert.True(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(history));
    }

    [Fact]
    public async Task A_history_truncated_by_a_reducer_is_a_new_request_and_its_repeat_is_found()
    {
        var history = History();
        for (var i = 0; i < 6; i++)
        {
            history.Add(new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, "turn " + i));
            Assert.True(await AdmittedAsync(history));
        }

        // A reducer keeps the system message and the last four, in a new list of the same message objects.
        var reduced = new List<ChatMessage> { history[0] };
        reduced.AddRange(history[^4..]);
        Assert.True(await AdmittedAsync(reduced));
        Assert.False(await AdmittedAsync(reduced));
        Assert.False(await AdmittedAsync(new List<ChatMessage>(reduced)));

        // Removing in place from the same list, keeping the first message.
        history.RemoveRange(1, history.Count - 5);
        Assert.False(await AdmittedAsync(history)); // the same content as `reduced`
    }

    [Fact]
    public async Task The_last_message_replaced_on_every_call_is_never_a_duplicate_until_a_request_repeats()
    {
        var history = History();
        history.Add(new ChatMessage(ChatRole.User, "first"));
        for (var i = 0; i < 40; i++)
        {
            history[^1] = new ChatMessage(ChatRole.User, "question " + i);
            Assert.True(await AdmittedAsync(history));
        }

        // The first repeat of a request that extended the kept history is hashed in full and counted; the one before
        // it was taken on trust and is not (a duplicate is refused at most one call late, never early).
        Assert.True(await AdmittedAsync(history));
        Assert.False(await AdmittedAsync(history));
    }

    [Fact]
    public async Task Requests_that_differ_only_in_an_image_or_a_link_are_not_duplicates()
    {
        List<ChatMessage> WithImage(byte first) =>
            [new(ChatRole.System, "Describe the picture."), new(ChatRole.User, [new TextContent("This one:"), new DataContent(new byte[] { first, 2, 3 }, "image/png")])];

        Assert.True(await AdmittedAsync(WithImage(1)));
        Assert.True(await AdmittedAsync(WithImage(2)));
        Assert.False(await AdmittedAsync(WithImage(2)));

        Assert.True(await AdmittedAsync([new(ChatRole.User, [new UriContent("https://example.com/a.png", "image/png")])]));
        Assert.True(await AdmittedAsync([new(ChatRole.User, [new UriContent("https://example.com/b.png", "image/png")])]));
    }

    [Fact]
    public async Task A_result_object_that_cannot_be_compared_by_content_never_makes_a_duplicate()
    {
        // A mutable result edited in place hashes the same by GetHashCode: such a request is never counted as a repeat.
        var order = new List<string> { "shipped" };
        List<ChatMessage> Request() => [new(ChatRole.User, "Status?"), new(ChatRole.Tool, [new FunctionResultContent("c1", order)])];

        Assert.True(await AdmittedAsync(Request()));
        order[0] = "lost";
        Assert.True(await AdmittedAsync(Request()));
        Assert.True(await AdmittedAsync(Request()));
    }

    [Fact]
    public async Task The_same_messages_with_another_temperature_seed_or_format_are_not_a_duplicate()
    {
        // New message objects each time: every request is hashed in full, so only the options tell them apart.
        Assert.True(await AdmittedAsync(History(), new ChatOptions { Temperature = 0.2f }));
        Assert.True(await AdmittedAsync(History(), new ChatOptions { Temperature = 0.9f }));
        Assert.True(await AdmittedAsync(History(), new ChatOptions { Temperature = 0.9f, Seed = 7 }));
        Assert.True(await AdmittedAsync(History(), new ChatOptions { Temperature = 0.9f, Seed = 7, ResponseFormat = ChatResponseFormat.Json }));
        Assert.False(await AdmittedAsync(History(), new ChatOptions { Temperature = 0.9f, Seed = 7, ResponseFormat = ChatResponseFormat.Json }));
    }

    [Fact]
    public async Task A_growing_history_reads_only_its_new_messages_until_a_request_may_be_a_repeat()
    {
        // The work per call, counted rather than timed: how often the kept messages' contents are read.
        var kept = new List<CountingContents>();
        var history = new List<ChatMessage>();
        for (var i = 0; i < 50; i++)
        {
            var contents = new CountingContents(new TextContent("message " + i));
            kept.Add(contents);
            history.Add(new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, contents));
        }

        Assert.True(await AdmittedAsync(history));
        Assert.All(kept, c => Assert.True(c.Reads > 0)); // the first request is hashed in full

        for (var i = 0; i < 5; i++)
        {
            kept.ForEach(c => c.Reads = 0);
            history.Add(new ChatMessage(ChatRole.User, "appended " + i));
            Assert.True(await AdmittedAsync(history));
            Assert.All(kept, c => Assert.Equal(0, c.Reads));
        }

        // The same request again may be a repeat: hashed in full, and found.
        Assert.True(await AdmittedAsync(history));
        Assert.All(kept, c => Assert.True(c.Reads > 0));
        Assert.False(await AdmittedAsync(history));
    }

    private sealed class CountingContents(AIContent content) : IList<AIContent>
    {
        private readonly List<AIContent> _items = [content];

        public int Reads { get; set; }

        public int Count
        {
            get
            {
                Reads++;
                return _items.Count;
            }
        }

        public bool IsReadOnly => false;

        public AIContent this[int index]
        {
            get
            {
                Reads++;
                return _items[index];
            }

            set => _items[index] = value;
        }

        public int IndexOf(AIContent item) => _items.IndexOf(item);

        public void Insert(int index, AIContent item) => _items.Insert(index, item);

        public void RemoveAt(int index) => _items.RemoveAt(index);

        public void Add(AIContent item) => _items.Add(item);

        public void Clear() => _items.Clear();

        public bool Contains(AIContent item) => _items.Contains(item);

        public void CopyTo(AIContent[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public bool Remove(AIContent item) => _items.Remove(item);

        public IEnumerator<AIContent> GetEnumerator()
        {
            Reads++;
            return _items.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public async Task A_sequence_that_is_not_a_list_is_hashed_in_full_with_the_same_result()
    {
        var history = History();
        Assert.True(await AdmittedAsync(history));

        var refused = await Assert.ThrowsAsync<AgentBudgetExceededException>(() => _client.GetResponseAsync(Enumerate(History())));

        Assert.Equal(RunBudgetLimit.Duplicate, refused.Limit);

        static IEnumerable<ChatMessage> Enumerate(List<ChatMessage> messages)
        {
            foreach (var message in messages)
            {
                yield return message;
            }
        }
    }
}
