// mailauth ships no type declarations; this covers the part of its API we call.
declare module 'mailauth' {
  export type DnsResolver = (name: string, rrtype: string) => Promise<unknown>;
  export interface AuthStatus {
    result: string;
    aligned?: string | false;
  }
  export interface AuthenticateResult {
    dkim?: { headerFrom?: string[]; results?: Array<{ signingDomain?: string; status: AuthStatus }> };
    spf?: { domain?: string; status: AuthStatus } | false;
    dmarc?: { status: AuthStatus; domain?: string } | false;
    headers?: string;
  }
  export function authenticate(
    message: string | Buffer,
    options?: {
      ip?: string;
      helo?: string;
      sender?: string;
      mta?: string;
      resolver?: DnsResolver;
      disableArc?: boolean;
      disableBimi?: boolean;
      trustReceived?: boolean;
    },
  ): Promise<AuthenticateResult>;
}
