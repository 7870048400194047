import { z } from 'zod';

/** Seconds; some servers send them as a numeric string. */
const expiresInSchema = z
  .union([z.number(), z.string().regex(/^\d+(\.\d+)?$/).transform(Number)])
  .pipe(z.number().nonnegative());

/** The token endpoint's success body (RFC 6749 §5.1); `scope` is space separated. */
export const wireTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: expiresInSchema,
  refresh_token: z.string().min(1).nullish(),
  id_token: z.string().min(1).nullish(),
  scope: z.string().nullish(),
});

export type WireTokenResponse = z.infer<typeof wireTokenResponseSchema>;
