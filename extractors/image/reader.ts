/**
 * A JPEG or PNG (a phone photo or a scanned page sent as a picture) → document model: decoded by
 * sharp (libvips) with its EXIF orientation applied, recognised by OCR as one page, and laid out by
 * the PDF reader's steps, so the report parser reads it like any other document.
 */
import sharp from 'sharp';
import type { DocumentModel } from '../model/document-model.js';
import type { ReadLimits } from '../model/limits.js';
import type { ReadOptions } from '../model/read-options.js';
import { Rejection } from '../model/rejection.js';
import { recognisePageCached } from '../ocr/recognise-page.js';
import { documentFromOcrPages } from '../pdf/reader.js';

/** Most pixels decoded: a 50-megapixel photo is more than any phone takes; beyond it is a bomb. */
const MAX_PIXELS = 50_000_000;

/** An A4 page's long side in inches, for a picture that does not say its resolution. */
const A4_LONG_SIDE_INCHES = 842 / 72;

export const photoNothingFoundMessage =
  '该图片中未能识别出文字（可能是空白页，或照片过于模糊、过暗），请重新拍摄清晰、完整的页面，或报送Word原件、带文字层的PDF。';
const corruptImageMessage = '该图片文件已损坏或不完整，无法读取，请重新报送。';

sharp.cache(false);

/** Reads a JPEG or PNG page image. */
export async function readImage(
  bytes: Uint8Array,
  format: 'jpeg' | 'png',
  limits: ReadLimits,
  options: ReadOptions = {},
): Promise<DocumentModel> {
  const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' });
  let metadata: Awaited<ReturnType<typeof input.metadata>>;
  try {
    metadata = await input.metadata();
  } catch (error) {
    throw imageRejection(error);
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PIXELS) {
    throw new Rejection(
      'too-large',
      `图片尺寸过大（${metadata.width}×${metadata.height}像素），超过${MAX_PIXELS / 1_000_000}百万像素上限，请缩小后重新报送。`,
    );
  }
  const cache = options.ocrCache && options.sha256 ? { cache: options.ocrCache, sha256: options.sha256 } : undefined;
  options.onOcrPage?.(1, 1);
  const record = await recognisePageCached(
    1,
    async () => {
      let decoded: { data: Buffer; info: { width: number; height: number } };
      try {
        // rotate() without an angle turns the picture as its EXIF orientation says.
        decoded = await input.rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      } catch (error) {
        throw imageRejection(error);
      }
      const { width, height } = decoded.info;
      const density = metadata.density;
      // A scanner writes its resolution; a phone writes 72 (meaningless): take the page as A4.
      const dpi =
        density !== undefined && density >= 100 && density <= 1200
          ? density
          : Math.max(width, height) / A4_LONG_SIDE_INCHES;
      return {
        image: {
          width,
          height,
          data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length),
        },
        dpi,
      };
    },
    cache,
  );
  const model = await documentFromOcrPages(format, [record], limits, photoNothingFoundMessage);
  if (metadata.orientation !== undefined && metadata.orientation > 1) {
    model.problems.unshift({
      code: 'ocr-read',
      message: '图片按拍摄时记录的方向（EXIF）转正后识别。',
      path: null,
      location: null,
    });
  }
  return model;
}

function imageRejection(error: unknown): Error {
  if (error instanceof Rejection) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new Rejection('too-large', `图片尺寸过大，超过${MAX_PIXELS / 1_000_000}百万像素上限，请缩小后重新报送。`, {
      cause: error,
    });
  }
  return new Rejection('corrupt-file', corruptImageMessage, { cause: error });
}
