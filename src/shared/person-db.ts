/** The person's own data in IndexedDB: history and feedback (background), memory and added models (engine). Never leaves the machine. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FeedbackRequest } from './protocol';
import type { Band, MediaKind } from './types';

export interface HistoryEntry {
  /** `${pageUrl}|${contentHash ?? mediaUrl}`: the same item on the same page is one entry. */
  id: string;
  at: number;
  pageUrl: string;
  mediaUrl?: string;
  postUrl?: string;
  kind: MediaKind;
  band: Band;
  reasonKey: string;
  /** One short line per signal that found something: `detector: outcome (score)`. */
  signals: string[];
  thumbnail?: string;
  contentHash?: string;
  phash?: string;
  feedback?: 'wrong' | 'right';
}

export interface FeedbackEntry extends FeedbackRequest {
  id: string;
  at: number;
  pageUrl?: string;
  /** Exported only with "include images". */
  thumbnail?: string;
}

export interface MemoryEntry {
  /** contentHash, or the perceptual hash when bytes were not available. */
  key: string;
  phash: string;
  at: number;
  host: string;
  mediaUrl?: string;
  band: Band;
  personVerdict?: 'wrong' | 'right';
}

export interface StoredModel {
  id: string;
  /** Validated again whenever it is read. */
  card: unknown;
  bytes: ArrayBuffer;
}

interface PersonSchema extends DBSchema {
  history: { key: string; value: HistoryEntry; indexes: { at: number } };
  feedback: { key: string; value: FeedbackEntry; indexes: { at: number } };
  memory: { key: string; value: MemoryEntry; indexes: { at: number } };
  models: { key: string; value: StoredModel };
}

type PersonDb = IDBPDatabase<PersonSchema>;

const NAME = 'deepfake-radar-person';
let db: Promise<PersonDb> | undefined;

export function openPersonDb(): Promise<PersonDb> {
  return (db ??= openDB<PersonSchema>(NAME, 1, {
    upgrade(d) {
      d.createObjectStore('history', { keyPath: 'id' }).createIndex('at', 'at');
      d.createObjectStore('feedback', { keyPath: 'id' }).createIndex('at', 'at');
      d.createObjectStore('memory', { keyPath: 'key' }).createIndex('at', 'at');
      d.createObjectStore('models', { keyPath: 'id' });
    },
  }).catch((e) => {
    db = undefined;
    throw e;
  }));
}
