import { useState, type FormEvent } from 'react';
import { api, read } from '../api/client';
import type { RoadmapPage, SearchResults } from '../api/types';
import { ErrorMessage, Progress } from '../ErrorMessage';
import { useLoad } from '../hooks';
import { href } from '../router';

/** Browse the published roadmaps and search skills and resources across them. */
export function RoadmapsScreen({ signedIn }: { signedIn: boolean }) {
  const roadmaps = useLoad(() => read<RoadmapPage>(api.GET('/v1/roadmaps', { params: { query: { limit: 50 } } })), []);
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState('');
  const results = useLoad(() => (submitted ? read<SearchResults>(api.GET('/v1/search', { params: { query: { q: submitted, limit: 20 } } })) : Promise.resolve(null)), [submitted]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(query.trim());
  };

  return (
    <section aria-labelledby="roadmaps-title">
      <h1 id="roadmaps-title">Roadmaps</h1>
      {!signedIn && (
        <p>
          Browse freely; <a href={href({ name: 'signup' })}>sign up</a> to track your progress.
        </p>
      )}
      <form role="search" onSubmit={onSearch} className="inline">
        <label htmlFor="search">Search skills and resources</label>
        <input id="search" type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="e.g. kafka, sql" />
        <button type="submit">Search</button>
      </form>
      {submitted && (
        <div aria-live="polite">
          {results.loading && <Progress label="Searching…" />}
          <ErrorMessage error={results.error} />
          {results.data && (
            <>
              <h2>Results for “{results.data.query}”</h2>
              {results.data.hits.length === 0 ? (
                <p>Nothing matches.</p>
              ) : (
                <ul className="hits">
                  {results.data.hits.map((hit) => (
                    <li key={`${hit.kind}:${hit.skillId}:${hit.url ?? ''}`}>
                      <span className="tag">{hit.kind}</span>{' '}
                      {hit.kind === 'resource' && hit.url ? (
                        <a href={hit.url} rel="noreferrer noopener" target="_blank">
                          {hit.title}
                        </a>
                      ) : (
                        <strong>{hit.title}</strong>
                      )}{' '}
                      {hit.roadmaps.map((slug) => (
                        <a key={slug} className="chip" href={href({ name: 'roadmap', slug, skillId: hit.skillId })}>
                          in {slug}
                        </a>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      {roadmaps.loading && <Progress label="Loading roadmaps…" />}
      <ErrorMessage error={roadmaps.error} />
      {roadmaps.data && (
        <ul className="cards">
          {roadmaps.data.items
            .filter((roadmap) => roadmap.status === 'published')
            .map((roadmap) => (
              <li key={roadmap.id} className="card">
                <h2>
                  <a href={href({ name: 'roadmap', slug: roadmap.slug })}>{roadmap.title}</a>
                </h2>
                <p>{roadmap.summary}</p>
                <p className="muted">
                  {roadmap.stageCount} stages · {roadmap.skillCount} skills · version {roadmap.version}
                </p>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
