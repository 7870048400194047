import { z } from 'zod';

export const wireDeviceInfoSchema = z.object({
  /** May be a placeholder such as `<no name>`. */
  name: z.string().nullish(),
  brand: z.string().nullish(),
  /** Optional: a missing model crashed one public client. */
  model: z.string().nullish(),
});

export const wireSupportedHistorySchema = z.object({
  /** Unknown resolutions are ignored later, not rejected here. */
  resolutions: z.array(z.string()).nullish(),
  maxRetentionDays: z.number().nonnegative().nullish(),
});

/** An item of `/v1/homes/{homeId}/devices`: no capabilities, no status. */
export const wireDeviceSummarySchema = z.object({
  id: z.string(),
  externalId: z.string(),
  info: wireDeviceInfoSchema,
  supportedHistory: wireSupportedHistorySchema.nullish(),
});

/** `/v1/homes/{homeId}/devices/{deviceId}`: a bare object; list items stay `unknown`. */
export const wireDeviceDetailSchema = wireDeviceSummarySchema.extend({
  status: z.object({ lastSeen: z.string().nullish() }).nullish(),
  attributes: z.array(z.unknown()).nullish(),
  capabilities: z.array(z.unknown()).nullish(),
});

export const wireDeviceListEnvelopeSchema = z.object({ devices: z.array(z.unknown()) });

export type WireDeviceSummary = z.infer<typeof wireDeviceSummarySchema>;
export type WireDeviceDetail = z.infer<typeof wireDeviceDetailSchema>;
