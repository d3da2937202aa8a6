using System.Text;

namespace StatusSite.Public.Html;

/// <summary>The page frame with its inline stylesheet; no external assets, works without JavaScript.</summary>
internal static class Layout
{
    private const string Css = """
        :root{--ok:#1a7f37;--deg:#9a6700;--part:#bc4c00;--major:#cf222e;--maint:#0969da;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa}
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem}header.site{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap}
        h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:2rem 0 .6rem}h3{font-size:1.05rem;margin:0 0 .3rem}a{color:#0550ae}
        .card{background:#fff;border:1px solid var(--line);border-radius:.6rem;padding:1rem 1.1rem;margin:.6rem 0}
        .banner{border-radius:.6rem;padding:1rem 1.2rem;color:#fff;font-weight:600;font-size:1.15rem;display:flex;gap:.6rem;align-items:center}
        .s-operational,.b-none{--c:var(--ok)}.s-degraded_performance,.b-minor{--c:var(--deg)}.s-partial_outage,.b-major{--c:var(--part)}
        .s-major_outage,.b-critical{--c:var(--major)}.s-under_maintenance,.b-maintenance{--c:var(--maint)}.banner{background:var(--c)}
        .badge{display:inline-flex;align-items:center;gap:.35rem;font-weight:600;color:var(--c);white-space:nowrap}
        .icon{display:inline-grid;place-items:center;width:1.3em;height:1.3em;border-radius:50%;background:var(--c);color:#fff;font-size:.8em;line-height:1}
        .banner .icon{background:#fff;color:var(--c)}
        .comp{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;padding:.55rem 0;border-top:1px solid var(--line)}.comp:first-of-type{border-top:0}
        .auto{font-size:.8rem;color:var(--muted);font-weight:400}.muted{color:var(--muted);font-size:.9rem}
        .bar{display:flex;gap:1px;height:1.6rem;margin:.2rem 0 .1rem}.bar span{flex:1;border-radius:2px;background:var(--c,#c7ced6)}.bar .none{background:#e6eaef}
        .update{border-left:3px solid var(--line);padding:.2rem 0 .2rem .9rem;margin:.8rem 0}.update .md p{margin:.3rem 0}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        form.inline{display:inline}label{display:block;font-weight:600;margin:.5rem 0 .2rem}input,select,textarea{font:inherit;padding:.4rem;border:1px solid var(--line);border-radius:.4rem;width:100%}
        textarea{min-height:7rem}label>input,label>select{font-weight:400;margin-top:.2rem}button{font:inherit;padding:.45rem .9rem;border-radius:.4rem;border:1px solid #1f883d;background:#1f883d;color:#fff;cursor:pointer;margin-top:.5rem}
        button.secondary{background:#fff;color:var(--ink);border-color:var(--line)}.row{display:flex;gap:.6rem;flex-wrap:wrap}.row>*{flex:1}
        .error{color:var(--major);font-weight:600}footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
        """;

    public static string Page(string siteName, string title, string body, string? head = null)
    {
        var sb = new StringBuilder(8192);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append("</title>")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/history.atom\" title=\"Atom\">")
            .Append("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/history.rss\" title=\"RSS\">")
            .Append("<style>").Append(Css).Append("</style>").Append(head).Append("</head><body><main>")
            .Append("<header class=\"site\"><h1><a href=\"/\" style=\"color:inherit;text-decoration:none\">")
            .Append(Html.E(siteName)).Append("</a></h1>")
            .Append("<nav class=\"muted\"><a href=\"/history.atom\">Atom</a> · <a href=\"/history.rss\">RSS</a> · ")
            .Append("<a href=\"/maintenance.ics\">Maintenance calendar</a> · <a href=\"/api/v2/summary.json\">API</a> · <a href=\"/subscribe\">Subscribe to updates</a></nav></header>")
            .Append(body)
            .Append("<footer>Times are UTC. This page works without JavaScript.</footer></main></body></html>");
        return sb.ToString();
    }
}
