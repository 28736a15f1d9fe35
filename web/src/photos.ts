/** The event page's photo list: pages from the API and finished uploads merged, newest first. */
import type { Photo } from "../../client/api";

/**
 * `current` with `added` merged in: one entry per id, newest first. Photo ids are time-sortable
 * (ULIDs), so their order is the API's order, and an upload that finishes late still lands in place.
 */
export function mergePhotos(current: readonly Photo[], added: readonly Photo[]): Photo[] {
  const byId = new Map(current.map((photo) => [photo.id, photo]));
  for (const photo of added) byId.set(photo.id, photo);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The title a chosen file starts with: its name without the extension. */
export function titleFromFileName(name: string): string {
  const base = name.replace(/\.[^.]+$/, "").trim();
  return base || name;
}

/** A byte count as a person reads it, e.g. "2.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
