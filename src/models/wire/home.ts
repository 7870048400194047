import { z } from 'zod';

/** Address fields are unconfirmed on the wire: junk there is dropped, never fatal. */
const text = z.string().nullish().catch(undefined);

export const wireAddressSchema = z.object({
  address1: text,
  address2: text,
  address3: text,
  postalCode: text,
  city: text,
  country: text,
});

/** A `/v1/homes` item: only `id` is confirmed; the name sits at the root or under `info`. */
export const wireHomeSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  info: z
    .object({
      name: z.string().nullish(),
      address: wireAddressSchema.nullish().catch(undefined),
    })
    .nullish(),
  address: wireAddressSchema.nullish().catch(undefined),
  /** Never seen, but the domain is ready for it: a zone on the wire wins over the default. */
  timeZone: z.string().nullish(),
});

export type WireHome = z.infer<typeof wireHomeSchema>;
export type WireAddress = z.infer<typeof wireAddressSchema>;

/** Items stay `unknown` here so that each is validated, and rejected, on its own. */
export const wireHomesEnvelopeSchema = z.object({ homes: z.array(z.unknown()) });
