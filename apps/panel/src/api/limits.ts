/** The API's bounds (README, Limits), shown before submit and checked before any byte is sent. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const FILE_TOO_LARGE = 'File size exceeds 10 MB limit.';

export const TEXT_LIMITS = {
  subject: 200,
  description: 20_000,
  topic: 64,
  propertyId: 64,
  message: 10_000,
} as const;

export const PROPERTY_ID_PATTERN = '[A-Za-z0-9_.:\\-]{1,64}';

/** The refusal for a file the API would refuse, or null when it may be sent. */
export const fileProblem = (file: File): string | null =>
  file.size > MAX_FILE_BYTES ? FILE_TOO_LARGE : null;

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
};
