using System;
using System.Collections.Generic;

namespace AgentRules;

/// <summary>What one model charges: a price per million input tokens and per million output tokens, in any currency.</summary>
public readonly struct ModelPrice
{
    /// <summary>Creates a price.</summary>
    /// <param name="inputPerMillionTokens">The price of one million input (prompt) tokens.</param>
    /// <param name="outputPerMillionTokens">The price of one million output (completion) tokens.</param>
    public ModelPrice(decimal inputPerMillionTokens, decimal outputPerMillionTokens)
    {
        if (inputPerMillionTokens < 0 || outputPerMillionTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputPerMillionTokens), "Prices cannot be negative.");
        }

        InputPerMillionTokens = inputPerMillionTokens;
        OutputPerMillionTokens = outputPerMillionTokens;
    }

    /// <summary>The price of one million input tokens.</summary>
    public decimal InputPerMillionTokens { get; }

    /// <summary>The price of one million output tokens.</summary>
    public decimal OutputPerMillionTokens { get; }

    /// <summary>What a call with these token counts costs.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}

/// <summary>
/// The prices of the models a run may call, by model id, for <see cref="RunBudgetOptions.MaxCost"/>. Ids compare
/// case-insensitively; an id that is not listed takes the price of the longest listed id it starts with (so
/// <c>"gpt-4o"</c> prices <c>"gpt-4o-2024-08-06"</c>), else <see cref="DefaultPrice"/>. Fill it once, at start-up;
/// it is read without locks afterwards.
/// </summary>
/// <example>
/// <code>
/// var prices = new ModelPriceTable()
///     .Add("gpt-4o", inputPerMillionTokens: 2.50m, outputPerMillionTokens: 10.00m)
///     .Add("gpt-4o-mini", 0.15m, 0.60m);
/// </code>
/// </example>
public sealed class ModelPriceTable
{
    private readonly Dictionary<string, ModelPrice> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<KeyValuePair<string, ModelPrice>> _byLength = new();

    /// <summary>The price of a model that is not listed; null (the default) when such a model has no price.</summary>
    public ModelPrice? DefaultPrice { get; set; }

    /// <summary>The listed model ids.</summary>
    public IReadOnlyCollection<string> ModelIds => _prices.Keys;

    /// <summary>Sets the price of a model (replacing an earlier one) and returns the table.</summary>
    public ModelPriceTable Add(string modelId, decimal inputPerMillionTokens, decimal outputPerMillionTokens)
    {
        if (string.IsNullOrWhiteSpace(modelId))
        {
            throw new ArgumentException("A model id is required.", nameof(modelId));
        }

        var price = new ModelPrice(inputPerMillionTokens, outputPerMillionTokens);
        var id = modelId.Trim();
        _prices[id] = price;
        _byLength.RemoveAll(entry => string.Equals(entry.Key, id, StringComparison.OrdinalIgnoreCase));
        _byLength.Add(new KeyValuePair<string, ModelPrice>(id, price));
        _byLength.Sort(static (a, b) => b.Key.Length.CompareTo(a.Key.Length));
        return this;
    }

    /// <summary>The price of <paramref name="modelId"/>: listed, by the longest listed prefix, else the default. Allocates nothing.</summary>
    public bool TryGetPrice(string? modelId, out ModelPrice price)
    {
        if (modelId is not null)
        {
            if (_prices.TryGetValue(modelId, out price))
            {
                return true;
            }

            foreach (var entry in _byLength)
            {
                if (modelId.StartsWith(entry.Key, StringComparison.OrdinalIgnoreCase))
                {
                    price = entry.Value;
                    return true;
                }
            }
        }

        price = DefaultPrice.GetValueOrDefault();
        return DefaultPrice.HasValue;
    }
}
