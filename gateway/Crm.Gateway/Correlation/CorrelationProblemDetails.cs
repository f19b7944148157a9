namespace Crm.Gateway.Correlation;

internal static class CorrelationProblemDetails
{
    /// <summary>Every problem the gateway writes names the correlation id, so a support ticket can quote it.</summary>
    public static IServiceCollection AddCorrelationIdInProblems(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = problem =>
            {
                previous?.Invoke(problem);
                if (CorrelationId.IsValid(problem.HttpContext.Request.Headers[CorrelationId.HeaderName]))
                {
                    problem.ProblemDetails.Extensions["correlationId"] = problem.HttpContext.Request.Headers[CorrelationId.HeaderName].ToString();
                }
            };
        });
}
