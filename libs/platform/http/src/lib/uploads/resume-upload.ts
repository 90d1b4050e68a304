import type { FastifyInstance } from 'fastify';
import { ProblemException, problemType } from '../problem-details';
import { readZipDirectory, ZipDirectoryError } from './zip-directory';

export { readZipDirectory, ZipDirectoryError, type ZipEntry } from './zip-directory';

/** Largest resume accepted, in bytes. */
export const RESUME_MAX_BYTES = 2 * 1024 * 1024;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Media types a resume may be uploaded as. */
export const RESUME_CONTENT_TYPES = ['application/pdf', DOCX, 'text/plain', 'text/markdown'] as const;

export type ResumeContentType = (typeof RESUME_CONTENT_TYPES)[number];

// OLE compound file: legacy .doc, and what Office writes for a password-protected DOCX.
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Edge checks on an uploaded resume before anything parses it: an accepted media type (415), the
 * size cap (413), and bytes that are what the media type says (422). Throws a ProblemException.
 * `contentType` may carry parameters; text must be UTF-8.
 */
export function checkResumeUpload(bytes: Buffer, contentType: string): void {
  const mediaType = acceptedMediaType(contentType);
  if (bytes.length > RESUME_MAX_BYTES) {
    throw new ProblemException({ status: 413, detail: `A resume is at most ${RESUME_MAX_BYTES / (1024 * 1024)} MB; this one is ${bytes.length} bytes.` });
  }
  const mismatch = bytes.length === 0 ? 'The file is empty.' : mismatchOf(bytes, mediaType);
  if (mismatch !== undefined) {
    throw new ProblemException({ type: problemType('upload-content-mismatch'), status: 422, title: 'Upload content does not match its media type', detail: mismatch });
  }
}

/**
 * Parses the four resume media types into raw Buffers with their own body limit, so a larger
 * upload is refused with 413 from its Content-Length (or as soon as the stream passes the limit)
 * without being read. Fastify's error reaches the problem-details filter like any other error.
 * Applies to every route of `fastify`, replacing its default `text/plain` string parser; a route's
 * own `bodyLimit`, when set, still wins.
 */
export function registerResumeBodyParsers(fastify: Pick<FastifyInstance, 'addContentTypeParser' | 'hasContentTypeParser' | 'removeContentTypeParser'>): void {
  for (const type of RESUME_CONTENT_TYPES) {
    if (fastify.hasContentTypeParser(type)) fastify.removeContentTypeParser(type);
  }
  fastify.addContentTypeParser([...RESUME_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: RESUME_MAX_BYTES }, (_request, body, done) => done(null, body));
}

function acceptedMediaType(contentType: string): ResumeContentType {
  const [type = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const accepted = RESUME_CONTENT_TYPES.find((candidate) => candidate === type);
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  // RFC 9110 §15.5.16: Accept in a 415 says which request media types would have been taken.
  const accept = { accept: RESUME_CONTENT_TYPES.join(', ') };
  if (accepted === undefined) {
    throw new ProblemException({ type: problemType('unsupported-media-type'), status: 415, detail: `A resume must be one of ${RESUME_CONTENT_TYPES.join(', ')}.` }, accept);
  }
  if (charset !== undefined && accepted.startsWith('text/') && charset !== 'utf-8' && charset !== 'us-ascii') {
    throw new ProblemException({ type: problemType('unsupported-media-type'), status: 415, detail: `Text resumes must be UTF-8, not ${charset}.` }, accept);
  }
  return accepted;
}

function mismatchOf(bytes: Buffer, mediaType: ResumeContentType): string | undefined {
  switch (mediaType) {
    case 'application/pdf':
      // ISO 32000-1 §7.5.2: the file begins with the header %PDF-n.m.
      return bytes.subarray(0, 5).toString('latin1') === '%PDF-' ? undefined : 'Declared as PDF but does not start with %PDF-.';
    case DOCX:
      return docxMismatch(bytes);
    case 'text/plain':
    case 'text/markdown':
      return textMismatch(bytes);
  }
}

function docxMismatch(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, COMPOUND_FILE.length).equals(COMPOUND_FILE)) {
    return 'Declared as DOCX but is an older Word file or a password-protected one; save it as an unprotected .docx.';
  }
  try {
    const entries = readZipDirectory(bytes);
    return entries.some((entry) => entry.name === 'word/document.xml') ? undefined : 'Declared as DOCX but the archive has no word/document.xml.';
  } catch (error) {
    if (error instanceof ZipDirectoryError) return `Declared as DOCX but is not a readable ZIP archive: ${error.message}.`;
    throw error;
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function textMismatch(bytes: Buffer): string | undefined {
  try {
    STRICT_UTF8.decode(bytes);
  } catch {
    return 'Declared as text but is not valid UTF-8.';
  }
  return bytes.includes(0) ? 'Declared as text but contains NUL bytes.' : undefined;
}
