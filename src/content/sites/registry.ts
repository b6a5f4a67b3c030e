/** Adapters register on import (index.ts); `adapterFor` picks one. The test hook (./README.md) works on loopback hosts only: no web page picks its adapter. */
import type { SiteAdapter } from './site-adapter';

const adapters: SiteAdapter[] = [];

export function registerSite(adapter: SiteAdapter): void {
  if (!adapters.some((a) => a.id === adapter.id)) adapters.push(adapter);
}

export function registeredSites(): readonly SiteAdapter[] {
  return adapters;
}

export function isLoopbackHost(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === 'localhost' || hostname === '[::1]' || hostname === '::1';
}

/** `hosts` entries match the hostname itself or any subdomain (www., m., old., mobile.). */
export function hostMatches(hostname: string, hosts: readonly string[]): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return hosts.some((d) => h === d || h.endsWith(`.${d}`));
}

export function adapterFor(hostname: string, doc: Document): SiteAdapter | undefined {
  if (isLoopbackHost(hostname)) {
    const wanted = doc.querySelector<HTMLMetaElement>('meta[name="deepfake-radar-test-site"]')?.content.trim();
    if (wanted) return adapters.find((a) => a.id === wanted);
  }
  const byHost = adapters.find((a) => hostMatches(hostname, a.hosts));
  if (byHost) return byHost;
  try {
    return adapters.find((a) => a.detect?.(doc));
  } catch {
    return undefined;
  }
}
