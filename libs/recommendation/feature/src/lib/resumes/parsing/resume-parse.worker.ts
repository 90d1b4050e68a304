// Runs inside a worker thread. Node loads this file as it is under tests (type stripping) and as
// compiled JavaScript from dist/, so it uses erasable TypeScript only and imports packages and
// node: builtins, never workspace aliases or sibling .ts files.
import mammoth from 'mammoth';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
// Loaded with the thread rather than on the first PDF: pdf.js then finds its parser on globalThis
// and keeps the whole parse in this thread.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

export interface ParseTask {
  kind: 'pdf' | 'docx';
  bytes: Uint8Array;
  maxPages: number;
  maxCharacters: number;
  /** pdf.js character maps, a directory read from disk (CJK text needs them; nothing is fetched). */
  cMapDir: string;
}

export type ParseOutcome =
  | { readable: true; text: string; pages?: number; truncated: boolean }
  | { readable: false; reason: 'malformed' | 'encrypted' | 'too-many-pages'; detail: string };

export default async function parseResume(task: ParseTask): Promise<ParseOutcome> {
  try {
    return task.kind === 'pdf' ? await parsePdf(task) : await parseDocx(task);
  } catch (error) {
    // Library errors become a reason; anything thrown past here is a crash of the thread itself.
    const name = (error as { name?: unknown }).name;
    if (name === 'PasswordException') return { readable: false, reason: 'encrypted', detail: 'The PDF needs a password.' };
    return { readable: false, reason: 'malformed', detail: describe(error) };
  }
}

async function parsePdf(task: ParseTask): Promise<ParseOutcome> {
  const loading = getDocument({
    // pdf.js 6 compiles no code from the file (the isEvalSupported switch is gone with eval).
    data: task.bytes,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    enableXfa: false,
    stopAtErrors: true,
    cMapUrl: task.cMapDir,
    cMapPacked: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  const document = await loading.promise;
  try {
    if (document.numPages > task.maxPages) {
      return { readable: false, reason: 'too-many-pages', detail: `The PDF has ${document.numPages} pages; at most ${task.maxPages} are read.` };
    }
    let text = '';
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      text += '\n\n';
      page.cleanup();
      if (text.length > task.maxCharacters) return { readable: true, text: cut(text, task.maxCharacters), pages: document.numPages, truncated: true };
    }
    return { readable: true, text: text.trim(), pages: document.numPages, truncated: false };
  } finally {
    await loading.destroy();
  }
}

async function parseDocx(task: ParseTask): Promise<ParseOutcome> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength) });
  const text = value.trim();
  return text.length > task.maxCharacters ? { readable: true, text: cut(text, task.maxCharacters), truncated: true } : { readable: true, text, truncated: false };
}

/** At most `max` UTF-16 units, never half a surrogate pair. */
function cut(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? message.slice(0, 200) + '…' : message;
}
