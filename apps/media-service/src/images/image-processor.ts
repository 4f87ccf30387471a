import { encode } from 'blurhash';
import type Sharp from 'sharp';
import type { Metadata } from 'sharp';
import { readRetailBarcodes, type RgbaPixels } from './barcode-reader.js';
import { carriesActiveContent, detectImageType, IMAGE_TYPES, type ImageType } from './image-type.js';
import { MediaErrorCode, MediaException } from '../media.errors.js';

/** One stored rendition: WebP, fitted inside a square of `edge` pixels, never enlarged. */
export interface VariantSpec {
  readonly name: 'thumb' | 'medium' | 'original';
  readonly edge: number;
}

export interface ProcessedVariant {
  readonly name: VariantSpec['name'];
  readonly width: number;
  readonly height: number;
  readonly data: Buffer;
}

export interface ProcessedImage {
  readonly sourceType: ImageType;
  readonly width: number;
  readonly height: number;
  readonly blurhash: string;
  readonly variants: readonly ProcessedVariant[];
  /** Retail barcodes (EAN-8, EAN-13, UPC-A) read from the pixels, for pack-photo verification; often none. */
  readonly barcodes: readonly string[];
}

/** Barcodes are read from the oriented pixels fitted inside this square: enough for a pack's bars. */
export const BARCODE_SCAN_EDGE = 2048;

export interface ImageLimits {
  readonly maxPixels: number;
  readonly originalMaxEdge: number;
}

const unsupported = (detail: string): MediaException =>
  new MediaException(MediaErrorCode.UNSUPPORTED_MEDIA_TYPE, detail);

/**
 * Checks an upload and renders its variants: the format comes from the bytes (JPEG, PNG, WebP, AVIF),
 * files carrying markup are refused, the pixel count is read from the header before anything is
 * decoded, and every variant is re-encoded from pixels, so EXIF, GPS and any other metadata are gone.
 */
let sharpLoading: Promise<typeof Sharp> | undefined;
/** sharp (libvips) is loaded with the first image: a media-service that has processed none does not carry it. */
const loadSharp = (): Promise<typeof Sharp> =>
  (sharpLoading ??= import('sharp').then((module) => module.default));

export async function processImage(bytes: Buffer, limits: ImageLimits): Promise<ProcessedImage> {
  const sourceType = detectImageType(bytes);
  if (!sourceType) {
    throw unsupported(`Only ${IMAGE_TYPES.join(', ')} images are accepted; this file is none of them`);
  }
  if (carriesActiveContent(bytes)) {
    throw unsupported('The image also carries markup or script (a polyglot file) and is refused');
  }
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    // Reads the header only: a pixel flood is refused before a single pixel is decoded.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupported(`The file starts like ${sourceType} but cannot be read as one`);
  }
  const { width = 0, height = 0 } = metadata;
  if (width * height > limits.maxPixels) {
    throw new MediaException(
      MediaErrorCode.IMAGE_TOO_LARGE,
      `The image is ${width}×${height} pixels; at most ${limits.maxPixels} pixels are accepted`,
    );
  }
  const expected = sourceType === 'avif' ? 'heif' : sourceType;
  if (metadata.format !== expected || width === 0 || height === 0) {
    throw unsupported(`The file starts like ${sourceType} but decodes as ${metadata.format ?? 'nothing'}`);
  }
  let processed: Omit<ProcessedImage, 'barcodes'>;
  let pixels: RgbaPixels;
  try {
    // Orientation from EXIF is applied to the pixels; the metadata itself is not written out.
    const oriented = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate();
    const specs: VariantSpec[] = [
      { name: 'thumb', edge: 256 },
      { name: 'medium', edge: 1024 },
      { name: 'original', edge: limits.originalMaxEdge },
    ];
    const variants = await Promise.all(
      specs.map(async ({ name, edge }) => {
        const { data, info } = await oriented
          .clone()
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
        return { name, width: info.width, height: info.height, data };
      }),
    );
    const small = await oriented
      .clone()
      .resize({ width: 32, height: 32, fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const blurhash = encode(new Uint8ClampedArray(small.data), small.info.width, small.info.height, 4, 3);
    // Once per image, from the same oriented pixels the variants come from (not from a lossy variant).
    const scan = await oriented
      .clone()
      .resize({
        width: BARCODE_SCAN_EDGE,
        height: BARCODE_SCAN_EDGE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const original = variants.find((variant) => variant.name === 'original')!;
    processed = { sourceType, width: original.width, height: original.height, blurhash, variants };
    pixels = { data: scan.data, width: scan.info.width, height: scan.info.height };
  } catch (error) {
    if (error instanceof MediaException) {
      throw error;
    }
    throw unsupported(`The ${sourceType} image is damaged and cannot be decoded`);
  }
  // Outside the image's own errors: the decoder failing to load is the service's fault, not the upload's.
  return { ...processed, barcodes: await readRetailBarcodes(pixels) };
}
