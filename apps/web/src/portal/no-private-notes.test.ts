import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * A client must never be asked for a session's private notes: the portal's queries and mutations
 * do not even name the field. Every document the portal's modules export is printed (fragments
 * included) and checked, and so is the source of every portal file, so a query written inline
 * in a component is caught too.
 */
const sources = import.meta.glob<string>(['./*.ts', './*.tsx', '!./*.test.ts', '!./*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', './*.tsx', '!./*.test.ts', '!./*.test.tsx'], { eager: true });

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
}

describe('the portal never asks for private notes', () => {
  const documents = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => isDocument(value))
      .map(([name, value]) => ({ name: `${file}#${name}`, text: print(value as DocumentNode) })),
  );

  it('finds the portal’s documents', () => {
    const names = documents.map((d) => d.name);
    for (const expected of [
      'PortalHomeQuery',
      'MyActionItemsQuery',
      'ClientSessionQuery',
      'ClientCareerPlanQuery',
      'CompleteActionItemMutation',
    ]) {
      expect(names.some((n) => n.endsWith(`#${expected}`))).toBe(true);
    }
  });

  it('has no document that selects privateNotes', () => {
    for (const document of documents) expect(document.text, document.name).not.toMatch(/privateNotes/i);
  });

  it('has no source file that mentions privateNotes', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    for (const [file, text] of Object.entries(sources)) expect(text, file).not.toMatch(/privateNotes/i);
  });
});
