import { useState, type FormEvent } from 'react';

import { useApi } from '../api/context.js';
import { ApiError, describeError } from '../api/errors.js';
import type { Session } from '../api/types.js';
import { Icon } from '../ui/icons.js';

/** The sign-in page for the admin account. */
export function SignIn({
  onSignedIn,
  expired,
}: {
  onSignedIn: (session: Session) => void;
  expired: boolean;
}) {
  const api = useApi();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(username, password));
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 401
          ? 'Username or password is incorrect. The first server start printed the admin password.'
          : describeError(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="brand">
          <Icon name="flow" size={28} />
          <h1 id="sign-in-title">ScimFlow</h1>
        </div>
        {expired && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue.
          </p>
        )}
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
