using Crm.Customers.Apis;
using Crm.Customers.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Imports;

/// <summary>Bulk import: upload a file, follow its job, read its row errors.</summary>
public static class ImportsApi
{
    private const int DefaultErrorsLimit = 100;
    private const int MaxErrorsLimit = 1000;
    private const int MaxFileNameLength = 255;

    public static RouteGroupBuilder MapImports(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/customers/imports").WithTags("Imports");

        imports.MapPost("/{kind}", StartImport)
            .WithName(nameof(StartImport))
            .WithSummary("Upload a CSV (text/csv) or NDJSON (application/x-ndjson) file of customers, transactions or interactions to import")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        imports.MapGet("/{id:guid}", GetImport)
            .WithName(nameof(GetImport))
            .WithSummary("Get an import job and its progress");

        imports.MapGet("/{id:guid}/errors", GetImportErrors)
            .WithName(nameof(GetImportErrors))
            .WithSummary("List the rows an import rejected, by line; pass a page's next as the after of the following one")
            .ProducesValidationProblem();

        return imports;
    }

    public static async Task<Results<Accepted<ImportJob>, ValidationProblem, ProblemHttpResult>> StartImport(
        string kind, string? fileName, HttpContext http, ImportSpool spool, ImportJobStore jobs, JobQueue queue,
        IOptions<ImportsOptions> options, CancellationToken cancellationToken)
    {
        if (!ImportKind.All.Contains(kind))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import",
                detail: $"Imports are of {string.Join(", ", ImportKind.All)}.");
        }

        if (ImportFormat.FromContentType(http.Request.ContentType) is not { } format)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported file type",
                detail: $"Send the file as the request body with Content-Type {ImportFormat.CsvMediaType} or {ImportFormat.NdjsonMediaType}.");
        }

        if (!ImportCharset.TryFrom(http.Request.ContentType, out var charset, out var charsetName))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported character set",
                detail: $"The charset '{FieldRules.Shorten(charsetName!)}' is not one this service reads: send the file in {ImportCharset.Supported}.");
        }

        var invalidName = new ValidationErrors();
        FieldRules.Text(invalidName, "fileName", fileName, MaxFileNameLength);
        if (!invalidName.IsEmpty)
        {
            return Problems.Invalid(invalidName);
        }

        // Kestrel's default body limit (30 MB) is for JSON requests; a file of millions of rows streams to disk.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.Value.MaxFileBytes;
        }

        var id = Guid.CreateVersion7();
        SpooledFile file;
        try
        {
            file = await spool.SaveAsync(id, http.Request.Body, charset, cancellationToken);
        }
        catch (Exception tooLarge) when (tooLarge is FileTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"An import file may have at most {options.Value.MaxFileBytes} bytes; split it into several imports.");
        }

        if (file.Bytes == 0)
        {
            spool.Delete(id);
            return Problems.Invalid("file", "is empty: send the file as the request body.");
        }

        if (format == ImportFormat.Csv)
        {
            // A CSV file with a broken header or quoting is refused whole, before any job exists: nothing of it is stored.
            try
            {
                var check = CsvCheckOf(kind);
                await Task.Run(() => check(file.Path, cancellationToken), cancellationToken);
            }
            catch (ImportFileException malformed)
            {
                spool.Delete(id);
                return NotImportable(malformed);
            }
            catch
            {
                spool.Delete(id);
                throw;
            }
        }

        var job = await jobs.CreateAsync(id, kind, format, fileName, file, cancellationToken);
        queue.Enqueue(id);
        return TypedResults.Accepted($"/api/customers/imports/{id}", job);
    }

    public static async Task<Results<Ok<ImportJob>, ProblemHttpResult>> GetImport(Guid id, ImportJobStore jobs, CancellationToken cancellationToken) =>
        await jobs.FindAsync(id, cancellationToken) is { } job ? TypedResults.Ok(job) : NotFound(id);

    public static async Task<Results<Ok<ImportErrorsPage>, ValidationProblem, ProblemHttpResult>> GetImportErrors(
        Guid id, string? after, string? limit, ImportJobStore jobs, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var cursor = ImportErrorCursor.Start;
        var pageSize = DefaultErrorsLimit;
        if (after is not null && !ImportErrorCursor.TryParse(after, out cursor))
        {
            errors.Add("after", "must be a line number (0 or more) or the next of a previous page.");
        }

        if (limit is not null)
        {
            Page.CheckLimit(errors, int.TryParse(limit, out pageSize) ? pageSize : 0, MaxErrorsLimit);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await jobs.FindAsync(id, cancellationToken) is null)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(await jobs.ErrorsAsync(id, cursor, pageSize, cancellationToken));
    }

    private static Action<string, CancellationToken> CsvCheckOf(string kind) => kind switch
    {
        ImportKind.Transactions => TransactionRowReader.CheckCsv,
        ImportKind.Interactions => InteractionRowReader.CheckCsv,
        _ => CustomerRowReader.CheckCsv,
    };

    /// <summary>The 400 of a file that cannot be read as a whole, naming the line and what is wrong with it.</summary>
    private static ValidationProblem NotImportable(ImportFileException problem) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [problem.Message] },
        detail: problem.Message,
        title: "The file cannot be imported.",
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["line"] = problem.Line });

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Import not found", detail: $"There is no import {id}.");
}
