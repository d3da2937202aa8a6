using Microsoft.Extensions.Options;
using SorryEdge.Sites;
using SorryEdge.Takeover;

namespace SorryEdge.Pages;

/// <summary>Wires sorry-page uploads: limits, the versioned store and the page operations.</summary>
internal static class PageServiceCollectionExtensions
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        services.AddSingleton<PageStore>();
        services.AddSingleton<ISorryBundleSource>(sp => sp.GetRequiredService<PageStore>());
        services.AddSingleton<ISiteFiles>(sp => sp.GetRequiredService<PageStore>());
        services.AddSingleton<PageOperations>();
        return services;
    }
}
