namespace PlainLibrary;

public sealed record Invoice(string Number, decimal Amount);

public static class Invoices
{
    public static decimal Total(IEnumerable<Invoice> invoices) => invoices.Sum(i => i.Amount);

    public static void Delete(List<Invoice> invoices, string number) => invoices.RemoveAll(i => i.Number == number);
}
