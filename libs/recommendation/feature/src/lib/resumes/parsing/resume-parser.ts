import { Inject, Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { readZipDirectory, ZipDirectoryError } from '@pathwise/platform/http';
import { dirname, extname, join } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ParseOutcome, ParseTask } from './resume-parse.worker';
import { ResumeUnreadableError } from './resume-parsing.errors';

export interface ResumeParserOptions {
  /** Most worker threads at once, each parsing one file at a time. */
  poolSize?: number;
  /** A thread idle this long is ended: an idle service holds no parser threads (nor their heaps). */
  idleThreadMs?: number;
  /** A parse still running after this is stopped by terminating its thread. */
  timeoutMs?: number;
  maxBytes?: number;
  maxPages?: number;
  /** Extracted text beyond this is cut off and the result marked `truncated`. */
  maxCharacters?: number;
  /** Sum of a DOCX's declared uncompressed sizes. */
  maxUncompressedBytes?: number;
  /** Largest declared uncompressed/compressed ratio of a DOCX part over 1 MiB. */
  maxCompressionRatio?: number;
  /** V8 limits of each worker thread; a thread that reaches them is ended and replaced. */
  workerResourceLimits?: ResourceLimits;
  /** The worker module; tests pass one that misbehaves. */
  workerFilename?: string;
}

export const RESUME_PARSER_OPTIONS = Symbol('RESUME_PARSER_OPTIONS');

export interface ParsedResume {
  text: string;
  pages?: number;
  truncated: boolean;
}

const DEFAULTS = {
  poolSize: 2,
  idleThreadMs: 30_000,
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxPages: 20,
  maxCharacters: 100_000,
  maxUncompressedBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 100,
  // Two threads at their limits stay inside a 256 MiB container beside the service's own heap (docs/benchmarks.md, memory).
  workerResourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 },
} satisfies Required<Omit<ResumeParserOptions, 'workerFilename'>>;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const RATIO_CHECKED_ABOVE = 1024 * 1024;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns an uploaded resume into plain text without letting the file take the service down: PDF
 * and DOCX are parsed in a pool of worker threads with heap limits (started on demand, ended after
 * `idleThreadMs` without work), and a parse that runs past its deadline has its thread terminated. Anything unreadable is a ResumeUnreadableError.
 */
@Injectable()
export class ResumeParser implements OnModuleDestroy {
  private readonly logger = new Logger(ResumeParser.name);
  private readonly settings: Required<Omit<ResumeParserOptions, 'workerFilename'>>;
  private readonly pool: Piscina<ParseTask, ParseOutcome>;
  private readonly cMapDir = join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + '/';
  /** Parses waiting for a thread; kept here so a deadline starts when the parse does, not while queued. */
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(@Optional() @Inject(RESUME_PARSER_OPTIONS) options: ResumeParserOptions = {}) {
    const { workerFilename, ...limits } = options;
    this.settings = { ...DEFAULTS, ...limits };
    const { poolSize, idleThreadMs, workerResourceLimits } = this.settings;
    this.pool = new Piscina<ParseTask, ParseOutcome>({
      // The .ts source under tests (Node strips the types), the compiled .js from dist/.
      filename: workerFilename ?? join(__dirname, `resume-parse.worker${extname(__filename)}`),
      minThreads: 0,
      maxThreads: poolSize,
      concurrentTasksPerWorker: 1,
      idleTimeout: idleThreadMs,
      resourceLimits: workerResourceLimits,
    });
    // Failures outside a task (a thread that cannot start) would otherwise be an unhandled 'error' event.
    this.pool.on('error', (error: unknown) => this.logger.error({ err: error }, 'resume parser thread failed'));
  }

  async parse(bytes: Buffer, contentType: string): Promise<ParsedResume> {
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (bytes.length > this.settings.maxBytes) throw new ResumeUnreadableError('too-large', `${bytes.length} bytes, more than ${this.settings.maxBytes}`);
    switch (mediaType) {
      case 'text/plain':
      case 'text/markdown':
        // Linear in a capped input and library-free: not worth a thread hop.
        return this.parseText(bytes);
      case 'application/pdf':
        if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ResumeUnreadableError('malformed', 'not a PDF');
        return this.inWorker('pdf', bytes);
      case DOCX:
        this.checkDocxArchive(bytes);
        return this.inWorker('docx', bytes);
      default:
        throw new ResumeUnreadableError('unsupported-type', `${mediaType || 'no media type'} is not a resume format`);
    }
  }

  /** Parser threads alive now (0 when idle). */
  get threads(): number {
    return this.pool.threads.length;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  private parseText(bytes: Buffer): ParsedResume {
    let text: string;
    try {
      text = STRICT_UTF8.decode(bytes);
    } catch {
      throw new ResumeUnreadableError('malformed', 'text is not valid UTF-8');
    }
    if (text.includes('\0')) throw new ResumeUnreadableError('malformed', 'text contains NUL bytes');
    const { maxCharacters } = this.settings;
    if (text.length <= maxCharacters) return { text, truncated: false };
    // Never half a surrogate pair.
    const end = /[\uD800-\uDBFF]/.test(text.charAt(maxCharacters - 1)) ? maxCharacters - 1 : maxCharacters;
    return { text: text.slice(0, end), truncated: true };
  }

  /** Decides from the central directory alone, before any byte is inflated. */
  private checkDocxArchive(bytes: Buffer): void {
    if (bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) throw new ResumeUnreadableError('encrypted', 'a password-protected or legacy Word file');
    let entries;
    try {
      entries = readZipDirectory(bytes, 1000);
    } catch (error) {
      if (error instanceof ZipDirectoryError) throw new ResumeUnreadableError('malformed', error.message);
      throw error;
    }
    if (entries.some((entry) => entry.encrypted)) throw new ResumeUnreadableError('encrypted', 'the archive is encrypted');
    if (!entries.some((entry) => entry.name === 'word/document.xml')) throw new ResumeUnreadableError('malformed', 'no word/document.xml');
    const { maxUncompressedBytes, maxCompressionRatio } = this.settings;
    const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    if (total > maxUncompressedBytes) throw new ResumeUnreadableError('zip-bomb', `declares ${total} bytes uncompressed, more than ${maxUncompressedBytes}`);
    const bomb = entries.find((entry) => entry.uncompressedSize > RATIO_CHECKED_ABOVE && entry.uncompressedSize > entry.compressedSize * maxCompressionRatio);
    if (bomb) throw new ResumeUnreadableError('zip-bomb', `${bomb.name} expands more than ${maxCompressionRatio}:1`);
  }

  private async inWorker(kind: ParseTask['kind'], bytes: Buffer): Promise<ParsedResume> {
    await this.acquire();
    const { timeoutMs, maxPages, maxCharacters } = this.settings;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), timeoutMs);
    try {
      const outcome = await this.pool.run({ kind, bytes: new Uint8Array(bytes), maxPages, maxCharacters, cMapDir: this.cMapDir }, { signal: deadline.signal });
      if (!outcome.readable) throw new ResumeUnreadableError(outcome.reason, outcome.detail);
      return outcome.pages === undefined ? { text: outcome.text, truncated: outcome.truncated } : { text: outcome.text, pages: outcome.pages, truncated: outcome.truncated };
    } catch (error) {
      // Piscina terminates the thread of an aborted task and starts a fresh one.
      if (deadline.signal.aborted) throw new ResumeUnreadableError('timeout', `parsing took longer than ${timeoutMs} ms`);
      if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw new ResumeUnreadableError('too-large', 'parsing needed more memory than allowed');
      throw error;
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.settings.poolSize) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot straight to the next waiting parse, if any. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
