import { browserZone } from '../time/format';

const FALLBACK = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** Every IANA zone the browser knows (with the viewer's own first), for zone pickers. */
export function timeZoneOptions(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : FALLBACK;
  const own = browserZone();
  return [own, ...supported.filter((zone) => zone !== own)];
}
