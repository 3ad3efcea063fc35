import { getImageProps, type ImageProps } from 'next/image';

/**
 * A responsive image with the same optimisation as next/image (srcset through the image optimiser,
 * AVIF/WebP, explicit dimensions) rendered as a plain <img> on the server: reader pages ship no image
 * component JavaScript. Pass `preload` for the one image that is the page's LCP.
 */
export function Picture({ preload = false, ...props }: Omit<ImageProps, 'priority' | 'loading'> & { preload?: boolean }) {
  const { props: img } = getImageProps({ ...props, loading: preload ? 'eager' : 'lazy' });
  // eslint-disable-next-line jsx-a11y/alt-text, @next/next/no-img-element -- alt comes from props (required by ImageProps)
  return <img {...img} fetchPriority={preload ? 'high' : undefined} />;
}
