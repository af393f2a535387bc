vcl 4.1;
# Varnish in front of Byline (Debian: apt-get install varnish varnish-modules; Varnish 7.1, xkey from
# varnish-modules 0.20). Run:  varnishd -a :80 -f /etc/varnish/byline.vcl -s malloc,256m
# with Byline started with TRUST_PROXY=1 (Varnish appends the client's address to X-Forwarded-For).
#
# What it does:
# - Caches what Byline marks cacheable for shared caches: the TTL is s-maxage (Varnish prefers it over max-age)
#   and stale-while-revalidate becomes grace. A response with no Cache-Control and no Expires is not cached:
#   the origin must opt in.
# - Never caches or serves from cache anything that carries one reader's state: a request with any Cookie or
#   Authorization header goes to Byline (pass), and so does every method but GET and HEAD; a response with
#   Set-Cookie or Cache-Control private, no-store or no-cache is not stored (hit-for-miss, so a later cacheable
#   answer is stored again).
#   Byline's cookies, all of which shape the page: byline-theme and byline-text-size (the reader's
#   preferences; byline-prefs if they are ever merged into one). Byline sets no analytics cookies, so there is
#   no cookie worth stripping: any Cookie header passes.
# - Tags each object with the keys in the response's xkey header, or in Surrogate-Key when there is no xkey
#   (Fastly's header, space-separated), and purges by key:
#       PURGE /  with  xkey-purge: story:harbour-lights author:maya-okafor
#   removes every object tagged with any of the keys (from 127.0.0.1 or ::1 only, else 403; without the header
#   400) and answers 200 with the count in the body and in X-Purged.
# - Adds X-Cache: HIT (served from the cache) or MISS (fetched from Byline, passes included).
# - Strips nothing from requests or responses: every header Byline sends (CSP, ETag, Vary, Link, ...) reaches
#   the reader, and the surrogate key headers stay for any CDN in front.

import xkey;

# test/helpers/varnish.ts rewrites .host and .port to the backend under test.
backend default {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may PURGE. Byline servers on other hosts than Varnish: add their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
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
    # One reader's state: never from or into the cache. (The built-in VCL, which runs after this, does the
    # same for Cookie and Authorization; written out here so the rule cannot be lost by adding a return.)
    if (req.http.Cookie || req.http.Authorization) {
        return (pass);
    }
    # Falls through to the built-in vcl_recv: only GET and HEAD are looked up, other methods pass or pipe.
}

sub vcl_backend_response {
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
