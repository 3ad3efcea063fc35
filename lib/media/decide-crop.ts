/**
 * The aspect ratios Google asks for in an article's structured data (16:9, 4:3 and 1:1, each at least
 * 1200 px wide when the original allows), as `/media/crop/<aspect>/<key>` serves them. A fixed set, so a
 * URL cannot ask the server for arbitrary work.
 */
export const CROP_ASPECTS = { '16x9': [16, 9], '4x3': [4, 3], '1x1': [1, 1] } as const;
export type CropAspect = keyof typeof CROP_ASPECTS;
export const CROP_WIDTH = 1200;

export function isCropAspect(value: string): value is CropAspect {
  return Object.hasOwn(CROP_ASPECTS, value);
}

/** The size of a crop: 1200 px wide at the aspect, or the original's width when it is narrower (never enlarged). */
export function cropSize(aspect: CropAspect, original: { width: number; height: number }): { width: number; height: number } {
  const [w, h] = CROP_ASPECTS[aspect];
  // The widest crop of that aspect the original holds, then scaled down to CROP_WIDTH.
  const fitWidth = Math.min(original.width, Math.floor((original.height * w) / h));
  const width = Math.max(1, Math.min(CROP_WIDTH, fitWidth));
  return { width, height: Math.max(1, Math.round((width * h) / w)) };
}
