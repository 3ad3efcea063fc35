import sharp from 'sharp';

/** A deterministic pseudo-random generator (mulberry32), so demo pictures are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paints an abstract editorial picture (gradient sky, layered hills, a sun) as a JPEG, made locally with
 * sharp: nothing is downloaded.
 */
export async function paintPicture({ seed, width = 1600, height = 900 }: { seed: number; width?: number; height?: number }): Promise<Buffer> {
  const rand = seededRandom(seed);
  const hue = Math.floor(rand() * 360);
  const hsl = (h: number, s: number, l: number) => `hsl(${(h + 360) % 360},${s}%,${l}%)`;
  const hills = Array.from({ length: 4 }, (_, i) => {
    const base = height * (0.5 + i * 0.12);
    const points = Array.from({ length: 9 }, (_, k) => `${(k / 8) * width},${base - rand() * height * 0.18}`);
    return `<polygon points="0,${height} ${points.join(' ')} ${width},${height}" fill="${hsl(hue + 20 * i, 45, 42 - i * 8)}" />`;
  }).join('');
  const sunX = width * (0.2 + rand() * 0.6);
  const sunY = height * (0.18 + rand() * 0.2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${hsl(hue, 60, 78)}"/><stop offset="1" stop-color="${hsl(hue + 40, 55, 58)}"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${sunX}" cy="${sunY}" r="${height * 0.09}" fill="${hsl(hue + 180, 80, 88)}"/>
    ${hills}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
}
