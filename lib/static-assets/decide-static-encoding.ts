/** Whether a request for a build asset should get the brotli copy: a .js or .css asset and a browser that accepts br. */
export function wantsBrotliAsset(pathname: string, acceptEncoding: string | null): boolean {
  if (!pathname.startsWith('/_next/static/') || !/\.(js|css)$/.test(pathname)) return false;
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'br') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}
