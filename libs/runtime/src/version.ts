import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync('package.json', 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** This build's version: package.json's, as npm or the working directory sees it. */
export const TANDEM_VERSION = process.env.npm_package_version ?? readVersion();
