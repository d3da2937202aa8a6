using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace SorryEdge.Http;

/// <summary>The admin API's errors: <c>application/problem+json</c> with a title a person can act on.</summary>
internal static class ProblemResults
{
    public static ProblemHttpResult Problem(int status, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult NotFound(string what) => Problem(StatusCodes.Status404NotFound, $"{what} was not found");

    public static ProblemHttpResult BadRequest(string title, string? detail = null) => Problem(StatusCodes.Status400BadRequest, title, detail);

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields");
}
