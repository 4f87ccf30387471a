import { MAX_DECODED_BARCODES } from '@agora/contracts';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** RGBA pixels, four bytes each, row by row. */
export interface RgbaPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

type ZXingReader = typeof import('zxing-wasm/reader');

let readerLoading: Promise<ZXingReader> | undefined;

/**
 * ZXing-C++ compiled to WebAssembly (`zxing-wasm`), loaded with the first image: the `.wasm` is read from the
 * package in node_modules and handed to the module, which would otherwise fetch it from a CDN.
 */
function loadReader(): Promise<ZXingReader> {
  readerLoading ??= (async () => {
    const reader = await import('zxing-wasm/reader');
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasmBinary = await readFile(wasmPath);
    await reader.prepareZXingModule({
      overrides: {
        wasmBinary: wasmBinary.buffer.slice(
          wasmBinary.byteOffset,
          wasmBinary.byteOffset + wasmBinary.byteLength,
        ),
      },
      fireImmediately: true,
    });
    return reader;
  })().catch((error: unknown) => {
    readerLoading = undefined;
    throw error;
  });
  return readerLoading;
}

/**
 * The retail barcodes (EAN-8, EAN-13, UPC-A) ZXing finds in the pixels, as digits with their check digit, each
 * once, in the order found; at most {@link MAX_DECODED_BARCODES}. Only codes whose check digit is right count.
 */
export async function readRetailBarcodes(pixels: RgbaPixels): Promise<string[]> {
  const reader = await loadReader();
  const results = await reader.readBarcodes(
    {
      data: new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength),
      width: pixels.width,
      height: pixels.height,
      colorSpace: 'srgb',
    },
    { formats: ['EAN13', 'EAN8', 'UPCA'], tryHarder: true, maxNumberOfSymbols: MAX_DECODED_BARCODES },
  );
  const codes = results
    .filter((result) => result.isValid && /^(\d{8}|\d{12,13})$/.test(result.text))
    .map((result) => result.text);
  return [...new Set(codes)].slice(0, MAX_DECODED_BARCODES);
}
