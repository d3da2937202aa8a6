namespace SorryEdge.Takeover;

/// <summary>Wires the takeover answers: the content, the responder and the preparer that builds answers off the request path.</summary>
internal static class TakeoverServiceCollectionExtensions
{
    public static IServiceCollection AddTakeover(this IServiceCollection services)
    {
        services.AddSingleton<EdgeContent>();
        services.AddSingleton<TakeoverResponder>();
        services.AddHostedService<SorryPagePreparer>();
        return services;
    }
}
