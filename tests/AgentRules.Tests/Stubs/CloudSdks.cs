// Small, faithful slices of data and cloud SDKs that the registry here does not serve: Dapper 2.1 (SqlMapper),
// Azure.Storage.Blobs 12 and Azure.Messaging.ServiceBus 7 (Azure.Core's types are in AzureCore.cs), as
// tool bodies call them. Bodies are never run.
#nullable enable
using System;
using System.Collections.Generic;
using System.Data;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Dapper
{
    public static class SqlMapper
    {
        public static int Execute(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null, int? commandTimeout = null, CommandType? commandType = null) => 0;
        public static Task<int> ExecuteAsync(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null, int? commandTimeout = null, CommandType? commandType = null) => Task.FromResult(0);
        public static Task<IEnumerable<T>> QueryAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null, int? commandTimeout = null, CommandType? commandType = null) => throw null!;
        public static Task<T?> QueryFirstOrDefaultAsync<T>(this IDbConnection cnn, string sql, object? param = null, IDbTransaction? transaction = null, int? commandTimeout = null, CommandType? commandType = null) => throw null!;
    }
}

namespace Azure.Storage.Blobs.Models
{
    public class BlobContentInfo { }
    public class BlobContainerInfo { }
    public class BlobDownloadResult
    {
        public BinaryData Content => throw null!;
    }

    public enum DeleteSnapshotsOption
    {
        None,
        IncludeSnapshots,
        OnlySnapshots,
    }
}

namespace Azure.Storage.Blobs
{
    using Azure.Storage.Blobs.Models;

    public class BlobServiceClient
    {
        public BlobServiceClient(string connectionString) { }
        public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName) => throw null!;
    }

    public class BlobContainerClient
    {
        public BlobContainerClient(string connectionString, string blobContainerName) { }
        public virtual BlobClient GetBlobClient(string blobName) => throw null!;
        public virtual Task<Response<BlobContainerInfo>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<bool>> DeleteBlobIfExistsAsync(string blobName, DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None, CancellationToken cancellationToken = default) => throw null!;
        public virtual IAsyncEnumerable<string> GetBlobNamesAsync(CancellationToken cancellationToken = default) => throw null!;
    }

    public class BlobClient
    {
        public virtual string Name => string.Empty;
        public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, bool overwrite = false, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, bool overwrite = false, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<bool>> DeleteIfExistsAsync(DeleteSnapshotsOption snapshotsOption = DeleteSnapshotsOption.None, CancellationToken cancellationToken = default) => throw null!;
        public virtual Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default) => throw null!;
    }
}

namespace Azure.Messaging.ServiceBus
{
    public class ServiceBusMessage
    {
        public ServiceBusMessage(string body) { }
        public ServiceBusMessage(BinaryData body) { }
        public string? Subject { get; set; }
    }

    public class ServiceBusClient : IAsyncDisposable
    {
        public ServiceBusClient(string connectionString) { }
        public virtual ServiceBusSender CreateSender(string queueOrTopicName) => throw null!;
        public ValueTask DisposeAsync() => default;
    }

    public class ServiceBusSender : IAsyncDisposable
    {
        public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public virtual Task<long> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset scheduledEnqueueTime, CancellationToken cancellationToken = default) => Task.FromResult(0L);
        public ValueTask DisposeAsync() => default;
    }
}
