import type {
  CreatedMessage,
  Me,
  MessagePage,
  OpenTicketRequest,
  Problem,
  SettableStatus,
  Ticket,
  TicketPage,
  TicketStatus,
  TicketStatusChange,
  UploadedAttachment,
} from './types';

/** Every call the panel makes to the API: same origin, the key in X-API-Key and nowhere else. */

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** What to tell the person about a failed call: the API's problem detail when there is one. */
export const problemText = (error: unknown): string =>
  error instanceof ApiProblem ? error.message : 'Something went wrong. Please try again.';

const NETWORK_PROBLEM: Problem = {
  status: 0,
  title: 'Network error',
  detail: 'The server could not be reached. Check your connection and try again.',
};

function asProblem(status: number, text: string): Problem {
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    if (typeof body.detail === 'string') return { title: '', ...body, status } as Problem;
  } catch {
    // not problem+json (a proxy's page): fall through to a generic text
  }
  return { status, title: 'Error', detail: `The server answered ${status}.` };
}

export interface Scope {
  readonly key: string;
  readonly accountId: string;
}

const accountQuery = (accountId: string, extra: Record<string, string | undefined> = {}) => {
  const params = new URLSearchParams({ accountId });
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  return `?${params.toString()}`;
};

const ticketPath = (ticketId: number, rest = '') => `/api/Ticket/${ticketId}${rest}`;

async function send(
  key: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'X-API-Key': key, ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new ApiProblem(NETWORK_PROBLEM);
  }
  if (!response.ok && response.status !== 304) {
    throw new ApiProblem(asProblem(response.status, await response.text()));
  }
  return response;
}

const json = async <T>(response: Promise<Response>): Promise<T> =>
  (await (await response).json()) as T;

export const whoAmI = (key: string): Promise<Me> => json<Me>(send(key, 'GET', '/api/me'));

export const listTickets = (
  { key, accountId }: Scope,
  options: { status?: TicketStatus; cursor?: string; limit?: number } = {},
): Promise<TicketPage> =>
  json<TicketPage>(
    send(
      key,
      'GET',
      `/api/Ticket${accountQuery(accountId, {
        status: options.status,
        cursor: options.cursor,
        limit: options.limit ? String(options.limit) : undefined,
      })}`,
    ),
  );

export type TicketRead = { ticket: Ticket } | { unchanged: true };

/** The ticket, or "unchanged" (304) when it is still at knownVersion. */
export async function getTicket(
  { key, accountId }: Scope,
  ticketId: number,
  options: { knownVersion?: number; minVersion?: number } = {},
): Promise<TicketRead> {
  const headers: Record<string, string> =
    options.knownVersion === undefined ? {} : { 'If-None-Match': `"${options.knownVersion}"` };
  const minVersion = options.minVersion === undefined ? undefined : String(options.minVersion);
  const response = await send(
    key,
    'GET',
    ticketPath(ticketId, accountQuery(accountId, { minVersion })),
    { headers },
  );
  if (response.status === 304) return { unchanged: true };
  return { ticket: (await response.json()) as Ticket };
}

/** The messages just before `before` (olderMessages.cursor), oldest first. */
export const listMessages = ({ key, accountId }: Scope, ticketId: number, before: string) =>
  json<MessagePage>(
    send(key, 'GET', ticketPath(ticketId, `/messages${accountQuery(accountId, { before })}`)),
  );

export const openTicket = ({ key, accountId }: Scope, request: OpenTicketRequest) =>
  json<Ticket>(send(key, 'POST', `/api/Ticket${accountQuery(accountId)}`, { body: request }));

export const addMessage = ({ key, accountId }: Scope, ticketId: number, message: string) =>
  json<CreatedMessage>(
    send(key, 'POST', ticketPath(ticketId, `/message${accountQuery(accountId)}`), {
      body: { message },
    }),
  );

export const closeTicket = ({ key, accountId }: Scope, ticketId: number) =>
  json<TicketStatusChange>(
    send(key, 'POST', ticketPath(ticketId, `/close${accountQuery(accountId)}`)),
  );

export const resolveTicket = ({ key, accountId }: Scope, ticketId: number) =>
  json<TicketStatusChange>(
    send(key, 'POST', ticketPath(ticketId, `/resolve${accountQuery(accountId)}`)),
  );

export const changeStatus = ({ key, accountId }: Scope, ticketId: number, status: SettableStatus) =>
  json<TicketStatusChange>(
    send(key, 'POST', ticketPath(ticketId, `/status${accountQuery(accountId)}`), {
      body: { status },
    }),
  );

/** Multipart upload of one file, through XMLHttpRequest because fetch reports no upload progress. */
export function uploadAttachment(
  { key, accountId }: Scope,
  ticketId: number,
  file: File,
  options: { messageId?: number; onProgress?: (sent: number, total: number) => void } = {},
): Promise<UploadedAttachment> {
  const form = new FormData();
  if (options.messageId !== undefined) form.append('messageId', String(options.messageId));
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', ticketPath(ticketId, `/attachment${accountQuery(accountId)}`));
    request.setRequestHeader('X-API-Key', key);
    request.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.total);
    request.onerror = () => reject(new ApiProblem(NETWORK_PROBLEM));
    request.onload = () => {
      if (request.status === 201) resolve(JSON.parse(request.responseText) as UploadedAttachment);
      else reject(new ApiProblem(asProblem(request.status, request.responseText)));
    };
    request.send(form);
  });
}

/** The file's bytes; a plain link cannot carry the X-API-Key header. */
export const downloadAttachment = async (
  { key, accountId }: Scope,
  ticketId: number,
  attachmentId: number,
): Promise<Blob> =>
  (
    await send(
      key,
      'GET',
      ticketPath(ticketId, `/attachment/${attachmentId}${accountQuery(accountId)}`),
    )
  ).blob();
