import type { PersonalDataCodec } from '@app/event-store';

/** A delivery's payload is stored as the event was (personal fields sealed); it is opened to be sent. */
export type PayloadOpener = (payload: unknown) => Promise<unknown>;

export const payloadOpener =
  (codec: PersonalDataCodec): PayloadOpener =>
  async (payload) => {
    const { data } = payload as { data?: { type?: unknown; data?: unknown } };
    if (typeof data?.type !== 'string') return payload;
    const event = { type: data.type, data: data.data };
    const [opened] = await codec.openRecords([event]);
    return opened === event
      ? payload
      : { ...(payload as object), data: { ...data, data: opened.data } };
  };
