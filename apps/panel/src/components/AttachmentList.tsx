import { useState } from 'react';
import { downloadAttachment, problemText } from '../api/client';
import type { Scope } from '../api/client';
import { formatBytes } from '../api/limits';
import type { Attachment, Role } from '../api/types';
import { authorName } from './authors';

/** Saves a blob under its file name: the download needs the X-API-Key header, so a plain link cannot do it. */
function saveAs(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function AttachmentList({
  scope,
  attachments,
  viewer,
}: {
  scope: Scope;
  attachments: readonly Attachment[];
  viewer: Role;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  if (attachments.length === 0) return <p className="hint">No attachments yet.</p>;
  const download = async (attachment: Attachment) => {
    setProblem(null);
    try {
      saveAs(
        await downloadAttachment(scope, attachment.ticketId, attachment.id),
        attachment.fileName,
      );
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <>
      <ul className="attachments">
        {attachments.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className="link"
              onClick={() => void download(a)}
              aria-label={`Download ${a.fileName}`}
            >
              {a.fileName}
            </button>
            <span className="meta">
              {formatBytes(a.size)} · {authorName(a.uploadedBy, viewer)}
            </span>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
