/**
 * The live progress display of a batch on a terminal (listr2's default renderer, drawn on stderr so
 * that stdout keeps only the JSON or the table): a bar with the count and the file in hand, the last
 * few messages under it. Every message is printed again, plainly, once the bar is done, so that
 * nothing said during the batch is lost when the live area is redrawn.
 */
import { DefaultRenderer, Listr, ListrLogger, type ListrTaskWrapper, ProcessOutput } from 'listr2';
import { truncate } from './text-table.js';

/** listr2 draws only when stdout is a terminal; this display draws on stderr, which the caller has checked. */
class StderrRenderer extends DefaultRenderer {
  static override nonTTY = true;
}

export interface ProgressDisplay {
  update(done: number, total: number, label: string): void;
  /** A message for the user while the bar is shown. */
  line(text: string): void;
  /** Ends the display and prints the messages; resolves once the terminal is plain again. */
  finish(): Promise<void>;
}

/** Messages shown live under the bar; all of them are printed after it. */
const liveLines = 6;
const barWidth = 20;

function bar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * barWidth);
  return `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ${Math.floor(ratio * 100)}%`;
}

export function startProgressDisplay(stderr: NodeJS.WriteStream): ProgressDisplay {
  type Wrapper = ListrTaskWrapper<unknown, typeof StderrRenderer, typeof StderrRenderer>;
  let wrapper: Wrapper | null = null;
  let title = '正在审核';
  let finished = 0;
  let count = 0;
  const held: string[] = [];
  let plain = false;
  let endTask!: () => void;
  const taskEnded = new Promise<void>((resolve) => {
    endTask = resolve;
  });

  const list = new Listr(
    [
      {
        title,
        task: async (_context, task: Wrapper) => {
          wrapper = task;
          task.title = title;
          for (const text of held) task.output = text;
          await taskEnded;
          task.title = `已处理${finished}个文件`;
        },
        rendererOptions: { outputBar: liveLines, persistentOutput: false },
      },
    ],
    {
      renderer: StderrRenderer,
      rendererOptions: {
        logger: new ListrLogger({ useIcons: true, processOutput: new ProcessOutput(stderr, stderr) }),
        formatOutput: 'truncate',
      },
      exitOnError: false,
      registerSignalListeners: false,
    },
  );
  const running = list.run().then(
    () => {},
    () => {},
  );

  return {
    update(done, total, label) {
      finished = done;
      count = total;
      const width = Math.max(20, (stderr.columns || 80) - 40);
      title = `${bar(done, count)} [${done}/${count}] ${truncate(label, width)}`;
      if (wrapper) wrapper.title = title;
    },
    line(text) {
      if (plain) {
        stderr.write(`${text}\n`);
        return;
      }
      held.push(text);
      if (wrapper) wrapper.output = text;
    },
    async finish() {
      endTask();
      await running;
      plain = true;
      for (const text of held) stderr.write(`${text}\n`);
      held.length = 0;
    },
  };
}

/**
 * What `check`'s progress bar and `watch`'s log say of a file being read by OCR: 「已识别3页：扫描件.pdf」.
 * The counter comes first: the bar cuts a long label at the terminal's width, and a long path would hide it.
 */
export function ocrPageLabel(file: string, pages: number): string {
  return `已识别${pages}页：${file}`;
}
