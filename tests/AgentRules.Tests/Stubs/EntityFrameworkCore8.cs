// Stand-in for where EF Core 7 and 8 declared ExecuteDelete/ExecuteUpdate: Microsoft.EntityFrameworkCore.Relational
// 8.0 (RelationalQueryableExtensions). The tests compile against the real EF Core 10.0.15, where those methods live in
// EntityFrameworkQueryableExtensions, and the rules recognise both homes. A real project sees one or the other; to
// declare the old home beside the real EF Core 10 without making every call ambiguous, these are plain static methods:
// test code calls them with static-method syntax. Relational 10 itself is not referenced (no test needs it), so the
// class name does not clash.
#nullable enable
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.EntityFrameworkCore
{
    public static class RelationalQueryableExtensions
    {
        public static int ExecuteDelete<TSource>(IQueryable<TSource> source) => 0;
        public static Task<int> ExecuteDeleteAsync<TSource>(IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
