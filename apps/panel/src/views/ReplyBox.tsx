import { useState } from 'react';
import type { FormEvent } from 'react';
import { addMessage, problemText, uploadAttachment } from '../api/client';
import type { Scope } from '../api/client';
import { TEXT_LIMITS } from '../api/limits';
import { FileField } from '../components/FileField';
import { UploadProgress } from '../components/UploadProgress';
import type { Progress } from '../components/UploadProgress';

interface Props {
  scope: Scope;
  ticketId: number;
  /** Called with the ticket version our writes reached, to read them back. */
  onSent: (version: number) => Promise<void>;
}

/** Your Reply + Send, and one optional file: the message first, then the file against its id. */
export function ReplyBox({ scope, ticketId, onSent }: Props) {
  const [message, setMessage] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [fileInput, setFileInput] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fileProblem) return;
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
        setFile(null);
        setFileInput((n) => n + 1);
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
      <div className="field">
        <label htmlFor="reply">Your Reply</label>
        <textarea
          id="reply"
          rows={4}
          required
          maxLength={TEXT_LIMITS.message}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-describedby="reply-hint"
        />
        <p className="hint" id="reply-hint">
          Up to {TEXT_LIMITS.message.toLocaleString('en')} characters.
        </p>
      </div>
      <FileField
        label="Attach a file (optional)"
        file={file}
        problem={fileProblem}
        disabled={busy}
        inputKey={fileInput}
        onChange={(chosen, refusal) => {
          setFile(refusal ? null : chosen);
          setFileProblem(refusal);
        }}
      />
      <UploadProgress progress={progress} />
      <p className="error" role="alert">
        {problem}
      </p>
      <button type="submit" disabled={busy || fileProblem !== null || !message.trim()}>
        {busy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}
