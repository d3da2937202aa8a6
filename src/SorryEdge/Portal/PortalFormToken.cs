using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using static SorryEdge.Portal.PortalHtml;

namespace SorryEdge.Portal;

/// <summary>
/// The request's antiforgery form field, made on first use (only a page with a form sets the
/// antiforgery cookie). A request feature set by <see cref="PortalFormTokenFilter"/>.
/// </summary>
internal sealed class PortalFormToken(IAntiforgery antiforgery, HttpContext context)
{
    private string? _field;

    public string Field => _field ??= Build();

    private string Build()
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }
}
