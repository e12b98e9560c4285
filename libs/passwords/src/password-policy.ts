import { COMMON_PASSWORD_ROOTS } from './common-passwords.js';

/** NIST SP 800-63B: at least 10 characters here (8 is its floor), no composition rules, a blocklist instead. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** What the password must not be built from: the account's email address and names (person, practice). */
export interface PasswordContext {
  email?: string | undefined;
  names?: ReadonlyArray<string | undefined>;
}

const LESS_COMMON = 'Choose a less common password:';
const ROOTS = new Set(COMMON_PASSWORD_ROOTS);
/** Digits and symbols read as the letters they stand for (p4ssw0rd, $ecret). */
const LOOK_ALIKES: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
const ROWS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
  'azertyuiop',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'q1w2e3r4t5y6u7i8o9p0',
];

/** Why a new password is refused, or undefined when it is acceptable. One rule for the API and the web app. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | undefined {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters (${password.length} so far).`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (isRepetitive(lower)) return `${LESS_COMMON} one character or a short group repeated is among the first guesses.`;
  const compact = lower.replace(/[\s\-_.]+/g, '');
  if (isSequence(compact)) return `${LESS_COMMON} a run such as abcd…, 1234… or qwerty… is among the first guesses.`;
  const root = rootOf(lower);
  if (ROOTS.has(root) || ROOTS.has(rootOf(readLookAlikes(lower))) || isSequence(root))
    return `${LESS_COMMON} it is one of the most used passwords, with a few characters around it.`;
  for (const personal of personalRoots(context)) {
    if (root === personal || rootOf(readLookAlikes(lower)) === personal)
      return `${LESS_COMMON} it is your email address or a name on the account, which others know.`;
  }
  return undefined;
}

/** The same character, or a group of up to 3, over and over ("          ", "abcabcabca", "12121212"). */
function isRepetitive(value: string): boolean {
  for (let unit = 1; unit <= 3; unit += 1) {
    const group = value.slice(0, unit);
    if (group.repeat(Math.ceil(value.length / unit)).slice(0, value.length) === value) return true;
  }
  return value.trim() === '';
}

/** Steps of one letter or digit up or down, or a stretch of a keyboard row, either way. */
function isSequence(value: string): boolean {
  if (value.length < 4) return false;
  const steps = new Set<number>();
  for (let i = 1; i < value.length; i += 1) steps.add(value.charCodeAt(i) - value.charCodeAt(i - 1));
  if (steps.size === 1 && [1, -1].includes([...steps][0])) return true;
  const reversed = [...value].reverse().join('');
  return ROWS.some((row) => row.includes(value) || row.includes(reversed));
}

/** The letters at the heart of a password: lower case, spaces, punctuation and digits around it taken off. */
function rootOf(value: string): string {
  return value
    .replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
    .replace(/[\s\-_.]+/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

function readLookAlikes(value: string): string {
  // Only inside the word: trailing digits stay digits ("password12" keeps its 12 to be taken off).
  const core = value.replace(/[^\p{L}]+$/u, '');
  return [...core].map((ch) => LOOK_ALIKES[ch] ?? ch).join('') + value.slice(core.length);
}

function personalRoots(context: PasswordContext): string[] {
  const local = context.email?.toLowerCase().split('@')[0];
  const whole = context.email?.toLowerCase();
  const names = (context.names ?? []).filter((name): name is string => !!name);
  // A whole name, or one of its words ("Brightpath" of "Brightpath Coaching").
  const words = names.flatMap((name) => name.split(/[\s\-_.]+/)).filter((word) => word.length >= 4);
  return [local, whole?.replace(/[@.]/g, ''), ...names, ...words]
    .map((value) => (value ? rootOf(value.toLowerCase()) : ''))
    .filter((root) => root.length >= 3);
}
