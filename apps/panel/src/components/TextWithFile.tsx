import { FileField } from './FileField';
import type { FileChoice } from './FileField';
import { TextAreaField } from './TextAreaField';
import type { TextAreaProps } from './TextAreaField';
import { UploadProgress } from './UploadProgress';
import type { Progress } from './UploadProgress';

interface Props {
  text: TextAreaProps;
  attachment: FileChoice;
  progress: Progress | null;
  busy: boolean;
}

/** What the open form and the reply box both send: a text, one optional file, and the upload's progress. */
export function TextWithFile({ text, attachment, progress, busy }: Props) {
  return (
    <>
      <TextAreaField {...text} />
      <FileField label="Attach a file (optional)" choice={attachment} disabled={busy} />
      <UploadProgress progress={progress} />
    </>
  );
}
