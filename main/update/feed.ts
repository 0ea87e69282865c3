// The update server's description of the newest release on a channel: the `latest.yml` /
// `beta.yml` (and -mac / -linux variants) that electron-builder publishes beside the installers.
// Read like any outside input: fetched through the console's proxy-aware fetch, parsed as YAML,
// validated; anything else is a plain error.
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';
import { netFetch } from '../net/fetch.js';

export type UpdateChannel = 'stable' | 'beta';

export interface UpdateRelease {
  version: string;
  releaseDate: string | null;
  files: { url: string; sha512: string; size: number | null }[];
}

const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const releaseSchema = z.object({
  version: z.string().regex(VERSION, 'must be a version like 1.4.0 or 1.5.0-beta.1'),
  releaseDate: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
  files: z
    .array(z.object({ url: z.string().min(1).max(500), sha512: z.string().min(40).max(200), size: z.number().int().nonnegative().optional() }))
    .min(1, 'must list the release files'),
});

/** The file electron-builder writes for a channel on this OS and CPU. */
export function channelFileName(channel: UpdateChannel, platform: NodeJS.Platform, arch: string): string {
  const name = channel === 'stable' ? 'latest' : 'beta';
  if (platform === 'darwin') return `${name}-mac.yml`;
  if (platform === 'linux') return arch === 'x64' ? `${name}-linux.yml` : `${name}-linux-${arch}.yml`;
  return `${name}.yml`;
}

export type FeedResult = { ok: true; release: UpdateRelease | null } | { ok: false; error: string };

/** The newest release on `channel` at `feedUrl` (a folder); null when the channel has none yet. */
export async function readUpdateFeed(feedUrl: string, channel: UpdateChannel, platform: NodeJS.Platform, arch: string, fetchFn: typeof fetch = netFetch): Promise<FeedResult> {
  const url = `${feedUrl.replace(/\/+$/, '')}/${channelFileName(channel, platform, arch)}`;
  let response: Response;
  try {
    response = await fetchFn(url, { signal: AbortSignal.timeout(30_000), headers: { 'cache-control': 'no-cache' } });
  } catch (e) {
    return { ok: false, error: `The update server could not be reached (${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)})` };
  }
  if (response.status === 404) return { ok: true, release: null };
  if (response.status !== 200) return { ok: false, error: `The update server answered HTTP ${response.status} for ${url}` };
  let raw: unknown;
  try {
    raw = parseYaml((await response.text()).slice(0, 64 * 1024));
  } catch (e) {
    return { ok: false, error: `The update server's ${channelFileName(channel, platform, arch)} is not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
  const parsed = releaseSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `The update server's ${channelFileName(channel, platform, arch)} is not a release description (${issue.path.join('.') || 'file'}: ${issue.message})` };
  }
  const { version, releaseDate, files } = parsed.data;
  return { ok: true, release: { version, releaseDate: releaseDate ?? null, files: files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size ?? null })) } };
}
