import { useEffect, useState } from 'react';
import type { ActionResult } from '@/lib/operations/action-result';

/** Records that the signed-in user has the article open and answers who else has. */
export type Heartbeat = (articleId: string) => Promise<ActionResult<{ others: string[] }>>;

export const HEARTBEAT_MS = 10_000;

/** The names of the other people editing the article, refreshed by a heartbeat every HEARTBEAT_MS (offline: kept as last known). */
export function usePresence(articleId: string, heartbeat: Heartbeat): string[] {
  const [others, setOthers] = useState<string[]>([]);
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      try {
        const r = await heartbeat(articleId);
        if (!stopped && r.ok) setOthers(r.others);
      } catch {
        // offline: try again next time
      }
    };
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [articleId, heartbeat]);
  return others;
}
