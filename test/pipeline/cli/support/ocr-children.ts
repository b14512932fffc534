/**
 * Watches a process's OCR children (the processes below it running ocr-child.js) through /proc
 * (Linux): the most alive at once over the time watched.
 */
import { readFileSync } from 'node:fs';
import { descendants } from '../../../../bench/proc-tree.js';

function ocrChildrenOf(parent: number): number {
  return descendants(parent).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ocr-child');
    } catch {
      // The process ended while it was being read.
      return false;
    }
  }).length;
}

/** Samples every `everyMs` until `stop`, which returns the most OCR children of `parent` seen at once. */
export function watchOcrChildren(parent: number, everyMs = 50): { stop(): number } {
  let most = 0;
  const timer = setInterval(() => {
    most = Math.max(most, ocrChildrenOf(parent));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return most;
    },
  };
}
