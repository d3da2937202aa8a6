using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SorryEdge.Http;
using SorryEdge.Operations;

namespace SorryEdge.Admin;

/// <summary>The admin API's side of an operation's refusal: one HTTP status per kind, problem+json.</summary>
internal static class RefusalResults
{
    /// <summary>A refusal other than field errors.</summary>
    public static ProblemHttpResult ToProblem(this Refusal refusal) => ProblemResults.Problem(refusal.Kind.Status(), refusal.Title, refusal.Detail);

    /// <summary>Field errors as a validation problem (400 with <c>errors</c>).</summary>
    public static ValidationProblem ToValidationProblem(this Refusal refusal) =>
        ProblemResults.Invalid(refusal.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? []);

    public static bool IsInvalid(this Refusal refusal) => refusal.Kind == RefusalKind.Invalid;
}
