using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using StatusSite.Data;
using StatusSite.Public;
using StatusSite.Subscribers;

namespace StatusSite.Console;

/// <summary>What the console page reads, bound as a handler's parameters (<c>[AsParameters]</c>).</summary>
internal readonly record struct ConsoleServices(
    StatusDatabase Database, ComponentStore Components, IncidentStore Incidents, SubscriberStore Subscribers,
    IAntiforgery Antiforgery, IOptions<StatusPageOptions> Page);
