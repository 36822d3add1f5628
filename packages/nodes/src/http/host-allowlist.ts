/** One entry of a host allowlist. */
interface HostRule {
  /** Lower-case host name or IP address, as `URL.hostname` writes it. */
  host: string;
  /** True for `*.example.com`: any subdomain of `host`, but not `host` itself. */
  subdomains: boolean;
  /** The only port allowed, or undefined for any port. */
  port: number | undefined;
}

// `*.` prefix, then a host name, an IPv4 address or a bracketed IPv6 address, then an optional port.
const ENTRY = /^(\*\.)?([^:[\]/?#@\s]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/i;

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * The hosts that flows may send HTTP requests to. Each entry is a host name or IP address
 * (`api.github.com`, `127.0.0.1`), or `*.` and a domain for its subdomains
 * (`*.googleapis.com`), and may end in `:port` to allow that port only.
 */
export class HostAllowlist {
  private constructor(
    private readonly rules: readonly HostRule[],
    /** The entries as configured, for messages. */
    readonly entries: readonly string[],
  ) {}

  /**
   * Parses entries separated by commas or whitespace. Throws an Error naming the first invalid
   * entry, and one for a list without entries, which would allow nothing.
   */
  static parse(text: string): HostAllowlist {
    const entries = text.split(/[\s,]+/).filter((entry) => entry !== '');
    if (entries.length === 0) {
      throw new Error(
        'The host allowlist is empty. List at least one host, such as api.github.com',
      );
    }
    return new HostAllowlist(entries.map(parseEntry), entries);
  }

  /** Returns true when a request to `url` may be sent. */
  allows(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);

    return this.rules.some((rule) => {
      if (rule.port !== undefined && rule.port !== port) return false;
      if (!rule.subdomains) return host === rule.host;
      return host.endsWith(`.${rule.host}`);
    });
  }
}

function parseEntry(entry: string): HostRule {
  const match = ENTRY.exec(entry);
  const invalid = () =>
    new Error(
      `Invalid host allowlist entry "${entry}": use a host name or IP address such as api.github.com, *.googleapis.com or 127.0.0.1:4010, without a scheme or path`,
    );
  if (!match) throw invalid();

  const [, wildcard, host, port] = match;
  let hostname: string;
  try {
    // URL normalises the host as it will for requests: lower case, punycode, IPv4 forms.
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    throw invalid();
  }

  // Only the leading `*.` is a wildcard, and a host is letters, digits, dots, hyphens and
  // underscores after URL's normalising, or an IPv6 address in brackets.
  if (!/^([a-z0-9._-]+|\[[0-9a-f:.]+\])$/.test(hostname) || hostname.startsWith('.')) {
    throw invalid();
  }

  const portNumber = port === undefined ? undefined : Number(port);
  if (portNumber !== undefined && (portNumber < 1 || portNumber > 65_535)) throw invalid();
  return { host: hostname, subdomains: wildcard !== undefined, port: portNumber };
}
