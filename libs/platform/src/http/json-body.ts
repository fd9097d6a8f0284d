import { isUtf8 } from 'node:buffer';

/** Deeper than any request body of this API; the limit keeps recursive validation off deep input. */
export const MAX_JSON_DEPTH = 32;

/** How deeply arrays and objects nest in a JSON text, counted without parsing it. */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return deepest;
}

type Done = (error: Error | null, body?: unknown) => void;
type JsonParser<R> = (request: R, body: string, done: Done) => unknown;

/** Fastify's JSON parser behind a nesting check, so no later recursion sees a deep body. */
export const depthLimitedJsonParser =
  <R>(parse: JsonParser<R>) =>
  (request: R, body: Buffer | string, done: Done): void => {
    // decoding would turn invalid bytes into U+FFFD and store them as if the client had sent that
    if (Buffer.isBuffer(body) && !isUtf8(body))
      return done(malformed('The JSON body is not UTF-8.'));
    const text = body.toString();
    if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      return done(
        malformed(`The JSON body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels.`),
      );
    }
    void parse(request, text, done);
  };

const malformed = (detail: string): Error => Object.assign(new Error(detail), { statusCode: 400 });
