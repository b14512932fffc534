/**
 * Splits a narrative paragraph into sentences (on 。；！？ and line breaks), keeping each sentence's
 * offset in its paragraph so that figures can be located exactly.
 */

export interface SentenceSpan {
  /** The sentence with its closing punctuation, surrounding whitespace removed. */
  readonly text: string;
  /** 0-based offset of `text` in the paragraph. */
  readonly offset: number;
}

// A closing quote or bracket right after the stop belongs to the sentence it closes.
const SENTENCE = /[^。；！？;!?\n]+(?:[。；！？;!?]+[”’」』）)]*)?|[。；！？;!?]+/g;

export function splitSentences(paragraph: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const match of paragraph.matchAll(SENTENCE)) {
    const leading = match[0].length - match[0].trimStart().length;
    const text = match[0].trim();
    // A stop standing alone (「。。」) is not a sentence.
    if (text === '' || /^[。；！？;!?”’」』）)\s]+$/.test(text)) continue;
    sentences.push({ text, offset: match.index + leading });
  }
  return sentences;
}
