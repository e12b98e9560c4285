import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor are hang guards, not timings: a loaded CI machine renders a page in seconds.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
