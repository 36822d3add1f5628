import { describe, expect, it } from 'vitest';

import { Redactor } from '../src/redact.js';

describe('Redactor', () => {
  it('hides text in secret-named fields', () => {
    const redacted = new Redactor().redact({ password: 'hunter2', apiKey: { value: 'k' } });

    expect(redacted.password).toBe('[redacted]');
    expect(redacted.apiKey).toBe('[redacted]');
  });

  it('keeps flags and numbers in secret-named fields', () => {
    const redacted = new Redactor().redact({ changePasswordAtNextLogin: true, tokenTtl: 3600 });

    expect(redacted.changePasswordAtNextLogin).toBe(true);
    expect(redacted.tokenTtl).toBe(3600);
  });

  it('cuts known secrets out of other text', () => {
    const redacted = new Redactor(['s3cr3t-value']).redact({ note: 'key=s3cr3t-value;' });

    expect(redacted.note).toBe('key=[redacted];');
  });
});
