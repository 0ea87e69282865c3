// The desktop app's log: lines appended to <dataDir>/logs/console.log, rotated by size
// (console.log -> console.1.log -> console.2.log, oldest dropped). Writes are synchronous so a line
// about an uncaught exception reaches the disk before the process goes down.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { consoleLogger, redactText, type Logger, type LogLevel } from '../log/logger.js';

export const LOG_DIR_NAME = 'logs';
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP = 3;

export interface RotatingFileOptions {
  dir: string;
  /** Base name without extension; files are <base>.log, <base>.1.log, ... */
  base?: string;
  maxBytes?: number;
  /** Files kept in total, the live one included. */
  keep?: number;
}

export interface RotatingFile {
  readonly path: string;
  /** Appends one line (a newline is added). Never throws: a log must not take the app down. */
  writeLine(line: string): void;
}

/** Masks secrets that may hide inside free text (error messages, URLs): ../log/logger.ts redactText. */
export const scrubSecrets = (line: string): string => redactText(line);

export function openRotatingFile(options: RotatingFileOptions): RotatingFile {
  const base = options.base ?? 'console';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!/^[A-Za-z0-9_-]+$/.test(base)) throw new Error(`log file base: letters, digits, "_" and "-" only (got "${base}")`);
  if (!Number.isInteger(maxBytes) || maxBytes < 1024) throw new Error(`log maxBytes: an integer of at least 1024 (got ${maxBytes})`);
  if (!Number.isInteger(keep) || keep < 1 || keep > 20) throw new Error(`log keep: an integer 1..20 (got ${keep})`);
  mkdirSync(options.dir, { recursive: true });

  const fileAt = (n: number) => join(options.dir, n === 0 ? `${base}.log` : `${base}.${n}.log`);
  const path = fileAt(0);
  let size = sizeOf(path);

  const rotate = () => {
    rmSync(fileAt(keep - 1), { force: true });
    for (let n = keep - 2; n >= 0; n--) {
      try {
        renameSync(fileAt(n), fileAt(n + 1));
      } catch {
        // a missing older file is fine
      }
    }
    size = 0;
  };

  const append = (text: string) => {
    try {
      appendFileSync(path, text, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      mkdirSync(options.dir, { recursive: true }); // the folder was removed while running
      appendFileSync(path, text, 'utf8');
    }
  };

  return {
    path,
    writeLine(line: string) {
      try {
        const text = `${scrubSecrets(line)}\n`;
        const bytes = Buffer.byteLength(text);
        if (size > 0 && size + bytes > maxBytes) rotate();
        append(text);
        size += bytes;
      } catch {
        // disk full or no permission: keep running without the file log
      }
    },
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The core's Logger, writing redacted lines to the rotating file and to stderr. */
export function fileLogger(file: RotatingFile, level: LogLevel = 'info', echo: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  return consoleLogger(level, (line) => {
    file.writeLine(line);
    echo(scrubSecrets(line));
  });
}
