// bench/resume: the resume extractor's scorecard. Runs the built extractor over the labelled
// development resumes with the seeded catalog (skills, aliases with their rules, blockers), scores
// the claimed skills against the labels mapped to catalog skill ids by
// bench/resume/label-mapping.json, and publishes per-skill and overall precision, recall and F1,
// precision on non-IT resumes and the failure cases to bench/results/resume-extraction.json and to
// the marked scorecard section of docs/resume-analysis.md.
// Usage: npm run resume:evaluate [-- --dataset DIR] [--as-of 2026-11-21] [--runs 20]
//   DIR holds cvs/*.xml; the default is the development set's usual place beside the repository.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  console.error(`resume:evaluate: no resumes at ${cvDir}; pass --dataset <dir holding cvs/*.xml>`);
  process.exit(1);
}
const RUNS = Number(args.runs);
const TARGET_P99_MS = 20;
const MAPPING = 'bench/resume/label-mapping.json';
const DOC = 'docs/resume-analysis.md';
const RESULT = 'bench/results/resume-extraction.json';

const { extractSkills } = requireBuilt('libs/recommendation/domain/src/index');
const { seedCatalog, SEED_ALIAS_BLOCKERS } = requireBuilt('libs/catalog/domain/src/index');
const mapping = JSON.parse(readFileSync(path.join(root, MAPPING), 'utf8'));

// As the catalog seed creates the skills (aliases with their rules), plus its blockers.
const catalog = {
  catalogVersion: 'seed',
  skills: seedCatalog(new Date('2026-01-01T00:00:00Z')).skills.map((skill) => ({ skillId: skill.id, name: skill.name, aliases: skill.aliases })),
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
const mappedSkills = new Set(Object.keys(mapping.skills));
const itDesignation = new RegExp(mapping.itResume.designationPattern, 'i');

const files = readdirSync(cvDir)
  .filter((name) => name.endsWith('.xml'))
  .sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b));
const fingerprint = createHash('sha256');
const resumes = files.map((file) => {
  const xml = readFileSync(path.join(cvDir, file), 'utf8');
  fingerprint.update(`${file}\0${xml}\0`);
  const spans = labels(xml);
  // skill id → the labelled spans that name it, to say what a miss was.
  const gold = new Map();
  for (const span of spans.filter((s) => mapping.labelTypes.includes(s.type))) {
    for (const skillId of spanToSkills.get(spanKey(span.text)) ?? []) gold.set(skillId, [...new Set([...(gold.get(skillId) ?? []), span.text.replace(/\s+/g, ' ').trim()])]);
  }
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
  const claimed = result.skills.filter((s) => s.status === 'claimed');
  const predicted = new Set(claimed.map((s) => s.skillId));
  const evidence = Object.fromEntries(claimed.map((s) => [s.skillId, [...new Set(s.evidence.filter((e) => e.status === 'claimed').map((e) => e.text))]]));
  const tp = [...predicted].filter((id) => resume.gold.has(id));
  rows.push({
    file: resume.file,
    it: resume.it,
    chars: resume.text.length,
    tp: tp.length,
    fp: predicted.size - tp.length,
    fn: resume.gold.size - tp.length,
    truePositives: tp.sort(),
    // Each with the words that made the claim, so a reader can judge it.
    falsePositives: [...predicted].filter((id) => !resume.gold.has(id)).sort().map((skillId) => ({ skillId, evidence: evidence[skillId] })),
    missed: [...resume.gold.keys()].filter((id) => !predicted.has(id)).sort().map((skillId) => ({ skillId, labelled: resume.gold.get(skillId) })),
    notClaimed: result.skills.filter((s) => s.status !== 'claimed').map((s) => `${s.skillId}:${s.status}`),
    ms: Math.round(percentile(times, 50) * 1000) / 1000,
  });
}

const ratio = (a, b) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
const f1 = (p, r) => (p === null || r === null ? null : p + r === 0 ? 0 : Math.round(((2 * p * r) / (p + r)) * 1000) / 1000);
const mean = (values) => {
  const defined = values.filter((v) => v !== null);
  return defined.length === 0 ? null : Math.round((defined.reduce((a, b) => a + b, 0) / defined.length) * 1000) / 1000;
};

/** Counts per catalog skill id over a set of resumes. */
function perSkill(subset) {
  const counts = new Map();
  const at = (id) => counts.get(id) ?? counts.set(id, { skillId: id, tp: 0, fp: 0, fn: 0 }).get(id);
  for (const row of subset) {
    for (const id of row.truePositives) at(id).tp += 1;
    for (const { skillId } of row.falsePositives) at(skillId).fp += 1;
    for (const { skillId } of row.missed) at(skillId).fn += 1;
  }
  return [...counts.values()]
    .map((c) => {
      const precision = ratio(c.tp, c.tp + c.fp);
      const recall = ratio(c.tp, c.tp + c.fn);
      // No true positive: F1 is 0 even when precision or recall is undefined.
      return { ...c, labelled: c.tp + c.fn, claimed: c.tp + c.fp, inMapping: mappedSkills.has(c.skillId), precision, recall, f1: c.tp === 0 ? 0 : f1(precision, recall) };
    })
    .sort((a, b) => b.labelled - a.labelled || b.claimed - a.claimed || (a.skillId < b.skillId ? -1 : 1));
}

/**
 * Micro: pooled over every (resume, skill) pair. Macro: unweighted mean over the catalog skills
 * the labels name in the subset (a skill never claimed has precision undefined and is left out of
 * the precision mean, but its F1 is 0); skills the labels never name only lower micro precision.
 */
function scores(subset) {
  const sum = (key) => subset.reduce((total, row) => total + row[key], 0);
  const [tp, fp, fn] = [sum('tp'), sum('fp'), sum('fn')];
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const skills = perSkill(subset);
  const labelledSkills = skills.filter((s) => s.labelled > 0);
  return {
    resumes: subset.length,
    tp,
    fp,
    fn,
    micro: { precision, recall, f1: f1(precision, recall) },
    macro: { skills: labelledSkills.length, precision: mean(labelledSkills.map((s) => s.precision)), recall: mean(labelledSkills.map((s) => s.recall)), f1: mean(labelledSkills.map((s) => s.f1)) },
    skills,
  };
}

/** How often each (skill, words) pair produced a false positive, most frequent first. */
function falsePositiveCauses(subset) {
  const counts = new Map();
  for (const row of subset) {
    for (const { skillId, evidence } of row.falsePositives) {
      const key = `${skillId}\0${[...new Set(evidence.map((text) => text.toLowerCase()))].join(', ')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, count]) => ({ skillId: key.split('\0')[0], evidence: key.split('\0')[1], count })).sort((a, b) => b.count - a.count || (a.skillId < b.skillId ? -1 : 1));
}

const itRows = rows.filter((row) => row.it);
const nonIt = rows.filter((row) => !row.it);
const sortedTimings = [...timings].sort((a, b) => a - b);
const ms = (v) => Math.round(v * 1000) / 1000;
const twoPage = rows.filter((row) => row.chars >= 4000 && row.chars <= 9000).map((row) => row.ms).sort((a, b) => a - b);
const overall = scores(rows);
const result = {
  bench: 'resume-extraction',
  at: new Date().toISOString(),
  machine: machine(),
  // Which set, without saying where it lives: a digest of every file name and byte.
  dataset: { name: path.basename(datasetDir), resumes: rows.length, sha256: fingerprint.digest('hex') },
  asOf: args['as-of'],
  runsPerResume: RUNS,
  labelMapping: MAPPING,
  catalog: { skills: catalog.skills.length, aliases: catalog.skills.reduce((n, s) => n + s.aliases.length, 0), blockers: catalog.blockers.length },
  overall,
  it: scores(itRows),
  nonIt: { ...scores(nonIt), withAnyFalsePositive: nonIt.filter((row) => row.fp > 0).length, falsePositivesPerResume: ratio(nonIt.reduce((t, r) => t + r.fp, 0), nonIt.length) },
  failureModes: {
    falsePositiveCauses: falsePositiveCauses(rows),
    nonItFalsePositives: nonIt.flatMap((row) => row.falsePositives.map((fp) => ({ file: row.file, ...fp }))),
    misses: rows.flatMap((row) => row.missed.map((miss) => ({ file: row.file, ...miss }))),
    claimedSkillsOutsideMapping: overall.skills.filter((s) => !s.inMapping).map((s) => ({ skillId: s.skillId, claimed: s.claimed })),
  },
  timeMsPerResume: { p50: ms(percentile(sortedTimings, 50)), p99: ms(percentile(sortedTimings, 99)), max: ms(sortedTimings.at(-1)), twoPageP99: ms(percentile(twoPage, 99)), twoPageResumes: twoPage.length, target: { p99: TARGET_P99_MS } },
  resumes: rows,
};
mkdirSync(path.dirname(path.join(root, RESULT)), { recursive: true });
writeFileSync(path.join(root, RESULT), `${JSON.stringify(result, null, 2)}\n`);

const cell = (v) => (v === null || v === undefined ? '–' : v.toFixed(3));
const line = (name, s) => `| ${name} | ${s.resumes} | ${s.tp} | ${s.fp} | ${s.fn} | ${cell(s.micro.precision)} | ${cell(s.micro.recall)} | ${cell(s.micro.f1)} | ${cell(s.macro.precision)} | ${cell(s.macro.recall)} | ${cell(s.macro.f1)} |`;
const skillLine = (s) => `| \`${s.skillId}\`${s.inMapping ? '' : ' †'} | ${s.labelled} | ${s.claimed} | ${s.tp} | ${s.fp} | ${s.fn} | ${cell(s.precision)} | ${cell(s.recall)} | ${cell(s.f1)} |`;
const met = (value, target) => (value <= target ? 'met' : 'missed');
const markdown = [
  `${rows.length} labelled resumes (${itRows.length} IT, ${nonIt.length} non-IT), asOf ${result.asOf}, seeded catalog (${result.catalog.skills} skills, ${result.catalog.aliases} aliases, ${result.catalog.blockers} blockers), label mapping [\`${MAPPING}\`](../${MAPPING}). Measured ${result.at.slice(0, 10)} on ${result.machine.cpuModel} (${result.machine.cpus} CPUs), Node ${result.machine.node}.`,
  '',
  '| Resumes | n | TP | FP | FN | Precision (micro) | Recall (micro) | F1 (micro) | Precision (macro) | Recall (macro) | F1 (macro) |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  line('All', result.overall),
  line('IT', result.it),
  line('Non-IT', result.nonIt),
  '',
  `Macro = mean over the ${overall.macro.skills} catalog skills the labels name (per-skill table below). Precision on non-IT resumes: **${cell(result.nonIt.micro.precision)}**; ${result.nonIt.withAnyFalsePositive} of ${result.nonIt.resumes} non-IT resumes get any false positive (${result.nonIt.fp} in all, ${result.nonIt.falsePositivesPerResume} per resume).`,
  '',
  `Extraction time per resume, text in hand (median of ${RUNS} runs each): p50 ${result.timeMsPerResume.p50} ms, p99 ${result.timeMsPerResume.p99} ms, max ${result.timeMsPerResume.max} ms; 2-page resumes (4–9k characters, n=${twoPage.length}) p99 ${result.timeMsPerResume.twoPageP99} ms — target ≤ ${TARGET_P99_MS} ms ${met(result.timeMsPerResume.twoPageP99, TARGET_P99_MS)}.`,
  '',
  '#### Per skill',
  '',
  'Labelled / claimed = resumes whose labels name the skill / that the extractor claims it for. † = not in the label mapping: no span can name it, so every claim counts as a false positive.',
  '',
  '| Skill | Labelled | Claimed | TP | FP | FN | Precision | Recall | F1 |',
  '|---|---|---|---|---|---|---|---|---|',
  ...overall.skills.map(skillLine),
  '',
  '#### Failure cases',
  '',
  'Most frequent false positives (skill ← the words that claimed it, resumes):',
  '',
  ...result.failureModes.falsePositiveCauses.slice(0, 15).map((c) => `- \`${c.skillId}\` ← ${c.evidence} (${c.count})`),
  '',
  `Every false positive on a non-IT resume (${result.failureModes.nonItFalsePositives.length}):`,
  '',
  ...result.failureModes.nonItFalsePositives.map((fp) => `- ${fp.file}: \`${fp.skillId}\` ← ${fp.evidence.join(', ')}`),
  '',
  `Every miss (${result.failureModes.misses.length}; skill ← the labelled span):`,
  '',
  ...result.failureModes.misses.map((miss) => `- ${miss.file}: \`${miss.skillId}\` ← ${miss.labelled.join(', ')}`),
  '',
  `Raw result (every resume's claims, false positives with their evidence, misses): \`${RESULT}\``,
].join('\n');

publishScorecard(markdown);
console.log(markdown);

/** Replaces the marked scorecard section of the doc (appends one if the markers are missing). */
function publishScorecard(section) {
  const docPath = path.join(root, DOC);
  const begin = '<!-- resume:scorecard:begin -->';
  const end = '<!-- resume:scorecard:end -->';
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Resume analysis\n';
  const block = `${begin}\n${section.trim()}\n${end}`;
  const next = doc.includes(begin) && doc.includes(end) ? doc.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), () => block) : `${doc.trimEnd()}\n\n## Scorecard\n\n${block}\n`;
  writeFileSync(docPath, next);
}
