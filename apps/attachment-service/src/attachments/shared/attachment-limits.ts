/** The seed's "Max file size: 10 MB", in bytes: exactly 10 MiB is accepted, one byte more is not. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const FILE_TOO_LARGE_DETAIL = 'File size exceeds 10 MB limit.';

/** Room for the multipart boundaries, part headers and the messageId field around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export const objectKeyPrefix = (ticketId: number): string => `uploads/tickets/${ticketId}/`;
