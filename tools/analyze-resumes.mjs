// `npm run resume:analyze -- --out DIR [--as-of YYYY-MM-DD] FILE...`: analyses resume files with
// the code an upload goes through (edge check, parser pool, extractor) against the seeded catalog,
// and writes DIR/<name>.json in the service's analysis shape. Needs no running services.
//
// A script over dist/ rather than a compiled app entry: the seeded catalog lives in the catalog
// scope, which the recommendation app may not import (scope rules in eslint.config.mjs).
// Exit codes: 0 all written, 1 some file failed (the others are still written), 2 usage.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from './built.mjs';

const usage = 'usage: npm run resume:analyze -- --out DIR [--as-of YYYY-MM-DD] FILE...';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, 'as-of': { type: 'string' } } });
} catch (error) {
  console.error(`resume:analyze: ${error.message}\n${usage}`);
  process.exit(2);
}
const { values: args, positionals: files } = parsed;
if (!args.out || files.length === 0) {
  console.error(usage);
  process.exit(2);
}
// The service reads "Present" as the day of the analysis; so does this, unless told otherwise.
const asOf = args['as-of'] ?? new Date().toISOString().slice(0, 10);

const { seedCatalog, SEED_ALIAS_BLOCKERS } = requireBuilt('libs/catalog/domain/src/index', { quiet: true });
const { analyzeResumeFile, RESUME_FILE_TYPES, ResumeParser, resumeCatalogFrom, resumeContentTypeOf } = requireBuilt('libs/recommendation/feature/src/index', { quiet: true });

// Skills with aliases exactly as the catalog seed creates them (rules applied), plus its blockers.
const seeded = seedCatalog(new Date(0)).skills.map((skill) => ({ skillId: skill.id, name: skill.name, aliases: skill.aliases }));
const catalog = resumeCatalogFrom(seeded, SEED_ALIAS_BLOCKERS);

/** Why a file failed, in one line; never the file's content. */
function reason(error) {
  if (error?.problem) return `refused at upload (${error.problem.status}): ${error.problem.detail ?? error.problem.title}`;
  if (error?.code === 'RECOMMENDATION.RESUME_UNREADABLE') return `unreadable (${error.reason}): ${error.message}`;
  if (error?.code === 'ENOENT' || error?.code === 'EISDIR' || error?.code === 'EACCES') return `cannot read the file (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

const outDir = path.resolve(args.out);
mkdirSync(outDir, { recursive: true });
const parser = new ResumeParser();
const written = new Map();
let failed = 0;
try {
  for (const file of files) {
    try {
      const contentType = resumeContentTypeOf(file);
      if (!contentType) throw new Error(`not a resume file type (${Object.keys(RESUME_FILE_TYPES).join(', ')})`);
      const name = `${path.basename(file, path.extname(file))}.json`;
      // Two inputs with one base name would silently overwrite each other.
      if (written.has(name)) throw new Error(`${name} was already written for ${written.get(name)}`);
      const result = await analyzeResumeFile(parser, readFileSync(file), contentType, catalog, asOf);
      writeFileSync(path.join(outDir, name), `${JSON.stringify(result, null, 2)}\n`);
      written.set(name, file);
      console.log(`${file} → ${path.join(args.out, name)} (${result.skills.filter((skill) => skill.status === 'claimed').length} claimed of ${result.skills.length} skills)`);
    } catch (error) {
      failed += 1;
      console.error(`resume:analyze: ${file}: ${reason(error)}`);
    }
  }
} finally {
  // The pool's threads would keep the process alive.
  await parser.onModuleDestroy();
}
if (failed > 0) {
  console.error(`resume:analyze: ${failed} of ${files.length} files failed`);
  process.exitCode = 1;
}
