import { describe, expect, it } from '@jest/globals';
import type { ActorRole } from '../shared/actor';
import { DeciderSpecification } from '@test/support/decider-specification';
import {
  AN_AGENT,
  A_GROUP,
  assignTicket,
  assigned,
  changePriority,
  priorityChanged,
  ATTACHMENT_ID,
  MESSAGE_ID,
  aCustomer,
  aStaffMember,
  addAttachment,
  addMessage,
  addNote,
  anActor,
  noteAdded,
  noteAttachmentAdded,
  NOTE_ID,
  attachmentAdded,
  changeStatus,
  closeTicket,
  closed,
  historyFor,
  messageAdded,
  openTicket,
  opened,
  reopened,
  resolveTicket,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import type { TicketCommand } from './ticket.commands';
import { decide } from './ticket.decider';
import { TICKET_LIMITS } from './ticket.limits';
import { fold, evolve, initialTicket } from './ticket.state';
import type { TicketStatus, WorkflowStatus } from './ticket-status';
import { WORKFLOW_STATUSES } from './ticket-status';

const spec = DeciderSpecification.for({ decide, evolve, initialState: initialTicket });

const ROLES: readonly ActorRole[] = ['customer', 'staff'];
/** Every status a ticket can be in except Closed. */
const ACTIVE: readonly TicketStatus[] = ['Open', 'InProgress', 'AwaitingCustomer', 'Resolved'];
const EXISTING: readonly TicketStatus[] = [...ACTIVE, 'Closed'];
const BLANK_MESSAGES: readonly string[] = ['', ' ', '  \n\t  '];

const WHO: Record<ActorRole, string> = { customer: 'a customer', staff: 'a staff member' };
/** Each role with a readable name for test titles (`$who`). */
const ACTORS = ROLES.map((role) => ({ role, who: WHO[role] }));

const everyRoleIn = (statuses: readonly TicketStatus[]) =>
  statuses.flatMap((status) => ACTORS.map((actor) => ({ status, ...actor })));

describe('ticket decider', () => {
  describe('commands on a ticket that does not exist', () => {
    const commandsOnAMissingTicket: {
      name: string;
      command: (role: ActorRole) => TicketCommand;
    }[] = [
      { name: 'AddMessage', command: (role) => addMessage({}, anActor(role)) },
      { name: 'ResolveTicket', command: (role) => resolveTicket(anActor(role)) },
      { name: 'CloseTicket', command: (role) => closeTicket(anActor(role)) },
      { name: 'ChangeTicketStatus', command: (role) => changeStatus('InProgress', anActor(role)) },
      { name: 'AddAttachment', command: (role) => addAttachment({}, anActor(role)) },
      { name: 'AssignTicket', command: (role) => assignTicket(AN_AGENT, anActor(role)) },
      { name: 'ChangeTicketPriority', command: (role) => changePriority('high', anActor(role)) },
    ];
    const cases = commandsOnAMissingTicket.flatMap((c) =>
      ACTORS.map((actor) => ({ ...c, ...actor })),
    );

    it.each(cases)('$name by $who is rejected with TICKET_NOT_FOUND', ({ command, role }) => {
      spec([]).when(command(role)).thenThrows('TICKET_NOT_FOUND');
    });
  });

  describe('OpenTicket', () => {
    it.each(ACTORS)('$who can open a ticket that does not exist yet', ({ role }) => {
      spec([])
        .when(openTicket({}, anActor(role)))
        .then([opened({}, anActor(role))]);
    });

    it('the opened event carries the subject, description, topic and optional property', () => {
      const request = {
        subject: 'Invoice missing',
        description: 'March invoice is not in the portal.',
        topic: 'Billing',
        propertyId: 'property-7',
      };
      spec([])
        .when(openTicket(request))
        .then([opened(request)]);
    });

    it.each(EXISTING)('opening a ticket that already exists (%s) is rejected', (status) => {
      spec(historyFor(status)).when(openTicket()).thenThrows('TICKET_ALREADY_EXISTS');
    });
  });

  describe('AddMessage', () => {
    it.each<TicketStatus>(['Open', 'InProgress'])(
      "a customer's reply to a ticket in %s only adds the message",
      (status) => {
        spec(historyFor(status))
          .when(addMessage({}, aCustomer()))
          .then([messageAdded({}, aCustomer())]);
      },
    );

    it("a customer's reply to an AwaitingCustomer ticket adds the message and moves it back to Open", () => {
      spec(historyFor('AwaitingCustomer'))
        .when(addMessage({}, aCustomer()))
        .then([
          messageAdded({}, aCustomer()),
          statusChanged('AwaitingCustomer', 'Open', aCustomer()),
        ]);
    });

    it("a customer's reply to a Resolved ticket reopens it", () => {
      // "If a ticket is Resolved and you add a message, the server automatically reopens it"
      spec(historyFor('Resolved'))
        .when(addMessage({}, aCustomer()))
        .then([messageAdded({}, aCustomer()), reopened('customer-reply', aCustomer())]);
    });

    it("a customer's reply to a Resolved ticket leaves it Open with the resolved timestamp cleared", () => {
      // "status goes back to Open and the resolved timestamp is cleared."
      const history = historyFor('Resolved');
      const events = decide(addMessage({}, aCustomer()), fold(history));

      expect(fold([...history, ...events])).toMatchObject({ status: 'Open', resolvedAt: null });
    });

    it('once a customer reply has reopened a ticket, the next customer reply only adds the message', () => {
      spec([...historyFor('Resolved'), messageAdded(), reopened('customer-reply')])
        .when(addMessage({ messageId: MESSAGE_ID + 1 }, aCustomer()))
        .then([messageAdded({ messageId: MESSAGE_ID + 1 }, aCustomer())]);
    });

    it.each(ACTIVE)('a staff reply to a ticket in %s never changes its status', (status) => {
      spec(historyFor(status))
        .when(addMessage({}, aStaffMember()))
        .then([messageAdded({}, aStaffMember())]);
    });

    it.each(ACTORS)(
      'a reply by $who is authored as $role, whatever the request says',
      ({ role }) => {
        // "User-submitted messages always count as user replies — you cannot post as staff."
        const [added] = decide(addMessage({}, anActor(role)), fold(historyFor('Open')));

        expect(added).toMatchObject({ type: 'MessageAdded', data: { authorType: role } });
      },
    );

    it('the message is recorded with the metadata of the command that added it', () => {
      const meta = aCustomer({
        occurredAt: '2025-02-01T08:30:00.000Z',
        correlationId: 'corr-reply',
      });

      spec(historyFor('Open'))
        .when(addMessage({ message: 'Any update?' }, meta))
        .then([messageAdded({ message: 'Any update?' }, meta)]);
    });

    const blankReplies = everyRoleIn(ACTIVE).flatMap((c) =>
      BLANK_MESSAGES.map((message) => ({ ...c, message, shown: JSON.stringify(message) })),
    );

    it.each(blankReplies)(
      'an empty or whitespace-only reply ($shown) by $who to a ticket in $status is rejected with MESSAGE_REQUIRED',
      ({ status, role, message }) => {
        // "The server returns 400 if the message is empty"
        spec(historyFor(status))
          .when(addMessage({ message }, anActor(role)))
          .thenThrows('MESSAGE_REQUIRED');
      },
    );

    it.each(ACTORS)('$who cannot reply to a Closed ticket', ({ role }) => {
      // "Once a ticket is Closed, the reply box disappears and no further messages can be added."
      spec(historyFor('Closed'))
        .when(addMessage({}, anActor(role)))
        .thenThrows('TICKET_CLOSED');
    });

    it('an empty reply to a Closed ticket is reported as TICKET_CLOSED, the ticket being locked first', () => {
      spec(historyFor('Closed'))
        .when(addMessage({ message: '   ' }))
        .thenThrows('TICKET_CLOSED');
    });

    it("a message whose id is not above the ticket's last message id is refused, so a thread read in id order is the order messages were added", () => {
      spec([opened(), messageAdded({ messageId: MESSAGE_ID + 10 })])
        .when(addMessage({ messageId: MESSAGE_ID + 3 }))
        .thenThrows('MESSAGE_ID_OUT_OF_ORDER');
    });

    it("a message whose id is above the ticket's last message id is added", () => {
      spec([opened(), messageAdded({ messageId: MESSAGE_ID })])
        .when(addMessage({ messageId: MESSAGE_ID + 1 }))
        .then([messageAdded({ messageId: MESSAGE_ID + 1 })]);
    });
  });

  it("a note whose id is not above the thread's last id is refused like a message's", () => {
    spec([opened(), messageAdded({ messageId: MESSAGE_ID + 10 })])
      .when(addNote({ noteId: MESSAGE_ID + 3 }))
      .thenThrows('MESSAGE_ID_OUT_OF_ORDER');
  });

  describe('a ticket holds at most 5,000 messages and 1,000 attachments', () => {
    const replies = (count: number) =>
      Array.from({ length: count }, (_, i) => messageAdded({ messageId: MESSAGE_ID + i }));
    const attachments = (count: number) =>
      Array.from({ length: count }, (_, i) => attachmentAdded({ attachmentId: ATTACHMENT_ID + i }));

    it.each(ACTORS)('$who can add the last message the limit allows', ({ role }) => {
      const next = MESSAGE_ID + TICKET_LIMITS.messages;
      spec([opened(), ...replies(TICKET_LIMITS.messages - 1)])
        .when(addMessage({ messageId: next }, anActor(role)))
        .then([messageAdded({ messageId: next }, anActor(role))]);
    });

    it.each(ACTORS)('$who cannot add a message past the limit', ({ role }) => {
      spec([opened(), ...replies(TICKET_LIMITS.messages)])
        .when(addMessage({ messageId: MESSAGE_ID + TICKET_LIMITS.messages }, anActor(role)))
        .thenThrows('MESSAGE_LIMIT_REACHED');
    });

    it('the refusal says the limit and what to do instead', () => {
      expect(() =>
        decide(addMessage({ messageId: 1 }), fold([opened(), ...replies(TICKET_LIMITS.messages)])),
      ).toThrow('Ticket has reached its limit of 5,000 messages; open a new ticket to continue.');
    });

    it.each(ACTORS)('$who can add the last attachment the limit allows', ({ role }) => {
      const next = ATTACHMENT_ID + TICKET_LIMITS.attachments;
      spec([opened(), ...attachments(TICKET_LIMITS.attachments - 1)])
        .when(addAttachment({ attachmentId: next }, anActor(role)))
        .then([attachmentAdded({ attachmentId: next }, anActor(role))]);
    });

    it.each(ACTORS)('$who cannot add an attachment past the limit', ({ role }) => {
      spec([opened(), ...attachments(TICKET_LIMITS.attachments)])
        .when(addAttachment({ attachmentId: 1 }, anActor(role)))
        .thenThrows('ATTACHMENT_LIMIT_REACHED');
    });

    it('attachments do not count against the message limit, nor messages against the attachment one', () => {
      const history = [opened(), ...replies(TICKET_LIMITS.attachments), ...attachments(10)];
      spec(history)
        .when(addAttachment({ attachmentId: 7 }))
        .then([attachmentAdded({ attachmentId: 7 })]);
    });

    it('a Closed ticket at the limit is still refused as closed', () => {
      spec([opened(), ...replies(TICKET_LIMITS.messages), closed()])
        .when(addMessage({ messageId: 1 }))
        .thenThrows('TICKET_CLOSED');
    });
  });

  describe('ResolveTicket', () => {
    it.each<TicketStatus>(['Open', 'InProgress', 'AwaitingCustomer'])(
      'staff can resolve a ticket in %s',
      (status) => {
        spec(historyFor(status))
          .when(resolveTicket(aStaffMember()))
          .then([resolved(aStaffMember())]);
      },
    );

    it.each(EXISTING)('a customer cannot resolve a ticket in %s (staff only)', (status) => {
      spec(historyFor(status)).when(resolveTicket(aCustomer())).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('resolving a ticket that is already Resolved is an invalid transition', () => {
      spec(historyFor('Resolved'))
        .when(resolveTicket(aStaffMember()))
        .thenThrows('INVALID_STATUS_TRANSITION');
    });

    it('resolving a Closed ticket is rejected because the ticket is closed', () => {
      spec(historyFor('Closed')).when(resolveTicket(aStaffMember())).thenThrows('TICKET_CLOSED');
    });

    it('a ticket reopened by a customer reply can be resolved again', () => {
      spec([...historyFor('Resolved'), messageAdded(), reopened('customer-reply')])
        .when(resolveTicket(aStaffMember()))
        .then([resolved(aStaffMember())]);
    });
  });

  describe('CloseTicket', () => {
    it.each(everyRoleIn(ACTIVE))('$who can close a ticket in $status', ({ status, role }) => {
      // "When status is anything other than Closed, a Close Ticket button appears in the detail view."
      spec(historyFor(status))
        .when(closeTicket(anActor(role)))
        .then([closed(anActor(role))]);
    });

    it.each(ACTORS)('$who closing an already Closed ticket is rejected', ({ role }) => {
      // "Calling close again returns 400 because it is already closed."
      spec(historyFor('Closed'))
        .when(closeTicket(anActor(role)))
        .thenThrows('TICKET_ALREADY_CLOSED');
    });
  });

  describe('ChangeTicketStatus', () => {
    const allowed: { from: TicketStatus; to: WorkflowStatus }[] = [
      { from: 'Open', to: 'InProgress' },
      { from: 'Open', to: 'AwaitingCustomer' },
      { from: 'InProgress', to: 'Open' },
      { from: 'InProgress', to: 'AwaitingCustomer' },
      { from: 'AwaitingCustomer', to: 'Open' },
      { from: 'AwaitingCustomer', to: 'InProgress' },
    ];
    const invalid: { from: TicketStatus; to: WorkflowStatus }[] = [
      { from: 'Open', to: 'Open' },
      { from: 'InProgress', to: 'InProgress' },
      { from: 'AwaitingCustomer', to: 'AwaitingCustomer' },
      { from: 'Resolved', to: 'InProgress' },
      { from: 'Resolved', to: 'AwaitingCustomer' },
    ];

    it.each(allowed)('staff can move a ticket from $from to $to', ({ from, to }) => {
      spec(historyFor(from))
        .when(changeStatus(to, aStaffMember()))
        .then([statusChanged(from, to, aStaffMember())]);
    });

    it('staff moving a Resolved ticket back to Open reopens it', () => {
      spec(historyFor('Resolved'))
        .when(changeStatus('Open', aStaffMember()))
        .then([reopened('staff', aStaffMember())]);
    });

    it.each(invalid)('staff cannot move a ticket from $from to $to', ({ from, to }) => {
      spec(historyFor(from))
        .when(changeStatus(to, aStaffMember()))
        .thenThrows('INVALID_STATUS_TRANSITION');
    });

    it.each(WORKFLOW_STATUSES)('staff cannot move a Closed ticket to %s', (to) => {
      spec(historyFor('Closed')).when(changeStatus(to, aStaffMember())).thenThrows('TICKET_CLOSED');
    });

    const customerChanges = EXISTING.flatMap((status) =>
      WORKFLOW_STATUSES.map((to) => ({ status, to })),
    );

    it.each(customerChanges)(
      'a customer cannot move a ticket from $status to $to (staff only)',
      ({ status, to }) => {
        spec(historyFor(status)).when(changeStatus(to, aCustomer())).thenThrows('ROLE_NOT_ALLOWED');
      },
    );

    it('covers every (from, to) pair a staff member can ask for', () => {
      const covered = [...allowed, ...invalid, { from: 'Resolved', to: 'Open' }].map(
        ({ from, to }) => `${from}->${to}`,
      );
      const everyPair = ACTIVE.flatMap((from) => WORKFLOW_STATUSES.map((to) => `${from}->${to}`));

      expect([...covered].sort()).toEqual([...everyPair].sort());
    });
  });

  describe('AddAttachment', () => {
    it.each(everyRoleIn(ACTIVE))(
      '$who can attach a file to the original ticket in $status without changing its status',
      ({ status, role }) => {
        // "You can attach files to the original ticket or to any reply."
        spec(historyFor(status))
          .when(addAttachment({ messageId: null }, anActor(role)))
          .then([attachmentAdded({ messageId: null }, anActor(role))]);
      },
    );

    it.each(everyRoleIn(ACTIVE))(
      '$who can attach a file to a reply on a ticket in $status',
      ({ status, role }) => {
        // "Pass an optional messageId to tie the file to a specific reply."
        spec([...historyFor(status), messageAdded({ messageId: MESSAGE_ID })])
          .when(addAttachment({ messageId: MESSAGE_ID }, anActor(role)))
          .then([attachmentAdded({ messageId: MESSAGE_ID }, anActor(role))]);
      },
    );

    it.each(everyRoleIn(ACTIVE))(
      '$who attaching a file to a message that is not on the ticket ($status) is rejected',
      ({ status, role }) => {
        spec([...historyFor(status), messageAdded({ messageId: MESSAGE_ID })])
          .when(addAttachment({ messageId: MESSAGE_ID + 1 }, anActor(role)))
          .thenThrows('MESSAGE_NOT_FOUND');
      },
    );

    it.each(ACTORS)('$who cannot attach a file to a Closed ticket', ({ role }) => {
      spec(historyFor('Closed'))
        .when(addAttachment({ messageId: null }, anActor(role)))
        .thenThrows('TICKET_CLOSED');
    });

    it.each(ACTORS)(
      '$who cannot attach a file to a reply once the ticket is Closed',
      ({ role }) => {
        spec([opened(), messageAdded({ messageId: MESSAGE_ID }), closed()])
          .when(addAttachment({ messageId: MESSAGE_ID }, anActor(role)))
          .thenThrows('TICKET_CLOSED');
      },
    );

    it('a ticket accepts more than one attachment', () => {
      // "Files per ticket (API) | Multiple — upload again with repeated calls."
      spec([...historyFor('Open'), attachmentAdded({ attachmentId: ATTACHMENT_ID })])
        .when(addAttachment({ attachmentId: ATTACHMENT_ID + 1 }))
        .then([attachmentAdded({ attachmentId: ATTACHMENT_ID + 1 })]);
    });

    it.each(ACTORS)('an attachment uploaded by $who records uploadedBy $role', ({ role }) => {
      const [added] = decide(addAttachment({}, anActor(role)), fold(historyFor('Open')));

      expect(added).toMatchObject({ type: 'AttachmentAdded', data: { uploadedBy: role } });
    });
  });

  describe('AssignTicket', () => {
    it.each(ACTIVE)('staff can assign a ticket in %s to an agent', (status) => {
      spec(historyFor(status))
        .when(assignTicket(AN_AGENT))
        .then([assigned(AN_AGENT)]);
    });

    it('staff can assign a ticket to a group, then reassign it to an agent', () => {
      spec([opened(), assigned(A_GROUP)])
        .when(assignTicket(AN_AGENT))
        .then([assigned(AN_AGENT)]);
    });

    it('staff can unassign an assigned ticket', () => {
      spec([opened(), assigned(AN_AGENT)])
        .when(assignTicket(null))
        .then([assigned(null)]);
    });

    it.each([
      { who: 'the same agent', current: AN_AGENT, next: { ...AN_AGENT, name: 'Renamed' } },
      { who: 'the same group', current: A_GROUP, next: { group: 'billing' } },
    ])('assigning to $who again decides no event', ({ current, next }) => {
      spec([opened(), assigned(current)])
        .when(assignTicket(next))
        .then([]);
    });

    it('unassigning a ticket nobody has decides no event', () => {
      spec([opened()]).when(assignTicket(null)).then([]);
    });

    it('an agent and a group of the same name are different assignees', () => {
      spec([opened(), assigned({ group: '7' })])
        .when(assignTicket(AN_AGENT))
        .then([assigned(AN_AGENT)]);
    });

    it('a customer cannot assign a ticket (ROLE_NOT_ALLOWED)', () => {
      spec([opened()]).when(assignTicket(AN_AGENT, aCustomer())).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('a closed ticket refuses an assignment (TICKET_CLOSED)', () => {
      spec(historyFor('Closed')).when(assignTicket(AN_AGENT)).thenThrows('TICKET_CLOSED');
    });

    it('the assignee is in the state the events fold to', () => {
      const state = fold([opened(), assigned(A_GROUP), assigned(AN_AGENT)]);
      expect(state).toMatchObject({ kind: 'Existing', assignee: AN_AGENT });
    });
  });

  describe('ChangeTicketPriority', () => {
    it('a new ticket is normal', () => {
      expect(fold([opened()])).toMatchObject({ priority: 'normal', assignee: null });
    });

    it.each(ACTIVE)('staff can raise the priority of a ticket in %s', (status) => {
      spec(historyFor(status))
        .when(changePriority('urgent'))
        .then([priorityChanged('normal', 'urgent')]);
    });

    it('the event names the priority it changed from', () => {
      spec([opened(), priorityChanged('normal', 'high')])
        .when(changePriority('low'))
        .then([priorityChanged('high', 'low')]);
    });

    it('the priority the ticket already has decides no event', () => {
      spec([opened()]).when(changePriority('normal')).then([]);
    });

    it('a customer cannot change the priority (ROLE_NOT_ALLOWED)', () => {
      spec([opened()]).when(changePriority('urgent', aCustomer())).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('a closed ticket refuses a priority change (TICKET_CLOSED)', () => {
      spec(historyFor('Closed')).when(changePriority('high')).thenThrows('TICKET_CLOSED');
    });

    it('a priority that is not one is refused (INVALID_PRIORITY)', () => {
      const command = changePriority('critical' as never);
      spec([opened()]).when(command).thenThrows('INVALID_PRIORITY');
    });
  });

  describe('AddInternalNote', () => {
    it.each(ACTIVE)('staff can add a note to a ticket in %s, which keeps its status', (status) => {
      spec(historyFor(status)).when(addNote()).then([noteAdded()]);
    });

    it('a customer cannot add a note (ROLE_NOT_ALLOWED)', () => {
      spec([opened()]).when(addNote({}, aCustomer())).thenThrows('ROLE_NOT_ALLOWED');
    });

    it('a closed ticket refuses a note (TICKET_CLOSED)', () => {
      spec(historyFor('Closed')).when(addNote()).thenThrows('TICKET_CLOSED');
    });

    it.each(BLANK_MESSAGES)('a blank note %j is refused (NOTE_REQUIRED)', (note) => {
      spec([opened()]).when(addNote({ note })).thenThrows('NOTE_REQUIRED');
    });

    it('notes have their own limit and do not count against the messages a customer may add', () => {
      const notes = Array.from({ length: TICKET_LIMITS.notes }, (_, i) =>
        noteAdded({ noteId: NOTE_ID + i }),
      );
      spec([opened(), ...notes])
        .when(addNote({ noteId: 1 }))
        .thenThrows('NOTE_LIMIT_REACHED');
      const next = NOTE_ID + TICKET_LIMITS.notes;
      spec([opened(), ...notes])
        .when(addMessage({ messageId: next }))
        .then([messageAdded({ messageId: next })]);
    });

    it('staff can attach a file to a note: a NoteAttachmentAdded, not an AttachmentAdded', () => {
      spec([opened(), noteAdded()])
        .when(addAttachment({ noteId: NOTE_ID }, aStaffMember()))
        .then([noteAttachmentAdded()]);
    });

    it('a customer cannot attach to a note, whether it exists or not (ROLE_NOT_ALLOWED)', () => {
      spec([opened(), noteAdded()])
        .when(addAttachment({ noteId: NOTE_ID }, aCustomer()))
        .thenThrows('ROLE_NOT_ALLOWED');
      spec([opened()])
        .when(addAttachment({ noteId: NOTE_ID }, aCustomer()))
        .thenThrows('ROLE_NOT_ALLOWED');
    });

    it('a file on a note that is not there is refused (NOTE_NOT_FOUND), also for a message id', () => {
      spec([opened(), messageAdded()])
        .when(addAttachment({ noteId: MESSAGE_ID }, aStaffMember()))
        .thenThrows('NOTE_NOT_FOUND');
    });

    it("a note's files do not count against the attachments a customer may add", () => {
      const files = Array.from({ length: TICKET_LIMITS.attachments }, (_, i) =>
        noteAttachmentAdded({ attachmentId: ATTACHMENT_ID + i }),
      );
      spec([opened(), noteAdded(), ...files])
        .when(addAttachment({ attachmentId: 1 }))
        .then([attachmentAdded({ attachmentId: 1 })]);
    });

    it('a note is not a message: an attachment cannot name it as its messageId', () => {
      spec([opened(), noteAdded()])
        .when(addAttachment({ messageId: NOTE_ID }))
        .thenThrows('MESSAGE_NOT_FOUND');
    });
  });
});
