import { join } from 'node:path';
import { ResumeParser } from './resume-parser';
import { ResumeUnreadableError } from './resume-parsing.errors';
import { cyclicPagesPdf, deeplyNestedPdf, docx, docxFiles, encryptedPdf, pdf, zip } from './testing/resume-fixtures';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function unreadable(promise: Promise<unknown>): Promise<ResumeUnreadableError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ResumeUnreadableError) return error;
    throw error;
  }
  throw new Error('expected ResumeUnreadableError');
}

/** Everything written to stdout/stderr while `run` runs, worker threads included. */
async function output<T>(run: () => Promise<T>): Promise<{ result: T; written: string }> {
  const written: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }),
  );
  try {
    const result = await run();
    // Worker output reaches the main thread asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { result, written: written.join('') };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

describe('ResumeParser', () => {
  const MAX_PAGES = 5;
  let parser: ResumeParser;

  beforeAll(() => {
    parser = new ResumeParser({ poolSize: 2, timeoutMs: 3000, maxPages: MAX_PAGES, maxCharacters: 5000 });
  });

  afterAll(() => parser.onModuleDestroy());

  /** The pool still serves: a normal PDF parses right after. */
  async function expectStillServing(): Promise<void> {
    await expect(parser.parse(pdf(['Still serving']), 'application/pdf')).resolves.toEqual({ text: 'Still serving', pages: 1, truncated: false });
  }

  describe('readable files', () => {
    it('when a two-page PDF arrives, then its text comes back page by page with the page count', async () => {
      const result = await parser.parse(pdf(['Ada Lovelace\nAnalyst, Kubernetes and Go', 'Experience: 5 years of TypeScript']), 'application/pdf');
      expect(result).toEqual({ text: 'Ada Lovelace\nAnalyst, Kubernetes and Go\n\nExperience: 5 years of TypeScript', pages: 2, truncated: false });
    });

    it('when a DOCX arrives, then its paragraphs come back as text', async () => {
      const result = await parser.parse(docx(['Grace Hopper', 'Skills: COBOL, compilers & teaching']), DOCX);
      expect(result).toEqual({ text: 'Grace Hopper\n\nSkills: COBOL, compilers & teaching', truncated: false });
    });

    it.each([
      ['text/plain; charset=utf-8', 'Linus — kernels, Git'],
      ['text/markdown', '# Margaret\n\n- Apollo guidance software'],
    ])('when %s arrives, then the text is returned as is', async (contentType, text) => {
      await expect(parser.parse(Buffer.from(text), contentType)).resolves.toEqual({ text, truncated: false });
    });

    it('when the text is longer than the cap, then it is cut without splitting a surrogate pair and marked truncated', async () => {
      const text = 'a'.repeat(4999) + '😀' + 'b'.repeat(100);
      const result = await parser.parse(Buffer.from(text), 'text/plain');
      expect(result).toEqual({ text: 'a'.repeat(4999), truncated: true });
    });

    it('when a page tree claims far more pages than it holds, then only the pages present are read', async () => {
      const bytes = pdf(['Only page'], { pagesDictionary: '<< /Type /Pages /Kids [3 0 R] /Count 100000 >>' });
      await expect(parser.parse(bytes, 'application/pdf')).resolves.toEqual({ text: 'Only page', pages: 1, truncated: false });
    });

    it('when a PDF holds more text than the cap, then the text is cut at the cap and marked truncated', async () => {
      const page = Array.from({ length: 40 }, (_, index) => `Line ${index} ${'x'.repeat(60)}`).join('\n');
      const result = await parser.parse(pdf([page, page, page]), 'application/pdf');
      expect(result.truncated).toBe(true);
      expect(result.text).toHaveLength(5000);
      expect(result.pages).toBe(3);
    });
  });

  describe('hostile and broken files', () => {
    const original = pdf(['Ada Lovelace', 'Second page']);
    const originalDocx = docx(['Grace Hopper']);
    const cases: Array<[string, () => Buffer, string, string]> = [
      ['a DOCX whose document.xml inflates 1000:1', () => zip([...docxFiles([]).slice(0, 2), { name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) }]), DOCX, 'zip-bomb'],
      ['a DOCX declaring 4 GB uncompressed', () => zip(docxFiles(['x']).map((file) => (file.name === 'word/document.xml' ? { ...file, declaredSize: 0xfffffffe } : file))), DOCX, 'zip-bomb'],
      ['a DOCX with an encrypted entry', () => { const bytes = docx(['x']); bytes.writeUInt16LE(0x801, bytes.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1')) + 8); return bytes; }, DOCX, 'encrypted'],
      ['a password-protected DOCX (OLE compound file)', () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]), DOCX, 'encrypted'],
      ['a truncated DOCX', () => originalDocx.subarray(0, Math.floor(originalDocx.length * 0.7)), DOCX, 'malformed'],
      ['a DOCX whose document.xml is not XML', () => zip([...docxFiles([]).slice(0, 2), { name: 'word/document.xml', data: '<w:document><w:body>' }]), DOCX, 'malformed'],
      ['a PDF whose page tree contains itself', cyclicPagesPdf, 'application/pdf', 'malformed'],
      ['a PDF with arrays nested 100 000 deep', () => deeplyNestedPdf(100_000), 'application/pdf', 'malformed'],
      ['a truncated PDF', () => original.subarray(0, Math.floor(original.length * 0.4)), 'application/pdf', 'malformed'],
      ['a PDF with more pages than allowed', () => pdf(Array.from({ length: MAX_PAGES + 1 }, (_, index) => `Page ${index + 1}`)), 'application/pdf', 'too-many-pages'],
      ['a PDF that needs a password', encryptedPdf, 'application/pdf', 'encrypted'],
      ['a "PDF" that is not one', () => Buffer.from('<html></html>'), 'application/pdf', 'malformed'],
      ['text that is not UTF-8', () => Buffer.from('caf\xe9', 'latin1'), 'text/plain', 'malformed'],
      ['text with NUL bytes', () => Buffer.from('a\0b'), 'text/markdown', 'malformed'],
      ['a file over the byte cap', () => Buffer.alloc(2 * 1024 * 1024 + 1, 0x61), 'text/plain', 'too-large'],
      ['an image', () => Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png', 'unsupported-type'],
    ];

    it.each(cases)('when the file is %s, then ResumeUnreadableError, quickly and quietly, and the pool still serves', async (_name, build, contentType, reason) => {
      const started = performance.now();
      const { result: error, written } = await output(() => unreadable(parser.parse(build(), contentType)));
      expect(error).toMatchObject({ code: 'RECOMMENDATION.RESUME_UNREADABLE', kind: 'invalid', reason, details: { reason } });
      expect(performance.now() - started).toBeLessThan(2500);
      expect(written).toBe('');
      await expectStillServing();
    });
  });

  describe('a parse that hangs', () => {
    let hanging: ResumeParser;

    beforeAll(() => {
      // Threads start on demand, so a deadline also covers a cold thread's start (pdf.js loading): 2 s leaves room on a loaded machine.
      hanging = new ResumeParser({ poolSize: 1, timeoutMs: 2000, workerFilename: join(__dirname, 'testing', 'hanging-parse.worker.mjs') });
    });

    afterAll(() => hanging.onModuleDestroy());

    it('when a parse runs past its deadline, then timeout, its thread is terminated, and the next file parses', async () => {
      await expect(hanging.parse(pdf(['warm up']), 'application/pdf')).resolves.toMatchObject({ text: 'warm up' });
      const started = performance.now();
      const error = await unreadable(hanging.parse(pdf(['HANG']), 'application/pdf'));
      expect(error.reason).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(2500);
      await expect(hanging.parse(pdf(['After the hang']), 'application/pdf')).resolves.toEqual({ text: 'After the hang', pages: 1, truncated: false });

      // A thread left spinning would burn a whole core while the pool sits idle; a terminated one burns nothing.
      const cpu = process.cpuUsage();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { user, system } = process.cpuUsage(cpu);
      expect((user + system) / 1000).toBeLessThan(250);
    }, 20_000);

    it('when the pool has been idle for idleThreadMs, then no thread is left, and the next file starts one', async () => {
      const idle = new ResumeParser({ poolSize: 2, idleThreadMs: 200 });
      try {
        expect(idle.threads).toBe(0);
        await expect(idle.parse(pdf(['First']), 'application/pdf')).resolves.toMatchObject({ text: 'First' });
        expect(idle.threads).toBe(1);
        for (const deadline = Date.now() + 5_000; idle.threads > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(idle.threads).toBe(0);
        await expect(idle.parse(pdf(['Second']), 'application/pdf')).resolves.toMatchObject({ text: 'Second' });
      } finally {
        await idle.onModuleDestroy();
      }
    });

    it('when a parse exhausts its thread\'s heap, then too-large, and the next file parses', async () => {
      // A deadline far away, so the heap limit is what ends it.
      const hogging = new ResumeParser({ poolSize: 1, timeoutMs: 20_000, workerResourceLimits: { maxOldGenerationSizeMb: 48 }, workerFilename: join(__dirname, 'testing', 'hanging-parse.worker.mjs') });
      try {
        const started = performance.now();
        const { result: error, written } = await output(() => unreadable(hogging.parse(pdf(['HOG']), 'application/pdf')));
        expect(error.reason).toBe('too-large');
        expect(written).toBe('');
        expect(performance.now() - started).toBeLessThan(10_000);
        await expect(hogging.parse(pdf(['After the hog']), 'application/pdf')).resolves.toMatchObject({ text: 'After the hog' });
      } finally {
        await hogging.onModuleDestroy();
      }
    });

    it('when files queue behind a hung parse, then their deadline starts when their own parse starts', async () => {
      const hung = unreadable(hanging.parse(pdf(['HANG']), 'application/pdf'));
      const queued = hanging.parse(pdf(['Queued behind']), 'application/pdf');
      expect((await hung).reason).toBe('timeout');
      await expect(queued).resolves.toMatchObject({ text: 'Queued behind' });
    });
  });
});
