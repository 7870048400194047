import { z } from 'zod';

/**
 * A capability: `value` may be null (it turns null around hour boundaries), and it has
 * either a `unit` (possibly `""`) or `availableValues`. When both appear, the enum wins.
 */
export const wireCapabilitySchema = z
  .object({
    id: z.string().min(1),
    description: z.string().nullish(),
    value: z.union([z.number(), z.string(), z.boolean(), z.null()]).optional(),
    unit: z.string().optional(),
    availableValues: z.array(z.string()).optional(),
  })
  .superRefine((capability, context) => {
    if (capability.unit !== undefined || capability.availableValues !== undefined) return;
    context.addIssue({
      code: 'custom',
      path: ['unit'],
      message: 'a capability has either a unit or availableValues',
      params: { rule: 'unit_or_available_values' },
    });
  });

export type WireCapability = z.infer<typeof wireCapabilitySchema>;
