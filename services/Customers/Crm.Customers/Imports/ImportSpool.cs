using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Imports;

/// <summary>
/// Uploaded files on local disk between the upload and the end of their import. A file is streamed to disk as it
/// arrives (never held in memory) and hashed on the way. A file in another character set than UTF-8 is stored as
/// UTF-8; its size and hash stay those of the upload.
/// </summary>
public sealed class ImportSpool(IOptions<ImportsOptions> options)
{
    private const int BufferBytes = 128 * 1024;

    public string PathOf(Guid jobId) => Path.Combine(options.Value.SpoolFolder, $"{jobId:N}.upload");

    /// <summary>
    /// Copies <paramref name="body"/> to the job's spool file, transcoding it from <paramref name="charset"/> unless
    /// that is null (UTF-8); throws <see cref="FileTooLargeException"/> past the limit.
    /// </summary>
    public async Task<SpooledFile> SaveAsync(Guid jobId, Stream body, Encoding? charset, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.SpoolFolder);
        var path = PathOf(jobId);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            var transcoder = charset is null ? null : new Utf8Transcoder(charset);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken)) > 0)
                {
                    bytes += read;
                    if (bytes > options.Value.MaxFileBytes)
                    {
                        throw new FileTooLargeException(options.Value.MaxFileBytes);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(transcoder is null ? buffer.AsMemory(0, read) : transcoder.Transcode(buffer.AsSpan(0, read), final: false), cancellationToken);
                }

                if (transcoder is not null)
                {
                    await file.WriteAsync(transcoder.Transcode([], final: true), cancellationToken);
                }
            }

            return new SpooledFile(path, bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            Delete(jobId);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Delete(Guid jobId)
    {
        try
        {
            File.Delete(PathOf(jobId));
        }
        catch (IOException)
        {
            // A leftover spool file is only disk space; the job's outcome is already recorded.
        }
    }
}
