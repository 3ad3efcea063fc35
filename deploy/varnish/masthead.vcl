vcl 4.1;
# Varnish 7.1 (Debian: varnish, varnish-modules) in front of Masthead: keeps what Masthead marks public
# for its s-maxage and drops it the moment a change touches it, by surrogate key (vmod xkey).
#
#   varnishd -f /etc/varnish/masthead.vcl -a :80 -s malloc,1g
#
# Each Masthead instance is started with CACHE_PURGE_URL=http://<this varnish>/ and, after every change
# and its own purge, sends `PURGE /` with `Surrogate-Key: content article:… section:…` (the tags of the
# pages that show the change; `content` is on every page, so purging it empties the cache). See
# deploy/README.md; e2e/cluster.spec.ts runs this file in front of nginx and three instances.

import xkey;

# Where Masthead answers: nginx (deploy/nginx/masthead.conf.template), or a single instance.
backend default {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    # Longer than a render may take (scripts/serve.mjs gives up after 30 s).
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

# Who may purge: the Masthead instances. Add their addresses when they run on other hosts.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.Surrogate-Key) {
            return (synth(400, "PURGE needs a Surrogate-Key header"));
        }
        # xkey.purge takes the space-separated list Masthead sends and answers how many objects went.
        set req.http.X-Purged = xkey.purge(req.http.Surrogate-Key);
        return (synth(200, "Purged " + req.http.X-Purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors, a reader's own newsletter pages (token links) and everything that is not a reader page: never from the cache.
    if (req.url ~ "^/(dashboard|login|logout|api|preview|newsletters)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # A signed-in user (Auth.js session cookie, plain or chunked, http or https) sees drafts and the
    # dashboard bar: never a shared page.
    if (req.http.Cookie ~ "(^|;\s*)(__Secure-)?authjs\.session-token(\.[0-9]+)?=") {
        return (pass);
    }
    # Next's client router (RSC payloads, prefetches) and Server Actions.
    if (req.http.RSC || req.http.Next-Router-Prefetch || req.http.Next-Router-State-Tree ||
        req.http.Next-Router-Segment-Prefetch || req.http.Next-Action || req.url ~ "[?&]_rsc=") {
        return (pass);
    }
    # No other cookie changes a reader page: dropped, so every reader shares one copy.
    unset req.http.Cookie;
    # Masthead ignores the query string of reader pages (tracking parameters and the like), except
    # search's and the old ?page=N, which it redirects: one object per page, not one per link shared.
    # Build files and media keep theirs (/_next/image takes its size from it).
    if (req.url ~ "\?" && req.url !~ "^/(_next|media)/" && req.url !~ "^/search(\?|$)" && req.url !~ "[?&]page=") {
        set req.url = regsub(req.url, "\?.*$", "");
    }
    return (hash);
}

sub vcl_backend_response {
    # Only what Masthead marks public (reader pages, build files, media) is kept; the rest (the
    # dashboard, sign-in, redirects without caching headers) passes, remembered for 30 s as such.
    if (beresp.http.Cache-Control !~ "(?i)(^|,)\s*public\s*(,|$)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    # The TTL is Masthead's s-maxage (Varnish prefers it to max-age, which is 0 for browsers).
    # Surrogate keys for xkey: one per tag of what the page shows.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Served a little past its TTL while a fresh copy is fetched; a purge drops it at once regardless.
    set beresp.grace = 10s;
    # Then the built-in rules: a response that sets a cookie, or says private/no-store, is not kept.
}

sub vcl_deliver {
    # HIT / MISS / PASS for this cache (X-Cache is the origin's own memory cache).
    if (obj.uncacheable) {
        set resp.http.X-Shared-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Shared-Cache = "HIT";
    } else {
        set resp.http.X-Shared-Cache = "MISS";
    }
    unset resp.http.xkey;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (req.http.X-Purged) {
            set resp.http.X-Purged = req.http.X-Purged;
        }
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
