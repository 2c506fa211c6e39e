import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** (last proof text, last hash, difficulty, start, count, step) → the first valid proof, or -1. */
export type NativeSearch = (
  prefix: string,
  suffix: string,
  difficulty: number,
  start: number,
  count: number,
  step: number,
) => number;

/** What native/addon.c exports; `searchShaNi` only on a CPU with the SHA extensions. */
export interface NativeAddon {
  searchPortable: NativeSearch;
  searchShaNi?: NativeSearch;
}

export type NativeAddonLoad = { addon: NativeAddon } | { addon?: undefined; problem: string };

const ADDON_FILE = join('build', 'Release', 'proof_of_work.node');

/** The folder holding package.json: the same from src/ (ts-node, jest) and dist/src/ (compiled). */
function packageRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

let loaded: NativeAddonLoad | undefined;

/** Loads the addon `npm install` built, once per thread; says why when it cannot. */
export function loadNativeAddon(): NativeAddonLoad {
  loaded ??= tryLoad(join(packageRoot(), ADDON_FILE));
  return loaded;
}

function tryLoad(path: string): NativeAddonLoad {
  if (!existsSync(path)) return { problem: `${ADDON_FILE} was not built (npm install compiles it)` };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { addon: require(path) as NativeAddon };
  } catch (error) {
    return { problem: `${ADDON_FILE} did not load: ${(error as Error).message}` };
  }
}
