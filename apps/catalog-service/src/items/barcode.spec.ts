import { describe, expect, it } from 'vitest';
import { createValidationPipe } from '@agora/http';
import { barcodeFormat, barcodeForms, gs1CheckDigit, IsBarcode } from './barcode.js';

class Pack {
  @IsBarcode()
  barcode!: string;
}

describe('barcodes', () => {
  it('computes GS1 check digits of the three lengths', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit('9638507')).toBe(4); // EAN-8 96385074
    expect(gs1CheckDigit('03600029145')).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit('460712340001')).toBe(2); // 4607123400012
  });

  it('tells the formats apart and refuses wrong check digits and shapes', () => {
    expect(barcodeFormat('4006381333931')).toBe('EAN-13');
    expect(barcodeFormat('96385074')).toBe('EAN-8');
    expect(barcodeFormat('036000291452')).toBe('UPC-A');
    expect(barcodeFormat('4006381333932')).toBeNull();
    expect(barcodeFormat('036000291453')).toBeNull();
    expect(barcodeFormat('96385075')).toBeNull();
    expect(barcodeFormat('12345678901')).toBeNull();
    expect(barcodeFormat('40063813339３')).toBeNull();
    expect(barcodeFormat(' 4006381333931')).toBeNull();
    expect(barcodeFormat(4006381333931)).toBeNull();
  });

  it('knows a UPC-A and its EAN-13 spelling are one code', () => {
    expect(barcodeForms('036000291452')).toEqual(['036000291452', '0036000291452']);
    expect(barcodeForms('0036000291452')).toEqual(['0036000291452', '036000291452']);
    expect(barcodeForms('4006381333931')).toEqual(['4006381333931']);
  });

  it('answers a field problem through the validation pipe', async () => {
    const pipe = createValidationPipe(Pack);
    await expect(
      pipe.transform({ barcode: '036000291452' }, { type: 'body', metatype: Pack }),
    ).resolves.toBeInstanceOf(Pack);
    const error = await pipe.transform({ barcode: '036000291453' }, { type: 'body', metatype: Pack }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(JSON.stringify(error)).toContain('barcode');
  });
});
