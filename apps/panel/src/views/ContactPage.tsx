import type { Scope } from '../api/client';
import type { Role } from '../api/types';
import { OpenTicketForm } from './OpenTicketForm';
import { TicketList } from './TicketList';

/** The account's tickets and the form to open a new one. */
export function ContactPage({ scope, role }: { scope: Scope; role: Role }) {
  return (
    <>
      <h1>Contact</h1>
      <div className="contact-layout">
        <OpenTicketForm scope={scope} />
        <TicketList
          scope={scope}
          title={role === 'staff' ? `Tickets of ${scope.accountId}` : 'Your tickets'}
        />
      </div>
    </>
  );
}
