import { importPKCS8 } from 'jose';

/** The DER prefix of a PKCS#8 AlgorithmIdentifier for rsaEncryption (OID 1.2.840.113549.1.1.1, NULL). */
const RSA_ALGORITHM_IDENTIFIER = [
  0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/**
 * Imports an RSA private key for RS256 signing from PEM. Accepts PKCS#8 (`BEGIN PRIVATE KEY`, as in
 * Google service account keys) and PKCS#1 (`BEGIN RSA PRIVATE KEY`, as GitHub hands out App keys),
 * which Web Crypto cannot import, so it is wrapped into PKCS#8 first.
 */
export async function importRsaPrivateKey(
  pem: string,
): Promise<Awaited<ReturnType<typeof importPKCS8>>> {
  const normalized = pem.replace(/\\n/g, '\n').trim();
  if (!normalized.includes('-----BEGIN RSA PRIVATE KEY-----'))
    return importPKCS8(normalized, 'RS256');

  const body = normalized.replace(/-----(BEGIN|END) RSA PRIVATE KEY-----/g, '').replace(/\s+/g, '');
  const pkcs1 = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  const version = [0x02, 0x01, 0x00];
  const octetString = [0x04, ...derLength(pkcs1.length)];
  const contentLength =
    version.length + RSA_ALGORITHM_IDENTIFIER.length + octetString.length + pkcs1.length;
  const pkcs8 = new Uint8Array([
    0x30,
    ...derLength(contentLength),
    ...version,
    ...RSA_ALGORITHM_IDENTIFIER,
    ...octetString,
    ...pkcs1,
  ]);

  return importPKCS8(toPem(pkcs8), 'RS256');
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];

  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function toPem(der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----`;
}
