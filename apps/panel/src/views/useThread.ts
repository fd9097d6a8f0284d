import { useEffect, useRef, useState } from 'react';
import { listMessages, problemText } from '../api/client';
import type { Scope } from '../api/client';
import type { Message, OlderMessages, Ticket } from '../api/types';
import { leftTheLatestPage, mergeThread } from '../components/thread-pages';

interface Earlier {
  messages: Message[];
  older: OlderMessages | null;
}

/** The ticket's latest page of messages, with older pages loaded on demand in front of it. */
export function useThread(scope: Scope, ticket: Ticket) {
  const [earlier, setEarlier] = useState<Earlier | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latestPage = useRef(ticket.messages);

  useEffect(() => {
    // once older pages are shown, messages pushed out of the latest page by new ones stay on screen
    const left = leftTheLatestPage(latestPage.current, ticket.messages);
    latestPage.current = ticket.messages;
    if (left.length > 0) setEarlier((e) => e && { ...e, messages: mergeThread(e.messages, left) });
  }, [ticket.messages]);

  const older = earlier ? earlier.older : ticket.olderMessages;

  const loadOlder = async () => {
    if (!older) return;
    setLoading(true);
    setProblem(null);
    try {
      const page = await listMessages(scope, ticket.id, older.cursor);
      setEarlier((e) => ({
        messages: mergeThread(page.items, e?.messages ?? []),
        older: page.olderMessages,
      }));
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setLoading(false);
    }
  };

  return {
    messages: earlier ? mergeThread(earlier.messages, ticket.messages) : ticket.messages,
    older,
    loading,
    problem,
    loadOlder,
  };
}
