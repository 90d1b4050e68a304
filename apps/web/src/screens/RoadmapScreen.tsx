import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, read, unwrap } from '../api/client';
import type { Enrollment, GoalPath, NextSkills, Roadmap, RoadmapSkill, SkillStatus } from '../api/types';
import { ErrorMessage, Progress } from '../ErrorMessage';
import { RoadmapGraph, STATUS_LABEL } from '../graph/RoadmapGraph';
import { useAction, useLoad } from '../hooks';
import { href, navigate } from '../router';

const STATUS_ACTIONS: { status: SkillStatus; label: string }[] = [
  { status: 'in-progress', label: 'Start' },
  { status: 'completed', label: 'Mark done' },
  { status: 'known', label: 'I already know it' },
  { status: 'skipped', label: 'Skip' },
  { status: 'pending', label: 'Reset' },
];

/** One roadmap: the graph, the selected skill's panel, and (when enrolled) what to learn next. */
export function RoadmapScreen({ slug, skillId, signedIn }: { slug: string; skillId: string | undefined; signedIn: boolean }) {
  const roadmap = useLoad(() => read<Roadmap>(api.GET('/v1/roadmaps/{slug}', { params: { path: { slug } } })), [slug]);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [enrollmentError, setEnrollmentError] = useState<ApiError | null>(null);
  const roadmapId = roadmap.data?.id;

  useEffect(() => {
    setEnrollment(null);
    setEnrollmentError(null);
    if (!signedIn || !roadmapId) return;
    read<Enrollment>(api.GET('/v1/enrollments/{roadmapId}', { params: { path: { roadmapId } } }))
      .then(setEnrollment)
      .catch((error: ApiError) => {
        if (error.status !== 404) setEnrollmentError(error);
      });
  }, [signedIn, roadmapId]);

  const [enroll, enrolling] = useAction(async (key: string, id: string) => {
    setEnrollment(await read<Enrollment>(api.POST('/v1/enrollments', { params: { header: { 'Idempotency-Key': key } }, body: { roadmapId: id } })));
  });

  const select = useCallback((id: string) => navigate({ name: 'roadmap', slug, skillId: id }), [slug]);
  const statuses = useMemo(() => new Map(enrollment?.progress.stages.flatMap((stage) => stage.skills.map((skill) => [skill.skillId, skill.status] as const)) ?? []), [enrollment]);

  if (roadmap.loading && !roadmap.data) return <Progress label="Loading the roadmap…" />;
  if (!roadmap.data) return <ErrorMessage error={roadmap.error} />;
  const data = roadmap.data;
  const skill = skillId ? data.stages.flatMap((stage) => stage.skills).find((candidate) => candidate.id === skillId) : undefined;

  return (
    <section aria-labelledby="roadmap-title" className="roadmap">
      <div className="roadmap-head">
        <div>
          <h1 id="roadmap-title">{data.title}</h1>
          <p>{data.summary}</p>
        </div>
        {signedIn && enrollment && <Counts enrollment={enrollment} />}
        {signedIn && !enrollment && !enrollmentError && (
          <div>
            <button type="button" onClick={() => void enroll(data.id)} disabled={enrolling.pending}>
              Enroll in this roadmap
            </button>
            {enrolling.pending && <Progress label="Enrolling…" />}
            <ErrorMessage error={enrolling.error} />
          </div>
        )}
        {!signedIn && (
          <p>
            <a href={href({ name: 'signup' })}>Sign up</a> or <a href={href({ name: 'login' })}>log in</a> to track this roadmap.
          </p>
        )}
        <ErrorMessage error={enrollmentError} />
      </div>
      <div className="roadmap-body">
        <RoadmapGraph roadmap={data} statuses={statuses} selected={skillId} onSelect={select} />
        <aside className="side">
          {skill ? (
            <SkillPanel key={skill.id} skill={skill} roadmap={data} enrollment={enrollment} onChange={setEnrollment} />
          ) : (
            <p className="muted">Select a skill in the graph to see its description, resources and market signals.</p>
          )}
          {enrollment && <WhatNext roadmap={data} enrollment={enrollment} onSelect={select} />}
        </aside>
      </div>
    </section>
  );
}

function Counts({ enrollment }: { enrollment: Enrollment }) {
  const { overall } = enrollment.progress;
  return (
    <p className="counts" aria-live="polite" data-testid="roadmap-counts">
      <strong>{overall.done}</strong> of {overall.total} done · {overall.inProgress} in progress · {overall.known} known
    </p>
  );
}

function SkillPanel({ skill, roadmap, enrollment, onChange }: { skill: RoadmapSkill; roadmap: Roadmap; enrollment: Enrollment | null; onChange(enrollment: Enrollment): void }) {
  const status = enrollment?.progress.stages.flatMap((stage) => stage.skills).find((entry) => entry.skillId === skill.id)?.status;
  // PUT sets a status: sending it twice leaves the same state, so it needs no Idempotency-Key.
  const [setStatus, changing] = useAction(async (_key: string, next: SkillStatus) => {
    onChange(await read<Enrollment>(api.PUT('/v1/enrollments/{roadmapId}/skills/{skillId}', { params: { path: { roadmapId: roadmap.id, skillId: skill.id } }, body: { status: next } })));
  });
  const [path, setPath] = useState<GoalPath | null>(null);
  const [findPath, finding] = useAction(async () => setPath(await unwrap(api.GET('/v1/recommendations/path', { params: { query: { roadmapId: roadmap.id, goal: skill.id } } }))));
  const requires = roadmap.prerequisites.filter((edge) => edge.skillId === skill.id).map((edge) => edge.requiresSkillId);
  const names = new Map(roadmap.stages.flatMap((stage) => stage.skills.map((entry) => [entry.id, entry.name] as const)));

  return (
    <section className="panel" aria-labelledby="skill-title">
      <h2 id="skill-title">{skill.name}</h2>
      <p className="muted">
        {skill.priority}
        {status ? ` · ${STATUS_LABEL[status]}` : ''}
      </p>
      <p>{skill.description}</p>
      {requires.length > 0 && <p>Needs first: {requires.map((id) => names.get(id) ?? id).join(', ')}</p>}
      {enrollment && (
        <div role="group" aria-label="Set status" className="status-buttons">
          {STATUS_ACTIONS.filter((action) => action.status !== status).map((action) => (
            <button key={action.status} type="button" disabled={changing.pending} onClick={() => void setStatus(action.status)}>
              {action.label}
            </button>
          ))}
        </div>
      )}
      {changing.pending && <Progress label="Saving…" />}
      <ErrorMessage error={changing.error} />
      {skill.resources.length > 0 && (
        <>
          <h3>Resources</h3>
          <ul>
            {skill.resources.map((resource) => (
              <li key={resource.url}>
                <a href={resource.url} target="_blank" rel="noreferrer noopener">
                  {resource.title}
                </a>{' '}
                <span className="muted">
                  ({resource.type}
                  {resource.free ? ', free' : ''})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {skill.signals && (
        <>
          <h3>Market signals</h3>
          <dl className="signals">
            {(
              [
                ['Importance', skill.signals.importance],
                ['Market demand', skill.signals.marketDemand],
                ['Automation risk', skill.signals.automationRisk],
              ] as const
            ).map(([label, signal]) => (
              <div key={label}>
                <dt>{label}</dt>
                <dd>
                  {signal.level} <span className="muted">({signal.source}, {signal.asOf})</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {enrollment && (
        <>
          <button type="button" onClick={() => void findPath()} disabled={finding.pending}>
            Path to this skill
          </button>
          {finding.pending && <Progress label="Finding the path…" />}
          <ErrorMessage error={finding.error} />
          {path && (
            <div aria-live="polite">
              {path.alreadyAchieved ? (
                <p>You have this skill already.</p>
              ) : (
                <ol className="path">
                  {path.steps.map((step) => (
                    <li key={step.skillId}>
                      <a href={href({ name: 'roadmap', slug: roadmap.slug, skillId: step.skillId })}>{step.name}</a> <span className="muted">({step.stageTitle})</span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/**
 * What to learn next, with the reasons. Recommendations are computed from progress events
 * (eventually consistent): right after enrolling the service may not know the enrollment yet
 * (404), and after a change it may still offer a skill just settled, so the list is read again,
 * backing off, until it reflects the enrollment.
 */
function WhatNext({ roadmap, enrollment, onSelect }: { roadmap: Roadmap; enrollment: Enrollment; onSelect(id: string): void }) {
  const [next, setNext] = useState<NextSkills['roadmaps'][number] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updating, setUpdating] = useState(false);
  const load = useCallback(() => unwrap(api.GET('/v1/recommendations/next', { params: { query: { roadmapId: roadmap.id, limit: 5 } } })).then((answer) => answer.roadmaps[0] ?? null), [roadmap.id]);

  useEffect(() => {
    let cancelled = false;
    const done = new Set(enrollment.progress.stages.flatMap((stage) => stage.skills).filter((skill) => ['completed', 'known', 'skipped'].includes(skill.status)).map((skill) => skill.skillId));
    const settled = (answer: NextSkills['roadmaps'][number] | null) => answer !== null && answer.next.every((item) => !done.has(item.skillId));
    (async () => {
      setUpdating(true);
      for (let attempt = 0, delay = 300; attempt < 20 && !cancelled; attempt += 1, delay = Math.min(delay * 1.5, 2_000)) {
        try {
          const answer = await load();
          if (cancelled) return;
          setNext(answer);
          setError(null);
          if (settled(answer)) break;
        } catch (caught) {
          if (cancelled) return;
          // 404: the service has not seen this enrollment yet; anything else is shown.
          if (!(caught instanceof ApiError && caught.status === 404)) {
            setError(caught as ApiError);
            break;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      if (!cancelled) setUpdating(false);
    })();
    return () => {
      cancelled = true;
    };
  }, [load, enrollment]);

  return (
    <section className="panel" aria-labelledby="next-title">
      <h2 id="next-title">What next</h2>
      {updating && <Progress label="Updating…" />}
      <ErrorMessage error={error} />
      {!next && !updating && !error && <p>Your recommendations are not ready yet; they appear here shortly.</p>}
      {next && next.next.length === 0 && <p>Nothing is ready to learn: everything is done, or waits for a prerequisite.</p>}
      {next && next.next.length > 0 && (
        <ol className="next" data-testid="what-next">
          {next.next.map((item) => (
            <li key={item.skillId}>
              <button type="button" className="link" onClick={() => onSelect(item.skillId)}>
                {item.name}
              </button>{' '}
              <span className="muted">
                ({item.priority}, {item.stageTitle})
              </span>
              <p>{item.explanation}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
