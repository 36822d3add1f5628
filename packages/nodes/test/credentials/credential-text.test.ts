import { describe, expect, it } from 'vitest';

import { credentialTypes } from '../../src/credentials/index.js';

// The designer shows descriptions as plain text, so Markdown code spans would show their backticks.
describe('credential descriptions', () => {
  it.each(Object.values(credentialTypes).map((definition) => [definition.type, definition]))(
    '%s has no backticks',
    (_type, definition) => {
      expect(definition.description).not.toContain('`');
    },
  );
});
