import { useState } from 'react';
import type { FormEvent } from 'react';
import { contactHref } from '../routes';

/** Staff keys act for every account: pick the one to look at. */
export function AccountSwitcher({ current }: { current: string }) {
  const [accountId, setAccountId] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = accountId.trim();
    if (chosen) window.location.hash = contactHref(chosen);
  };
  return (
    <form className="account-switcher" onSubmit={submit}>
      <label htmlFor="account-switch">Account</label>
      <input
        id="account-switch"
        value={accountId}
        onChange={(e) => setAccountId(e.target.value)}
        pattern="[A-Za-z0-9_\-]{1,64}"
        required
        size={12}
      />
      <button type="submit" className="secondary">
        Switch
      </button>
    </form>
  );
}
