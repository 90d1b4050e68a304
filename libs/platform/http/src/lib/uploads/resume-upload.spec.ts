import { Body, Controller, Headers, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp, PROBLEM_CONTENT_TYPE, ProblemException } from '../../index';
import { checkResumeUpload, readZipDirectory, registerResumeBodyParsers, RESUME_MAX_BYTES, ZipDirectoryError } from './resume-upload';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A stored (uncompressed) ZIP with the given files: enough to exercise the directory reader. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

const docx = () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });

function problemOf(run: () => void): ProblemException {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a ProblemException');
}

describe('checkResumeUpload', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'application/pdf'],
    ['a DOCX', docx(), DOCX],
    ['UTF-8 text with a charset parameter', Buffer.from('Ada Lovelace — analyst'), 'text/plain; charset=UTF-8'],
    ['Markdown', Buffer.from('# Ada\n\n- Kubernetes'), 'text/markdown'],
    ['a media type in capitals', Buffer.from('%PDF-1.4'), 'Application/PDF'],
  ])('when the upload is %s, then it passes', (_name, bytes, contentType) => {
    expect(() => checkResumeUpload(bytes, contentType)).not.toThrow();
  });

  it.each([
    ['image/png', 'image/png'],
    ['an empty content type', ''],
    ['text in another charset', 'text/plain; charset=iso-8859-1'],
  ])('when the media type is %s, then 415 problem+json names the accepted types', (_name, contentType) => {
    const { problem, headers } = problemOf(() => checkResumeUpload(Buffer.from('hello'), contentType));
    expect(problem).toMatchObject({ status: 415, type: 'https://pathwise.dev/problems/unsupported-media-type', title: 'Unsupported Media Type' });
    expect(headers['accept']).toContain('application/pdf');
  });

  it('when the file is over the cap, then 413, before any content check', () => {
    const bytes = Buffer.alloc(RESUME_MAX_BYTES + 1, 0);
    expect(problemOf(() => checkResumeUpload(bytes, 'application/pdf')).problem).toMatchObject({ status: 413 });
  });

  it('when the file is exactly at the cap, then it passes', () => {
    const bytes = Buffer.alloc(RESUME_MAX_BYTES, 0x20);
    bytes.write('%PDF-1.7');
    expect(() => checkResumeUpload(bytes, 'application/pdf')).not.toThrow();
  });

  const truncatedDocx = docx().subarray(0, 60);
  const zip64 = docx();
  zip64.writeUInt16LE(0xffff, zip64.length - 12);
  zip64.writeUInt16LE(0xffff, zip64.length - 14);
  it.each([
    ['an empty file', Buffer.alloc(0), 'application/pdf', /empty/],
    ['a "PDF" that is HTML', Buffer.from('<html>%PDF-</html>'), 'application/pdf', /%PDF-/],
    ['a "DOCX" that is a PDF', Buffer.from('%PDF-1.7'), DOCX, /not a readable ZIP/],
    ['a ZIP without word/document.xml', zip({ 'xl/workbook.xml': '<workbook/>' }), DOCX, /no word\/document\.xml/],
    ['a truncated DOCX', truncatedDocx, DOCX, /not a readable ZIP/],
    ['a DOCX declaring ZIP64', zip64, DOCX, /ZIP64/],
    ['a password-protected (compound file) DOCX', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]), DOCX, /password-protected/],
    ['text that is Latin-1', Buffer.from('caf\xe9', 'latin1'), 'text/plain', /not valid UTF-8/],
    ['text with an overlong UTF-8 encoding', Buffer.from([0x41, 0xc0, 0xaf]), 'text/markdown', /not valid UTF-8/],
    ['text with a NUL byte', Buffer.from('Ada\0Lovelace'), 'text/plain', /NUL/],
  ])('when the upload is %s, then 422 upload-content-mismatch with a clear detail', (_name, bytes, contentType, detail) => {
    const { problem } = problemOf(() => checkResumeUpload(bytes, contentType));
    expect(problem).toMatchObject({ status: 422, type: 'https://pathwise.dev/problems/upload-content-mismatch' });
    expect(problem.detail).toMatch(detail);
  });
});

describe('readZipDirectory', () => {
  it('when the archive is well formed, then it lists every file with its declared sizes', () => {
    expect(readZipDirectory(zip({ 'a.txt': 'abc', 'word/document.xml': '<x/>' }))).toEqual([
      { name: 'a.txt', method: 0, encrypted: false, compressedSize: 3, uncompressedSize: 3 },
      { name: 'word/document.xml', method: 0, encrypted: false, compressedSize: 4, uncompressedSize: 4 },
    ]);
  });

  it('when an archive has a comment that contains an EOCD signature, then the real record is found', () => {
    const archive = zip({ 'a.txt': 'abc' });
    const comment = Buffer.from('PK\x05\x06 not a record', 'latin1');
    archive.writeUInt16LE(comment.length, archive.length - 2);
    expect(readZipDirectory(Buffer.concat([archive, comment]))).toHaveLength(1);
  });

  it.each([
    ['more files than allowed', zip({ a: '1', b: '2', c: '3' }), 2, /more than 2/],
    ['a central directory pointing past the end', (() => { const z = zip({ a: '1' }); z.writeUInt32LE(0xfffff, z.length - 6); return z; })(), 10, /outside/],
    ['a corrupt directory record', (() => { const z = zip({ a: '1' }); z.writeUInt32LE(0, 31 + 1); return z; })(), 10, /truncated or corrupt/],
    ['bytes shorter than an EOCD', Buffer.from('PK'), 10, /no ZIP end/],
  ])('when given %s, then ZipDirectoryError', (_name, bytes, maxEntries, message) => {
    expect(() => readZipDirectory(bytes, maxEntries)).toThrow(ZipDirectoryError);
    expect(() => readZipDirectory(bytes, maxEntries)).toThrow(message);
  });
});

@Controller('probe')
class UploadProbeController {
  @Post('resume')
  @HttpCode(200)
  upload(@Body() body: unknown, @Headers('content-type') contentType: string) {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    checkResumeUpload(bytes, contentType);
    return { bytes: bytes.length };
  }
}

@Module({ imports: [ObservabilityModule.forRoot({ service: 'probe', logLevel: 'silent', readiness: [] })], controllers: [UploadProbeController] })
class UploadProbeModule {}

describe('registerResumeBodyParsers on an app from createHttpApp', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    // A global limit below the resume cap: the resume parsers' own limit must apply.
    app = await createHttpApp(UploadProbeModule, { bodyLimit: 1024 * 1024 });
    registerResumeBodyParsers(app.getHttpAdapter().getInstance());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpAdapter().getInstance().server.address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  it('when a 1.5 MB PDF arrives, then the route gets it as a Buffer', async () => {
    const payload = Buffer.alloc(1.5 * 1024 * 1024, 0x20);
    payload.write('%PDF-1.7');
    const response = await app.inject({ method: 'POST', url: '/probe/resume', headers: { 'content-type': 'application/pdf' }, payload });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ bytes: payload.length });
  });

  it('when text/plain arrives, then the route gets the raw bytes and the UTF-8 check applies', async () => {
    const response = await app.inject({ method: 'POST', url: '/probe/resume', headers: { 'content-type': 'text/plain' }, payload: Buffer.from('caf\xe9', 'latin1') });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
  });

  it('when a 20 MB upload is announced, then 413 problem+json comes back before the body is sent', async () => {
    const started = performance.now();
    const { status, contentType, body, bytesSent } = await new Promise<{ status: number; contentType: string; body: string; bytesSent: number }>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/probe/resume', headers: { 'content-type': 'application/pdf', 'content-length': String(20 * 1024 * 1024) } });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body: text, bytesSent: request.socket?.bytesWritten ?? 0 });
          request.destroy();
        });
      });
      request.on('error', reject);
      // Only the first 64 KiB; the rest is never written.
      request.write(Buffer.alloc(64 * 1024));
    });
    expect(status).toBe(413);
    expect(contentType).toBe(PROBLEM_CONTENT_TYPE);
    expect(JSON.parse(body)).toMatchObject({ status: 413, title: 'Payload Too Large' });
    expect(bytesSent).toBeLessThan(1024 * 1024);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('when a chunked upload without Content-Length passes the cap, then 413 problem+json', async () => {
    const { Readable } = await import('node:stream');
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, 0x20));
    const response = await app.inject({ method: 'POST', url: '/probe/resume', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }, payload: Readable.from(chunks) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ status: 413 });
  });

  it('when the media type has no parser, then 415 problem+json', async () => {
    const response = await app.inject({ method: 'POST', url: '/probe/resume', headers: { 'content-type': 'image/png' }, payload: Buffer.from([0x89, 0x50]) });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
  });
});
