using System;

namespace AgentRules;

/// <summary>
/// Counts the steps of an agent loop against a limit: the iteration cap AgentRules' loop rule (AGR0002) looks for.
/// </summary>
/// <remarks>
/// <para>
/// Use it as a local, in the loop condition or in a guard at the top of the loop body:
/// </para>
/// <code>
/// const int MaxSteps = 10;
/// var steps = new AgentStepLimit(MaxSteps);
/// while (steps.TryNext())
/// {
///     var response = await chatClient.GetResponseAsync(messages, options, cancellationToken);
///     ...
/// }
/// </code>
/// <para>
/// It is a mutable struct and allocates nothing. Keep it in a local (or a non-readonly field): a copy counts on its
/// own, so a <c>readonly</c> field or a by-value parameter would never reach the limit.
/// </para>
/// </remarks>
public struct AgentStepLimit
{
    private int _taken;

    /// <summary>Creates a limit of <paramref name="maxSteps"/> steps.</summary>
    /// <param name="maxSteps">How many steps <see cref="TryNext"/> allows; must be at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSteps"/> is less than 1.</exception>
    public AgentStepLimit(int maxSteps)
    {
        if (maxSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "An agent loop needs at least one step.");
        }

        MaxSteps = maxSteps;
        _taken = 0;
    }

    /// <summary>How many steps the limit allows.</summary>
    public int MaxSteps { get; }

    /// <summary>How many steps have been taken (successful <see cref="TryNext"/> or <see cref="Next"/> calls).</summary>
    public readonly int Taken => _taken;

    /// <summary>How many steps are left.</summary>
    public readonly int Remaining => MaxSteps > _taken ? MaxSteps - _taken : 0;

    /// <summary>True once every step has been taken (also for a default-initialised limit, which allows none).</summary>
    public readonly bool IsExhausted => _taken >= MaxSteps;

    /// <summary>Takes a step: returns true and counts it while steps are left, false once the limit is reached.</summary>
    public bool TryNext()
    {
        if (_taken >= MaxSteps)
        {
            return false;
        }

        _taken++;
        return true;
    }

    /// <summary>Takes a step, or throws <see cref="AgentStepLimitExceededException"/> when the limit is reached.</summary>
    /// <exception cref="AgentStepLimitExceededException">Every step has already been taken.</exception>
    public void Next()
    {
        if (!TryNext())
        {
            throw new AgentStepLimitExceededException(MaxSteps);
        }
    }

    /// <inheritdoc />
    public override readonly string ToString() => $"{_taken}/{MaxSteps} steps";
}

/// <summary>Thrown by <see cref="AgentStepLimit.Next"/>: an agent loop reached its step limit.</summary>
public sealed class AgentStepLimitExceededException : InvalidOperationException
{
    /// <summary>Creates the exception for a limit of <paramref name="maxSteps"/> steps.</summary>
    public AgentStepLimitExceededException(int maxSteps)
        : base($"The agent loop reached its limit of {maxSteps} steps.")
    {
        MaxSteps = maxSteps;
    }

    /// <summary>Creates the exception.</summary>
    public AgentStepLimitExceededException()
        : base("The agent loop reached its step limit.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AgentStepLimitExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AgentStepLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that was reached (0 when not known).</summary>
    public int MaxSteps { get; }
}
