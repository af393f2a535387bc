vcl 4.1;
# Varnish in front of several Byline servers (Debian: apt-get install varnish varnish-modules; Varnish 7.1, xkey
# from varnish-modules 0.20). Two files, kept side by side:
#   byline.vcl           these rules (this file)
#   byline-backends.vcl  the servers, the director and the 503 page, written by
#                        BYLINE_BACKENDS=10.0.0.5:3000,10.0.0.6:3000 npm run vcl:render -- /etc/varnish
#                        (the copy here is rendered for one server at 127.0.0.1:3000)
#   byline-query.vcl     the query parameters each path keeps, written by the same command from the list in
#                        scripts/varnish-query.ts (the same everywhere)
# Run:  varnishd -a :80 -f /etc/varnish/byline.vcl -s malloc,256m
# with every Byline started with TRUST_PROXY=1 (Varnish appends the client's address to X-Forwarded-For) and
# CDN_PURGE_URL=http://<varnish>/ (purges by key). docs/varnish.md says why each rule is as it is.
#
# What it does:
# - Spreads requests over the servers round robin, and asks each GET /readyz every 2 s (probe below). A server
#   that fails 3 probes in a row is left out until 3 of 5 answer again. Byline's SHUTDOWN_DRAIN_MS default (10 s,
#   server/config.ts) is longer than the worst case for that (3 x 2 s + the 2 s timeout), so a server told to
#   stop is out of the rotation before it closes.
# - A GET or HEAD that gets no answer, or a 5xx, is sent again to the next server, up to 3 more times, before a
#   reader sees an error. Other methods are never sent twice.
# - When no server answers: what is cached is served from grace (stale-while-revalidate), a failed refresh
#   leaves it in place, and anything else gets the site's own small 503 page (never Varnish's own).
# - Caches what Byline marks cacheable for shared caches: the TTL is s-maxage (Varnish prefers it over max-age)
#   and stale-while-revalidate becomes grace. A response with no Cache-Control and no Expires is not cached:
#   the origin must opt in.
# - Query strings: before the cache is looked up, a GET or HEAD keeps only the parameters its path reads
#   (byline-query.vcl: ?cursor= on lists, ?q= and the filters on search, ...), the first value of each, sorted.
#   utm_*, fbclid, gclid and ?x=1 cache busters neither make new cache entries nor reach Byline. The admin API
#   keeps its query as sent.
# - Cookies: Byline's own all start with "byline-" (byline-theme, byline-text-size: the reader's preferences,
#   which shape the page). Every other cookie (analytics, consent banners: _ga, OptanonConsent, ...) is removed
#   before the cache is looked up, so a reader who carries only those shares the anonymous page; Byline never
#   reads them. A request still carrying a Byline cookie, or Authorization, goes to Byline (pass), and so does
#   every method but GET and HEAD; a response with Set-Cookie or Cache-Control private, no-store or no-cache is
#   not stored (hit-for-miss, so a later cacheable answer is stored again).
# - Tags each object with the keys in the response's xkey header, or in Surrogate-Key when there is no xkey
#   (Fastly's header, space-separated), and purges by key:
#       PURGE /  with  xkey-purge: story:harbour-lights author:maya-okafor
#   removes every object tagged with any of the keys (from 127.0.0.1 or ::1 only, else 403; without the header
#   400) and answers 200 with the count in the body and in X-Purged.
# - Adds X-Cache: HIT (served from the cache) or MISS (fetched from Byline, passes included).
# - Strips nothing else from requests or responses: every header Byline sends (CSP, ETag, Vary, Link, ...)
#   reaches the reader, and the surrogate key headers stay for any CDN in front.

import cookie;
import directors;
import std;
import xkey;

# Readiness: /readyz answers 503 while a server starts, loses its database or shuts down (server/health.ts).
# Sick after 3 failures in a row (window 5, threshold 3), so one slow answer under load does not take a server
# out; healthy from the start (.initial), so the first readers are not refused while the first probes run.
# If you change .interval, .timeout, .window or .threshold, keep SHUTDOWN_DRAIN_MS above
# .interval x (.window - .threshold + 1) + .timeout (scripts/varnish-backends.test.ts checks the default).
probe byline_ready {
    .url = "/readyz";
    .interval = 2s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

# Defines the backends (each with .probe = byline_ready), the round-robin director "byline" in vcl_init, and
# sub byline_unavailable (the 503 page).
include "./byline-backends.vcl";

# Defines sub byline_query: the query parameters each path family keeps (scripts/varnish-query.ts).
include "./byline-query.vcl";

# Who may PURGE. Byline servers on other hosts than Varnish: add their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

# How many times a failed GET or HEAD is sent again (each time to the next server). Varnish's max_retries
# parameter (4 by default) must be at least this.
sub byline_may_retry {
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 3) {
        set bereq.http.x-byline-retry = "yes";
    } else {
        unset bereq.http.x-byline-retry;
    }
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "PURGE needs an xkey-purge header: space-separated keys"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged"));
    }
    set req.backend_hint = byline.backend();
    # A live story's event stream (LIVE_EVENTS) is one reader's open connection: piped, never looked up (a lookup
    # would queue readers behind one another's endless answer), and before the cookie rule, which would pass it.
    # Not passed: a passed fetch outlives its reader (Varnish reads the backend on after the client has gone), so
    # each closed page would hold a stream at the server until it drained; a pipe closes both sides together.
    # The server's heartbeat every 20 s keeps the pipe under pipe_timeout (60 s by default).
    if (req.url ~ "^/api/stories/[^/?]+/events(\?|$)") {
        return (pipe);
    }
    # One cache entry per query Byline reads; POSTs (comments, the admin's writes) are sent as they came.
    if (req.method == "GET" || req.method == "HEAD") {
        call byline_query;
    }
    # Only Byline's own cookies reach the cache's decision (and Byline).
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep_re("^byline-");
        # get_string() ends each cookie with ";", the last one too.
        set req.http.Cookie = regsub(cookie.get_string(), ";\s*$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # One reader's state: never from or into the cache. (The built-in VCL, which runs after this, does the
    # same for Cookie and Authorization; written out here so the rule cannot be lost by adding a return.)
    if (req.http.Cookie || req.http.Authorization) {
        return (pass);
    }
    # Falls through to the built-in vcl_recv: only GET and HEAD are looked up, other methods pass or pipe.
}

# Byline serves one site from one origin (PUBLIC_ORIGIN): no answer's bytes depend on the Host a request names,
# so the Host stays out of the key, and a flood of invented Hosts cannot make a copy of every page and push the
# real ones out.
sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_fetch {
    unset bereq.http.x-byline-retry;
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        call byline_may_retry;
        if (bereq.http.x-byline-retry) {
            return (retry);
        }
        # A failed refresh of an object in grace keeps the object.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
    }
    if (!beresp.http.xkey && beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Stricter than the built-in VCL, which ignores Cache-Control when Surrogate-Control is present.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Falls through to the built-in vcl_backend_response: TTL from s-maxage/max-age/Expires, grace from
    # stale-while-revalidate, and no storing of ttl <= 0 or Vary: *.
}

# No answer at all (refused, reset, timed out, or no healthy server left).
sub vcl_backend_error {
    call byline_may_retry;
    if (bereq.http.x-byline-retry) {
        return (retry);
    }
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.status = 503;
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "10";
    set beresp.http.Content-Security-Policy = "default-src 'none'; style-src 'unsafe-inline'";
    set beresp.http.X-Content-Type-Options = "nosniff";
    call byline_unavailable;
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    if (req.method == "PURGE" && resp.status == 200) {
        set resp.http.X-Purged = req.http.x-purged;
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = "Purged " + req.http.x-purged + " objects" + {"
"};
        return (deliver);
    }
}
