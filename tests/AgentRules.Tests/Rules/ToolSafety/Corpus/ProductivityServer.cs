// Corpus: productivity MCP servers (todos, habits, notes, kanban) built on services and mediators, where the body
// says little and names say what tools do.
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Server;

namespace Corpus.Productivity;

public sealed record TodoItem(Guid Id, string Title, bool Done);

public interface ITodoService
{
    Task<IReadOnlyList<TodoItem>> ListAsync(CancellationToken ct);
    Task<TodoItem> AddAsync(string title, CancellationToken ct);
    Task<bool> CompleteAsync(Guid id, CancellationToken ct);
    Task<bool> DeleteAsync(Guid id, CancellationToken ct);
    Task<TodoItem?> UpdateAsync(Guid id, string title, CancellationToken ct);
}

public interface IMediator
{
    Task<T> Send<T>(object command, CancellationToken ct);
}

public sealed record DeleteHabitCommand(Guid Id);
public sealed record LogHabitCommand(Guid Id, DateOnly Day);
public sealed record GetHabitsQuery(string UserId);

[McpServerToolType]
public sealed class TodoTools(ITodoService todos)
{
    [McpServerTool(Name = "list_todos"), Description("Lists all todo items.")]
    // corpus: silent
    public async Task<string> ListTodos(CancellationToken ct) => string.Join("\n", (await todos.ListAsync(ct)).Select(t => t.Title));

    [McpServerTool(Name = "add_todo"), Description("Adds a new todo item.")]
    // corpus: report
    public async Task<TodoItem> AddTodo(string title, CancellationToken ct) => await todos.AddAsync(title, ct);

    [McpServerTool(Name = "complete_todo"), Description("Marks a todo item as done.")]
    // corpus: report
    public Task<bool> CompleteTodo(Guid id, CancellationToken ct) => todos.CompleteAsync(id, ct);

    [McpServerTool(Name = "delete_todo"), Description("Deletes a todo item.")]
    // corpus: report
    public Task<bool> DeleteTodo(Guid id, CancellationToken ct) => todos.DeleteAsync(id, ct);

    [McpServerTool(Name = "update_todo"), Description("Changes the title of a todo item.")]
    // corpus: report
    public Task<TodoItem?> UpdateTodo(Guid id, string title, CancellationToken ct) => todos.UpdateAsync(id, title, ct);

    [McpServerTool(Name = "todo_stats"), Description("Returns how many todos are open and done.")]
    // corpus: silent
    public async Task<string> TodoStats(CancellationToken ct)
    {
        var all = await todos.ListAsync(ct);
        return $"{all.Count(t => !t.Done)} open, {all.Count(t => t.Done)} done";
    }
}

[McpServerToolType]
public sealed class HabitTools(IMediator mediator)
{
    [McpServerTool(Name = "get_habits"), Description("Get all habits for the current user.")]
    // corpus: silent
    public Task<string> GetHabits(string userId, CancellationToken cancellationToken = default) =>
        mediator.Send<string>(new GetHabitsQuery(userId), cancellationToken);

    [McpServerTool(Name = "delete_habit"), Description("Delete a habit by ID.")]
    // corpus: report
    public async Task<string> DeleteHabit([Description("The habit ID (GUID)")] string habitId, CancellationToken cancellationToken = default)
    {
        var ok = await mediator.Send<bool>(new DeleteHabitCommand(Guid.Parse(habitId)), cancellationToken);
        return ok ? $"Deleted habit {habitId}" : "Error";
    }

    [McpServerTool(Name = "log_habit"), Description("Log a habit as completed for a day.")]
    // corpus: report
    public Task<bool> LogHabit(string habitId, string day, CancellationToken cancellationToken = default) =>
        mediator.Send<bool>(new LogHabitCommand(Guid.Parse(habitId), DateOnly.Parse(day)), cancellationToken);
}

public sealed class NotesStore
{
    private readonly Dictionary<string, string> _notes = new();

    public IEnumerable<string> Search(string text) => _notes.Where(n => n.Value.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(n => n.Key);

    public void Save(string title, string body) => _notes[title] = body;

    public bool Remove(string title) => _notes.Remove(title);
}

[McpServerToolType]
public static class NoteTools
{
    [McpServerTool, Description("Searches notes for a text.")]
    // corpus: silent
    public static string SearchNotes(NotesStore store, string text) => string.Join(", ", store.Search(text));

    [McpServerTool, Description("Creates a note with a title and a body.")]
    // corpus: report
    public static string CreateNote(NotesStore store, string title, string body)
    {
        store.Save(title, body);
        return "saved";
    }

    [McpServerTool, Description("Removes a note.")]
    // corpus: report
    public static bool RemoveNote(NotesStore store, string title) => store.Remove(title);

    [McpServerTool, Description("Summarizes all notes into one paragraph.")]
    // corpus: silent
    public static string Summarize(NotesStore store) => "summary";
}

public sealed record Card(string Id, string Title, string Column);

public interface IBoardRepository
{
    Task<IReadOnlyList<Card>> CardsAsync();
    Task MoveAsync(string cardId, string column);
    Task<Card> InsertAsync(string title, string column);
}

[McpServerToolType]
public sealed class KanbanTools(IBoardRepository board)
{
    [McpServerTool(Name = "board_overview"), Description("Shows every column with its cards.")]
    // corpus: silent
    public async Task<string> BoardOverview() => string.Join("\n", (await board.CardsAsync()).Select(c => $"{c.Column}: {c.Title}"));

    [McpServerTool(Name = "move_card"), Description("Moves a card to another column.")]
    // corpus: report
    public Task MoveCard(string cardId, string column) => board.MoveAsync(cardId, column);

    [McpServerTool(Name = "create_card"), Description("Creates a card in a column.")]
    // corpus: report
    public Task<Card> CreateCard(string title, string column = "Todo") => board.InsertAsync(title, column);

    [McpServerTool(Name = "find_card"), Description("Finds a card by title.")]
    // corpus: silent
    public async Task<Card?> FindCard(string title) => (await board.CardsAsync()).FirstOrDefault(c => c.Title == title);
}
