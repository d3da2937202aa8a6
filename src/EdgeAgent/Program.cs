var app = EdgeAgent.AgentApp.Build(args);
await app.RunAsync();
