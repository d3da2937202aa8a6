return await StatusSite.StatusSiteApp.RunAsync(args);
