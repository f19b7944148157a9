using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Crm.Gateway.Tests;

internal static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 answer with the given status and returns its JSON for further checks.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
