import { useState } from 'react';
import type { FormEvent } from 'react';
import { addMessage, problemText, uploadAttachment } from '../api/client';
import type { Scope } from '../api/client';
import { TEXT_LIMITS } from '../api/limits';
import { useFileChoice } from '../components/FileField';
import { TextWithFile } from '../components/TextWithFile';
import type { Progress } from '../components/UploadProgress';

interface Props {
  scope: Scope;
  ticketId: number;
  /** Called with the ticket version our writes reached, to read them back. */
  onSent: (version: number) => Promise<void>;
}

const REPLY_FIELD = { id: 'reply', label: 'Your Reply', rows: 4, maxLength: TEXT_LIMITS.message };

/** Your Reply + Send, and one optional file: the message first, then the file against its id. */
export function ReplyBox({ scope, ticketId, onSent }: Props) {
  const [message, setMessage] = useState('');
  const attachment = useFileChoice();
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { file } = attachment;
    if (attachment.problem) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await addMessage(scope, ticketId, message);
      setMessage('');
      let version = created.ticketVersion;
      if (file) {
        const uploaded = await uploadAttachment(scope, ticketId, file, {
          messageId: created.id,
          onProgress: (sent, total) => setProgress({ fileName: file.name, sent, total }),
        });
        version = uploaded.ticketVersion;
        attachment.clear();
      }
      await onSent(version);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <form className="reply card" onSubmit={(e) => void submit(e)} aria-labelledby="reply-title">
      <h2 id="reply-title">Reply</h2>
      <TextWithFile
        text={{ ...REPLY_FIELD, value: message, onChange: setMessage }}
        {...{ attachment, progress, busy }}
      />
      <p className="error" role="alert">
        {problem}
      </p>
      <button type="submit" disabled={busy || attachment.problem !== null || !message.trim()}>
        {busy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
