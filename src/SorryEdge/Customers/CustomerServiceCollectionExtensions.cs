using SorryEdge.Sites;

namespace SorryEdge.Customers;

/// <summary>Wires customers and tokens: the store and the operations on them.</summary>
internal static class CustomerServiceCollectionExtensions
{
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<ICustomerDirectory>(sp => sp.GetRequiredService<CustomerStore>());
        services.AddSingleton<CustomerOperations>();
        return services;
    }
}
