namespace SorryEdge.Schedules;

/// <summary>Wires the watcher that opens and closes maintenance windows on time.</summary>
internal static class ScheduleServiceCollectionExtensions
{
    public static IServiceCollection AddSchedules(this IServiceCollection services) => services.AddHostedService<ScheduleWatcher>();
}
