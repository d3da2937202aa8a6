using SorryEdge.Events;

namespace SorryEdge.Data;

/// <summary>Wires the edge's database and the stores kept in it that other features record through.</summary>
internal static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddEdgeData(this IServiceCollection services)
    {
        services.AddSingleton<EdgeDatabase>();
        services.AddSingleton<ModeEventReconciler>();
        services.AddSingleton<SqliteEventRecorder>();
        services.AddSingleton<IEventRecorder>(sp => sp.GetRequiredService<SqliteEventRecorder>());
        return services;
    }
}
