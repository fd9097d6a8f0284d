import { useId } from 'react';
import { fileProblem, formatBytes, MAX_FILE_BYTES } from '../api/limits';

interface Props {
  label: string;
  file: File | null;
  onChange: (file: File | null, problem: string | null) => void;
  problem: string | null;
  disabled?: boolean;
  inputKey: number;
}

/** One optional file, refused here when over the limit, before any byte is sent. */
export function FileField({ label, file, onChange, problem, disabled, inputKey }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        key={inputKey}
        id={id}
        type="file"
        disabled={disabled}
        aria-describedby={`${id}-hint ${id}-problem`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          onChange(chosen, chosen ? fileProblem(chosen) : null);
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        One file, at most {formatBytes(MAX_FILE_BYTES)}.
        {file && !problem ? ` Selected: ${file.name} (${formatBytes(file.size)}).` : ''}
      </p>
      <p className="error" id={`${id}-problem`} role="alert">
        {problem}
      </p>
    </div>
  );
}
