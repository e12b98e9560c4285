import { passwordProblem } from './password-policy.js';

describe('passwordProblem (NIST 800-63B: length and a blocklist, no composition rules)', () => {
  it.each([
    'tandem-demo-password',
    'correct horse battery staple',
    'a brand new password',
    'another new password',
    's3cret-enough',
    'violet kettle on tuesdays',
    'Mx7#pQ2!vL9z',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeUndefined();
  });

  it('counts characters before anything else', () => {
    expect(passwordProblem('short')).toBe('Use at least 10 characters (5 so far).');
    expect(passwordProblem('x'.repeat(201))).toBe('Use at most 200 characters.');
  });

  it.each([
    ['password12', 'most used'],
    ['Password123!', 'most used'],
    ['P@ssw0rd2024', 'most used'],
    ['iloveyou12', 'most used'],
    ['2024football', 'most used'],
    ['welcome-123', 'most used'],
    ['          ', 'repeated'],
    ['aaaaaaaaaa', 'repeated'],
    ['abcabcabcabc', 'repeated'],
    ['1212121212', 'repeated'],
    ['1234567890', 'run'],
    ['0987654321', 'run'],
    ['abcdefghijk', 'run'],
    ['qwertyuiop', 'run'],
    ['asdfghjkl;12', 'most used'],
    ['1qaz2wsx3edc', 'run'],
  ])('refuses %j as common', (password, why) => {
    const problem = passwordProblem(password);
    expect(problem).toMatch(/^Choose a less common password: /);
    expect(problem).toContain(why);
  });

  it("refuses the user's own email name and the practice's or person's name, with digits around them", () => {
    const context = { email: 'Olivia.Hart@example.com', names: ['Brightpath Coaching', 'Olivia Hart'] };
    expect(passwordProblem('oliviahart2024', context)).toMatch(/your email address or a name/);
    expect(passwordProblem('Olivia.Hart!!', context)).toMatch(/your email address or a name/);
    expect(passwordProblem('brightpath coaching 1', context)).toMatch(/your email address or a name/);
    expect(passwordProblem('Brightpath!!', context)).toMatch(/your email address or a name/);
    expect(passwordProblem('oliviahart2024')).toBeUndefined();
    expect(passwordProblem('hart of the olive grove', context)).toBeUndefined();
  });
});
