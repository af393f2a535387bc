# Written by scripts/render-vcl.ts (npm run vcl:render) from BYLINE_BACKENDS and the site's site.json.
# Do not edit: render it again. Included by byline.vcl, which defines the probe byline_ready.

backend byline_1 {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = byline_ready;
}

sub vcl_init {
    new byline = directors.round_robin();
    byline.add_backend(byline_1);
}

sub byline_unavailable {
    set beresp.body = {"<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Byline is unavailable</title>
<style>body{margin:0;background:#f4efe6;color:#1a1a1a;font:1.125rem/1.5 system-ui,sans-serif}main{max-width:34rem;margin:12vh auto;padding:1.5rem;border-top:.5rem solid #1d3b4f}h1{font-size:1.5rem;margin:.5rem 0}</style>
</head>
<body><main>
<p><strong>Byline</strong></p>
<h1>Back in a moment</h1>
<p>The site is not answering right now. Please try again in a minute.</p>
</main></body>
</html>
"};
}
