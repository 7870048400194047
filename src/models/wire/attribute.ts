import { z } from 'zod';

/** An attribute: `id` and either a `value` or the connectivity shape `{status, …}`. */
export const wireAttributeSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().nullish(),
    value: z.json().optional(),
    status: z.string().optional(),
    ssid: z.string().nullish(),
    bssid: z.string().nullish(),
    ipAddress: z.string().nullish(),
  })
  .superRefine((attribute, context) => {
    if (attribute.value !== undefined || attribute.status !== undefined) return;
    context.addIssue({
      code: 'custom',
      path: ['value'],
      message: 'an attribute has either a value or a connectivity status',
      params: { rule: 'value_or_status' },
    });
  });

export type WireAttribute = z.infer<typeof wireAttributeSchema>;
