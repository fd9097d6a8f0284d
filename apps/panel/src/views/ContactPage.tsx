import type { Scope } from '../api/client';
import { OpenTicketForm } from './OpenTicketForm';
import { TicketList } from './TicketList';

/** The account's tickets and the form to open a new one. */
export function ContactPage({ scope }: { scope: Scope }) {
  return (
    <>
      <h1>Contact</h1>
      <div className="contact-layout">
        <OpenTicketForm scope={scope} />
        <TicketList scope={scope} />
      </div>
    </>
  );
}
