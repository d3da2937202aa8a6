namespace SorryEdge.Portal;

/// <summary>The portal's inline stylesheet: no external assets, visible focus, state colours paired with words.</summary>
internal static class PortalStyles
{
    public const string Css = """
        :root{--bg:#f5f7fa;--card:#fff;--ink:#1b2430;--muted:#5b6675;--line:#d9dee5;--accent:#1f5fbf;
          --ok:#1d7a3a;--ok-bg:#e3f4e8;--warn:#8a5a00;--warn-bg:#fff1d6;--bad:#b3261e;--bad-bg:#fde7e5;--info:#4b3aa8;--info-bg:#ece9fb}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--ink)}
        header.top{background:#14213d;color:#fff;padding:.75rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
        header.top a{color:#fff}
        header.top .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
        header.top nav{display:flex;gap:1rem;flex:1}
        header.top .who{font-size:.9rem;opacity:.9}
        main{max-width:72rem;margin:0 auto;padding:1.5rem}
        h1{font-size:1.6rem;margin:.2rem 0 1rem}
        h2{font-size:1.2rem;margin:1.5rem 0 .6rem}
        section.card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:1rem 1.25rem;margin:0 0 1rem}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
        th{font-size:.85rem;color:var(--muted);font-weight:600}
        a{color:var(--accent)}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,iframe:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
        label{display:block;font-weight:600;margin:.5rem 0 .2rem}
        input[type=text],input[type=password],input[type=datetime-local],select,input[type=file]{font:inherit;padding:.4rem .5rem;border:1px solid #98a2b3;border-radius:.35rem;min-width:16rem;max-width:100%}
        button{font:inherit;padding:.4rem .9rem;border-radius:.35rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:var(--accent)}
        button.danger{background:var(--bad);border-color:var(--bad)}
        form.inline{display:inline}
        .row{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end}
        .hint{color:var(--muted);font-size:.9rem}
        .state{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-weight:600;font-size:.9rem;border:1px solid currentColor}
        .state.ok{color:var(--ok);background:var(--ok-bg)}
        .state.warn{color:var(--warn);background:var(--warn-bg)}
        .state.bad{color:var(--bad);background:var(--bad-bg)}
        .state.info{color:var(--info);background:var(--info-bg)}
        .notice{padding:.75rem 1rem;border-radius:.5rem;margin:0 0 1rem;border:1px solid}
        .notice.ok{color:var(--ok);background:var(--ok-bg)}
        .notice.bad{color:var(--bad);background:var(--bad-bg)}
        .notice.warn{color:var(--warn);background:var(--warn-bg)}
        .secret{font-family:ui-monospace,monospace;word-break:break-all;background:#fff;border:1px dashed var(--ink);padding:.5rem}
        iframe.preview{width:100%;height:28rem;border:1px solid var(--line);border-radius:.4rem;background:#fff}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:9}
        """;
}
