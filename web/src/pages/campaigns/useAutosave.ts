import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormValue } from '../../../../core/campaigns/form-validation.ts';
import { api, ApiError } from '../../api/client.ts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'offline' }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

interface Draft {
  values: Record<string, FormValue>;
  isRegistryConfirmed: boolean;
}

interface Stored extends Draft {
  version: number | null;
  savedAt: string;
}

const storageKey = (url: string) => `pedmonitor:draft:${url}`;

/**
 * Autosave of a form draft. Every change is first written to this device (localStorage), then sent to the
 * server a moment later; without a connection it stays on the device and goes out when the connection comes
 * back. A change made meanwhile by someone else is never overwritten (the version check answers 409).
 */
export function useAutosave(
  url: string,
  server: {
    version: number | null;
    values: Record<string, FormValue>;
    isRegistryConfirmed: boolean;
    isEditable: boolean;
  },
  onSaved: () => void,
) {
  // A draft left on this device (the connection dropped before it reached the server) is shown instead of
  // the server copy, but only while it still applies: not once the form was sent, accepted or closed, and not
  // when the server copy is newer than the one the draft was typed over.
  const [left] = useState(() => {
    const stored = readStored(url);
    const usable = usableDraft(stored, server);
    if (stored && !usable) localStorage.removeItem(storageKey(url));
    return usable;
  });
  const [draft, setDraft] = useState<Draft>(() =>
    left
      ? { values: left.values, isRegistryConfirmed: left.isRegistryConfirmed }
      : { values: server.values, isRegistryConfirmed: server.isRegistryConfirmed },
  );
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef<number | null>(left?.version ?? server.version);
  const pending = useRef<boolean>(left !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Counts the changes, so that a save knows whether the user typed on while it was on its way. */
  const revision = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);

  const sendOnce = useCallback(async (): Promise<boolean> => {
    const current = readStored(url);
    if (!current) return false;
    const sent = revision.current;
    setState({ kind: 'saving' });
    try {
      const result = await api.put<{ version: number }>(url, {
        values: current.values,
        isRegistryConfirmed: current.isRegistryConfirmed,
        version: version.current,
      });
      version.current = result.version;
      if (revision.current !== sent) {
        // Typed on meanwhile: the newer draft stays on the device, now against the saved version, and goes next.
        const newer = readStored(url);
        if (newer)
          localStorage.setItem(storageKey(url), JSON.stringify({ ...newer, version: result.version }));
        return true;
      }
      pending.current = false;
      localStorage.removeItem(storageKey(url));
      setState({ kind: 'saved', at: new Date() });
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) setState({ kind: 'offline' });
      else if (e instanceof ApiError && e.code === 'version_conflict')
        setState({ kind: 'conflict', message: e.message });
      else setState({ kind: 'error', message: e instanceof Error ? e.message : 'Не удалось сохранить' });
    }
    return false;
  }, [url, onSaved]);

  // One save at a time: the timer, the browser's «online» and a submit may all ask at once, and two saves
  // sent with the same version would answer the second with a conflict with oneself.
  const flush = useCallback((): Promise<void> => {
    if (!pending.current || !server.isEditable) return Promise.resolve();
    if (inFlight.current) return inFlight.current.then(() => flush());
    inFlight.current = (async () => {
      try {
        while (await sendOnce()) {
          /* the next draft goes right after */
        }
      } finally {
        inFlight.current = null;
      }
    })();
    return inFlight.current;
  }, [server.isEditable, sendOnce]);

  const change = useCallback(
    (next: Draft) => {
      setDraft(next);
      pending.current = true;
      revision.current++;
      localStorage.setItem(
        storageKey(url),
        JSON.stringify({
          ...next,
          version: version.current,
          savedAt: new Date().toISOString(),
        } satisfies Stored),
      );
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, 1200);
    },
    [url, flush],
  );

  useEffect(() => {
    const online = () => void flush();
    window.addEventListener('online', online);
    if (pending.current) void flush();
    return () => {
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush]);

  return {
    draft,
    change,
    state,
    version: () => version.current,
    /** Sends what is pending now (before submitting). */
    flush,
    hasPending: () => pending.current,
    discardLocal: () => {
      localStorage.removeItem(storageKey(url));
      pending.current = false;
    },
  };
}

/** The draft left on the device that may be shown instead of the server copy, or null. */
export function usableDraft<T extends { version: number | null }>(
  stored: T | null,
  server: { version: number | null; isEditable: boolean },
): T | null {
  if (!stored || !server.isEditable) return null;
  return stored.version === server.version ? stored : null;
}

function readStored(url: string): Stored | null {
  try {
    const raw = localStorage.getItem(storageKey(url));
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}
