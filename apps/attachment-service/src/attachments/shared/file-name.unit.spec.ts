import { contentDisposition, sanitizeContentType, sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it.each([
    ['screenshot.png', 'screenshot.png'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['bad\u0000na\u001fme\u007f.txt', 'badname.txt'],
    ['evil\u202egpj.exe', 'evilgpj.exe'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['Résumé – 日本語.pdf', 'Résumé – 日本語.pdf'],
  ])('keeps the name of %j as %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it.each([undefined, '', '..', '/', '\u0001'])('falls back to "attachment" for %j', (raw) => {
    expect(sanitizeFileName(raw)).toBe('attachment');
  });

  it('caps the length at 255 characters', () => {
    expect(sanitizeFileName('a'.repeat(300))).toBe('a'.repeat(255));
  });

  it('caps the name at 255 bytes of UTF-8 without splitting a character', () => {
    const name = sanitizeFileName('😀'.repeat(255));
    expect(name).toBe('😀'.repeat(63));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
  });
});

describe('sanitizeContentType', () => {
  it('keeps a valid type without its parameters', () => {
    expect(sanitizeContentType('Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(sanitizeContentType('image/svg+xml')).toBe('image/svg+xml');
  });

  it.each([undefined, '', 'nonsense', 'text/html\r\nx-evil: 1', 'a/b c'])(
    'answers application/octet-stream for %j',
    (raw) => {
      expect(sanitizeContentType(raw)).toBe('application/octet-stream');
    },
  );
});

describe('contentDisposition', () => {
  it('gives an ASCII filename and a UTF-8 filename* (RFC 6266)', () => {
    expect(contentDisposition('Résumé 日本.pdf')).toBe(
      `attachment; filename="Resume __.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%E6%97%A5%E6%9C%AC.pdf`,
    );
  });

  it('never lets a quote or backslash end the quoted filename', () => {
    expect(contentDisposition('a"b\\c.txt')).toBe(
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
  });

  it("percent-encodes the characters RFC 5987 leaves out of attr-char: ' ( ) *", () => {
    expect(contentDisposition("it's (1)*.txt")).toContain(
      "filename*=UTF-8''it%27s%20%281%29%2A.txt",
    );
  });
});
