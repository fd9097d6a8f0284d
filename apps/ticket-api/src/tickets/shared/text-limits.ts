/** Text size bounds, documented in the README; each is answered with a 400 naming the field. */
export const LIMITS = {
  subject: 200,
  description: 20_000,
  topic: 64,
  propertyId: 64,
  message: 10_000,
  pageSize: 100,
} as const;
