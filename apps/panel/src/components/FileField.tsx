import { useId, useState } from 'react';
import { fileProblem, formatBytes, MAX_FILE_BYTES } from '../api/limits';

/** The file a form will send, or why it refused the one chosen. */
export interface FileChoice {
  file: File | null;
  problem: string | null;
  /** Changes to empty the input after a send. */
  inputKey: number;
  choose: (file: File | null) => void;
  clear: () => void;
}

export function useFileChoice(): FileChoice {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  return {
    file,
    problem,
    inputKey,
    choose: (chosen) => {
      const refusal = chosen ? fileProblem(chosen) : null;
      setFile(refusal ? null : chosen);
      setProblem(refusal);
    },
    clear: () => {
      setFile(null);
      setProblem(null);
      setInputKey((n) => n + 1);
    },
  };
}

interface Props {
  label: string;
  choice: FileChoice;
  disabled?: boolean;
}

/** One optional file, refused here when over the limit, before any byte is sent. */
export function FileField({ label, choice, disabled }: Props) {
  const id = useId();
  const { file, problem } = choice;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        key={choice.inputKey}
        id={id}
        type="file"
        disabled={disabled}
        aria-describedby={`${id}-hint ${id}-problem`}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => choice.choose(e.target.files?.[0] ?? null)}
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
