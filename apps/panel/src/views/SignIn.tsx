import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiProblem, problemText } from '../api/client';

export function SignIn({ onSignIn }: { onSignIn: (key: string) => Promise<void> }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await onSignIn(key.trim());
    } catch (error) {
      setProblem(
        error instanceof ApiProblem && error.status === 401
          ? 'This API key is not valid or was revoked. Check it and try again.'
          : problemText(error),
      );
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Support</h1>
      <p>Sign in with your API key to see your tickets and talk with the Support Team.</p>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby="api-key-hint"
          />
          <p className="hint" id="api-key-hint">
            Starts with pdm_. It is kept in this browser tab only and forgotten when you sign out.
          </p>
        </div>
        <p className="error" role="alert">
          {problem}
        </p>
        <button type="submit" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
