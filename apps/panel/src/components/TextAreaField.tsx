export interface TextAreaProps {
  id: string;
  label: string;
  rows: number;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
}

/** A required text area with its limit said under it. */
export function TextAreaField({ id, label, rows, maxLength, value, onChange }: TextAreaProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        required
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p className="hint" id={`${id}-hint`}>
        Up to {maxLength.toLocaleString('en')} characters.
      </p>
    </div>
  );
}
