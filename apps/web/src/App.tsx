import { useEffect, useRef, useState } from 'react';
import { api, endSession, isSignedIn, onSessionChange, refreshSession, storedRefreshToken } from './api/client';
import { AuthScreen } from './screens/AuthScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { OnboardingScreen } from './screens/OnboardingScreen';
import { RoadmapScreen } from './screens/RoadmapScreen';
import { RoadmapsScreen } from './screens/RoadmapsScreen';
import { Progress } from './ErrorMessage';
import { href, navigate, useRoute, type Route } from './router';

const TITLES: Record<Route['name'], string> = {
  roadmaps: 'Roadmaps',
  roadmap: 'Roadmap',
  dashboard: 'Dashboard',
  onboarding: 'Get started',
  login: 'Log in',
  signup: 'Sign up',
};

export function App() {
  const route = useRoute();
  const [signedIn, setSignedIn] = useState(isSignedIn());
  // A reload keeps the session: the refresh token in sessionStorage buys a new access token.
  const [restoring, setRestoring] = useState(() => !isSignedIn() && storedRefreshToken() !== null);
  const main = useRef<HTMLElement>(null);

  useEffect(() => onSessionChange(setSignedIn), []);
  useEffect(() => {
    if (restoring) void refreshSession().finally(() => setRestoring(false));
  }, [restoring]);
  useEffect(() => {
    document.title = `${TITLES[route.name]} · Pathwise`;
    main.current?.focus();
  }, [route.name]);

  async function logOut() {
    const refreshToken = storedRefreshToken();
    if (refreshToken) await api.POST('/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
    endSession();
    navigate({ name: 'login' });
  }

  let screen;
  if (restoring) screen = <Progress label="Restoring your session…" />;
  else if (route.name === 'login' || route.name === 'signup') screen = <AuthScreen mode={route.name} />;
  else if (route.name === 'roadmaps') screen = <RoadmapsScreen signedIn={signedIn} />;
  else if (route.name === 'roadmap') screen = <RoadmapScreen slug={route.slug} skillId={route.skillId} signedIn={signedIn} />;
  else if (!signedIn) screen = <AuthScreen mode="login" reason="Log in to see this page." />;
  else if (route.name === 'dashboard') screen = <DashboardScreen />;
  else screen = <OnboardingScreen />;

  return (
    <>
      <a className="skip" href="#main" onClick={(event) => (event.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href({ name: 'roadmaps' })}>
          Pathwise
        </a>
        <nav aria-label="Main">
          <a href={href({ name: 'roadmaps' })} aria-current={route.name === 'roadmaps' ? 'page' : undefined}>
            Roadmaps
          </a>
          {signedIn ? (
            <>
              <a href={href({ name: 'dashboard' })} aria-current={route.name === 'dashboard' ? 'page' : undefined}>
                Dashboard
              </a>
              <a href={href({ name: 'onboarding' })} aria-current={route.name === 'onboarding' ? 'page' : undefined}>
                Get started
              </a>
              <button type="button" className="link" onClick={() => void logOut()}>
                Log out
              </button>
            </>
          ) : (
            <>
              <a href={href({ name: 'login' })}>Log in</a>
              <a href={href({ name: 'signup' })}>Sign up</a>
            </>
          )}
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {screen}
      </main>
    </>
  );
}
