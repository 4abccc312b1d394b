// Azure.Core 1.x: the response and wait types the Azure SDK stubs' signatures need. Bodies are never run.
#nullable enable

namespace Azure
{
    public abstract class Response
    {
        public abstract int Status { get; }
    }

    public abstract class Response<T>
    {
        public abstract T Value { get; }
        public static implicit operator T(Response<T> response) => response.Value;
    }

    public enum WaitUntil
    {
        Completed,
        Started,
    }
}
