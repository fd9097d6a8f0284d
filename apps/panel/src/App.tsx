import { useCallback, useEffect, useState } from 'react';
import { whoAmI } from './api/client';
import type { Me } from './api/types';
import { AccountSwitcher } from './components/AccountSwitcher';
import { contactHref, useHashRoute } from './routes';
import { forgetKey, rememberKey, storedKey } from './session/session';
import { ContactPage } from './views/ContactPage';
import { SignIn } from './views/SignIn';
import { TicketDetail } from './views/TicketDetail';

interface Session {
  key: string;
  me: Me;
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedKey() !== null);
  const route = useHashRoute();

  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    whoAmI(key)
      .then((me) => setSession({ key, me }))
      .catch(() => forgetKey())
      .finally(() => setRestoring(false));
  }, []);

  const signIn = useCallback(async (key: string) => {
    const me = await whoAmI(key);
    rememberKey(key);
    setSession({ key, me });
    if (me.accountId) window.location.hash = contactHref(me.accountId);
  }, []);

  const signOut = useCallback(() => {
    forgetKey();
    setSession(null);
    window.location.hash = '';
  }, []);

  if (restoring) return <p className="loading">Loading…</p>;
  if (!session) return <SignIn onSignIn={signIn} />;

  const { key, me } = session;
  const accountId = me.role === 'customer' ? me.accountId! : (route.accountId ?? '');
  const scope = { key, accountId };
  return (
    <>
      <header className="top-bar">
        <a className="brand" href={accountId ? contactHref(accountId) : '#/'}>
          Support
        </a>
        <div className="who">
          {me.role === 'staff' ? (
            <AccountSwitcher current={accountId} />
          ) : (
            <span>Account {accountId}</span>
          )}
          <span className="key-prefix" title="Your API key">
            {me.role === 'staff' ? 'Support Team' : 'Customer'} · {me.keyPrefix}…
          </span>
          <button type="button" className="secondary" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        {!accountId ? (
          <p className="hint">Choose an account to see its tickets.</p>
        ) : route.view === 'ticket' ? (
          <TicketDetail
            key={route.ticketId}
            scope={scope}
            role={me.role}
            ticketId={route.ticketId}
          />
        ) : (
          <ContactPage key={accountId} scope={scope} role={me.role} />
        )}
      </main>
    </>
  );
}
