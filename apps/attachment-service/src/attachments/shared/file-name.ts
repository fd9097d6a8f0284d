const MAX_FILE_NAME_LENGTH = 255;
// the name travels percent-encoded in the object's metadata: 255 bytes of UTF-8 stay under S3's 2 KB
const MAX_FILE_NAME_BYTES = 255;
const FALLBACK_NAME = 'attachment';
// C0 and C1 controls, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg"
const UNSAFE_CHARACTERS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The client's file name without path parts or control characters; never used as a storage key. */
export function sanitizeFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_CHARACTERS, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return FALLBACK_NAME;
  return capBytes([...cleaned].slice(0, MAX_FILE_NAME_LENGTH));
}

/** The characters that fit in MAX_FILE_NAME_BYTES of UTF-8, never splitting one. */
function capBytes(characters: string[]): string {
  let bytes = 0;
  let kept = 0;
  while (kept < characters.length) {
    bytes += Buffer.byteLength(characters[kept]);
    if (bytes > MAX_FILE_NAME_BYTES) break;
    kept += 1;
  }
  return characters.slice(0, kept).join('');
}

/** The type/subtype the client declared, lower-cased and without parameters; octet-stream when unusable. */
export function sanitizeContentType(raw: string | undefined): string {
  const essence = (raw ?? '').split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) ? essence : 'application/octet-stream';
}

const asciiFallback = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const encodeExtValue = (name: string): string =>
  encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** RFC 6266: an ASCII filename for old clients and a UTF-8 filename* that keeps the real name. */
export const contentDisposition = (fileName: string): string =>
  `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
