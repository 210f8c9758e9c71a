import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUILD_MANIFEST,
  changedSettings,
  readBuildManifest,
  rebuildEnvironment,
  writeBuildManifest,
} from './build-manifest.ts';

const dir = await mkdtemp(join(tmpdir(), 'deck-manifest-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('an export that rebuilds the site', () => {
  it('builds it with the settings of the last build that are not set now, and names them', async () => {
    // `DECK_URL=https://… npm run build`: the manifest records what came from the environment.
    await writeBuildManifest(dir, { DECK_URL: 'https://example.org/deck/', HOME: '/root', DECK_LIVE_BROKER: '' });
    const recorded = await readBuildManifest(dir);
    expect(recorded).toEqual({ DECK_URL: 'https://example.org/deck/' });

    // Then `npm run export:pdf` without DECK_URL.
    expect(rebuildEnvironment(recorded, { HOME: '/root' })).toEqual({
      env: { HOME: '/root', DECK_URL: 'https://example.org/deck/' },
      reused: { DECK_URL: 'https://example.org/deck/' },
    });
  });

  it('lets a setting given now win over the recorded one', () => {
    const now = { DECK_URL: 'https://venue.example/', DECK_LIVE_BROKER: 'wss://broker.example/mqtt' };
    expect(rebuildEnvironment({ DECK_URL: 'https://example.org/deck/' }, now)).toEqual({ env: now, reused: {} });
  });

  it('names the settings given now that the last build did not have', () => {
    const recorded = { DECK_URL: 'https://example.org/deck/' };
    expect(changedSettings(recorded, { DECK_URL: 'https://example.org/deck/' })).toEqual([]);
    expect(changedSettings(recorded, {})).toEqual([]);
    expect(
      changedSettings(recorded, { DECK_URL: 'https://example.org/other/', DECK_LIVE_BROKER: 'wss://b.example/' }),
    ).toEqual(['DECK_URL=https://example.org/other/', 'DECK_LIVE_BROKER=wss://b.example/']);
  });

  it('reuses nothing without a manifest, or from one it cannot read', async () => {
    expect(await readBuildManifest(join(dir, 'none'))).toEqual({});
    await writeFile(join(dir, BUILD_MANIFEST), '{ not json');
    expect(await readBuildManifest(dir)).toEqual({});
    await writeFile(
      join(dir, BUILD_MANIFEST),
      JSON.stringify({ DECK_URL: 7, DECK_LIVE_BROKER: 'wss://b/', PATH: '/x' }),
    );
    expect(await readBuildManifest(dir)).toEqual({ DECK_LIVE_BROKER: 'wss://b/' });
  });
});
