/**
 * How long a detection is kept (ENF-051 V.C.1 and V.C.4): the policy's per-network number when it
 * has one (FlockOS 30 days), otherwise `detectionRetentionDays`. One rule for every place that
 * drops detections or the alerts made of them.
 */
import type { Hit, Policy } from './protocol/index.js';

type CameraNetwork = Hit['camera']['network'];

export type Retention = Pick<Policy, 'detectionRetentionDays' | 'retentionDaysByNetwork'>;

export function retentionDaysFor(retention: Retention, network: CameraNetwork): number {
  return retention.retentionDaysByNetwork[network] ?? retention.detectionRetentionDays;
}

/** The shortest retention the policy gives any network: nothing younger than this can be due. */
export function shortestRetentionDays(retention: Retention): number {
  return Math.min(retention.detectionRetentionDays, ...Object.values(retention.retentionDaysByNetwork).filter((d): d is number => typeof d === 'number'));
}
