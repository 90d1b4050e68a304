import { useEffect, useState } from 'react';

/**
 * Routes live in the URL's fragment (#/roadmaps/backend): the gateway serves one index.html and
 * needs no fallback route for the app's paths (ADR 0080), and a reload or a shared link opens the
 * same screen.
 */
export type Route =
  | { name: 'roadmaps' }
  | { name: 'roadmap'; slug: string; skillId?: string }
  | { name: 'dashboard' }
  | { name: 'onboarding' }
  | { name: 'login' }
  | { name: 'signup' };

export function parseRoute(hash: string): Route {
  const [first, second, third] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (first) {
    case 'roadmaps':
      return second ? { name: 'roadmap', slug: second, ...(third ? { skillId: third } : {}) } : { name: 'roadmaps' };
    case 'dashboard':
      return { name: 'dashboard' };
    case 'onboarding':
      return { name: 'onboarding' };
    case 'login':
      return { name: 'login' };
    case 'signup':
      return { name: 'signup' };
    default:
      return { name: 'roadmaps' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'roadmap':
      return `#/roadmaps/${encodeURIComponent(route.slug)}${route.skillId ? `/${encodeURIComponent(route.skillId)}` : ''}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
