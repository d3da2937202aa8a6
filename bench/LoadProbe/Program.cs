using LoadProbe;

// Bench helper for bench/run.sh. Every sub-command talks to 127.0.0.1 only.
//   rate      --url U --host H --rate N --seconds S --out FILE [--marker TEXT] [--accept A]
//   takeover  --log FILE --kill EPOCHMS --back EPOCHMS
//   sites     --admin U --token T --count N --origin U [--parallel P] [--interval-ms MS]
//   apply     --admin U --token T --site ID --url U --host H
//   smtp      --server IP:PORT --concurrency C --seconds S
//   cluster-switch --admin U --token T --site ID --host H --urls U1,U2,U3 [--count N]
//   port      (prints a free 127.0.0.1 TCP port)
var options = CommandArgs.Parse(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return options.Command switch
{
    "rate" => await RateProbe.RunAsync(options, cancel.Token),
    "takeover" => TakeoverAnalysis.Run(options),
    "sites" => await SiteSeeder.RunAsync(options, cancel.Token),
    "apply" => await ApplyTimer.RunAsync(options, cancel.Token),
    "smtp" => await SmtpProbe.RunAsync(options, cancel.Token),
    "cluster-switch" => await ClusterSwitchTimer.RunAsync(options, cancel.Token),
    "port" => FreePort.Run(),
    _ => CommandArgs.Usage(),
};
