/**
 * A JPEG or PNG (a phone photo or a scanned page sent as a picture) → document model: decoded with
 * its EXIF orientation applied (decode.ts, in the OCR child process), recognised by OCR as one page,
 * and laid out by the PDF reader's steps, so the report parser reads it like any other document.
 */
import type { DocumentModel } from '../model/document-model.js';
import type { ReadLimits } from '../model/limits.js';
import { keyedOcrCache, type ReadOptions } from '../model/read-options.js';
import { Rejection } from '../model/rejection.js';
import { decodePictureApart } from '../ocr/engine/ocr-process.js';
import { recognisePageCached } from '../ocr/recognise-page.js';
import { documentFromOcrPages } from '../pdf/reader.js';
import { pictureDpi } from './picture-measure.js';

export const photoNothingFoundMessage =
  '该图片中未能识别出文字（可能是空白页，或照片过于模糊、过暗），请重新拍摄清晰、完整的页面，或报送Word原件、带文字层的PDF。';
const corruptImageMessage = '该图片文件已损坏或不完整，无法读取，请重新报送。';

/** Reads a JPEG or PNG page image. */
export async function readImage(
  bytes: Uint8Array,
  format: 'jpeg' | 'png',
  limits: ReadLimits,
  options: ReadOptions = {},
): Promise<DocumentModel> {
  const cache = keyedOcrCache(options);
  let orientation = 1;
  const record = await recognisePageCached(
    1,
    async () => {
      const picture = await decodePictureApart(bytes);
      if (!picture.ok && picture.reason === 'too-large') {
        const size = picture.width ? `（${picture.width}×${picture.height}像素）` : '';
        throw new Rejection('too-large', `图片尺寸过大${size}，超过5000万像素上限，请缩小后重新报送。`);
      }
      if (!picture.ok) throw new Rejection('corrupt-file', corruptImageMessage);
      orientation = picture.orientation;
      const { width, height, density } = picture;
      return { image: { width, height, data: picture.data }, dpi: pictureDpi(width, height, density) };
    },
    cache,
    options.ocrTurn,
  );
  const model = await documentFromOcrPages(format, [record], limits, photoNothingFoundMessage);
  if (orientation > 1) {
    model.problems.unshift({
      code: 'ocr-read',
      message: '图片按拍摄时记录的方向（EXIF）转正后识别。',
      path: null,
      location: null,
    });
  }
  return model;
}
