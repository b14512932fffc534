/**
 * Watches a process's OCR children (the processes running ocr-child.js whose parent it is) through /proc
 * (Linux): the most alive at once over the time watched.
 */
import { readdirSync, readFileSync } from 'node:fs';

function ocrChildrenOf(parent: number): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('ocr-child')) count++;
    } catch {
      // The process ended while it was being read.
    }
  }
  return count;
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
