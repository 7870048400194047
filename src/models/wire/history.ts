import { z } from 'zod';

/** A history page; points stay `unknown` so that one bad point fails alone. */
export const wireHistoryPageSchema = z.object({
  query: z.object({ effectiveStart: z.string(), effectiveEnd: z.string() }),
  data: z.array(z.unknown()),
  next: z.string().nullish(),
  prev: z.string().nullish(),
});

/** `time` is in the home's zone; `data` is device specific and may nest. */
export const wireHistoryPointSchema = z.object({
  time: z.string(),
  data: z.record(z.string(), z.json()),
});

export type WireHistoryPage = z.infer<typeof wireHistoryPageSchema>;
export type WireHistoryPoint = z.infer<typeof wireHistoryPointSchema>;
