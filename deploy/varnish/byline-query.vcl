# Written by scripts/render-vcl.ts (npm run vcl:render) from the list in scripts/varnish-query.ts.
# Do not edit: change the list and render it again. Included by byline.vcl, which imports std.

# The query parameters each path family reads; every other one (utm_*, fbclid, gclid, cache busters) is
# removed, so it neither makes a new cache entry nor reaches Byline. Of a kept parameter only its first value
# is kept (Byline reads the first), and what is left is sorted: one spelling, one cache entry.
sub byline_query {
    if (req.url !~ "\?") {
        return;
    }
    set req.http.x-byline-path = regsub(req.url, "\?.*$", "");
    # The query behind a leading "&", so that every parameter starts with "&".
    set req.http.x-byline-query = "&" + regsub(req.url, "^[^?]*\?", "");
    if (req.http.x-byline-path ~ "^/api/admin/") {
        # admin API: the query as sent.
    } elsif (req.http.x-byline-path ~ "^/$") {
        # front page
        set req.http.x-byline-kept = "";
        # cursor: read by server/pages/query.ts, src/app/routes.tsx, src/lib/LoadMore.tsx
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        # p: read by server/sources/wordpress/permalinks.ts
        if (req.http.x-byline-query ~ "&p(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(p(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/index\.php$") {
        # old WordPress address
        set req.http.x-byline-kept = "";
        # p: read by server/sources/wordpress/permalinks.ts
        if (req.http.x-byline-query ~ "&p(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(p(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/(sections|authors|tags)/[^/]+/?$") {
        # section and author pages
        set req.http.x-byline-kept = "";
        # cursor: read by server/pages/query.ts, src/app/routes.tsx, src/lib/LoadMore.tsx
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/stories/[^/]+/?$") {
        # story page
        set req.http.x-byline-kept = "";
        # cursor: read by server/pages/query.ts, src/app/routes.tsx, src/lib/LoadMore.tsx
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        # page: read by server/pages/query.ts, src/app/routes.tsx, src/app/StoryRoute.tsx
        if (req.http.x-byline-query ~ "&page(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(page(=[^&]*)?)(&.*)?$", "\1");
        }
        # replytocom: read by server/pages/query.ts, src/features/comments/CommentsSection.tsx
        if (req.http.x-byline-query ~ "&replytocom(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(replytocom(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/search/?$") {
        # search page
        set req.http.x-byline-kept = "";
        # author: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx
        if (req.http.x-byline-query ~ "&author(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(author(=[^&]*)?)(&.*)?$", "\1");
        }
        # cursor: read by server/pages/query.ts, src/app/routes.tsx, src/lib/LoadMore.tsx
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        # from: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx
        if (req.http.x-byline-query ~ "&from(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(from(=[^&]*)?)(&.*)?$", "\1");
        }
        # q: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx, src/features/search/SearchForm.tsx
        if (req.http.x-byline-query ~ "&q(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(q(=[^&]*)?)(&.*)?$", "\1");
        }
        # section: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx
        if (req.http.x-byline-query ~ "&section(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(section(=[^&]*)?)(&.*)?$", "\1");
        }
        # tag: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx
        if (req.http.x-byline-query ~ "&tag(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(tag(=[^&]*)?)(&.*)?$", "\1");
        }
        # to: read by server/pages/query.ts, src/features/search/queries.ts, src/features/search/SearchPage.tsx
        if (req.http.x-byline-query ~ "&to(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(to(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/(stories|sections/[^/]+|authors/[^/]+|tags/[^/]+)/?$") {
        # story lists (API)
        set req.http.x-byline-kept = "";
        # cursor: read by server/stories/routes.ts
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        # limit: read by server/stories/routes.ts
        if (req.http.x-byline-query ~ "&limit(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(limit(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/search/?$") {
        # search (API)
        set req.http.x-byline-kept = "";
        # author: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&author(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(author(=[^&]*)?)(&.*)?$", "\1");
        }
        # cursor: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        # from: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&from(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(from(=[^&]*)?)(&.*)?$", "\1");
        }
        # q: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&q(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(q(=[^&]*)?)(&.*)?$", "\1");
        }
        # section: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&section(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(section(=[^&]*)?)(&.*)?$", "\1");
        }
        # tag: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&tag(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(tag(=[^&]*)?)(&.*)?$", "\1");
        }
        # to: read by server/search/routes.ts
        if (req.http.x-byline-query ~ "&to(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(to(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/stories/[^/]+/comments/?$") {
        # comments (API)
        set req.http.x-byline-kept = "";
        # cursor: read by server/comments/routes.ts
        if (req.http.x-byline-query ~ "&cursor(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(cursor(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/stories/[^/]+/live/?$") {
        # live entries (API)
        set req.http.x-byline-kept = "";
        # page: read by server/live/routes.ts
        if (req.http.x-byline-query ~ "&page(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(page(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/stories/[^/]+/updates/?$") {
        # live updates (API)
        set req.http.x-byline-kept = "";
        # since: read by server/live/routes.ts
        if (req.http.x-byline-query ~ "&since(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(since(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/api/stories/[^/]+/events/?$") {
        # live events (API)
        set req.http.x-byline-kept = "";
        # since: read by server/live/eventRoutes.ts
        if (req.http.x-byline-query ~ "&since(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(since(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/img/[^/]+/[^/]+$") {
        # image variants
        set req.http.x-byline-kept = "";
        # src: read by server/images/routes.ts
        if (req.http.x-byline-query ~ "&src(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(src(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } elsif (req.http.x-byline-path ~ "^/preview/[^/]+$") {
        # WordPress previews
        set req.http.x-byline-kept = "";
        # token: read by server/sources/wordpress/previewRoute.ts
        if (req.http.x-byline-query ~ "&token(=|&|$)") {
            set req.http.x-byline-kept = req.http.x-byline-kept + "&" + regsub(req.http.x-byline-query, "^.*?&(token(=[^&]*)?)(&.*)?$", "\1");
        }
        set req.url = req.http.x-byline-path + regsub(req.http.x-byline-kept, "^&", "?");
        set req.url = std.querysort(req.url);
    } else {
        set req.url = req.http.x-byline-path;
    }
    unset req.http.x-byline-query;
    unset req.http.x-byline-kept;
    unset req.http.x-byline-path;
}
