import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';

export const CLOSE_CONFIRMATION =
  "Close this ticket? You won't be able to add more messages after closing.";

interface Props {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** A modal dialog: the page behind is inert, Tab stays inside, Escape cancels, focus goes back after. */
export function ConfirmCloseDialog({ open, busy, onCancel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open) return;
    const opener = document.activeElement as HTMLElement | null;
    element.showModal();
    cancelButton.current?.focus();
    return () => {
      element.close();
      opener?.focus();
    };
  }, [open]);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialog.current) return;
    const buttons = [
      ...dialog.current.querySelectorAll<HTMLButtonElement>('button:not([disabled])'),
    ];
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="close-dialog-title"
      aria-describedby="close-dialog-text"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onKeyDown={trapTab}
    >
      <h2 id="close-dialog-title">Close Ticket</h2>
      <p id="close-dialog-text">{CLOSE_CONFIRMATION}</p>
      <div className="actions">
        <button type="button" className="secondary" ref={cancelButton} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Closing…' : 'Close Ticket'}
        </button>
      </div>
    </dialog>
  );
}
