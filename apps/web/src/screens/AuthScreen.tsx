import { useState, type FormEvent } from 'react';
import { api, startSession, unwrap } from '../api/client';
import { ErrorMessage, Progress } from '../ErrorMessage';
import { useAction } from '../hooks';
import { href, navigate } from '../router';

/** Sign-up and log-in: field errors from the problem+json sit next to their fields. */
export function AuthScreen({ mode, reason }: { mode: 'login' | 'signup'; reason?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submit, { pending, error }] = useAction(async (_key: string, credentials: { email: string; password: string }) => {
    if (mode === 'signup') await unwrap(api.POST('/v1/auth/sign-up', { body: credentials }));
    startSession(await unwrap(api.POST('/v1/auth/login', { body: credentials })));
    navigate(mode === 'signup' ? { name: 'onboarding' } : { name: 'dashboard' });
  });
  const fields = error?.fieldErrors() ?? {};
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit({ email, password });
  };
  const title = mode === 'signup' ? 'Create your account' : 'Log in';

  return (
    <section className="narrow" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {reason && <p>{reason}</p>}
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} aria-invalid={fields['email'] ? true : undefined} aria-describedby={fields['email'] ? 'email-error' : undefined} />
        {fields['email'] && (
          <p id="email-error" className="field-error">
            {fields['email']}
          </p>
        )}
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'signup' ? 12 : undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fields['password'] ? true : undefined}
          aria-describedby={fields['password'] ? 'password-error' : mode === 'signup' ? 'password-hint' : undefined}
        />
        {mode === 'signup' && !fields['password'] && (
          <p id="password-hint" className="muted">
            At least 12 characters.
          </p>
        )}
        {fields['password'] && (
          <p id="password-error" className="field-error">
            {fields['password']}
          </p>
        )}
        <button type="submit" disabled={pending}>
          {mode === 'signup' ? 'Sign up' : 'Log in'}
        </button>
      </form>
      {pending && <Progress label={mode === 'signup' ? 'Creating your account…' : 'Logging in…'} />}
      {error && Object.keys(fields).length === 0 && <ErrorMessage error={error} />}
      {error && Object.keys(fields).length > 0 && <p className="field-error" role="alert">{error.problem.title}: check the fields above.</p>}
      <p>
        {mode === 'signup' ? (
          <>
            Already have an account? <a href={href({ name: 'login' })}>Log in</a>
          </>
        ) : (
          <>
            New here? <a href={href({ name: 'signup' })}>Create an account</a>
          </>
        )}
      </p>
    </section>
  );
}
