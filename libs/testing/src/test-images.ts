import sharp from 'sharp';

/** A photo with a camera make and GPS position in its EXIF, as phones write them. */
export function photoWithGps(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } })
    .composite([
      {
        input: {
          create: { width: width / 2, height: height / 2, channels: 3, background: { r: 20, g: 60, b: 140 } },
        },
        left: 0,
        top: 0,
      },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'AgoraCam', Model: 'Leaky 1', Copyright: 'Anna Secret' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '55/1 45/1 2100/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '37/1 37/1 0/1',
      },
    })
    .toBuffer();
}

export function png(width: number, height: number, shade = 90): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: shade, g: 200, b: 90, alpha: 1 } } })
    .png()
    .toBuffer();
}

/** Random pixels compress badly: a large stored size from a small picture. */
export function noise(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index += 1) {
    pixels[index] = Math.floor(Math.random() * 256);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A pixel flood: a valid PNG header declaring 20000×20000 pixels, in a few dozen bytes. */
export function pixelFlood(width = 20_000, height = 20_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Uploads an image to media-service's `POST /media` as a browser would (multipart, field `file`). */
export async function uploadImage<T = Record<string, unknown>>(
  mediaUrl: string,
  token: string,
  bytes: Buffer,
  fileName = 'photo.png',
  contentType = 'image/png',
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: contentType }), fileName);
  const response = await fetch(`${mediaUrl}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** EAN digit patterns (1 = a dark module): the L set; G is L inverted and mirrored, R is L inverted. */
const EAN_L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const invert = (modules: string): string => [...modules].map((bit) => (bit === '1' ? '0' : '1')).join('');
const EAN_G = EAN_L.map((modules) => [...invert(modules)].reverse().join(''));
const EAN_R = EAN_L.map(invert);
/** The L/G sets of an EAN-13's left half, chosen by its first digit (which has no bars of its own). */
const EAN13_PARITY = [
  'LLLLLL',
  'LLGLGG',
  'LLGGLG',
  'LLGGGL',
  'LGLLGG',
  'LGGLLG',
  'LGGGLL',
  'LGLGLG',
  'LGLGGL',
  'LGGLGL',
];

/** The modules (bars and spaces, 1 = bar) of an EAN-13 (13 digits) or EAN-8 (8 digits), guards included. */
export function eanModules(code: string): string {
  const digits = [...code].map(Number);
  if (code.length === 13) {
    const parity = EAN13_PARITY[digits[0]];
    const left = digits.slice(1, 7).map((digit, index) => (parity[index] === 'L' ? EAN_L : EAN_G)[digit]);
    const right = digits.slice(7).map((digit) => EAN_R[digit]);
    return `101${left.join('')}01010${right.join('')}101`;
  }
  if (code.length === 8) {
    const left = digits.slice(0, 4).map((digit) => EAN_L[digit]);
    const right = digits.slice(4).map((digit) => EAN_R[digit]);
    return `101${left.join('')}01010${right.join('')}101`;
  }
  throw new Error(`eanModules draws EAN-13 and EAN-8 codes, not ${code}`);
}

/**
 * A photo of a coffee pack: a kraft-coloured bag with a white label whose EAN barcode is drawn module by
 * module into raw pixels, then encoded as PNG or JPEG by sharp (what media-service decodes uploads with).
 * Without a code: the same pack and label, no bars.
 */
export async function packPhoto(
  code: string | null,
  options: { readonly format?: 'png' | 'jpeg'; readonly width?: number; readonly height?: number } = {},
): Promise<Buffer> {
  const { format = 'png', width = 900, height = 700 } = options;
  const pixels = Buffer.alloc(width * height * 3);
  const paint = (x0: number, y0: number, x1: number, y1: number, rgb: readonly [number, number, number]) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y += 1) {
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x += 1) {
        pixels.set(rgb, (y * width + x) * 3);
      }
    }
  };
  paint(0, 0, width, height, [176, 138, 96]); // the kraft bag
  const module = 3;
  const quiet = 12;
  const labelWidth = (95 + 2 * quiet) * module;
  const labelLeft = Math.floor((width - labelWidth) / 2);
  const labelTop = Math.floor(height / 2) - 40;
  paint(labelLeft, labelTop, labelLeft + labelWidth, labelTop + 160, [250, 250, 246]); // the white label
  if (code !== null) {
    const modules = eanModules(code);
    for (let index = 0; index < modules.length; index += 1) {
      if (modules[index] === '1') {
        const x = labelLeft + (quiet + index) * module;
        paint(x, labelTop + 15, x + module, labelTop + 145, [20, 20, 20]);
      }
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 88 }).toBuffer();
}
