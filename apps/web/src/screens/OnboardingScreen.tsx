import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, read, unwrap } from '../api/client';
import type { TimeZone, Onboarding, Resume, RoadmapPage } from '../api/types';
import { ErrorMessage, Progress } from '../ErrorMessage';
import { useAction, useLoad } from '../hooks';
import { href } from '../router';

const POLL_MS = 700;
const STEP_LABEL: Record<string, string> = {
  profile: 'Saving your profile',
  enroll: 'Enrolling you',
  'analyze-resume': 'Analysing your resume',
  'confirm-skills': 'Waiting for you to confirm your skills',
  'known-skills': 'Recording the skills you confirmed',
  recommendations: 'Computing your first recommendations',
  complete: 'Finishing',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(load: () => Promise<T>, done: (value: T) => boolean, onValue: (value: T) => void, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await load();
    onValue(value);
    if (done(value) || Date.now() > deadline) return value;
    await sleep(POLL_MS);
  }
}

const loadOnboarding = () => unwrap(api.GET('/v1/onboarding'));
const settled = (state: Onboarding) => state.awaitingConfirmation || state.outcome !== undefined;

/**
 * Onboarding (the saga, ADR 0061): pick a roadmap, optionally upload a resume and watch it being
 * analysed, confirm or reject each skill it found with the evidence marked in the text, then see
 * the result.
 */
export function OnboardingScreen() {
  const existing = useLoad(() => loadOnboarding().catch((error: ApiError) => (error.status === 404 ? null : Promise.reject(error))), []);
  const [state, setState] = useState<Onboarding | null>(null);
  const [resume, setResume] = useState<Resume | null>(null);
  const current = state ?? existing.data;

  useEffect(() => {
    if (existing.data && !settled(existing.data)) void poll(loadOnboarding, settled, setState).catch(() => undefined);
  }, [existing.data]);

  if (existing.loading) return <Progress label="Loading…" />;
  return (
    <section aria-labelledby="onboarding-title" className="narrow wide-ok">
      <h1 id="onboarding-title">Get started</h1>
      <ErrorMessage error={existing.error} />
      {!current && <StartForm onResume={setResume} onStarted={setState} />}
      {current && <Status state={current} resume={resume} onChange={setState} />}
    </section>
  );
}

function StartForm({ onResume, onStarted }: { onResume(resume: Resume): void; onStarted(state: Onboarding): void }) {
  const roadmaps = useLoad(() => read<RoadmapPage>(api.GET('/v1/roadmaps', { params: { query: { kind: 'role', limit: 50 } } })), []);
  const [roadmapId, setRoadmapId] = useState('');
  const [weeklyHours, setWeeklyHours] = useState('6');
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<string | null>(null);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone as TimeZone;

  const [start, starting] = useAction(async (key: string, input: { roadmapId: string; weeklyHours: number; file: File | null }) => {
    let resumeUploadId: string | undefined;
    if (input.file) {
      setPhase('Uploading your resume…');
      const type = input.file.type || (input.file.name.endsWith('.md') ? 'text/markdown' : 'text/plain');
      const uploaded = await unwrap(
        api.POST('/v1/resumes', {
          params: { header: { 'Idempotency-Key': key }, query: { keep: 'true' } },
          body: input.file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': type },
        }),
      );
      setPhase('Analysing your resume…');
      const analysed = await poll(
        () => unwrap(api.GET('/v1/resumes/{resumeId}', { params: { path: { resumeId: uploaded.id } } })),
        (value) => value.status === 'analyzed' || value.status === 'failed',
        onResume,
      );
      if (analysed.status === 'failed') throw new ApiError({ type: 'about:blank', status: 422, title: 'The resume could not be analysed', detail: analysed.failure?.detail ?? analysed.failure?.reason ?? '' });
      resumeUploadId = uploaded.id;
    }
    setPhase('Starting…');
    const started = await unwrap(
      api.POST('/v1/onboarding', { params: { header: { 'Idempotency-Key': `"${key.slice(1, -1)}-start"` } }, body: { roadmapId: input.roadmapId, timeZone, weeklyHours: input.weeklyHours, ...(resumeUploadId ? { resumeUploadId } : {}) } }),
    );
    onStarted(started);
    await poll(loadOnboarding, settled, onStarted);
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void start({ roadmapId: roadmapId || roadmaps.data?.items[0]?.id || '', weeklyHours: Number(weeklyHours), file }).finally(() => setPhase(null));
  };
  const fields = starting.error?.fieldErrors() ?? {};

  return (
    <form onSubmit={onSubmit}>
      <ErrorMessage error={roadmaps.error} />
      <label htmlFor="roadmap">Roadmap</label>
      <select id="roadmap" value={roadmapId} onChange={(event) => setRoadmapId(event.target.value)} aria-invalid={fields['roadmapId'] ? true : undefined}>
        {roadmaps.data?.items.map((roadmap) => (
          <option key={roadmap.id} value={roadmap.id}>
            {roadmap.title}
          </option>
        ))}
      </select>
      {fields['roadmapId'] && <p className="field-error">{fields['roadmapId']}</p>}
      <label htmlFor="hours">Hours a week</label>
      <input id="hours" type="number" min={1} max={80} value={weeklyHours} onChange={(event) => setWeeklyHours(event.target.value)} aria-invalid={fields['weeklyHours'] ? true : undefined} aria-describedby={fields['weeklyHours'] ? 'hours-error' : undefined} />
      {fields['weeklyHours'] && (
        <p id="hours-error" className="field-error">
          {fields['weeklyHours']}
        </p>
      )}
      <label htmlFor="resume">Resume (optional: PDF, DOCX, text or Markdown, at most 2 MB)</label>
      <input id="resume" type="file" accept=".pdf,.docx,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      <button type="submit" disabled={starting.pending || !roadmaps.data}>
        Start
      </button>
      {starting.pending && <Progress label={phase ?? 'Working…'} />}
      <ErrorMessage error={starting.error} />
    </form>
  );
}

function Status({ state, resume, onChange }: { state: Onboarding; resume: Resume | null; onChange(state: Onboarding): void }) {
  const detected = state.detectedSkills ?? [];
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const [confirm, confirming] = useAction(async (key: string) => {
    const ids = detected.map((skill) => skill.skillId);
    const answer = await unwrap(api.POST('/v1/onboarding/confirmation', { params: { header: { 'Idempotency-Key': key } }, body: { confirmed: ids.filter((id) => !rejected.has(id)), rejected: ids.filter((id) => rejected.has(id)) } }));
    onChange(answer);
    await poll(loadOnboarding, (value) => value.outcome !== undefined, onChange);
  });

  if (state.outcome === 'completed') {
    return (
      <div className="result" role="status">
        <h2>You are set up</h2>
        <p>Your roadmap is ready{state.compensated.length ? '' : ', with the skills you confirmed marked as known'}.</p>
        <p>
          <a href={href({ name: 'dashboard' })}>Open your dashboard</a> or <a href={href({ name: 'roadmaps' })}>browse the roadmaps</a>.
        </p>
      </div>
    );
  }
  if (state.outcome) {
    return (
      <div className="error" role="alert">
        <strong>Onboarding {state.outcome}</strong>
        {state.failure && <p>{state.failure.message}</p>}
        {state.compensated.length > 0 && <p>Undone: {state.compensated.join(', ')}.</p>}
      </div>
    );
  }
  if (!state.awaitingConfirmation) return <Progress label={`${STEP_LABEL[state.step] ?? state.step}…`} />;

  return (
    <div>
      <h2>Confirm the skills we found</h2>
      <p>Untick a skill you do not have; the ones you keep are marked as known on your roadmap.</p>
      <fieldset>
        <legend>Skills found in your resume</legend>
        <ul className="detected">
          {detected.map((skill) => (
            <li key={skill.skillId} data-skill-id={skill.skillId}>
              <label>
                <input
                  type="checkbox"
                  checked={!rejected.has(skill.skillId)}
                  onChange={(event) => {
                    const next = new Set(rejected);
                    if (event.target.checked) next.delete(skill.skillId);
                    else next.add(skill.skillId);
                    setRejected(next);
                  }}
                />{' '}
                {skill.skillId.replace(/^skill:/, '')} <span className="muted">({Math.round(skill.confidence * 100)}% sure)</span>
              </label>
              <Evidence skillId={skill.skillId} fallback={skill.evidence} resume={resume} />
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="button" onClick={() => void confirm()} disabled={confirming.pending}>
        Confirm
      </button>
      {confirming.pending && <Progress label="Recording your answer…" />}
      <ErrorMessage error={confirming.error} />
    </div>
  );
}

/** The evidence marked where it sits in the resume's text (kept for this purpose), or the quoted lines. */
function Evidence({ skillId, fallback, resume }: { skillId: string; fallback: string[]; resume: Resume | null }) {
  const text = resume?.analysis?.text;
  const spans = resume?.analysis?.skills.find((skill) => skill.skillId === skillId)?.evidence ?? [];
  if (!text || spans.length === 0) {
    return (
      <ul className="evidence">
        {fallback.map((line) => (
          <li key={line}>
            <mark>{line}</mark>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="evidence">
      {spans.map((span) => {
        const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
        const lineEnd = text.indexOf('\n', span.end);
        const end = lineEnd === -1 ? text.length : lineEnd;
        const parts: ReactNode[] = [text.slice(lineStart, span.start), <mark key="m">{text.slice(span.start, span.end)}</mark>, text.slice(span.end, end)];
        return (
          <li key={`${span.start}-${span.end}`}>
            <span className="muted">{span.section}: </span>
            {parts}
          </li>
        );
      })}
    </ul>
  );
}
