import { z } from 'zod';

/** OIDC userinfo: `sub` is required; other claims are tolerated and ignored. */
export const wireUserInfoSchema = z.object({
  sub: z.string().min(1),
  name: z.string().nullish(),
  email: z.string().nullish(),
});

export type WireUserInfo = z.infer<typeof wireUserInfoSchema>;
