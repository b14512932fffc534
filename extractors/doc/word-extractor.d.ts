/** Types of the word-extractor internals the .doc reader builds on (the package ships no declarations). */
declare module 'word-extractor/lib/word-ole-extractor.js' {
  export interface WordPiece {
    text: string;
    startCp: number;
    endCp: number;
    startFilePos: number;
    bpc: 1 | 2;
    length: number;
  }
  export default class WordOleExtractor {
    _pieces: WordPiece[];
    _boundaries: { ccpText: number };
    extract(reader: unknown): Promise<unknown>;
    writePieces(buffer: Buffer, tableBuffer: Buffer): void;
    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
    normalizeHeaders(buffer: Buffer, tableBuffer: Buffer): void;
    buildDocument(): unknown;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown>;
    documentStream(document: unknown, name: string): Promise<NodeJS.ReadableStream>;
    streamBuffer(stream: NodeJS.ReadableStream): Promise<Buffer>;
  }
}
declare module 'word-extractor/lib/buffer-reader.js' {
  export default class BufferReader {
    constructor(buffer: Buffer);
    open(): Promise<void>;
    close(): Promise<void>;
  }
}
