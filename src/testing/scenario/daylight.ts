/**
 * Where the sun is, roughly: enough for solar output that follows daylight and seasons at a
 * home's latitude. Solar noon is taken at 12:00 local standard time (a zone's offset is
 * close to its longitude), so daylight saving moves the clock, not the sun.
 */

const RADIANS = Math.PI / 180;
const AXIAL_TILT_DEG = 23.44;

/** The sun's declination on a day of the year (1 = 1 January), in radians. */
function declination(dayOfYear: number): number {
  return -AXIAL_TILT_DEG * RADIANS * Math.cos(((2 * Math.PI) / 365) * (dayOfYear + 10));
}

/** Sine of the sun's elevation; negative at night. `solarHour` is local standard time. */
export function sunHeight(latitudeDeg: number, dayOfYear: number, solarHour: number): number {
  const latitude = latitudeDeg * RADIANS;
  const sunDeclination = declination(dayOfYear);
  const hourAngle = 15 * RADIANS * (solarHour - 12);
  return (
    Math.sin(latitude) * Math.sin(sunDeclination) +
    Math.cos(latitude) * Math.cos(sunDeclination) * Math.cos(hourAngle)
  );
}

/** Hours between sunrise and sunset: 0 in polar night, 24 under the midnight sun. */
export function dayLengthHours(latitudeDeg: number, dayOfYear: number): number {
  const cosine = -Math.tan(latitudeDeg * RADIANS) * Math.tan(declination(dayOfYear));
  if (cosine >= 1) return 0;
  if (cosine <= -1) return 24;
  return (2 * Math.acos(cosine)) / (15 * RADIANS);
}

/** Day of the year (1–366) of a standard-time day counted from the epoch. */
export function dayOfYearOf(standardDay: number): number {
  const date = new Date(standardDay * 86_400_000);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.floor((date.getTime() - yearStart) / 86_400_000) + 1;
}
