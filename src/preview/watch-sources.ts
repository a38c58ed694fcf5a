// Watches what the preview depends on: the templates folder (the config's
// `templates:` override, or the built-in one), the config file, and the
// outbox folder. Saves come in bursts (write, rename, chmod), so events are
// gathered for a moment and reported once.
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface WatchedPaths {
  templatesDir: string;
  configFile: string | null;
  outboxDir: string;
}

export interface SourceChange {
  templates: boolean;
  config: boolean;
  inbox: boolean;
  files: string[];
}

export interface SourceWatcher {
  /** Resolves once the initial scan is done (changes after this are reported). */
  ready: Promise<void>;
  /** Point the watcher at new folders (the config changed its `templates:` or `outbox:`). */
  update(paths: WatchedPaths): void;
  close(): Promise<void>;
}

export function watchSources(initial: WatchedPaths, onChange: (change: SourceChange) => void, opts: { debounceMs?: number } = {}): SourceWatcher {
  const debounceMs = opts.debounceMs ?? 60;
  let paths = initial;
  let pending: SourceChange | null = null;
  let timer: NodeJS.Timeout | null = null;

  const list = (p: WatchedPaths) => [p.templatesDir, p.outboxDir, ...(p.configFile ? [p.configFile] : [])];
  const watcher: FSWatcher = watch(list(paths), {
    ignoreInitial: true,
    // Editors' swap and backup files are not templates.
    ignored: (file: string) => /(^|[/\\])(\.#|#)|~$|\.sw[a-p]$|\.tmp$/.test(file),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const within = (file: string, dir: string) => {
    const rel = path.relative(dir, file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };

  watcher.on('all', (_event, file) => {
    const abs = path.resolve(file);
    const change = (pending ??= { templates: false, config: false, inbox: false, files: [] });
    if (paths.configFile && abs === path.resolve(paths.configFile)) change.config = true;
    else if (within(abs, paths.templatesDir)) change.templates = true;
    else if (within(abs, paths.outboxDir)) {
      if (!abs.endsWith('.eml')) return;
      change.inbox = true;
    } else return;
    change.files.push(abs);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const c = pending;
      pending = null;
      timer = null;
      if (c) onChange(c);
    }, debounceMs);
  });

  return {
    ready,
    update(next) {
      const before = new Set(list(paths));
      const after = new Set(list(next));
      const gone = [...before].filter((p) => !after.has(p));
      const added = [...after].filter((p) => !before.has(p));
      if (gone.length) watcher.unwatch(gone);
      if (added.length) watcher.add(added);
      paths = next;
    },
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
