// EF Core (10: Microsoft.EntityFrameworkCore; ExecuteDelete/ExecuteUpdate moved from RelationalQueryableExtensions
// in EF 7-8 to EntityFrameworkQueryableExtensions in EF 9+), which the registry here does not serve.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Microsoft.EntityFrameworkCore.ChangeTracking
{
    public class EntityEntry { }
    public class EntityEntry<TEntity> : EntityEntry where TEntity : class { }
}

namespace Microsoft.EntityFrameworkCore.Query
{
    public sealed class UpdateSettersBuilder<TSource>
    {
        public UpdateSettersBuilder<TSource> SetProperty<TProperty>(System.Linq.Expressions.Expression<Func<TSource, TProperty>> propertyExpression, TProperty valueExpression) => this;
    }
}

namespace Microsoft.EntityFrameworkCore
{
    using Microsoft.EntityFrameworkCore.ChangeTracking;

    public class DbContextOptions { }

    public class DbContext : IDisposable
    {
        protected DbContext() { }
        public DbContext(DbContextOptions options) { }
        public virtual DbSet<TEntity> Set<TEntity>() where TEntity : class => throw null!;
        public virtual Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database => throw null!;
        public virtual int SaveChanges() => 0;
        public virtual int SaveChanges(bool acceptAllChangesOnSuccess) => 0;
        public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
        public virtual Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) => Task.FromResult(0);
        public virtual EntityEntry<TEntity> Add<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual EntityEntry<TEntity> Update<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual EntityEntry<TEntity> Remove<TEntity>(TEntity entity) where TEntity : class => throw null!;
        public virtual void RemoveRange(params object[] entities) { }
        public virtual void Dispose() { }
    }

    public abstract class DbSet<TEntity> : IQueryable<TEntity> where TEntity : class
    {
        public virtual EntityEntry<TEntity> Add(TEntity entity) => throw null!;
        public virtual ValueTask<EntityEntry<TEntity>> AddAsync(TEntity entity, CancellationToken cancellationToken = default) => throw null!;
        public virtual EntityEntry<TEntity> Update(TEntity entity) => throw null!;
        public virtual EntityEntry<TEntity> Remove(TEntity entity) => throw null!;
        public virtual void AddRange(params TEntity[] entities) { }
        public virtual void RemoveRange(params TEntity[] entities) { }
        public virtual void RemoveRange(IEnumerable<TEntity> entities) { }
        public virtual TEntity? Find(params object?[]? keyValues) => null;
        public virtual ValueTask<TEntity?> FindAsync(params object?[]? keyValues) => throw null!;
        public Type ElementType => typeof(TEntity);
        public System.Linq.Expressions.Expression Expression => throw null!;
        public IQueryProvider Provider => throw null!;
        public IEnumerator<TEntity> GetEnumerator() => throw null!;
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<List<TSource>> ToListAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<TSource?> FirstOrDefaultAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static Task<int> CountAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => throw null!;
        public static int ExecuteDelete<TSource>(this IQueryable<TSource> source) => 0;
        public static Task<int> ExecuteDeleteAsync<TSource>(this IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(0);
        public static int ExecuteUpdate<TSource>(this IQueryable<TSource> source, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<TSource>> setPropertyCalls) => 0;
        public static Task<int> ExecuteUpdateAsync<TSource>(this IQueryable<TSource> source, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<TSource>> setPropertyCalls, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}

namespace Microsoft.EntityFrameworkCore.Infrastructure
{
    public class DatabaseFacade
    {
        public virtual bool EnsureCreated() => false;
        public virtual Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
        public virtual bool EnsureDeleted() => false;
        public virtual Task<bool> EnsureDeletedAsync(CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}

namespace Microsoft.EntityFrameworkCore
{
    // Microsoft.EntityFrameworkCore.Relational.
    public static class RelationalDatabaseFacadeExtensions
    {
        public static int ExecuteSqlRaw(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade databaseFacade, string sql, params object[] parameters) => 0;
        public static Task<int> ExecuteSqlRawAsync(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade databaseFacade, string sql, CancellationToken cancellationToken = default) => Task.FromResult(0);
        public static Task<int> ExecuteSqlInterpolatedAsync(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade databaseFacade, FormattableString sql, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }

    // EF 7-8 declared ExecuteDelete/ExecuteUpdate here as extension methods (EF 9 moved them to
    // EntityFrameworkQueryableExtensions). A real project sees one or the other; to declare both here without making
    // every call ambiguous, these are plain static methods: test code calls them with static-method syntax.
    public static class RelationalQueryableExtensions
    {
        public static int ExecuteDelete<TSource>(IQueryable<TSource> source) => 0;
        public static Task<int> ExecuteDeleteAsync<TSource>(IQueryable<TSource> source, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}

