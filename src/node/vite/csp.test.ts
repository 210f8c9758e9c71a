import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, speakerViewScriptHashes } from './csp.ts';
import { decodeStringLiteral } from './speaker-view-popup.ts';

describe('contentSecurityPolicy', () => {
  it('allows the own origin only, and inline scripts only by hash', () => {
    const policy = contentSecurityPolicy({ scriptHashes: ['sha256-abc'] });
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self' 'sha256-abc'");
    expect(policy).toContain("font-src 'self';");
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(contentSecurityPolicy({ scriptHashes: [], inlineFonts: true })).toContain("font-src 'self' data:");
  });
});

describe('speakerViewScriptHashes', () => {
  it("hashes the installed speaker view's inline script", async () => {
    const hashes = await speakerViewScriptHashes();
    expect(hashes).toHaveLength(1);
    expect(hashes[0]).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
  });
});

describe('decodeStringLiteral', () => {
  it('decodes the escapes a JavaScript string can hold', () => {
    expect(decodeStringLiteral(String.raw`"a\n\t\"b\\c\x3C\u00e9\u{1F600}\'"`)).toBe('a\n\t"b\\c<é😀\'');
  });
});
