// bench/resume: runs the resume skill extractor (built, pure) over the labelled resumes with the
// seed catalog's skills and aliases, and scores it against the labels through
// bench/resume/label-mapping.json. Writes bench/results/resume-extraction.json and prints a table.
// Usage: node bench/resume/evaluate.mjs [--dataset ../shared/datasets/resumes-dev] [--as-of 2026-11-21] [--runs 20]
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt, root } from '../../tools/built.mjs';
import { machine, percentile } from '../lib.mjs';

const { values: args } = parseArgs({
  options: { dataset: { type: 'string', default: '../shared/datasets/resumes-dev' }, 'as-of': { type: 'string', default: '2026-11-21' }, runs: { type: 'string', default: '20' } },
});
const datasetDir = path.resolve(root, args.dataset);
const cvDir = path.join(datasetDir, 'cvs');
if (!existsSync(cvDir)) {
  console.error(`bench/resume: no resumes at ${cvDir}; pass --dataset <dir holding cvs/*.xml>`);
  process.exit(1);
}
const RUNS = Number(args.runs);
const TARGET_P99_MS = 20;

const { extractSkills } = requireBuilt('libs/recommendation/domain/src/index');
const { seedCatalog, SEED_SKILL_ALIASES, SEED_ALIAS_RULES, SEED_ALIAS_BLOCKERS } = requireBuilt('libs/catalog/domain/src/index');
const mapping = JSON.parse(readFileSync(path.join(root, 'bench/resume/label-mapping.json'), 'utf8'));

const seedSkills = seedCatalog(new Date('2026-01-01T00:00:00Z')).skills;
const catalog = {
  catalogVersion: 'seed',
  skills: seedSkills.map((skill) => ({
    skillId: skill.id,
    name: skill.name,
    aliases: (SEED_SKILL_ALIASES[skill.id] ?? []).map((text) => ({ text, ...SEED_ALIAS_RULES[text] })),
  })),
  blockers: SEED_ALIAS_BLOCKERS,
};

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s) =>
  s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (ENTITIES[name] ?? whole),
  );
const resumeText = (xml) => unescape(xml.replace(/^<\?xml[^>]*\?>\s*/, '').replace(/<\/?(?:cv|label)\b[^>]*>/g, ''));
const labels = (xml) => [...xml.matchAll(/<label type="([^"]+)">([\s\S]*?)<\/label>/g)].map(([, type, span]) => ({ type, text: unescape(span) }));

/** The mapping's key for a labelled span: lower case, single spaces, no trailing version or "(…)". */
const spanKey = (text) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*\([^)]*\)$/, '')
    .replace(/\s*v?\d+(?:\.\d+)*(?:\.x|[a-z])?$/, '')
    .trim();
const spanToSkills = new Map();
for (const [skillId, spans] of Object.entries(mapping.skills)) {
  for (const span of spans) spanToSkills.set(span, [...(spanToSkills.get(span) ?? []), skillId]);
}
const itDesignation = new RegExp(mapping.itResume.designationPattern, 'i');

const resumes = readdirSync(cvDir)
  .filter((name) => name.endsWith('.xml'))
  .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b))
  .map((file) => {
    const xml = readFileSync(path.join(cvDir, file), 'utf8');
    const spans = labels(xml);
    const gold = new Set(spans.filter((s) => mapping.labelTypes.includes(s.type)).flatMap((s) => spanToSkills.get(spanKey(s.text)) ?? []));
    const designations = spans.filter((s) => s.type === 'Designation').map((s) => s.text);
    return { file, text: resumeText(xml), gold, it: designations.some((d) => itDesignation.test(d)) };
  });

// Warm-up, then timed runs per resume (text in hand: parsing XML is not the extractor's cost).
for (const resume of resumes) extractSkills(resume.text, catalog, { asOf: args['as-of'] });
const timings = [];
const rows = [];
for (const resume of resumes) {
  let result;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    result = extractSkills(resume.text, catalog, { asOf: args['as-of'] });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  timings.push(percentile(times, 50));
  const predicted = new Set(result.skills.filter((s) => s.status === 'claimed').map((s) => s.skillId));
  const tp = [...predicted].filter((id) => resume.gold.has(id));
  rows.push({
    file: resume.file,
    it: resume.it,
    chars: resume.text.length,
    tp: tp.length,
    fp: predicted.size - tp.length,
    fn: resume.gold.size - tp.length,
    falsePositives: [...predicted].filter((id) => !resume.gold.has(id)).sort(),
    missed: [...resume.gold].filter((id) => !predicted.has(id)).sort(),
    notClaimed: result.skills.filter((s) => s.status !== 'claimed').map((s) => `${s.skillId}:${s.status}`),
    ms: Math.round(percentile(times, 50) * 1000) / 1000,
  });
}

const ratio = (a, b) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
const f1 = (p, r) => (p === null || r === null || p + r === 0 ? null : Math.round(((2 * p * r) / (p + r)) * 1000) / 1000);
function scores(subset) {
  const sum = (key) => subset.reduce((total, row) => total + row[key], 0);
  const [tp, fp, fn] = [sum('tp'), sum('fp'), sum('fn')];
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const per = subset.map((row) => ({ p: ratio(row.tp, row.tp + row.fp), r: ratio(row.tp, row.tp + row.fn) }));
  const mean = (values) => (values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000);
  const macroP = mean(per.map((x) => x.p).filter((x) => x !== null));
  const macroR = mean(per.map((x) => x.r).filter((x) => x !== null));
  return { resumes: subset.length, tp, fp, fn, micro: { precision, recall, f1: f1(precision, recall) }, macro: { precision: macroP, recall: macroR, f1: f1(macroP, macroR) } };
}
const nonIt = rows.filter((row) => !row.it);
const sortedTimings = [...timings].sort((a, b) => a - b);
const ms = (v) => Math.round(v * 1000) / 1000;
const twoPage = rows.filter((row) => row.chars >= 4000 && row.chars <= 9000).map((row) => row.ms).sort((a, b) => a - b);
const result = {
  bench: 'resume-extraction',
  at: new Date().toISOString(),
  machine: machine(),
  dataset: path.relative(root, datasetDir),
  asOf: args['as-of'],
  runsPerResume: RUNS,
  labelMapping: 'bench/resume/label-mapping.json',
  overall: scores(rows),
  it: scores(rows.filter((row) => row.it)),
  nonIt: { ...scores(nonIt), withAnyFalsePositive: nonIt.filter((row) => row.fp > 0).length, falsePositivesPerResume: ratio(nonIt.reduce((t, r) => t + r.fp, 0), nonIt.length) },
  timeMsPerResume: { p50: ms(percentile(sortedTimings, 50)), p99: ms(percentile(sortedTimings, 99)), max: ms(sortedTimings.at(-1)), twoPageP99: ms(percentile(twoPage, 99)), twoPageResumes: twoPage.length, target: { p99: TARGET_P99_MS } },
  resumes: rows,
};
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, 'bench/results/resume-extraction.json'), `${JSON.stringify(result, null, 2)}\n`);

const cell = (v) => (v === null ? '–' : v.toFixed(3));
const line = (name, s) => `| ${name} | ${s.resumes} | ${cell(s.micro.precision)} | ${cell(s.micro.recall)} | ${cell(s.micro.f1)} | ${cell(s.macro.precision)} | ${cell(s.macro.recall)} | ${cell(s.macro.f1)} |`;
console.log(
  [
    `Resume skill extraction — ${result.resumes.length} labelled resumes, asOf ${result.asOf}, ${result.machine.cpuModel}, Node ${result.machine.node}`,
    '',
    '| Resumes | n | Precision (micro) | Recall (micro) | F1 (micro) | Precision (macro) | Recall (macro) | F1 (macro) |',
    '|---|---|---|---|---|---|---|---|',
    line('All', result.overall),
    line('IT', result.it),
    line('Non-IT', result.nonIt),
    '',
    `Non-IT resumes with any false positive: ${result.nonIt.withAnyFalsePositive} of ${result.nonIt.resumes} (${result.nonIt.fp} false positives).`,
    `Extraction time per resume (median of ${RUNS} runs): p50 ${result.timeMsPerResume.p50} ms, p99 ${result.timeMsPerResume.p99} ms, max ${result.timeMsPerResume.max} ms; 2-page resumes (4–9k chars, n=${twoPage.length}) p99 ${result.timeMsPerResume.twoPageP99} ms (target ≤ ${TARGET_P99_MS} ms).`,
    '',
    'Raw result: `bench/results/resume-extraction.json`',
  ].join('\n'),
);
